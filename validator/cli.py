"""Command line: ``python -m validator report``, ``python -m validator run`` and ``python -m validator import``.

Exit codes: 0 all good; 1 a scenario failed or a finding of a failing severity; 2 bad input (guide, record,
previous report or options wrong, output folder not writable, pre-flight failed: browser, portal or control API);
3 nothing ran or a step had no definition — never 0 in that case, whatever --fail-on says.
"""
from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import time
from pathlib import Path

from .analysis import EXIT_FAILING, EXIT_INPUT, EXIT_NOTHING_RAN, EXIT_OK, analyse
from .findings import parse_severities

DEFAULT_GUIDE = "guide/hunan-apec-account-registration.md"
DEFAULT_RECORD = "reports/run-record.json"
DEFAULT_OUT = "reports/guide"
DEFAULT_FEATURES = "features"
FORMATS = ("html", "pdf", "json", "md")
PYTEST_NO_TESTS = 5

EXIT_CODES = """exit codes:
  0  passed: every scenario that ran passed and no finding has a --fail-on severity
  1  failed: a scenario failed, or a finding has a --fail-on severity
  2  bad input: the guide, a run record, --previous or an option is wrong, the output folder cannot be written,
     or the pre-flight failed (browser cannot start, portal or its control API does not answer)
  3  nothing ran, or a step had no definition (never 0 then, whatever --fail-on says)"""

TOP_EXAMPLES = """examples:
  python -m validator run                          run every scenario on the embedded mock, then validate
  python -m validator run -m guide-1.3             only §1.3's scenarios (pytest options need no --)
  python -m validator report                       validate the last run's record again
  python -m validator report --previous old/report.json   what is new, resolved and unchanged since then"""

RUN_EXAMPLES = """Options the validator does not know are pytest's (-m, -k, -n, --headed, --chromium-path, …), with or
without a -- before them. Scenarios run with one pytest-xdist worker per core (-n auto) unless you give -n.

examples:
  python -m validator run -m guide-1.3             one guide section (its tag is a pytest marker)
  python -m validator run -k 扫码登录 -n 0          matching scenarios, serially
  python -m validator run --base-url https://staging.example.cn --fail-on error,warning
  python -m validator run --previous reports/guide-old/report.json"""

REPORT_EXAMPLES = """examples:
  python -m validator report                       the last run (reports/run-record.json)
  python -m validator report --record 'reports-*/run-record.json'   one guide from a split run's groups
  python -m validator report --guide path/to/new-revision.md --fail-on none
  python -m validator report --previous reports/guide-old/report.json --formats json"""


IMPORT_EXAMPLES = """examples:
  python -m validator import guide-from-writer.txt --out guide/other-province.md
  python -m validator import guide.docx --out guide/other-province.md   pictures in guide/other-province-images/"""


