"""Scenarios run unchanged against a remote browser: a Playwright server (`playwright run-server`) on this
machine stands in for a grid, and the suite reaches it through --connect."""
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(process: subprocess.Popen) -> None:
    """The server says when it listens; reading its output waits for that state, and ends if the server dies."""
    for line in process.stdout:
        if "Listening on" in line:
            return
    raise RuntimeError(f"playwright run-server exited with {process.wait()} before listening")


@pytest.fixture
def playwright_server():
    port = _free_port()
    cli = Path(sys.executable).with_name("playwright")
    # --unsafe lets the client name the browser binary, needed where only the system's Chromium is installed
    # its own process group: the `playwright` script runs the server as a node child, which must end with it
    process = subprocess.Popen([str(cli), "run-server", "--host", "127.0.0.1", "--port", str(port), "--unsafe"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        _wait_until_listening(process)
        yield f"ws://127.0.0.1:{port}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
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
