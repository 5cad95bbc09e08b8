"""Command line: ``python -m validator report`` and ``python -m validator run``.

Exit codes: 0 all good; 1 a scenario failed or a finding of a failing severity; 2 bad input
(guide or record missing, output could not be written); 3 nothing ran or a step had no
definition — never 0 in that case, whatever --fail-on says.
"""
from __future__ import annotations

import argparse
import glob
import subprocess
import sys
import time
from pathlib import Path

from .analysis import EXIT_FAILING, EXIT_INPUT, EXIT_NOTHING_RAN, EXIT_OK, analyse
from .findings import parse_severities
from .guide import parse_guide
from .images import ImageStore
from .merge import load_records

DEFAULT_GUIDE = "guide/hunan-apec-account-registration.md"
DEFAULT_RECORD = "reports/run-record.json"
DEFAULT_OUT = "reports/guide"
FORMATS = ("html", "pdf", "json", "md")
PYTEST_NO_TESTS = 5


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--guide", default=DEFAULT_GUIDE, help="the guide's Markdown (another revision)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="folder for the reports")
    parser.add_argument("--fail-on", default="error",
                        help="severities that fail the run: error, warning, info, comma-separated, or none")
    parser.add_argument("--formats", default=",".join(FORMATS), help="html,pdf,json,md")
    parser.add_argument("--repo-url", metavar="URL",
                        help="the repository's file view (https://host/org/repo/blob/main): a finding's guide line "
                             "links to the guide file there")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m validator", description="Validate the guide against a run.")
    sub = parser.add_subparsers(dest="command", required=True)
    report_ = sub.add_parser("report", help="report on existing run records")
    _common(report_)
    report_.add_argument("--record", action="append", metavar="PATH_OR_GLOB",
                         help=f"the harness's run record ({DEFAULT_RECORD}); repeat it, or give a quoted glob such "
                              "as 'reports-*/run-record.json', to build one guide from a split run's groups")
    report_.add_argument("--cucumber-report", metavar="PATH",
                         help="also write one Cucumber JSON report for the (merged) records")
    report_.add_argument("--suggest-patch", nargs="?", const="guide-fixes.diff", metavar="PATH",
                         help="write the findings' suggested fixes as a unified diff of the guide (default "
                              "OUT/guide-fixes.diff; apply with `patch -p1 < …` from the repository root)")
    report_.add_argument("--update-guide", action="store_true",
                         help="copy each verified figure's fresh screenshot beside the guide and link it from the "
                              "guide; drifted and failed figures are left alone and listed")
    report_.add_argument("--previous", metavar="OLD_REPORT_JSON",
                         help="an earlier report.json: mark the figures whose picture changed since")
    run = sub.add_parser("run", help="run the scenarios, then report (pytest args after --)")
    _common(run)
    run.add_argument("--record", default=DEFAULT_RECORD, help="where the run writes its run record")
    run.add_argument("--base-url", help="portal to test (e.g. a staging portal)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    args = build_parser().parse_args(argv)
    try:
        fail_on = parse_severities(args.fail_on)
        formats = {f.strip() for f in args.formats.split(",") if f.strip()}
        unknown = formats - set(FORMATS)
        if unknown:
            raise ValueError(f"unknown format: {', '.join(sorted(unknown))}")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if args.command == "run":
        return run(args, fail_on, formats, extra)
    try:
        records = _record_paths(args.record or [DEFAULT_RECORD])
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    cucumber = Path(args.cucumber_report) if args.cucumber_report else None
    writer = {"repo_url": args.repo_url, "suggest_patch": args.suggest_patch, "update_guide": args.update_guide,
              "previous": args.previous}
    return report(Path(args.guide), records, Path(args.out), fail_on, formats, cucumber, writer)


def _record_paths(values: list[str]) -> list[Path]:
    """Each --record value as a path, or as a glob when it has one (sorted, so group 1 comes before group 2)."""
    paths = []
    for value in values:
        if glob.has_magic(value):
            matches = sorted(glob.glob(value))
            if not matches:
                raise ValueError(f"no run record matches {value}")
            paths += map(Path, matches)
        else:
            paths.append(Path(value))
    return paths


def report(guide_path: Path, record_paths: list[Path], out: Path, fail_on: set[str], formats: set[str],
           cucumber: Path | None = None, writer: dict | None = None) -> int:
    writer = writer or {}
    previous = Path(writer["previous"]) if writer.get("previous") else None
    for what, path in [("guide", guide_path)] + [("run record", p) for p in record_paths] + (
            [("previous report", previous)] if previous else []):
        if not path.is_file():
            print(f"error: {what} not found: {path}", file=sys.stderr)
            return EXIT_INPUT
    try:
        guide, merged = parse_guide(guide_path), load_records(record_paths)
    except (ValueError, OSError) as exc:
        print(f"error: cannot read input: {exc}", file=sys.stderr)
        return EXIT_INPUT
    for warning in merged.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    analysis = analyse(guide, merged.record)
    out.mkdir(parents=True, exist_ok=True)
    images = ImageStore(analysis, out)
    sources = {"guide": guide_path.as_posix(), "record": ", ".join(p.as_posix() for p in record_paths)}
    changed: set[int] = set()
    if previous is not None:  # before any image is written: the previous report may be in this same folder
        from .since import changed_figures
        try:
            changed = changed_figures(analysis, images, previous)
        except (ValueError, OSError) as exc:
            print(f"error: previous report unreadable: {previous}: {exc}", file=sys.stderr)
            return EXIT_INPUT
    written, status = [], EXIT_OK
    if "json" in formats:
        from .report import build_report, write_json
        write_json(build_report(analysis, fail_on, sources, images), out / "report.json")
        written.append("report.json")
    if formats & {"html", "pdf"}:
        from .html import render_html
        (out / "illustrated-guide.html").write_text(
            render_html(analysis, images, sources, repo_url=writer.get("repo_url"), changed=changed), encoding="utf-8")
        written.append("illustrated-guide.html")
    if "md" in formats:
        from .markdown import render_markdown
        (out / "illustrated-guide.md").write_text(render_markdown(analysis, images, changed, writer.get("repo_url"),
                                                                      guide_path.as_posix()), encoding="utf-8")
        written.append("illustrated-guide.md")
    if "pdf" in formats:
        from .pdf import write_pdf
        try:
            write_pdf(out / "illustrated-guide.html", out / "illustrated-guide.pdf")
            written.append("illustrated-guide.pdf")
        except Exception as exc:  # the other formats stand; the missing PDF must still fail the run
            print(f"error: PDF not written: {exc}", file=sys.stderr)
            status = EXIT_INPUT
    if writer.get("suggest_patch"):
        written.append(_write_patch(analysis, guide_path, out, writer["suggest_patch"]))
    if writer.get("update_guide"):
        written += _update_guide(analysis, images, guide_path)
    if cucumber is not None:
        from fixtures.cucumber import write_cucumber  # the harness's own writer: one format, one place
        try:
            write_cucumber(merged.data, cucumber)
            written.append(cucumber.as_posix())
        except OSError as exc:
            print(f"error: Cucumber report not written: {exc}", file=sys.stderr)
            status = EXIT_INPUT
    _print_summary(analysis, fail_on, out, written)
    code = analysis.exit_code(fail_on)
    return code if code != EXIT_OK else status


def _write_patch(analysis, guide_path: Path, out: Path, name: str) -> str:
    from .patch import suggest_patch
    target = Path(name) if Path(name).parent != Path(".") else out / name
    patch = suggest_patch(guide_path.read_text(encoding="utf-8"), analysis.findings, guide_path.as_posix())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(patch.diff, encoding="utf-8")
    print(f"建议修改 suggested fixes: {len(patch.applied)} findings in {target}"
          + (f"; {len(patch.skipped)} no longer fit their line" if patch.skipped else ""))
    return target.as_posix()


def _update_guide(analysis, images: ImageStore, guide_path: Path) -> list[str]:
    from .update_guide import plan_update, write_update
    update = plan_update(analysis, images, guide_path, guide_path.read_text(encoding="utf-8"))
    write_update(update, guide_path)
    print(f"更新指南 guide updated: figures {', '.join(map(str, update.updated)) or '-'} now show this run's "
          f"screenshots ({update.folder.as_posix()})")
    for number, why in update.left:
        print(f"  图 {number} 未更新 left alone: {why}")
    return [guide_path.as_posix(), update.folder.as_posix() + "/"]


def _print_summary(analysis, fail_on: set[str], out: Path, written: list[str]) -> None:
    from .report import summary_table
    print(summary_table(analysis, fail_on))
    failing = [f for f in analysis.findings if f.severity in fail_on or f.kind in ("scenario_failed", "step_undefined")]
    for f in failing:
        print(f"  {f.id} [{f.severity}] {f.section or '-'}: {f.message}")
    print(f"写入 written to {out}: {', '.join(written) or '-'}")
    code = analysis.exit_code(fail_on)
    verdict = {EXIT_OK: "通过 passed", EXIT_FAILING: "不通过 failed", EXIT_NOTHING_RAN: "没有运行或有未定义步骤 nothing ran / undefined step"}
    print(f"结论 verdict: {verdict.get(code, code)}")


def run(args, fail_on: set[str], formats: set[str], extra: list[str]) -> int:
    record = Path(args.record)
    # Screenshots go beside the record: the record's paths are relative to its own folder.
    cmd = [sys.executable, "-m", "pytest", "tests/test_scenarios.py", "--run-record", str(record),
           "--evidence-dir", str(record.parent)]
    if args.base_url:
        cmd += ["--base-url", args.base_url]
    cmd += extra
    started = time.time()
    print("$ " + " ".join(cmd), flush=True)
    rc = subprocess.call(cmd)
    # A record left over from an earlier run must not pass for this one.
    if not record.is_file() or record.stat().st_mtime < started - 1:
        print(f"error: the run wrote no run record at {record} (pytest exit {rc})", file=sys.stderr)
        return EXIT_NOTHING_RAN if rc in (0, PYTEST_NO_TESTS) else EXIT_INPUT
    code = report(Path(args.guide), [record], Path(args.out), fail_on, formats, writer={"repo_url": args.repo_url})
    if code == EXIT_OK and rc != 0:
        # pytest saw a failure the record does not show (an error outside the scenarios).
        return EXIT_NOTHING_RAN if rc == PYTEST_NO_TESTS else (EXIT_FAILING if rc == 1 else EXIT_INPUT)
    return code
