"""Benchmark: prints a Markdown table. Run: `.venv/bin/python bench/benchmark.py [--runs N]`.

All timings are taken in one run on the same machine, and the comparisons are read as ratios: on a shared, noisy
machine only ratios from the same run mean anything.
1. whole scenario suite, wall time: serial and under pytest-xdist (-n 2), and the validator's report on the xdist
   run's record (the two together are `./harness validate`);
2. the cost of the screenshot (plus page texts and aria snapshot) after every step: the serial suite with
   --step-evidence on versus off; and the cost of recording a Playwright trace to keep if a scenario fails
   (--failure-traces on versus off);
3. the harness against bare Playwright on the §1.2.2 registration flow: the scenario's own duration from the run
   record, with and without step evidence and trace, against bench/bare_registration.py doing the same clicks. The two are
   interleaved run by run so that load from outside hits both alike."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-p", "no:cacheprovider"]
REGISTRATION = "使用电子营业执照扫描二维码完成注册"


def run(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed, done


SELECTION: list[str] = []  # -m MARKS: a part of the suite, to check the benchmark itself quickly


def suite(evidence: Path, *extra: str) -> tuple[float, dict]:
    elapsed, _ = run([*PYTEST, "--evidence-dir", str(evidence), "--output", str(evidence / "traces"), *SELECTION,
                      *extra])
    return elapsed, json.loads((evidence / "run-record.json").read_text(encoding="utf-8"))


def harness_registration(evidence: Path, step_evidence: str) -> float:
    # the 1.1 scenario runs first and pays for the browser launch, as the bare script's warm-up does; without step
    # evidence there is no failure trace either, as in the bare script
    traces = "on" if step_evidence == "on" else "off"
    _, record = suite(evidence, "-m", "guide-1.1 or guide-1.2.2-1", "--step-evidence", step_evidence,
                      "--failure-traces", traces)
    return next(s["duration"] for s in record["scenarios"] if s["name"] == REGISTRATION)


def bare_registration() -> float:
    _, done = run([sys.executable, "bench/bare_registration.py", "1"])
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="repetitions of the registration comparison")
    parser.add_argument("-m", dest="marks", default=None,
                        help="only these scenarios in the suite rows (a quick check; the table then is not the suite's)")
    options = parser.parse_args()
    if options.marks:
        SELECTION.extend(["-m", options.marks])
    tmp = Path(tempfile.mkdtemp(prefix="apec-bench-"))
    rows = []

    serial, record = suite(tmp / "serial")
    parallel, _ = suite(tmp / "xdist", "-n", "2")
    report, _ = run([sys.executable, "-m", "validator", "report", "--record", str(tmp / "xdist" / "run-record.json"),
                     "--out", str(tmp / "guide"), "--fail-on", "none"])
    lean, _ = suite(tmp / "xdist-lean", "-n", "2", "--failure-traces", "off")
    bare_suite, _ = suite(tmp / "no-evidence", "--step-evidence", "off")
    untraced, _ = suite(tmp / "no-traces", "--failure-traces", "off")
    scenarios = len(record["scenarios"])
    steps = sum(len(s["steps"]) for s in record["scenarios"])
    shots = sum(len(step["shots"]) for s in record["scenarios"] for step in s["steps"])
    rows += [
        ("whole suite, serial", f"{serial:.1f} s", f"{scenarios} scenarios, {steps} steps, {shots} screenshots"),
        ("whole suite, xdist -n 2", f"{parallel:.1f} s", f"{parallel / serial:.2f}× serial"),
        ("validator report on that run (html, pdf, json, md)", f"{report:.1f} s",
         f"guide validated end to end: {parallel + report:.1f} s"),
        ("whole suite, xdist -n 2, no failure traces", f"{lean:.1f} s", f"{lean / serial:.2f}× serial"),
        ("whole suite, serial, no step evidence", f"{bare_suite:.1f} s", ""),
        ("evidence cost per step", f"{(serial - bare_suite) / steps * 1000:.0f} ms",
         f"{(serial - bare_suite) / serial:.0%} of the serial suite"),
        ("whole suite, serial, no failure traces", f"{untraced:.1f} s",
         f"traces cost {(serial - untraced) / serial:.0%} of the serial suite"),
    ]

    harness_on, harness_off, bare = [], [], []
    for index in range(options.runs):
        harness_on.append(harness_registration(tmp / f"reg-on-{index}", "on"))
        harness_off.append(harness_registration(tmp / f"reg-off-{index}", "off"))
        bare.append(bare_registration())
    on, off, raw = (statistics.median(values) for values in (harness_on, harness_off, bare))
    rows += [
        ("§1.2.2 registration, bare Playwright (median)", f"{raw:.2f} s", f"runs: {', '.join(f'{v:.2f}' for v in bare)}"),
        ("§1.2.2 registration, harness, no step evidence, no trace", f"{off:.2f} s", f"{off / raw:.2f}× bare"),
        ("§1.2.2 registration, harness, screenshot every step, trace", f"{on:.2f} s", f"{on / raw:.2f}× bare"),
    ]
    load = os.getloadavg()
    if options.marks:
        print(f"\nsuite rows: only -m {options.marks!r}")
    print(f"\nmachine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n")
    print("| measurement | time | note |\n| --- | --- | --- |")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")


if __name__ == "__main__":
    main()
