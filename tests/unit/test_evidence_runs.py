"""Runs that do not clobber each other: a second run in an evidence folder that another run is using is refused with
a message, and a run never deletes screenshots that another run's record points at."""
import json
import os
import subprocess
import sys
from pathlib import Path

from fixtures.evidence import LOCK_NAME

ROOT = Path(__file__).resolve().parents[2]


def pytest_run(evidence: Path, *extra: str):
    return subprocess.run([sys.executable, "-m", "pytest", "tests/unit/test_uscc.py", "-q", "-n", "0",
                           "--evidence-dir", str(evidence), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_second_run_in_a_busy_folder_is_refused(tmp_path):
    evidence = tmp_path / "reports"
    shot = evidence / "screenshots" / "f" / "s" / "01.png"
    shot.parent.mkdir(parents=True)
    shot.write_bytes(b"\x89PNG")
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (evidence / LOCK_NAME).write_text(json.dumps({"pid": holder.pid, "started_at": "2026-01-05T09:30:00"}))
        done = pytest_run(evidence)
    finally:
        holder.kill()
        holder.wait()
    out = done.stdout + done.stderr
    assert done.returncode == 2, out
    assert str(evidence) in out and str(holder.pid) in out and "Traceback" not in out
    assert shot.exists()  # the running run's screenshots are still there


def test_a_stale_lock_does_not_block(tmp_path):
    evidence = tmp_path / "reports"
    evidence.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (evidence / LOCK_NAME).write_text(json.dumps({"pid": dead.pid, "started_at": "x"}))
    done = pytest_run(evidence)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (evidence / LOCK_NAME).exists()  # released at the end


def test_screenshots_another_record_points_at_are_kept(tmp_path):
    evidence = tmp_path / "reports"
    first = pytest_run(evidence, "--run-record", str(evidence / "a.json"))
    assert first.returncode == 0
    shot = evidence / "screenshots" / "f" / "s" / "01.png"
    shot.parent.mkdir(parents=True)
    shot.write_bytes(b"\x89PNG")
    data = json.loads((evidence / "a.json").read_text())
    data["scenarios"] = [{"steps": [{"shots": {"portal": {"screenshot": "screenshots/f/s/01.png"}}}]}]
    (evidence / "a.json").write_text(json.dumps(data))
    second = pytest_run(evidence, "--run-record", str(evidence / "b.json"))
    out = second.stdout + second.stderr
    assert shot.exists(), out
    assert second.returncode == 2 and "a.json" in out


def test_the_next_run_of_the_same_record_replaces_its_screenshots(tmp_path):
    evidence = tmp_path / "reports"
    assert pytest_run(evidence).returncode == 0
    old = evidence / "screenshots" / "gone" / "01.png"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"\x89PNG")
    assert pytest_run(evidence).returncode == 0
    assert not old.exists()  # screenshots of scenarios that no longer exist do not linger