class _Help(argparse.RawDescriptionHelpFormatter):
    """The epilog's layout kept, and each option's default in its help (when it has one)."""

    def _get_help_string(self, action):
        text = action.help or ""
        if action.option_strings and action.default not in (None, False, argparse.SUPPRESS) \
                and "%(default)" not in text:
            text += " (default: %(default)s)"
        return text


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--guide", default=DEFAULT_GUIDE, help="the guide's Markdown transcription")
    parser.add_argument("--out", default=DEFAULT_OUT, help="folder for the reports")
    parser.add_argument("--fail-on", default="error",
                        help="severities that fail the run: error, warning, info, comma-separated, or none")
    parser.add_argument("--formats", default=",".join(FORMATS), help="which reports to write: html,pdf,json,md")
    parser.add_argument("--previous", metavar="OLD.json", default=None,
                        help="an earlier report.json: list findings new, resolved and unchanged since it, and mark the "
                             "figures whose picture changed")
    parser.add_argument("--features", default=DEFAULT_FEATURES,
                        help="the feature files, to tell a section a partial run left out from one not covered")
    parser.add_argument("--repo-url", metavar="URL",
                        help="the repository's file view (https://host/org/repo/blob/main): a finding's guide line "
                             "links to the guide file there")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m validator", formatter_class=_Help, allow_abbrev=False,
                                     description="Validate the guide against a run of its scenarios.",
                                     epilog=EXIT_CODES + "\n\n" + TOP_EXAMPLES)
    sub = parser.add_subparsers(dest="command", required=True, metavar="{run,report,import}")
    run_ = sub.add_parser("run", formatter_class=_Help, allow_abbrev=False, epilog=RUN_EXAMPLES + "\n\n" + EXIT_CODES,
                          help="check the browser and portal, run the scenarios, then report",
                          description="Pre-flight (browser, portal, control API), run the scenarios with pytest, "
                                      "then validate the guide against the run record.")
    _common(run_)
    run_.add_argument("--record", default=DEFAULT_RECORD, help="where the run writes its run record")
    run_.add_argument("--base-url", help="portal to test (e.g. a staging portal); default: the embedded mock")
    report_ = sub.add_parser("report", formatter_class=_Help, allow_abbrev=False,
                             epilog=REPORT_EXAMPLES + "\n\n" + EXIT_CODES,
                             help="validate the guide against existing run records",
                             description="Validate the guide against existing run records, without running.")
    _common(report_)
    report_.add_argument("--record", action="append", metavar="PATH_OR_GLOB",
                         help=f"the harness's run record (default {DEFAULT_RECORD}); repeat it, or give a quoted "
                              "glob such as 'reports-*/run-record.json', to build one guide from a split run's groups")
    report_.add_argument("--cucumber-report", metavar="PATH",
                         help="also write one Cucumber JSON report for the (merged) records")
    report_.add_argument("--suggest-patch", nargs="?", const="guide-fixes.diff", metavar="PATH",
                         help="write the findings' suggested fixes as a unified diff of the guide, with the approved "
                              "links they change re-approved (a bare name goes in OUT; apply with `patch -p1 < …` or "
                              "`git apply` from the repository root)")
    report_.add_argument("--update-guide", action="store_true",
                         help="copy each verified figure's fresh screenshot beside the guide and link it from the "
                              "guide; drifted and failed figures are left alone and listed")
    import_ = sub.add_parser("import", formatter_class=_Help, allow_abbrev=False, epilog=IMPORT_EXAMPLES,
                             help="turn a guide as writers have it (.txt or .docx) into the transcription",
                             description="Turn a plain-text or Word .docx guide into the transcription the "
                                         "validator reads: anchored headings, screenshot places, a .docx's pictures "
                                         "written beside the output and linked. Exit 2 on bad input.")
    import_.add_argument("source", help="the guide: UTF-8 plain text, or a Word .docx")
    import_.add_argument("--out", required=True, metavar="GUIDE.md",
                         help="the transcription to write (a .docx's pictures go in GUIDE-images/ beside it)")
    import_.add_argument("--force", action="store_true", help="replace an existing GUIDE.md and GUIDE-images/")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "run":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "import":
        return import_command(Path(args.source), Path(args.out), args.force)
    try:
        fail_on = parse_severities(args.fail_on)
        formats = {f.strip() for f in args.formats.split(",") if f.strip()}
        bad = formats - set(FORMATS)
        if bad:
            raise ValueError(f"unknown format: {', '.join(sorted(bad))}")
    except ValueError as exc:
        return _error(str(exc))
    if args.command == "run":
        return run(args, fail_on, formats, unknown + extra)
    try:
        records = _record_paths(args.record or [DEFAULT_RECORD])
    except ValueError as exc:
        return _error(str(exc))
    cucumber = Path(args.cucumber_report) if args.cucumber_report else None
    writer = {"repo_url": args.repo_url, "suggest_patch": args.suggest_patch, "update_guide": args.update_guide}
    return report(Path(args.guide), records, Path(args.out), fail_on, formats, cucumber,
                  previous=Path(args.previous) if args.previous else None, features=Path(args.features),
                  writer=writer)


def import_command(source: Path, out: Path, force: bool) -> int:
    from .importer import ImportError_, import_guide

    images = out.with_name(out.stem + "-images")
    if not force and (out.exists() or images.exists()):
        return _error(f"import: {out if out.exists() else images} exists; give --force to replace it")
    try:
        sections, places = import_guide(source, out)
    except ImportError_ as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(f"import: cannot write {exc.filename or out}: {exc.strerror}")
    print(f"{out}: {sections} sections, {places} screenshot places")
    return EXIT_OK


