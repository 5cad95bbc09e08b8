"""A pytest plugin for bench/chrome_profile.py: records Chromium's own trace (its tracing, the "real profiler" for the
browser) over the whole session, into the file APEC_CHROME_TRACE names. Loaded only by that script
(`-p chrome_trace`), never by the harness."""
import os

import pytest

# The tasks of every thread (toplevel, with their thread CPU time), and Blink's, V8's, the compositor's and
# DevTools' own events inside them: enough to tell a page's work from the DevTools calls made on it.
CATEGORIES = ["toplevel", "blink", "blink_style", "v8", "cc", "devtools", "navigation", "loading"]


@pytest.fixture(scope="session", autouse=True)
def _chrome_trace(browser):
    path = os.environ["APEC_CHROME_TRACE"]
    browser.start_tracing(path=path, categories=CATEGORIES)
    yield
    browser.stop_tracing()
