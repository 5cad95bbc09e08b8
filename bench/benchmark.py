"""Benchmark: prints a Markdown table from one run. Run: `.venv/bin/python bench/benchmark.py [--only GROUPS]
[--runs N] [-m MARKS]`; the whole of it takes about 15 minutes on 2 quiet cores.

Every row gives wall time and the CPU the run's processes used (pytest, Playwright's driver, every Chromium
process: sampled from /proc, as bench/profile.py does; `time` would miss Chromium's renderers), so a row says
whether the cores were busy or waiting. Groups (--only, comma-separated; default all):
- validate:     `./harness validate --fail-on none`: every scenario with one worker per core, then the report (the
                whole guide validated); and the same scenarios and workers with no step evidence, validate's floor;
- suite:        `./harness test`: unit tests and every scenario, one worker per core;
- evidence:     the scenarios serially with step evidence on and off, alternated twice: the evidence's cost per
                step per device, by difference and as timed inside the run (bench/profile_timers.py);
- traces:       the scenarios serially recording a trace as they run (--failure-traces on) against the default
                (a failing scenario's trace from a rerun, nothing recorded while they pass): what it saves;
- registration: the §1.2.2 registration flow, the harness's scenario (its duration in the run record) against
                bench/bare_registration.py doing the same clicks, without evidence, with a screenshot per step (the
                default), and recording a trace as well; interleaved run by run so that outside load hits all alike.
On a shared machine read the ratios within one run; the seconds move with the load."""
import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

from profile import run_sampled  # bench/profile.py: this script's folder comes first on sys.path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = [sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-p", "no:cacheprovider"]
REGISTRATION = "使用电子营业执照扫描二维码完成注册"
GROUPS = ("validate", "suite", "evidence", "traces", "registration")
EVIDENCE_KINDS = "evidence: "  # bench/profile_timers.py's names for the evidence's own calls


