"""Where a scenario run spends its time: prints Markdown tables, as shares of the run (shares hold under load,
seconds do not). Run: `.venv/bin/python bench/profile.py [-m "guide-1.2.2 or guide-1.3"] [--no-py-spy]`.

One serial pytest run of the chosen scenarios, watched three ways at once:
1. CPU by process (from /proc, sampled every 0.2 s): the Python test process (steps, harness, the mock server's
   threads), Playwright's node driver, and Chromium's browser, renderer and GPU processes;
2. wall time of the test thread by kind of work (bench/profile_timers.py: exclusive time of each Playwright,
   control API and evidence call);
3. the Python process's CPU by function (py-spy, `--subprocesses --threads`; a by-hand tool:
   `.venv/bin/pip install py-spy`): the mock server's rendering, password hashing, QR polling, the control API
   behind it, SQLite, and the harness's own Python.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")

# py-spy frames look like "function (path/file.py:line)"; the first rule a stack matches names its cost.
SERVER_RULES = [
    ("server: password hashing", r"(generate_password_hash|check_password_hash|_hash_internal|pbkdf2|scrypt)"),
    ("server: QR decoding (zxing) and QR images", r"(zxingcpp|mock_portal/qr\.py|segno|qrcode)"),
    ("server: QR scan-state polling (qr_status)", r"qr_status \("),
    ("server: control API (arranging)", r"mock_portal/control\.py"),
    ("server: template rendering (Jinja)", r"(render_template|jinja2)"),
    ("server: SQLite", r"(mock_portal/store\.py|sqlite3)"),
    ("server: sending mail (smtplib)", r"smtplib"),
    ("server: Flask/Werkzeug request handling", r"(werkzeug|flask)"),
]
TEST_RULES = [
    ("harness: evidence (fingerprint, screenshots, texts, record)", r"fixtures/(evidence|visual)\.py"),
    ("harness: control API client", r"fixtures/control\.py"),
    ("mail catcher (aiosmtpd)", r"(aiosmtpd|mail_catcher)"),
    ("Playwright client (messages to the driver)", r"playwright/"),
    ("pytest, pytest-bdd, step and page code", r"(_pytest|pytest_bdd|pluggy|steps/|pages/|fixtures/)"),
]


def descendants(root: int) -> list[int]:
    children = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children[parent].append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def process_kind(pid: int) -> str | None:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    if "py-spy" in cmdline:
        return None
    if "chrom" in cmdline:
        kind = re.search(r"--type=([\w-]+)", cmdline)
        return "Chromium: " + (kind.group(1) if kind else "browser process")
    if "node" in cmdline.split(" ")[0] or "playwright/driver" in cmdline:
        return "Playwright driver (node)"
    if "python" in cmdline:
        return "Python: test process (steps, harness, mock server threads)"
    return "other: " + Path(cmdline.split(" ")[0]).name


class CpuSampler(threading.Thread):
    """CPU seconds per process kind, from /proc/PID/stat (the last value seen of each process)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.seen, self.kinds, self.done = root, {}, {}, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for pid in descendants(self.root):
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if pid not in self.kinds:
                    self.kinds[pid] = process_kind(pid)
                self.seen[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
            self.done.wait(0.2)

    def by_kind(self) -> dict[str, float]:
        totals = defaultdict(float)
        for pid, seconds in self.seen.items():
            if self.kinds.get(pid):
                totals[self.kinds[pid]] += seconds
        return dict(totals)


def run_sampled(command: list[str], cwd, env: dict | None = None) -> tuple[float, str, int, dict[str, float]]:
    """Runs the command with its CPU sampled: (wall seconds, output, exit code, CPU seconds per process kind)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = CpuSampler(child.pid)
    sampler.start()
    output = child.communicate()[0]
    sampler.done.set()
    sampler.join()
    return time.perf_counter() - started, output, child.returncode, sampler.by_kind()


def classify(stack: str, rules) -> str | None:
    for name, pattern in rules:
        if re.search(pattern, stack):
            return name
    return None


def pyspy_shares(raw: Path, rate: int) -> dict[str, float]:
    """Active (non-idle) samples of the Python process by kind: the server's threads serve requests, the main
    thread runs the test."""
    counts = defaultdict(float)
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        if "process_request_thread" in stack or "serve_forever" in stack or "handle_one_request" in stack:
            name = classify(stack, SERVER_RULES) or "server: other"
        else:
            name = classify(stack, TEST_RULES) or "other Python"
        counts[name] += int(count) / rate
    return dict(counts)


def table(title: str, values: dict[str, float], unit: str, total: float | None = None) -> str:
    total = total or sum(values.values()) or 1.0
    lines = [f"\n{title}\n", f"| {unit} | share | seconds |", "| --- | --- | --- |"]
    for name, value in sorted(values.items(), key=lambda item: -item[1]):
        lines.append(f"| {name} | {value / total:.1%} | {value:.1f} |")
    return "\n".join(lines)


def scenario_table(record_path: Path, shown: int = 10) -> str:
    """Per scenario, from the run record: the slowest, with their steps and the pictures they took."""
    if not record_path.exists():
        return ""
    scenarios = json.loads(record_path.read_text(encoding="utf-8"))["scenarios"]
    total = sum(s["duration"] for s in scenarios) or 1.0
    lines = [f"\nScenarios by wall time ({len(scenarios)}, {total:.1f} s in all; the {shown} slowest)\n",
             "| scenario | seconds | share | steps | pictures taken / device screenshots |", "| --- | --- | --- | --- | --- |"]
    for s in sorted(scenarios, key=lambda s: -s["duration"])[:shown]:
        shots = [shot for step in s["steps"] for shot in step["shots"].values()]
        taken = sum(not shot.get("unchanged") for shot in shots)
        lines.append(f"| {s['name']} | {s['duration']:.1f} | {s['duration'] / total:.1%} | {len(s['steps'])} | "
                     f"{taken} / {len(shots)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-m", dest="marks", default="guide-1.2.2 or guide-1.3", help="which scenarios (pytest -m)")
    parser.add_argument("--no-py-spy", action="store_true", help="timers and /proc only")
    parser.add_argument("--rate", type=int, default=50, help="py-spy samples per second")
    parser.add_argument("--keep", default=None, help="folder for the raw profile and the run's evidence")
    options = parser.parse_args()
    out = Path(options.keep or tempfile.mkdtemp(prefix="apec-profile-"))
    out.mkdir(parents=True, exist_ok=True)
    timers, raw = out / "timers.json", out / "py-spy.txt"
    pytest = [sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-n", "0", "-p", "no:cacheprovider",
              "-p", "profile_timers", "-m", options.marks, "--evidence-dir", str(out / "evidence")]
    pyspy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not options.no_py_spy and not Path(pyspy).exists():
        sys.exit("profile: py-spy is not installed: `.venv/bin/pip install py-spy`, or give --no-py-spy")
    command = pytest if options.no_py_spy else [
        pyspy, "record", "--subprocesses", "--threads", "--nonblocking", "--rate", str(options.rate),
        "--format", "raw", "--output", str(raw), "--", *pytest]
    env = {**os.environ, "APEC_PROFILE_TIMERS": str(timers),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")])}
    load_before = os.getloadavg()[0]
    wall, output, returncode, cpu = run_sampled(command, ROOT, env)
    if returncode not in (0, 1):
        sys.exit(f"profile: the run failed ({returncode}):\n{output[-3000:]}")
    summary = next((line for line in reversed(output.splitlines()) if " in " in line and "passed" in line), "")
    measured = json.loads(timers.read_text(encoding="utf-8"))
    session = measured["session_wall"]
    walls = dict(measured["totals"])
    walls["harness Python, pytest-bdd, fixtures (untimed)"] = session - sum(walls.values())
    print(f"scenarios: -m {options.marks!r}, serial; {summary}; wall {wall:.1f} s (pytest session {session:.1f} s); "
          f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(table("CPU by process (all CPU the run used)", cpu, "process"))
    print(f"\nCPU used / wall: {sum(cpu.values()) / wall:.2f} cores busy on average")
    print(table("Wall time of the test thread by kind of work (exclusive time)", walls, "work", session))
    print(scenario_table(out / "evidence" / "run-record.json"))
    if not options.no_py_spy and raw.exists():
        samples = pyspy_shares(raw, options.rate)
        print(table("Python process CPU by function (py-spy, active samples)", samples, "Python work"))
    print(f"\nraw data: {out}")


if __name__ == "__main__":
    main()
