"""Hostile form input against every POST endpoint, with CSRF protection on, as in production.

Endpoints come from the app's url_map and their forms from the rendered pages (see hostile_targets.py), so routes
added later are covered. The control API is not among them: the app is built outside testing mode, where it does not
exist. `pytest -s` prints how many examples each endpoint got and the statuses seen.
"""
import re
import secrets
import tempfile
from collections import Counter, defaultdict

import pytest
from flask import got_request_exception
from werkzeug.exceptions import NotFound
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import hostile
import hostile_targets as targets
from mock_portal import create_app

VALID_TOKEN_EXAMPLES = 24
FORGED_EXAMPLES = 10
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
FORGERIES = ("missing", "empty", "garbage", "another session's", "tampered")
# No shrinking: with 100k-character values it can take minutes per failure, and the sweep already gives the
# smallest reproduction (one hostile field among believable ones). Failures still print every draw.
HYPOTHESIS = dict(deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _app(database: str):
    return create_app({"DATABASE": database, "SECRET_KEY": secrets.token_hex(32),
                       "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})


def _endpoints() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:  # a throwaway app, only to read its url_map at collection
        return targets.post_endpoints(_app(f"{folder}/portal.sqlite3"))


ENDPOINTS = _endpoints()


class Lab:
    """One app for the module; each example starts from a fresh copy of the world and a new browser session."""

    def __init__(self, app) -> None:
        self.app = app
        self.store = app.extensions["portal"].store
        # Durability is moot for a throwaway store, and without fsync each write is ~15x faster. The test client
        # runs in this thread, so this connection is the one every request uses.
        self.store.execute("PRAGMA synchronous = OFF")
        self.shapes = targets.discover(app)
        self.world = targets.WorldCopy(app)
        self.errors: list[BaseException] = []
        self.statuses = defaultdict(lambda: defaultdict(Counter))
        got_request_exception.connect(lambda sender, exception, **extra: self.errors.append(exception), app,
                                      weak=False)

    def session(self, state: str):
        client = self.app.test_client()
        targets.enter(client, self.world.restore(), state)
        return client

    def token(self, client) -> str:
        # Any page with a form will do: the token is per session, not per form.
        return TOKEN.search(client.get("/APEC/login").get_data(as_text=True)).group(1)

    def snapshot(self) -> dict[str, list[tuple]]:
        tables = [row["name"] for row in self.store.all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {table: [tuple(row) for row in self.store.all(f"SELECT * FROM {table}")] for table in tables}

    def routes(self, path: str) -> bool:
        try:
            self.app.url_map.bind("localhost").match(path.partition("?")[0], method="POST")
            return True
        except NotFound:
            return False

    def crashed(self, response) -> str:
        cause = repr(self.errors[-1]) if self.errors else "no exception recorded"
        return f"{response.status_code} from {response.request.path}: {cause}"

    def summary(self) -> str:
        """Per endpoint: the states tried, then examples and statuses per kind of request."""
        def cell(counter) -> str:
            statuses = " ".join(f"{status}x{n}" for status, n in sorted(counter.items())) or "-"
            return f"{sum(counter.values()):>4}  {statuses:<26}"
        kinds = ("sweep", "valid", "forged")
        lines = [f"{'endpoint':<27}" + "".join(f"{kind + ' (n, statuses)':<32}" for kind in kinds) + "states"]
        for endpoint in ENDPOINTS:
            seen = self.statuses[endpoint]
            lines.append(f"{endpoint:<27}" + "".join(cell(seen[kind]) for kind in kinds)
                         + ",".join(sorted(self.shapes[endpoint].states, key=targets.STATES.index)))
        return "\n".join(lines)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    lab = Lab(_app(str(tmp_path_factory.mktemp("hostile") / "portal.sqlite3")))
    yield lab
    print(f"\nHostile input: {len(ENDPOINTS)} POST endpoints\n{lab.summary()}")


def _request(endpoint: str, lab: Lab, data):
    """Draws a state, a path and a hostile form for the endpoint; returns the client and the request to send."""
    shape = lab.shapes[endpoint]
    state = data.draw(st.sampled_from(sorted(shape.states)), label="state")
    path = data.draw(st.sampled_from(sorted(shape.paths)), label="path")
    pairs = data.draw(hostile.hostile_form(shape), label="form")
    return lab.session(state), path, pairs


def _send(client, path: str, pairs, as_multipart: bool, files: set[str]):
    body, content_type = hostile.multipart(pairs, files) if as_multipart else hostile.urlencoded(pairs)
    return client.post(path, data=body, content_type=content_type), len(body)


def _assert_inert(lab: Lab, response, sent: list) -> None:
    assert response.status_code < 500, lab.crashed(response)
    cookie = response.headers.get("Set-Cookie", "")
    assert len(cookie) <= hostile.MAX_COOKIE_BYTES, f"{response.request.path} sets a {len(cookie)}-byte cookie"
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        assert not hostile.unescaped_markup(html, sent), f"{response.request.path} echoes markup unescaped"
        assert not hostile.injected_code(html), (response.request.path, hostile.injected_code(html))


def _post_with_valid_token(lab: Lab, endpoint: str, client, path: str, pairs, as_multipart: bool, kind: str):
    """Posts, then checks: no 5xx, nothing executable echoed (here or on the page it redirects to, where a
    stored value is shown next), no table dropped, and whatever was stored is text."""
    token = lab.token(client)
    before = lab.snapshot()
    response, _ = _send(client, path, [("csrf_token", token)] + pairs, as_multipart, lab.shapes[endpoint].files)
    lab.statuses[endpoint][kind][response.status_code] += 1
    sent = [value for _, value in pairs]
    _assert_inert(lab, response, sent)
    if response.status_code in (301, 302, 303) and response.location.startswith("/"):
        _assert_inert(lab, client.get(response.location), sent)
    after = lab.snapshot()
    assert after.keys() == before.keys(), "a table appeared or vanished"
    changed = [row for table in after for row in set(after[table]) - set(before[table])]
    assert not [row for row in changed if any(isinstance(value, bytes) for value in row)], "stored as a blob"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_payload_in_every_field_is_refused_or_stored_as_text(lab, endpoint):
    """The sweep: each payload once in each field, in the first state that shows the form, so no field misses a
    payload by chance."""
    shape, failures = lab.shapes[endpoint], []
    forms = shape.sweep()
    for pairs in forms:
        try:
            _post_with_valid_token(lab, endpoint, lab.session(shape.home), shape.home_path, pairs, False, "sweep")
        except AssertionError as failure:  # keep going: the report lists every field and payload that fails
            failures.append(f"{hostile.describe(pairs)}: {str(failure).splitlines()[0]}")
    assert not failures, f"{len(failures)} of {len(forms)} forms failed:\n" + "\n".join(failures)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@settings(max_examples=VALID_TOKEN_EXAMPLES, **HYPOTHESIS)
@given(data=st.data())
def test_hostile_values_with_a_valid_token_are_refused_or_stored_as_text(lab, endpoint, data):
    client, path, pairs = _request(endpoint, lab, data)
    _post_with_valid_token(lab, endpoint, client, path, pairs, data.draw(st.booleans(), label="multipart"), "valid")


def _forged(forgery: str, lab: Lab, token: str, data) -> str | bytes | None:
    if forgery == "missing":
        return None
    if forgery == "empty":
        return ""
    if forgery == "garbage":
        return data.draw(hostile.hostile_value(), label="garbage")
    if forgery == "another session's":
        return lab.token(lab.app.test_client())
    # Tampered: flip the signature's first character. Not its last, which may carry only base64 padding bits and
    # so change nothing.
    payload, _, signature = token.rpartition(".")
    return f"{payload}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@settings(max_examples=FORGED_EXAMPLES, **HYPOTHESIS)
@given(data=st.data())
def test_a_missing_or_wrong_token_is_refused_with_400_and_changes_nothing(lab, endpoint, data):
    client, path, pairs = _request(endpoint, lab, data)
    forged = _forged(data.draw(st.sampled_from(FORGERIES), label="forgery"), lab, lab.token(client), data)
    before = lab.snapshot()
    response, size = _send(client, path, pairs if forged is None else [("csrf_token", forged)] + pairs,
                           data.draw(st.booleans(), label="multipart"), lab.shapes[endpoint].files)
    lab.statuses[endpoint]["forged"][response.status_code] += 1
    # 404 for a path no route takes; 413 only if a body too big to parse is ever refused before its token is read
    too_big = size > (lab.app.config.get("MAX_FORM_MEMORY_SIZE") or size)
    expected = {400} | ({404} if not lab.routes(path) else set()) | ({413} if too_big else set())
    assert response.status_code in expected, lab.crashed(response)
    assert lab.snapshot() == before


# --- dates out of range and overlong text: a field error, never a 500 nor a cookie too big to keep ------------------
LONG = hostile.LONG_TEXT
EDGE_DATES = ("0001-01-01 00:00", "9999-12-31 23:59", "0001-01-01T00:00", "9999-12-31T23:59", "1900-01-01 00:00")


def _edge_cases():
    """(state, path, form, the field that must carry the error)."""
    grant = {"agent_id": "{agent_id}", "mode": "全业务授权", "starts_at": "2026-01-01 09:00",
             "ends_at": "2027-01-01 09:00"}
    new_grant = "/miniapp/enterprises/{enterprise_id}/authorizations/new"
    for date in EDGE_DATES:
        yield "phone", new_grant, {**grant, "starts_at": date}, "starts_at"
        yield "phone", new_grant, {**grant, "ends_at": date}, "ends_at"
    yield "registering", "/APEC/register/enterprise", {**targets.REGISTRATION_DETAILS, "region_detail": LONG}, \
        "region_detail"
    yield "enterprise", "/APEC/settings/handlers/new", {"name": LONG, "login": "handler_x", "mobile": "13700137000",
                                                        "password": "Passw0rd!"}, "name"
    person = {"name": "赵六", "id_number": "11010519491231002X", "mobile": "13600136000"}
    for name in person:
        yield "phone", "/miniapp/enterprises/{enterprise_id}/agents/new", {**person, name: LONG}, name
        yield "phone", "/miniapp/enterprises/{enterprise_id}/administrators", {**person, name: LONG}, name
    yield "anonymous", "/miniapp/realname/app", {"name": LONG, "id_number": "11010519491231002X"}, None


EDGE_CASES = list(_edge_cases())


@pytest.fixture(scope="module")
def edge_app(tmp_path_factory):
    app = create_app({"DATABASE": str(tmp_path_factory.mktemp("edge") / "portal.sqlite3"),
                      "SECRET_KEY": secrets.token_hex(32), "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "WTF_CSRF_ENABLED": False})
    return app, targets.WorldCopy(app)


def _edge_id(case) -> str:
    _, path, form, field = case
    odd = next(value for value in form.values() if len(value) > 40 or value[:2] in ("00", "99", "19"))
    return f"{path.rsplit('/', 1)[-1]}-{field}-" + (f"{len(odd)} chars" if len(odd) > 40 else odd)


@pytest.mark.parametrize("state, path, form, field", EDGE_CASES, ids=[_edge_id(case) for case in EDGE_CASES])
def test_out_of_range_dates_and_overlong_text_get_a_field_error(edge_app, state, path, form, field):
    """The server checks every date's range and every field's length itself: the browser's maxlength and date
    picker are not the rule. An overlong value kept in the session cookie would make it too big for the browser,
    which drops it: the registration would silently start again."""
    app, copy = edge_app
    world = copy.restore()
    client = app.test_client()
    targets.enter(client, world, state)
    response = client.post(path.format(**world.ids), data={k: v.format(**world.ids) for k, v in form.items()})
    cookie = response.headers.get("Set-Cookie", "")
    assert response.status_code < 500
    assert len(cookie) <= hostile.MAX_COOKIE_BYTES, f"a {len(cookie)}-byte cookie"
    if field:
        assert response.status_code == 400, response.status_code
        assert f'id="{field}-error"' in response.get_data(as_text=True), "no error beside the field"