def run(cmd: list[str], ok=(0,), env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the command and every process under it, and its output."""
    wall, output, returncode, cpu = run_sampled(cmd, ROOT, {**os.environ, **(env or {})})
    if returncode not in ok:
        sys.exit(f"benchmark: failed ({returncode}): {' '.join(cmd)}\n{output[-3000:]}")
    return wall, sum(cpu.values()), output


def passed(output: str) -> str:
    found = re.findall(r"(\d+ passed[^\n]*?) in ([\d.]+)s", output)
    return f"{found[-1][0]}, pytest {float(found[-1][1]):.1f} s" if found else "?"


def listed(values) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


def pytest_time(output: str) -> float:
    """The seconds pytest's summary line gives (its session, without the interpreter's start-up)."""
    return float((re.findall(r"passed[^\n]* in ([\d.]+)s", output) or ["nan"])[-1])


def cores(wall: float, cpu: float) -> str:
    return f"{cpu:.0f} s CPU, {cpu / wall:.2f} of {os.cpu_count()} cores busy"


class Bench:
    def __init__(self, tmp: Path, marks: list[str]) -> None:
        self.tmp, self.marks, self.rows = tmp, marks, []

    def row(self, name: str, value: str, note: str) -> None:
        self.rows.append((name, value, note))
        print(f"  {name}: {value} ({note})", file=sys.stderr, flush=True)

    def scenarios(self, name: str, *extra: str, env: dict | None = None) -> tuple[float, float, dict, str]:
        evidence = self.tmp / name
        wall, cpu, output = run([*SCENARIOS, f"--evidence-dir={evidence}", f"--output={evidence / 'output'}",
                                 *self.marks, *extra], env=env)
        return wall, cpu, json.loads((evidence / "run-record.json").read_text(encoding="utf-8")), output

    def validate(self) -> None:
        out = self.tmp / "validate"
        # the commands themselves: ./harness sets up the environment its runs use (e.g. where bytecode is kept)
        wall, cpu, output = run(["./harness", "validate", "--fail-on", "none",
                                 "--record", str(out / "run-record.json"), "--out", str(out / "guide"),
                                 *self.marks], ok=(0, 1))
        pytest_seconds = pytest_time(output)
        self.row("`./harness validate --fail-on none` (scenarios -n auto, then the report: html, pdf, json, md)",
                 f"{wall:.1f} s", f"{passed(output)}; report and start-up {wall - pytest_seconds:.1f} s; "
                 f"{cores(wall, cpu)}")
        # The floor under it: the same scenarios and workers with no step evidence at all (no pictures, no texts),
        # plus this run's report and start-up. No cut of the evidence can take validate below it.
        floor_wall, floor_cpu, _, floor_output = self.scenarios("validate-no-evidence", "-n", "auto",
                                                                "--step-evidence", "off")
        self.row("scenarios -n auto as validate runs them, step evidence off (validate's floor without any evidence)",
                 f"{floor_wall:.1f} s", f"{passed(floor_output)}; with validate's report and start-up: "
                 f"{pytest_time(floor_output) + wall - pytest_seconds:.1f} s; {cores(floor_wall, floor_cpu)}")

    def suite(self) -> None:
        out = self.tmp / "suite"
        wall, cpu, output = run(["./harness", "test", "-q", f"--evidence-dir={out}", f"--output={out / 'output'}"])
        self.row("`./harness test` (unit tests and every scenario, -n auto --dist worksteal)", f"{wall:.1f} s",
                 f"{passed(output)}; {cores(wall, cpu)}")

    def evidence(self, pairs: int = 2) -> None:
        # On and off alternated: the machine's speed drifts by 10% within minutes here, and one run of each, one
        # after the other, once put the drift into the difference (45 ms against 31 ms interleaved).
        env = {"PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")])}
        on_runs, off_runs, inside = [], [], []
        for index in range(pairs):
            timers = self.tmp / f"timers-{index}.json"
            on_runs.append(self.scenarios(f"serial-{index}", "-n", "0", "-p", "profile_timers",
                                          env={**env, "APEC_PROFILE_TIMERS": str(timers)}))
            off_runs.append(self.scenarios(f"serial-no-evidence-{index}", "-n", "0", "--step-evidence", "off"))
            timed = json.loads(timers.read_text(encoding="utf-8"))["totals"]
            inside.append(sum(seconds for kind, seconds in timed.items() if kind.startswith(EVIDENCE_KINDS)))
        # the scenarios' own durations (from the run records): pytest's start-up is the same either way
        on_each, off_each = ([sum(s["duration"] for s in r[2]["scenarios"]) for r in runs]
                             for runs in (on_runs, off_runs))
        on, off = statistics.mean(on_each), statistics.mean(off_each)
        wall, on_cpu = statistics.mean(r[0] for r in on_runs), statistics.mean(r[1] for r in on_runs)
        off_wall, off_cpu = statistics.mean(r[0] for r in off_runs), statistics.mean(r[1] for r in off_runs)
        record, output = on_runs[0][2], on_runs[0][3]
        steps = sum(len(s["steps"]) for s in record["scenarios"])
        shots = [shot for s in record["scenarios"] for step in s["steps"] for shot in step["shots"].values()]
        taken = sum(not shot.get("unchanged") for shot in shots)
        inside_mean = statistics.mean(inside)
        self.row(f"scenarios, serial (-n 0), step evidence on (mean of {pairs}, alternated with off)",
                 f"{wall:.1f} s", f"{passed(output)}; scenarios {on:.1f} s (runs {listed(on_each)}); {steps} steps, "
                 f"{len(shots)} device screenshots ({taken} taken, {len(shots) - taken} copies of an unchanged "
                 f"screen); {cores(wall, on_cpu)}")
        self.row(f"scenarios, serial, step evidence off (mean of {pairs})", f"{off_wall:.1f} s",
                 f"scenarios {off:.1f} s (runs {listed(off_each)}); {cores(off_wall, off_cpu)}")
        self.row("evidence per step per device, by difference", f"{(on - off) / len(shots) * 1000:.0f} ms",
                 f"{(on - off) / steps * 1000:.0f} ms per step; {(on - off) / on:.0%} of the scenarios' time, "
                 f"{(on_cpu - off_cpu) / on_cpu:.0%} of the run's CPU")
        self.row("evidence per step per device, timed in the run", f"{inside_mean / len(shots) * 1000:.0f} ms",
                 f"{inside_mean:.1f} s in the evidence's calls (bench/profile_timers.py; runs {listed(inside)}); "
                 f"{inside_mean / taken * 1000:.0f} ms per screenshot taken")

    def traces(self) -> None:
        default, cpu, record, _ = self.scenarios("serial-traces-by-rerun", "-n", "0")
        recording, cpu_recording, recorded, _ = self.scenarios("serial-traces-recorded", "-n", "0",
                                                               "--failure-traces", "on")
        default, recording = (sum(s["duration"] for s in r["scenarios"]) for r in (record, recorded))
        self.row("scenarios, serial, recording a trace as they run (--failure-traces on)", f"{recording:.1f} s",
                 f"default (a trace by rerun, only on failure): {default:.1f} s; recording costs "
                 f"{(recording - default) / recording:.0%} of the scenarios' time, "
                 f"{(cpu_recording - cpu) / cpu_recording:.0%} of the run's CPU")

    def harness_registration(self, name: str, evidence: str, traces: str) -> float:
        # the 1.1 scenario runs first and pays for the browser launch, as the bare script's warm-up does
        _, _, record, _ = self.scenarios(name, "-n", "0", "-m", "guide-1.1 or guide-1.2.2-1", "--step-evidence",
                                         evidence, "--failure-traces", traces)
        return next(s["duration"] for s in record["scenarios"] if s["name"] == REGISTRATION)

    def registration(self, runs: int) -> None:
        kinds = {"bare": [], "off": [], "shots": [], "shots+trace": []}
        for index in range(runs):
            _, _, output = run([sys.executable, "bench/bare_registration.py", "1"])
            kinds["bare"].append(float(output.split()[-1]))
            kinds["off"].append(self.harness_registration(f"reg-off-{index}", "off", "off"))
            kinds["shots"].append(self.harness_registration(f"reg-shots-{index}", "on", "rerun"))
            kinds["shots+trace"].append(self.harness_registration(f"reg-trace-{index}", "on", "on"))
        median = {kind: statistics.median(values) for kind, values in kinds.items()}
        listed = {kind: ", ".join(f"{v:.2f}" for v in values) for kind, values in kinds.items()}
        self.row(f"§1.2.2 registration, bare Playwright (median of {runs})", f"{median['bare']:.2f} s",
                 f"bench/bare_registration.py, the same clicks; runs {listed['bare']}")
        for kind, label in (("off", "no step evidence, no trace"),
                            ("shots", "a screenshot per step per device (the default)"),
                            ("shots+trace", "a screenshot per step per device, a trace recorded as it runs")):
            self.row(f"§1.2.2 registration, harness, {label}", f"{median[kind]:.2f} s",
                     f"{median[kind] / median['bare']:.2f}× bare; runs {listed[kind]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(GROUPS), help=f"groups to run, of {', '.join(GROUPS)} (all)")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs of the registration comparison (3)")
    parser.add_argument("-m", dest="marks", default=None,
                        help="only these scenarios in validate, evidence and traces (a quick check of the benchmark)")
    options = parser.parse_args()
    groups = [group.strip() for group in options.only.split(",") if group.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")
    bench = Bench(Path(tempfile.mkdtemp(prefix="apec-bench-")), ["-m", options.marks] if options.marks else [])
    load_before = os.getloadavg()
    for group in groups:
        print(f"{group} ...", file=sys.stderr, flush=True)
        bench.registration(options.runs) if group == "registration" else getattr(bench, group)()
    load_after = os.getloadavg()
    if options.marks:
        print(f"\nscenario rows: only -m {options.marks!r}")
    print(f"\nmachine: {os.cpu_count()} cores; load average (1 min) {load_before[0]:.1f} at the start, "
          f"{load_after[0]:.1f} at the end (5 min: {load_after[1]:.1f})\n")
    print("| measurement | time | note |\n| --- | --- | --- |")
    for name, value, note in bench.rows:
        print(f"| {name} | {value} | {note} |")
    print(f"\nruns kept in {bench.tmp}")


if __name__ == "__main__":
    main()
