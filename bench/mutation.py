"""Mutation check of the scenarios: break one rule of the mock at a time and see whether the suite notices.

Each mutant is one edit from `bench/mutation_catalogue.py`, applied to a scratch copy of the project (never to this
checkout). By default only the scenarios of the guide sections that cover the rule run (no unit tests), stopping
at the first failure: a failure kills the mutant. `--suite` gives the whole suite's verdict as well: a mutant the
scenarios missed runs the whole suite, unit tests included (a mutant the scenarios killed fails the whole suite
too, since it holds them). By hand, not in CI: about 20 s a mutant on 2 cores.

  .venv/bin/python bench/mutation.py --check          # every snippet present exactly once; runs nothing
  .venv/bin/python bench/mutation.py                  # the scenarios' score, the survivors
  .venv/bin/python bench/mutation.py --suite          # and the whole suite's score
  .venv/bin/python bench/mutation.py --only lock-never-ends,qr-ttl --ref <commit> --json out.json [--resume]
  .venv/bin/python bench/mutation.py --report out.json [more.json]   # the table of earlier runs
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_catalogue import EQUIVALENTS, MUTATIONS, Mutation  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUIET = ["-q", "-p", "no:randomly", "--step-evidence", "off", "--failure-traces", "off"]


class CatalogueError(RuntimeError):
    pass


@dataclass
class Verdict:
    mutation: Mutation
    scenarios: str  # killed | survived | error
    suite: str | None = None
    seconds: float = 0.0
    failed_test: str = ""


def check(project: Path, mutation: Mutation) -> str:
    """The file's text; refuses a snippet that is missing or ambiguous, so a moved rule fails the catalogue."""
    path = project / mutation.file
    if not path.is_file():
        raise CatalogueError(f"{mutation.id}: {mutation.file} does not exist")
    text = path.read_text(encoding="utf-8")
    count = text.count(mutation.old)
    if count != 1:
        raise CatalogueError(f"{mutation.id}: snippet found {count} times in {mutation.file}: {mutation.old!r}")
    return text


def scratch_copy(ref: str | None) -> Path:
    """The project as committed at `ref`, or as it is now (tracked and new files, not ignored ones)."""
    target = Path(tempfile.mkdtemp(prefix="apec-mutation-"))
    if ref:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
        return target
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def run_pytest(project: Path, args: list[str], workers: int, timeout: float) -> tuple[str, str]:
    """(killed | survived | error, the first failing test). -x: one failure is enough to kill."""
    env = {**os.environ, "PYTHONPATH": str(project), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", *args, "-x", "-n", str(workers), *QUIET]
    try:
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "killed", f"timed out after {timeout:.0f} s"
    failed = next((line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))), "")
    if done.returncode in (1, 2):  # 1: a test failed; 2: collection broke (the mutant broke an import)
        return "killed", failed or done.stdout.strip().splitlines()[-1:][0] if done.stdout.strip() else "exit 2"
    if done.returncode == 0:
        return "survived", ""
    return "error", f"pytest exit {done.returncode}: {(done.stdout + done.stderr).strip()[-300:]}"


def marker_expression(sections: tuple[str, ...]) -> str:
    return " or ".join(dict.fromkeys(sections))


def run_mutant(project: Path, mutation: Mutation, options, known: Verdict | None = None) -> Verdict:
    """known: this mutant's scenarios verdict from an earlier run (--resume --suite): only the rest runs."""
    path = project / mutation.file
    original = check(project, mutation)
    path.write_text(original.replace(mutation.old, mutation.new), encoding="utf-8")
    started = time.perf_counter()
    try:
        if known is None:
            scenarios, failed = run_pytest(project, ["tests/test_scenarios.py", "-m",
                                                     marker_expression(mutation.sections)],
                                           options.workers, options.timeout)
        else:
            scenarios, failed = known.scenarios, known.failed_test
        verdict = Verdict(mutation, scenarios, failed_test=failed)
        if options.suite:
            verdict.suite = scenarios
            if scenarios == "survived":
                # the rest of the suite: unit tests and the other sections' scenarios
                # unit tests first: they are quick, and one failure is enough
                rest = ["tests/unit", *sorted(str(p.relative_to(project)) for p in (project / "tests").glob("test_*.py")),
                        "-m", f"not ({marker_expression(mutation.sections)})"]
                verdict.suite, verdict.failed_test = run_pytest(project, rest, options.workers, options.timeout * 4)
    finally:
        path.write_text(original, encoding="utf-8")
    verdict.seconds = time.perf_counter() - started
    return verdict


def save(path: Path, verdicts: dict) -> None:
    path.write_text(json.dumps(
        [{"id": v.mutation.id, "area": v.mutation.area, "scenarios": v.scenarios, "suite": v.suite,
          "seconds": round(v.seconds, 1), "failed": v.failed_test} for v in verdicts.values()],
        ensure_ascii=False, indent=1), encoding="utf-8")


