"""Before/after in one run: the same scenarios on two or more commits, interleaved, and their screenshots compared
pixel for pixel with the first commit's (decoded: the same picture may be encoded differently). Run:
`.venv/bin/python bench/compare.py BEFORE AFTER [MORE...] [-m "guide-1.2.2 or guide-1.3"] [--runs 2] [-n 2]`
(`-m ""`: every scenario; `-n`: xdist workers, 0 serial).

On a shared, loaded machine only a ratio measured in one run means anything: the runs alternate (A B A B ...) so
that load from outside hits both alike. Besides wall time it reports the CPU seconds of the processes the run
used by the run's processes (pytest, the Playwright driver, every Chromium process), sampled from /proc as
bench/profile.py does; outside load disturbs it much less than wall time. (getrusage of children, as
/usr/bin/time counts, misses about 40% of it: Chromium's renderers are not reaped through pytest.) Each commit is exported with `git archive` and run with this .venv."""
import argparse
import filecmp
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

from profile import run_sampled  # bench/profile.py: this script's folder comes first on sys.path

ROOT = Path(__file__).resolve().parent.parent


def export(ref: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    found = subprocess.run([sys.executable, "-c", "import mock_portal; print(mock_portal.__file__)"], cwd=into,
                           capture_output=True, text=True, check=True).stdout.strip()
    if not found.startswith(str(into)):
        sys.exit(f"compare: {ref} would import the mock from {found}, not from its own tree")
    return into


def run(tree: Path, marks: str, evidence: Path, workers: int = 0) -> tuple[float, float, int, float]:
    selection = ["-m", marks] if marks else []
    wall, output, returncode, cpu = run_sampled(
        [sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-n", str(workers), "-p", "no:cacheprovider",
         *selection, "--evidence-dir", str(evidence)], tree)
    if returncode != 0:
        sys.exit(f"compare: a run failed in {tree}:\n{output[-3000:]}")
    record = json.loads((evidence / "run-record.json").read_text(encoding="utf-8"))
    return wall, sum(s["duration"] for s in record["scenarios"]), len(record["scenarios"]), sum(cpu.values())


def same_pixels(one: Path, other: Path) -> bool:
    if filecmp.cmp(one, other, shallow=False):
        return True
    with Image.open(one) as a, Image.open(other) as b:
        a, b = a.convert("RGBA"), b.convert("RGBA")
        return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def same_screenshots(before: Path, after: Path) -> tuple[int, list[str]]:
    names = sorted(p.relative_to(before).as_posix() for p in before.rglob("*.png"))
    others = sorted(p.relative_to(after).as_posix() for p in after.rglob("*.png"))
    differ = [name for name in names if name in others and not same_pixels(before / name, after / name)]
    return len(names) - len(differ), differ + [f"missing: {n}" for n in set(names) ^ set(others)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("refs", nargs="+", metavar="COMMIT", help="two or more commits, the first is the baseline")
    parser.add_argument("-m", dest="marks", default="guide-1.2.2 or guide-1.3")
    parser.add_argument("--runs", type=int, default=2, help="runs of each commit, interleaved")
    parser.add_argument("-n", dest="workers", type=int, default=0, help="xdist workers (default 0: serial)")
    options = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="apec-compare-"))
    if len(options.refs) < 2:
        sys.exit("compare: give at least two commits")
    trees = {ref: export(ref, tmp / f"tree-{index}") for index, ref in enumerate(options.refs)}
    results = {ref: [] for ref in trees}
    for index in range(options.runs):
        for position, (ref, tree) in enumerate(trees.items()):
            results[ref].append(run(tree, options.marks, tmp / f"evidence-{position}-{index}", options.workers))
    base = options.refs[0]
    scenarios = results[base][0][2]
    how = f"-n {options.workers}" if options.workers else "serial"
    print(f"\n-m {options.marks!r}, {how}, {scenarios} scenarios, {options.runs} runs of each, interleaved\n")
    print("| commit | wall (median) | CPU used (median) | sum of scenario durations (median) | walls; CPUs | "
          f"ratios to {base}: wall, CPU | screenshots identical to {base}'s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    medians = {ref: [statistics.median(r[k] for r in runs) for k in (0, 3, 1)] for ref, runs in results.items()}
    problems = {}
    for position, (ref, runs) in enumerate(results.items()):
        wall, cpu, scenario_sum = medians[ref]
        listed = ", ".join(f"{r[0]:.1f}" for r in runs) + "; " + ", ".join(f"{r[3]:.1f}" for r in runs)
        same, problems[ref] = same_screenshots(tmp / "evidence-0-0" / "screenshots",
                                               tmp / f"evidence-{position}-0" / "screenshots")
        ratios = f"{wall / medians[base][0]:.2f}×, {cpu / medians[base][1]:.2f}×"
        print(f"| {ref} | {wall:.1f} s | {cpu:.1f} s | {scenario_sum:.1f} s | {listed} | {ratios} | "
              f"{same} of {same + len(problems[ref])} |")
    for ref, found in problems.items():
        for problem in found[:20]:
            print(f"  {ref}: {problem}")
    print(f"\nruns kept in {tmp}")


if __name__ == "__main__":
    main()