def _error(message: str) -> int:
    """Bad input: one line on stderr, exit 2."""
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_INPUT


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


def _writable_folder(out: Path) -> str | None:
    """Why the reports cannot be written to ``out``, or None. Checked before anything is written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".write-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"output folder {out} cannot be written: {exc.strerror or exc}"
    return None


def report(guide_path: Path, record_paths: list[Path], out: Path, fail_on: set[str], formats: set[str],
           cucumber: Path | None = None, previous: Path | None = None, features: Path | None = None,
           writer: dict | None = None) -> int:
    """``writer``: the documentation writer's options: repo_url, suggest_patch (a path), update_guide."""
    from .changes import PreviousError, compare, load_previous
    from .guide import GuideError, parse_guide
    from .images import ImageStore
    from .merge import load_records
    from .screenshots import vet_screenshots

    for what, path in [("guide", guide_path)] + [("run record", p) for p in record_paths]:
        if not path.is_file():
            return _error(f"{what} not found: {path}")
    try:
        guide = parse_guide(guide_path)
    except GuideError as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(f"guide {guide_path} cannot be read: {exc.strerror}")
    try:
        merged = load_records(record_paths)
    except ValueError as exc:  # RecordError, MergeError: the message names the file (and field)
        return _error(str(exc))
    except OSError as exc:
        return _error(f"run record {exc.filename or record_paths[0]} cannot be read: {exc.strerror}")
    try:
        old = load_previous(previous) if previous else None
    except PreviousError as exc:
        return _error(str(exc))
    problem = _writable_folder(out)
    if problem:
        return _error(problem)
    for warning in merged.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    from .features import tagged_sections
    refused = vet_screenshots(merged.record)
    tagged = tagged_sections(features) if features is not None and merged.record.partial else None
    analysis = analyse(guide, merged.record, tagged, refused)
    changes = compare(old, analysis.findings, previous.as_posix()) if old is not None else None
    images = ImageStore(analysis, out)
    sources = {"guide": guide_path.as_posix(), "record": ", ".join(p.as_posix() for p in record_paths)}
    writer = writer or {}
    changed: dict[int, str] = {}
    if previous is not None:  # before any image is written: the previous report may be in this same folder
        from .since import changed_figures
        try:
            changed = changed_figures(analysis, images, previous)
        except (ValueError, OSError) as exc:
            return _error(f"previous report {previous}: its pictures cannot be compared: {exc}")
    written, status = [], EXIT_OK
    try:
        if "json" in formats:
            from .report import build_report, write_json
            write_json(build_report(analysis, fail_on, sources, images, changes), out / "report.json")
            written.append("report.json")
        if formats & {"html", "pdf"}:
            from .html import render_html
            (out / "illustrated-guide.html").write_text(render_html(analysis, images, sources, fail_on, changes,
                                                                    writer.get("repo_url"), changed),
                                                        encoding="utf-8")
            written.append("illustrated-guide.html")
        if "md" in formats:
            from .markdown import render_markdown
            (out / "illustrated-guide.md").write_text(render_markdown(analysis, images, fail_on, changes, changed,
                                                                      writer.get("repo_url"), guide_path.as_posix()),
                                                      encoding="utf-8")
            written.append("illustrated-guide.md")
        if writer.get("suggest_patch"):
            written.append(_write_patch(analysis, guide_path, out, writer["suggest_patch"], fail_on,
                                        lambda guide, approved: analyse(guide, merged.record, tagged, refused,
                                                                        approved)))
        if writer.get("update_guide"):
            written += _update_guide(analysis, images, guide_path)
    except OSError as exc:
        return _error(f"output folder {out} cannot be written: {exc.strerror or exc}")
    if "pdf" in formats:
        from .pdf import write_pdf
        try:
            write_pdf(out / "illustrated-guide.html", out / "illustrated-guide.pdf")
            written.append("illustrated-guide.pdf")
        except Exception as exc:  # the other formats stand; the missing PDF must still fail the run
            print(f"error: PDF not written: {' '.join(str(exc).split())[:300]}", file=sys.stderr)
            status = EXIT_INPUT
    if cucumber is not None:
        from fixtures.cucumber import write_cucumber  # the harness's own writer: one format, one place
        try:
            write_cucumber(merged.data, cucumber, root=merged.record.folder)
            written.append(cucumber.as_posix())
        except (OSError, KeyError, TypeError) as exc:
            print(f"error: Cucumber report {cucumber} not written: {exc}", file=sys.stderr)
            status = EXIT_INPUT
    _print_summary(analysis, fail_on, out, written, changes)
    code = analysis.exit_code(fail_on)
    return code if code != EXIT_OK else status


