"""A pytest plugin for bench/profile.py: wall time of the test thread by kind of work, as exclusive (self) time.

A sampling profiler cannot say this: while a Playwright call waits for the browser, the test thread runs Playwright's
dispatcher greenlet, so py-spy sees the event loop and not the step that waits. These wrappers time each call at its
entry instead. Loaded only by bench/profile.py (`-p profile_timers`), never by the harness."""
import functools
import json
import os
import time
from collections import defaultdict

from playwright.sync_api import _generated as sync

_stack: list[list] = []  # [kind, started, time spent in nested timed calls]
TOTALS: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
SESSION: dict[str, float] = {}

ACTIONS = ("click", "dblclick", "fill", "check", "uncheck", "set_checked", "select_option", "press",
           "press_sequentially", "type", "set_input_files", "hover", "tap", "clear", "focus", "blur")
QUERIES = ("is_visible", "is_hidden", "is_checked", "is_enabled", "is_disabled", "text_content", "inner_text",
           "input_value", "get_attribute", "count", "all", "all_text_contents", "all_inner_texts", "bounding_box",
           "input_value", "content", "title")
LOADS = ("goto", "reload", "go_back", "wait_for_url", "wait_for_load_state", "expect_navigation")


def _timed(kind, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        name = kind(args, kwargs) if callable(kind) else kind
        frame = [name, time.perf_counter(), 0.0]
        _stack.append(frame)
        try:
            return function(*args, **kwargs)
        finally:
            _stack.pop()
            elapsed = time.perf_counter() - frame[1]
            TOTALS[name] += elapsed - frame[2]
            CALLS[name] += 1
            if _stack:
                _stack[-1][2] += elapsed
    return wrapper


def _wrap(owner, names, kind) -> None:
    for name in names:
        if hasattr(owner, name):
            setattr(owner, name, _timed(kind, getattr(owner, name)))


def _evaluate_kind(args, kwargs) -> str:
    from fixtures import evidence, page_reader, visual
    script = args[1] if len(args) > 1 else kwargs.get("expression", kwargs.get("function"))
    if script == evidence.FINGERPRINT_SCRIPT:
        return "evidence: fingerprint (page hash)"
    if script == evidence.LOOK_SCRIPT:
        return "evidence: fingerprint (page hash; a changed page prepared for its picture)"
    if script in (evidence.TEXTS_SCRIPT, evidence.FACTS_SCRIPT, evidence.RESTORE_AND_READ_SCRIPT):
        return "evidence: visible texts and boxes"
    if script in (page_reader.PREPARE_SCRIPT, page_reader.CLEANUP_SCRIPT, page_reader.EMULATION_SCRIPT):
        return "evidence: screenshot (capture, PNG encode, write)"
    if script == visual.MASK_SCRIPT:
        return "evidence: other (file copy, visual, bookkeeping)"
    return "page: evaluate (other)"


def _install() -> None:
    from fixtures import control, evidence, mail, page_reader
    _wrap(sync.BrowserType, ("launch", "connect"), "browser: launch")
    _wrap(sync.Browser, ("new_context", "close"), "browser: contexts (new, close)")
    _wrap(sync.BrowserContext, ("new_page", "close"), "browser: contexts (new, close)")
    _wrap(sync.Tracing, ("start", "stop", "start_chunk", "stop_chunk"), "browser: failure trace (start, stop)")
    _wrap(sync.Clock, ("set_fixed_time", "install", "run_for", "fast_forward", "set_system_time"),
          "browser: clock")
    for owner in (sync.Page, sync.Frame):
        _wrap(owner, LOADS, "page: loads and navigation waits")
        _wrap(owner, ACTIONS, "page: actions (click, fill, ...)")
        _wrap(owner, QUERIES, "page: queries (is_visible, text, ...)")
        _wrap(owner, ("wait_for_selector", "wait_for_function", "wait_for_timeout"), "page: waits (wait_for, expect)")
        _wrap(owner, ("evaluate",), _evaluate_kind)
    _wrap(sync.Page, ("screenshot",), "evidence: screenshot (capture, PNG encode, write)")
    # the evidence reads pages over a CDP session of its own (fixtures/page_reader.py)
    _wrap(page_reader.PageReader, ("screenshot", "capture"), "evidence: screenshot (capture, PNG encode, write)")
    _wrap(page_reader.PageReader, ("evaluate",), _evaluate_kind)
    _wrap(page_reader.PageReader, ("__init__",), "evidence: page reader (CDP session, once a page)")
    _wrap(sync.Locator, ACTIONS, "page: actions (click, fill, ...)")
    _wrap(sync.Locator, QUERIES, "page: queries (is_visible, text, ...)")
    _wrap(sync.Locator, ("wait_for",), "page: waits (wait_for, expect)")
    _wrap(sync.Locator, ("screenshot",), "page: element screenshot (QR photo for the phone)")
    _wrap(sync.Locator, ("aria_snapshot",), "evidence: aria snapshot")
    for owner in (sync.LocatorAssertions, sync.PageAssertions):
        names = [name for name in vars(owner) if name.startswith(("to_", "not_to_"))]
        _wrap(owner, names, "page: waits (wait_for, expect)")
    _wrap(control.PortalControl, ("_call",), "control API: arranging data (HTTP)")
    _wrap(mail, ("wait_for_mail",), "mail: waiting for the catcher (polls 100 ms)")
    control.wait_for_mail = mail.wait_for_mail
    _wrap(evidence, ("_shoot",), "evidence: other (file copy, visual, bookkeeping)")
    _wrap(evidence, ("_write_record",), "evidence: writing the run record")


def pytest_configure(config):
    _install()


def pytest_sessionstart(session):
    SESSION["started"] = time.perf_counter()


def pytest_sessionfinish(session):
    SESSION["wall"] = time.perf_counter() - SESSION["started"]


def pytest_unconfigure(config):
    out = os.environ.get("APEC_PROFILE_TIMERS")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"totals": TOTALS, "calls": CALLS, "session_wall": SESSION.get("wall")}, handle,
                      ensure_ascii=False, indent=1)
