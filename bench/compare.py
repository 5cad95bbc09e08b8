"""Before/after in one run: the same scenarios on two commits, interleaved, and their screenshots compared byte for
byte. Run: `.venv/bin/python bench/compare.py BEFORE AFTER [-m "guide-1.2.2 or guide-1.3"] [--runs 2]`.

On a shared, loaded machine only a ratio measured in one run means anything: the runs alternate (A B A B ...) so
that load from outside hits both alike. Each commit is exported with `git archive` and run with this .venv."""
import argparse
import filecmp
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run(tree: Path, marks: str, evidence: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-n", "0", "-p",
                           "no:cacheprovider", "-m", marks, "--evidence-dir", str(evidence)], cwd=tree,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"compare: a run failed in {tree}:\n{done.stdout[-3000:]}")
    record = json.loads((evidence / "run-record.json").read_text(encoding="utf-8"))
    return wall, sum(s["duration"] for s in record["scenarios"]), len(record["scenarios"])


def same_screenshots(before: Path, after: Path) -> tuple[int, list[str]]:
    names = sorted(p.relative_to(before).as_posix() for p in before.rglob("*.png"))
    others = sorted(p.relative_to(after).as_posix() for p in after.rglob("*.png"))
    differ = [name for name in names if name in others and not filecmp.cmp(before / name, after / name, shallow=False)]
    return len(names) - len(differ), differ + [f"missing: {n}" for n in set(names) ^ set(others)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("-m", dest="marks", default="guide-1.2.2 or guide-1.3")
    parser.add_argument("--runs", type=int, default=2, help="runs of each commit, interleaved")
    options = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="apec-compare-"))
    trees = {ref: export(ref, tmp / f"tree-{index}") for index, ref in enumerate((options.before, options.after))}
    results = {ref: [] for ref in trees}
    for index in range(options.runs):
        for position, (ref, tree) in enumerate(trees.items()):
            results[ref].append(run(tree, options.marks, tmp / f"evidence-{position}-{index}"))
    scenarios = results[options.before][0][2]
    print(f"\n-m {options.marks!r}, serial, {scenarios} scenarios, {options.runs} runs of each, interleaved\n")
    print("| commit | wall (median) | sum of scenario durations (median) | runs |\n| --- | --- | --- | --- |")
    walls = {}
    for ref, runs in results.items():
        walls[ref] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        listed = ", ".join(f"{r[0]:.1f}" for r in runs)
        print(f"| {ref} | {walls[ref][0]:.1f} s | {walls[ref][1]:.1f} s | {listed} |")
    before, after = walls[options.before], walls[options.after]
    print(f"\nafter/before: wall {after[0] / before[0]:.2f}×, scenarios {after[1] / before[1]:.2f}×")
    same, problems = same_screenshots(tmp / "evidence-0-0" / "screenshots", tmp / "evidence-1-0" / "screenshots")
    print(f"screenshots identical byte for byte: {same}; different or missing: {len(problems)}")
    for problem in problems[:20]:
        print(f"  {problem}")
    print(f"\nruns kept in {tmp}")


if __name__ == "__main__":
    main()