def _write_patch(analysis, guide_path: Path, out: Path, name: str, fail_on: set[str], recheck) -> str:
    """``recheck(guide, approved_links)``: the analysis of another guide text against the same record."""
    from .html import repo_path
    from .patch import by_hand, suggest_patch
    target = Path(name) if Path(name).parent != Path(".") else out / name
    manifest = _patch_manifest(analysis.manifest, guide_path)
    patch = suggest_patch(guide_path.read_text(encoding="utf-8"), analysis.findings, repo_path(guide_path.as_posix()),
                          manifest)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(patch.diff, encoding="utf-8")
    print(f"建议修改 suggested fixes: {len(patch.applied)} findings in {target}"
          + (f"; {len(patch.skipped)} no longer fit their line" if patch.skipped else ""))
    if patch.reapproved and patch.manifest_in_diff:
        print(f"  重新批准 re-approved: {len(patch.reapproved)} links in {manifest.name}, their steps kept "
              "(the fixes change words those steps verify)")
    elif patch.reapproved:
        for line in by_hand(patch, manifest.path):
            print(f"  {_printable(line)}")
    if patch.applied:
        _print_after(analysis, patch, fail_on, recheck)
    return target.as_posix()


def _patch_manifest(path: Path | None, guide_path: Path):
    """The approved links the validation used, named from where the patch names the guide: the repository root
    (the working folder), or the guide's own folder for a guide outside it."""
    from .patch import Manifest
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    cwd = Path.cwd().resolve()
    guide = guide_path.resolve()
    base = cwd if guide.is_relative_to(cwd) else guide.parent
    resolved = path.resolve()
    return Manifest(path.as_posix(), resolved.relative_to(base).as_posix() if resolved.is_relative_to(base) else None,
                    text)


def _print_after(analysis, patch, fail_on: set[str], recheck) -> None:
    """The promise of a suggested patch is a guide that validates: say what the guide would be once it is applied
    (with the re-approved links when the patch carries them), and any finding it would bring."""
    from .guide import GuideError, parse_text
    try:
        after = recheck(parse_text(patch.fixed_guide, analysis.guide.path),
                        patch.links_after if patch.manifest_in_diff else None)
    except GuideError as exc:
        print(f"  应用后 after applying: the guide would not parse: {exc}")
        return
    sev = after.severity_counts()
    print(f"  应用后 after applying: 结论 verdict {VERDICT_TEXT[after.verdict(fail_on)]} "
          f"(错误 error {sev['error']}, 警告 warning {sev['warning']}, 提示 info {sev['info']})")
    before = {f.id for f in analysis.findings}
    for f in after.findings:
        if f.id not in before:
            print(f"  应用后新出现 new after applying: {f.id} [{f.severity}] {f.section or '-'}: {_printable(f.message)}")


def _update_guide(analysis, images, guide_path: Path) -> list[str]:
    from .update_guide import plan_update, write_update
    update = plan_update(analysis, images, guide_path, guide_path.read_text(encoding="utf-8"))
    write_update(update, guide_path)
    print(f"更新指南 guide updated: figures {', '.join(map(str, update.updated)) or '-'} now show this run's "
          f"screenshots ({update.folder.as_posix()})")
    for number, why in update.left:
        print(f"  图 {number} 未更新 left alone: {why}")
    return [guide_path.as_posix(), update.folder.as_posix() + "/"]


VERDICT_TEXT = {"passed": "通过 passed", "failed": "不通过 failed",
                "nothing_ran": "没有运行或有未定义步骤 nothing ran / undefined step"}


