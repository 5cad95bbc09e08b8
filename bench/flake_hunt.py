"""Flake hunt: the whole scenario suite N times in a row, optionally with CPU burners beside it, counting failed
scenarios per run. Run: `.venv/bin/python bench/flake_hunt.py --runs 20 [--burners 2] [-- pytest args]`."""
import argparse
import json
import multiprocessing
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
    options, extra = parser.parse_known_args()
    burners = [multiprocessing.Process(target=burn, args=(time.time() + options.max_minutes * 60,), daemon=True)
               for _ in range(options.burners)]
    for burner in burners:
        burner.start()
    totals = {"runs": 0, "scenarios": 0, "failed": 0}
    try:
        for run in range(1, options.runs + 1):
            evidence = Path(tempfile.mkdtemp(prefix="apec-flake-"))
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-n", "2",
                                   "--evidence-dir", str(evidence), "--output", str(evidence / "results"),
                                   *[a for a in extra if a != "--"]], cwd=ROOT, capture_output=True, text=True)
            scenarios = json.loads((evidence / "run-record.json").read_text(encoding="utf-8"))["scenarios"]
            failed = [s["name"] for s in scenarios if s["status"] != "passed"]
            totals["runs"] += 1
            totals["scenarios"] += len(scenarios)
            totals["failed"] += len(failed)
            print(f"run {run}: {len(scenarios)} scenarios, {len(failed)} failed, pytest exit {done.returncode}, "
                  f"{time.perf_counter() - started:.0f} s {failed}", flush=True)
    finally:
        for burner in burners:
            burner.terminate()
    print(f"total: {totals['runs']} runs, {totals['scenarios']} scenarios, {totals['failed']} failed, "
          f"burners {options.burners}")


if __name__ == "__main__":
    main()
