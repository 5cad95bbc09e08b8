"""Runs that do not clobber each other: a second run in an evidence folder that another run is using is refused with
a message, and a run never deletes screenshots that another run's record points at."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.run_folder import LOCK_NAME, FolderBusy, claim, fresh_screenshots, release

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_run_in_a_busy_folder_is_refused(tmp_path):
    evidence = tmp_path / "reports"
    shot = evidence / "screenshots" / "f" / "s" / "01.png"
    shot.parent.mkdir(parents=True)
    shot.write_bytes(b"\x89PNG")
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        (evidence / LOCK_NAME).write_text(json.dumps({"pid": holder.pid, "started_at": "2026-01-05T09:30:00"}))
        done = subprocess.run([sys.executable, "-m", "pytest", "tests/unit/test_uscc.py", "-q", "-n", "0",
                               "--evidence-dir", str(evidence)], cwd=ROOT, capture_output=True, text=True,
                              timeout=120)
    finally:
        holder.kill()
        holder.wait()
    out = done.stdout + done.stderr
    assert done.returncode == 2, out
    assert str(evidence) in out and str(holder.pid) in out and "Traceback" not in out
    assert shot.exists()  # the running run's screenshots are still there
    assert not (evidence / "run-record.json").exists()


def test_a_live_lock_refuses_and_is_left_alone(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        (tmp_path / LOCK_NAME).write_text(json.dumps({"pid": holder.pid, "started_at": "x"}))
        with pytest.raises(FolderBusy, match=str(holder.pid)):
            claim(tmp_path)
        release(tmp_path)  # not ours: kept
        assert (tmp_path / LOCK_NAME).exists()
    finally:
        holder.kill()
        holder.wait()


def test_a_stale_lock_is_taken_over_and_released(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / LOCK_NAME).write_text(json.dumps({"pid": dead.pid, "started_at": "x"}))
    claim(tmp_path)
    assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == os.getpid()
    release(tmp_path)
    assert not (tmp_path / LOCK_NAME).exists()


def test_screenshots_another_record_points_at_are_kept(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    fresh_screenshots(tmp_path, first)
    first.write_text("{}")
    shot = tmp_path / "screenshots" / "f" / "01.png"
    shot.parent.mkdir()
    shot.write_bytes(b"\x89PNG")
    with pytest.raises(FolderBusy, match="a.json"):
        fresh_screenshots(tmp_path, second)
    assert shot.exists()


def test_the_next_run_of_the_same_record_replaces_its_screenshots(tmp_path):
    record = tmp_path / "run-record.json"
    fresh_screenshots(tmp_path, record)
    record.write_text("{}")
    old = tmp_path / "screenshots" / "gone" / "01.png"
    old.parent.mkdir()
    old.write_bytes(b"\x89PNG")
    fresh_screenshots(tmp_path, record)
    assert not old.exists()  # screenshots of scenarios that no longer exist do not linger


def test_screenshots_of_a_record_deleted_since_may_go(tmp_path):
    gone = tmp_path / "old.json"
    fresh_screenshots(tmp_path, gone)  # never written, or deleted since
    fresh_screenshots(tmp_path, tmp_path / "new.json")
    assert (tmp_path / "screenshots").is_dir()