def load(path: Path) -> dict:
    """Verdicts of an earlier run (--resume); a mutation no longer in the catalogue is dropped."""
    if not path.is_file():
        return {}
    known = {m.id: m for m in MUTATIONS}
    return {row["id"]: Verdict(known[row["id"]], row["scenarios"], row["suite"], row["seconds"], row["failed"])
            for row in json.loads(path.read_text(encoding="utf-8")) if row["id"] in known}


def suite_verdict(verdict: Verdict) -> str | None:
    """What the scenarios kill, the whole suite (which holds them) kills too."""
    return "killed" if verdict.scenarios == "killed" else verdict.suite


def score(verdicts: list[Verdict], attribute: str) -> str:
    read = suite_verdict if attribute == "suite" else (lambda v: v.scenarios)
    values = [read(v) for v in verdicts if read(v) in ("killed", "survived")]
    killed = values.count("killed")
    return f"{killed}/{len(values)} killed ({100 * killed / len(values):.0f}%)" if values else "-"


def report(verdicts: list[Verdict]) -> None:
    areas = list(dict.fromkeys(v.mutation.area for v in verdicts))
    print(f"\n{'area':26} {'mutants':>7} {'scenarios':>10} {'suite':>6}")
    for area in areas:
        own = [v for v in verdicts if v.mutation.area == area]
        suite = sum(suite_verdict(v) == "killed" for v in own) if any(v.suite for v in verdicts) else "-"
        print(f"{area:26} {len(own):>7} {sum(v.scenarios == 'killed' for v in own):>10} {suite:>6}")
    print(f"\nscenarios alone: {score(verdicts, 'scenarios')}")
    if any(v.suite for v in verdicts):
        print(f"whole suite:     {score(verdicts, 'suite')}")
    survivors = [v for v in verdicts if v.scenarios != "killed"]
    if survivors:
        print("\nnot killed by the scenarios:")
        for v in survivors:
            suite = f" (whole suite: {v.suite}{' by ' + v.failed_test if v.failed_test else ''})" if v.suite else ""
            print(f"  {v.mutation.id:38} {v.scenarios:8} {v.mutation.rule}{suite}")
    print(f"\nexcluded as equivalent ({len(EQUIVALENTS)}):")
    for equivalent in EQUIVALENTS:
        print(f"  {equivalent.mutation.id:38} {equivalent.reason}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check every snippet is present exactly once")
    parser.add_argument("--list", action="store_true", help="list the catalogue")
    parser.add_argument("--suite", action="store_true", help="also the whole suite's verdict (units too)")
    parser.add_argument("--only", help="comma-separated mutation ids")
    parser.add_argument("--ref", help="mutate the project as committed at this git ref, not as it is now")
    parser.add_argument("--workers", type=int, default=1, help="pytest-xdist workers per run (default 1)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for one mutant's scenarios")
    parser.add_argument("--json", type=Path, help="write the verdicts here, after every mutant")
    parser.add_argument("--resume", action="store_true", help="skip the mutants --json already has verdicts for")
    parser.add_argument("--report", type=Path, nargs="+", help="print the score of these --json files; run nothing")
    options = parser.parse_args()
    chosen = MUTATIONS
    if options.only:
        wanted = options.only.split(",")
        unknown = set(wanted) - {m.id for m in MUTATIONS}
        if unknown:
            print(f"mutation: unknown ids: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        chosen = [m for m in MUTATIONS if m.id in wanted]
    if options.list:
        for m in chosen:
            print(f"{m.id:38} {m.area:24} {marker_expression(m.sections):45} {m.rule}")
        return 0
    if options.report:  # print the score of earlier runs' verdicts (several files merge), run nothing
        merged = {}
        for path in options.report:
            merged.update(load(path))
        report([merged[m.id] for m in chosen if m.id in merged])
        return 0
    project = scratch_copy(options.ref)
    try:
        for m in [*MUTATIONS, *(e.mutation for e in EQUIVALENTS)]:
            check(project, m)
        if len({m.id for m in MUTATIONS}) != len(MUTATIONS):
            raise CatalogueError("two mutations share an id")
        if options.check:
            print(f"catalogue: {len(MUTATIONS)} mutations and {len(EQUIVALENTS)} equivalents, every snippet found once")
            return 0
        done = load(options.json) if options.resume and options.json else {}
        verdicts = []
        for number, mutation in enumerate(chosen, 1):
            if mutation.id in done and (done[mutation.id].suite or not options.suite):
                verdicts.append(done[mutation.id])
                continue
            verdict = run_mutant(project, mutation, options, done.get(mutation.id))
            verdicts.append(verdict)
            print(f"[{number}/{len(chosen)}] {mutation.id:38} scenarios {verdict.scenarios:8}"
                  f"{' suite ' + verdict.suite if verdict.suite else ''} {verdict.seconds:5.1f}s "
                  f"{verdict.failed_test[:100]}", flush=True)
            if options.json:  # after every mutant: a long run stopped half-way keeps what it measured
                save(options.json, {**done, **{v.mutation.id: v for v in verdicts}})
        report(verdicts)
        return 0
    except CatalogueError as error:
        print(f"mutation: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
