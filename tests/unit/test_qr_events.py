"""The QR pages learn a scan, a refusal and an expiry from the server as it happens (server-sent events), instead
of polling for it."""
import threading
import time

import pytest

from mock_portal.portal_views.auth import QR_RECHECK_SECONDS

PUSHED_WITHIN = QR_RECHECK_SECONDS / 2  # sooner than the stream's own re-check: it was woken, not polling


def open_stream(app, purpose: str = "login"):
    """A browser session showing a QR code, and its event stream."""
    client = app.test_client()
    token_id, token = app.extensions["portal"].qr.issue(purpose)
    with client.session_transaction() as session:
        session[f"qr_{purpose}"] = token_id
    response = client.get(f"/APEC/qr/events/{purpose}", buffered=False)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    return response, token


def events(response):
    """The data lines of the stream, as they arrive; comments (keep-alives) left out."""
    for chunk in response.response:
        text = chunk.decode() if isinstance(chunk, bytes) else chunk
        if text.startswith("data: "):
            yield text.removeprefix("data: ").strip()


def later(action, delay: float = 0.2) -> None:
    threading.Timer(delay, action).start()


def test_a_scan_is_pushed_at_once(app):
    response, token = open_stream(app)
    stream = events(response)
    assert next(stream) == "pending"
    later(lambda: app.extensions["portal"].qr.mark_scanned(token, person_id=1, enterprise_id=1))
    started = time.monotonic()
    assert next(stream) == "scanned"
    assert time.monotonic() - started < 0.2 + PUSHED_WITHIN
    with pytest.raises(StopIteration):  # the stream ends: the page takes the result from qr_status
        next(stream)


def test_a_refusal_is_pushed_and_the_stream_goes_on(app):
    response, token = open_stream(app)
    stream = events(response)
    assert next(stream) == "pending"
    later(lambda: app.extensions["portal"].qr.refuse(token, "执照密码错误"))
    started = time.monotonic()
    assert next(stream) == "pending"  # still pending, now with a refusal the page asks for
    assert time.monotonic() - started < 0.2 + PUSHED_WITHIN
    response.close()


def test_moving_the_clock_past_the_expiry_is_pushed(app):
    response, _ = open_stream(app)
    stream = events(response)
    assert next(stream) == "pending"
    control = app.test_client()
    later(lambda: control.post("/__test__/clock", json={"advance_seconds": 3600}))
    started = time.monotonic()
    assert next(stream) == "expired"
    assert time.monotonic() - started < 0.2 + PUSHED_WITHIN


def test_no_stream_without_a_code_shown(app):
    assert app.test_client().get("/APEC/qr/events/login").status_code == 404
    assert app.test_client().get("/APEC/qr/events/other").status_code == 404
