"""bench/chrome_profile.py's reading of a Chromium trace: thread CPU from the outermost tasks only, and a renderer's
main thread split into the DevTools calls and the page's own work by each event's own (exclusive) thread time."""
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import chrome_profile  # noqa: E402


def task(name, ts, dur, tdur, pid=1, tid=1, cat="toplevel"):
    return {"ph": "X", "name": name, "ts": ts, "dur": dur, "tdur": tdur, "pid": pid, "tid": tid, "cat": cat}


@pytest.fixture
def trace(tmp_path):
    events = [
        {"ph": "M", "name": "process_name", "pid": 1, "args": {"name": "Renderer"}},
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
        {"ph": "M", "name": "process_name", "pid": 2, "args": {"name": "Browser"}},
        {"ph": "M", "name": "thread_name", "pid": 2, "tid": 7, "args": {"name": "CrBrowserMain"}},
        # renderer: a task (10 ms of CPU) running a DevTools command (4 ms, 3 of them JavaScript), then a layout (2)
        task("ThreadControllerImpl::RunTask", 0, 12_000, 10_000),
        task("DevToolsSession::DispatchProtocolCommand", 1_000, 5_000, 4_000, cat="devtools"),
        task("api_call", 1_500, 4_000, 3_000, cat="v8"),
        task("LocalFrameView::performLayout", 7_000, 3_000, 2_000, cat="blink"),
        # browser: a task nested in a task counts once, as the outer one's time
        task("RunTask", 0, 6_000, 5_000, pid=2, tid=7),
        task("ThreadControllerImpl::RunTask", 100, 4_000, 3_000, pid=2, tid=7),
        task("RunTask", 7_000, 1_000, 1_000, pid=2, tid=7),
    ]
    path = tmp_path / "trace.json"
    path.write_text(json.dumps({"traceEvents": events}), encoding="utf-8")
    return path


def test_thread_cpu_counts_only_the_outermost_tasks(trace):
    by_thread, _ = chrome_profile.analyse(trace)
    assert by_thread[("Browser", "CrBrowserMain")] == pytest.approx(6.0)
    assert by_thread[("Renderer", "CrRendererMain")] == pytest.approx(10.0)


def test_renderer_main_thread_split_by_own_time(trace):
    _, main = chrome_profile.analyse(trace)
    devtools, page = main["devtools"], main["page"]
    javascript = next(kind for kind in devtools if kind.startswith("JavaScript"))
    assert devtools[javascript] == pytest.approx(3.0)
    assert devtools[chrome_profile.OTHER] == pytest.approx(1.0)  # the command's own dispatching
    assert page["layout and text shaping"] == pytest.approx(2.0)
    assert page[chrome_profile.OTHER] == pytest.approx(4.0)  # the task's own time: 10 - 4 - 2
    assert sum(devtools.values()) + sum(page.values()) == pytest.approx(10.0)
