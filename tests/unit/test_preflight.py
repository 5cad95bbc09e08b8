"""Pre-flight: before any scenario runs, the browser starts, the portal answers and its control API answers; a
failure is one line and exit 2, never a failed section and never a traceback."""
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.preflight import PreflightFailed, check_control_api, check_portal

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_portal_fails_in_one_line():
    url = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(PreflightFailed) as err:
        check_portal(url)
    assert url in str(err.value) and "\n" not in str(err.value)


def test_a_portal_without_control_api_fails(tmp_path):
    from mock_portal import create_app
    from werkzeug.serving import make_server
    import threading
    app = create_app({"TESTING": False, "DATABASE": str(tmp_path / "p.sqlite3"), "SECRET_KEY": "x"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        check_portal(url)  # the portal itself answers
        with pytest.raises(PreflightFailed) as err:
            check_control_api(url)
        assert "/__test__" in str(err.value)
    finally:
        server.shutdown()


def run(*argv, env=None, timeout=120):
    return subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)


def test_validator_run_against_an_unreachable_portal_is_exit_2_in_one_line(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}"
    done = run("-m", "validator", "run", "--base-url", url, "--record", str(tmp_path / "r.json"),
               "--out", str(tmp_path / "g"), "-m", "guide-1.1")
    lines = [l for l in done.stderr.splitlines() if l.strip()]
    assert done.returncode == 2, done.stdout + done.stderr
    assert len(lines) == 1 and url in lines[0] and "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "g").exists() and not (tmp_path / "r.json").exists()


def test_a_browser_that_cannot_start_stops_pytest_with_exit_2(tmp_path):
    missing = tmp_path / "no-such-chromium"
    done = run("-m", "pytest", "tests/test_scenarios.py", "-m", "guide-1.1", "-n", "0", "-p", "no:randomly",
               "--chromium-path", str(missing), "--evidence-dir", str(tmp_path / "ev"))
    out = done.stdout + done.stderr
    lines = [l for l in out.splitlines() if l.strip()]
    assert done.returncode == 2, out
    assert len(lines) == 1 and str(missing) in lines[0], out  # no session, no failed test, no traceback
    assert not (tmp_path / "ev" / "run-record.json").exists()


@pytest.mark.parametrize("args, scenarios", [
    (["tests/unit/test_uscc.py"], False), (["tests/unit"], False), (["tests"], True), (["."], True),
    (["tests/test_scenarios.py::test_x"], True)])
def test_only_runs_with_scenarios_need_the_browser(args, scenarios):
    from types import SimpleNamespace
    from fixtures.preflight import _runs_scenarios
    assert _runs_scenarios(SimpleNamespace(args=[str(ROOT / a) for a in args])) is scenarios