def _print_summary(analysis, fail_on: set[str], out: Path, written: list[str], changes: dict | None) -> None:
    from .report import summary_table
    print(summary_table(analysis, fail_on))
    failing = [f for f in analysis.findings if f.severity in fail_on or f.kind in ("scenario_failed", "step_undefined")]
    for f in failing:  # a message can quote a run record: no terminal control characters from it
        print(f"  {f.id} [{f.severity}] {f.section or '-'}: {_printable(f.message)}")
    if changes is not None:
        print(f"与上次相比 since {changes['previous']}: 新增 new {len(changes['new'])}, "
              f"已解决 resolved {len(changes['resolved'])}, 未变 unchanged {len(changes['unchanged'])}")
        for key, zh in (("new", "新增 new"), ("resolved", "已解决 resolved"), ("unchanged", "未变 unchanged")):
            if changes[key]:
                print(f"  {zh}: {' '.join(changes[key])}")
    print(f"写入 written to {out}: {', '.join(written) or '-'}")
    sev = analysis.severity_counts()
    print(f"结论 verdict: {VERDICT_TEXT[analysis.verdict(fail_on)]} "
          f"(错误 error {sev['error']}, 警告 warning {sev['warning']}, 提示 info {sev['info']})")


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _pytest_option(args: list[str], name: str) -> str | None:
    """The value of a pytest option in the arguments passed through (``--x V`` or ``--x=V``)."""
    for n, arg in enumerate(args):
        if arg == name and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _has_workers(args: list[str]) -> bool:
    """-n N, -nN, --numprocesses[=N], or xdist switched off: the caller chose the workers."""
    for n, arg in enumerate(args):
        if arg in ("-n", "--numprocesses", "-pno:xdist") or arg.startswith("--numprocesses="):
            return True
        if arg.startswith("-n") and not arg.startswith("--") and len(arg) > 2:
            return True
        if arg == "-p" and args[n + 1:n + 2] == ["no:xdist"]:
            return True
    return False


def preflight(base_url: str | None, chromium_path: str | None = None, connect: str | None = None) -> None:
    """Raises PreflightFailed (one line) when the browser, the portal or its control API is not there."""
    from fixtures.preflight import run_preflight
    run_preflight(base_url, chromium_path=chromium_path, connect=connect)


def run(args, fail_on: set[str], formats: set[str], extra: list[str]) -> int:
    from fixtures.preflight import PreflightFailed
    record = Path(args.record)
    try:
        preflight(args.base_url,
                  chromium_path=_pytest_option(extra, "--chromium-path") or os.environ.get("APEC_CHROMIUM"),
                  connect=_pytest_option(extra, "--connect") or os.environ.get("PW_WS_ENDPOINT"))
    except PreflightFailed as exc:
        return _error(str(exc))
    # Screenshots go beside the record: the record's paths are relative to its own folder.
    # --opt=VALUE, joined: pytest reads a separate folder argument as a test path before the harness's plugins
    # have declared their options, and every xdist worker would then stop on "unrecognized arguments"
    cmd = [sys.executable, "-m", "pytest", "tests/test_scenarios.py", f"--run-record={record}",
           f"--evidence-dir={record.parent}", "--preflight=off"]
    if args.base_url:
        cmd += ["--base-url", args.base_url]
    if not _has_workers(extra):
        cmd += ["-n", "auto"]  # one worker per core, as `./harness test`
    cmd += extra
    started = time.time()
    print("$ " + " ".join(cmd), flush=True)
    rc = subprocess.call(cmd)
    # A record left over from an earlier run must not pass for this one.
    if not record.is_file() or record.stat().st_mtime < started - 1:
        if rc == EXIT_INPUT:  # pytest refused to start (a busy evidence folder, a usage error) and said why
            return EXIT_INPUT
        print(f"error: the run wrote no run record at {record} (pytest exit {rc})", file=sys.stderr)
        return EXIT_NOTHING_RAN if rc in (0, PYTEST_NO_TESTS) else EXIT_INPUT
    code = report(Path(args.guide), [record], Path(args.out), fail_on, formats,
                  previous=Path(args.previous) if args.previous else None, features=Path(args.features),
                  writer={"repo_url": args.repo_url})
    if code == EXIT_OK and rc != 0:
        # pytest saw a failure the record does not show (an error outside the scenarios).
        return EXIT_NOTHING_RAN if rc == PYTEST_NO_TESTS else (EXIT_FAILING if rc == 1 else EXIT_INPUT)
    return code
