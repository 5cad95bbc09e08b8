"""Flake hunt: the whole scenario suite N times in a row, optionally with CPU burners beside it, counting failed
scenarios per run. With --visual, a first run accepts its screenshots as baselines and every counted run compares
against them, so a screen that differs by a pixel run to run counts as a failure too.
Run: `.venv/bin/python bench/flake_hunt.py --runs 20 [--burners 2] [--visual] [-- pytest args]`."""
import argparse
import json
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def burn(stop_at: float) -> None:
    while time.time() < stop_at:  # bounded: burners end by themselves
        sum(i * i for i in range(10_000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--burners", type=int, default=0, help="CPU-bound processes running alongside")
    parser.add_argument("--max-minutes", type=float, default=120, help="burners stop after this long at most")
    parser.add_argument("--visual", action="store_true", help="also compare every screenshot with the first run's")
    options, extra = parser.parse_known_args()
    extra = [a for a in extra if a != "--"]
    baselines = Path(tempfile.mkdtemp(prefix="apec-flake-baselines-"))
    if options.visual:
        accepted = _run(0, [*extra, "--visual", "update", "--baselines", str(baselines)])
        print(f"baselines: {accepted['scenarios']} scenarios accepted, {accepted['failed']} failed", flush=True)
        extra += ["--visual", "compare", "--baselines", str(baselines)]
    burners = [multiprocessing.Process(target=burn, args=(time.time() + options.max_minutes * 60,), daemon=True)
               for _ in range(options.burners)]
    for burner in burners:
        burner.start()
    totals = {"runs": 0, "scenarios": 0, "failed": 0}
    try:
        for run in range(1, options.runs + 1):
            counts = _run(run, extra)
            for key in totals:
                totals[key] += counts[key]
    finally:
        for burner in burners:
            burner.terminate()
        shutil.rmtree(baselines, ignore_errors=True)
    print(f"total: {totals['runs']} runs, {totals['scenarios']} scenarios, {totals['failed']} failed, "
          f"burners {options.burners}, visual {'compared' if options.visual else 'off'}")


def _run(run: int, pytest_args: list[str]) -> dict:
    evidence = Path(tempfile.mkdtemp(prefix="apec-flake-"))
    started = time.perf_counter()
    # --failure-traces on: a flaky failure's trace must be of the run that failed, not of a rerun that may pass
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-n", "2",
                           "--failure-traces", "on", "--evidence-dir", str(evidence), "--output",
                           str(evidence / "results"), *pytest_args],
                          cwd=ROOT, capture_output=True, text=True)
    record = evidence / "run-record.json"
    if not record.exists():
        sys.exit(f"run {run} wrote no record (pytest exit {done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    scenarios = json.loads(record.read_text(encoding="utf-8"))["scenarios"]
    failed = [s["name"] for s in scenarios if s["status"] != "passed"]
    print(f"run {run}: {len(scenarios)} scenarios, {len(failed)} failed, pytest exit {done.returncode}, "
          f"{time.perf_counter() - started:.0f} s {failed}", flush=True)
    if failed:
        print("\n".join(line for line in done.stdout.splitlines() if "Error" in line or "FAILED" in line)[-3000:])
    shutil.rmtree(evidence, ignore_errors=True)  # 40 MB a run
    return {"runs": 1, "scenarios": len(scenarios), "failed": len(failed)}


if __name__ == "__main__":
    main()
