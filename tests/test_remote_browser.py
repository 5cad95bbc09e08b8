"""Scenarios run unchanged against a remote browser: a Playwright server (`playwright run-server`) on this
machine stands in for a grid, and the suite reaches it through --connect."""
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"playwright run-server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)  # polling a port that is not a browser: nothing to wait on but time
    raise TimeoutError(f"playwright run-server did not listen on {port} within {seconds} s")


@pytest.fixture
def playwright_server():
    port = _free_port()
    cli = Path(sys.executable).with_name("playwright")
    # --unsafe lets the client name the browser binary, needed where only the system's Chromium is installed
    process = subprocess.Popen([str(cli), "run-server", "--host", "127.0.0.1", "--port", str(port), "--unsafe"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_listening(port, process)
        yield f"ws://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_scenarios_run_through_a_remote_playwright_server(playwright_server, tmp_path):
    evidence = tmp_path / "evidence"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-m", "guide-1.1", "-q", "-p", "no:cacheprovider",
         "--connect", playwright_server, "--evidence-dir", str(evidence), "--output", str(tmp_path / "traces")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "PW_WS_ENDPOINT": ""})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    record = json.loads((evidence / "run-record.json").read_text(encoding="utf-8"))
    assert [s["status"] for s in record["scenarios"]] == ["passed"]
    assert all((evidence / shot["screenshot"]).is_file()
               for step in record["scenarios"][0]["steps"] for shot in step["shots"].values())
