"""Races the portal must win: two phones scanning one QR code, two registrations of one enterprise or one e-mail,
many wrong passwords at once against the lock-out.

Real threads against a file-backed SQLite database (a connection per thread, as the server has). A barrier releases
both sides together, and each race is repeated, so a lucky interleaving cannot pass for a correct one.
"""
import base64
import http.cookiejar
import logging
import re
import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from werkzeug.serving import make_server

from mock_portal import arrange, create_app
from mock_portal.accounts import EMAIL_ALREADY_REGISTERED, ENTERPRISE_ALREADY_REGISTERED, MAX_FAILED_LOGINS
from mock_portal.qr import qr_content, qr_png_data_uri

REPEATS = 50
HTTP_REPEATS = 20  # each also uploads two photos of the code for the server to decode
LICENSE_PASSWORD = arrange.INITIAL_LICENSE_PASSWORD
DETAILS = {"contact_phone": "13800138000"}
LOCKED = "密码错误次数过多，账号已锁定，请15分钟后再试"


def race(*calls):
    """Runs the calls at the same moment, one thread each, and returns their results in order."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # re-raised below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def in_app(app, call):
    """The call inside the app's context, as a request has it: for the app's (cheap, in tests) password hashing."""
    def run():
        with app.app_context():
            return call()
    return run


def _app(database: str):
    # NORMAL, as the scenarios' server: a race is decided by SQLite's locks and the conditional UPDATEs, not by the
    # disk sync at each commit (FULL), which only made each of the hundreds of commits here wait for the disk
    return create_app({"TESTING": True, "DATABASE": database, "DATABASE_SYNCHRONOUS": "NORMAL",
                       "SECRET_KEY": secrets.token_hex(32), "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})


@pytest.fixture
def app(tmp_path):
    return _app(str(tmp_path / "portal.sqlite3"))


class Arranged:
    """An unregistered enterprise whose license is on two phones: the legal representative's and an agent's."""

    def __init__(self, app) -> None:
        self.portal = app.extensions["portal"]
        store = self.portal.store
        with app.app_context():
            self.legal_rep = arrange.person(store, name="张三", id_number="430121198001010010", mobile="13800138000")
            self.agent = arrange.person(store, name="李四", id_number="430102199001010024", mobile="13900139000")
        self.enterprises = 0

    def enterprise(self) -> int:
        """A new unregistered enterprise, claimed, with an authorized agent."""
        self.enterprises += 1
        store = self.portal.store
        enterprise_id = arrange.enterprise(store, name=f"湖南并发测试{self.enterprises}有限公司",
                                           uscc=f"9143010{self.enterprises:011d}", legal_rep_id=self.legal_rep,
                                           claimed=True)
        arrange.authorized_agent(store, enterprise_id=enterprise_id, person_id=self.agent)
        return enterprise_id

    def download(self, person_id: int, enterprise_id: int) -> int:
        return self.portal.store.one("SELECT id FROM downloads WHERE person_id = ? AND enterprise_id = ?",
                                     (person_id, enterprise_id))["id"]


# --- two phones, one QR code: at the domain level -----------------------------------------------------------------
@pytest.mark.parametrize("servers", ["one server", "two servers on one database"])
def test_two_phones_scanning_one_code_at_once_exactly_one_wins(app, tmp_path, servers):
    """With two servers the in-process write lock is not shared: only SQLite and the conditional UPDATE decide."""
    world = Arranged(app)
    qr_a = app.extensions["portal"].qr
    qr_b = qr_a if servers == "one server" else _app(str(tmp_path / "portal.sqlite3")).extensions["portal"].qr
    enterprise_id = world.enterprise()
    outcomes = Counter()
    for _ in range(REPEATS):
        _, token = qr_a.issue("register")
        results = race(lambda: qr_a.mark_scanned(token, world.legal_rep, enterprise_id),
                       lambda: qr_b.mark_scanned(token, world.agent, enterprise_id))
        outcomes[tuple(results)] += 1
        assert sorted(results) == [False, True], results
        winner = world.legal_rep if results[0] else world.agent
        assert qr_a.find(token)["person_id"] == winner
    print(f"\n{servers}: {REPEATS} races, (legal rep, agent) won: {dict(outcomes)}")


# --- two registrations at once ------------------------------------------------------------------------------------
def test_two_registrations_of_one_enterprise_at_once_make_one_account(app):
    world = Arranged(app)
    accounts = app.extensions["portal"].accounts
    for attempt in range(REPEATS):
        enterprise_id = world.enterprise()
        results = race(
            in_app(app, lambda: accounts.register(enterprise_id, f"first{attempt}@example.com", "Passw0rd!", DETAILS)),
            in_app(app, lambda: accounts.register(enterprise_id, f"second{attempt}@example.com", "Passw0rd!", DETAILS)))
        errors = sorted(error or "" for _, error in results)
        assert errors == ["", ENTERPRISE_ALREADY_REGISTERED], results
        assert errors[1].startswith("该企业已注册账号")
        assert len(world.portal.store.all("SELECT id FROM accounts WHERE enterprise_id = ?", (enterprise_id,))) == 1


@pytest.mark.parametrize("second_spelling", [str, str.upper], ids=["same e-mail", "same e-mail in capitals"])
def test_two_registrations_with_one_email_at_once_make_one_account(app, second_spelling):
    """The portal treats e-mails case-insensitively (login, "already registered" checks), so must uniqueness."""
    world = Arranged(app)
    accounts = app.extensions["portal"].accounts
    for attempt in range(REPEATS):
        first, second = world.enterprise(), world.enterprise()
        email = f"owner{attempt}@example.com"
        results = race(in_app(app, lambda: accounts.register(first, email, "Passw0rd!", DETAILS)),
                       in_app(app, lambda: accounts.register(second, second_spelling(email), "Passw0rd!", DETAILS)))
        assert sorted(error or "" for _, error in results) == ["", EMAIL_ALREADY_REGISTERED], results
        assert len(world.portal.store.all("SELECT id FROM accounts WHERE lower(email) = ?", (email,))) == 1


# --- two phones, one QR code: over HTTP ---------------------------------------------------------------------------
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Phone:
    """A phone's mini-program session against the real server: cookies, CSRF token, and the two scan steps."""

    def __init__(self, base_url: str, person_id: int) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.open(f"/__test__/phone-login/{person_id}?next=/miniapp/scan")

    def open(self, path: str, body: bytes | None = None, content_type: str | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.base_url + path, data=body)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:  # 4xx is an answer here, not a failure
            return error.code, error.read().decode()

    def token(self) -> str:
        return TOKEN.search(self.open("/miniapp/scan")[1]).group(1)

    def photograph(self, png: bytes) -> int:
        """Picks a photo of the portal's code; the server decodes it and remembers the token for this phone."""
        boundary = "race-7d1f0c9e"
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{self.token()}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="code.png"\r\n'
                f"Content-Type: image/png\r\n\r\n").encode() + png + f"\r\n--{boundary}--\r\n".encode()
        return self.open("/miniapp/scan", body, f"multipart/form-data; boundary={boundary}")[0]

    def confirm(self, token: str, download_id: int) -> tuple[int, str]:
        body = urllib.parse.urlencode({"csrf_token": token, "download_id": download_id,
                                       "license_password": LICENSE_PASSWORD}).encode()
        return self.open("/miniapp/scan/confirm", body, "application/x-www-form-urlencoded")


@pytest.fixture
def server(app):
    quiet = logging.getLogger("werkzeug")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # a line per request would bury the test's output
    http_server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http_server.serve_forever, name="mock-portal", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http_server.server_port}"
    http_server.shutdown()
    thread.join(timeout=5)
    quiet.setLevel(level)


def test_two_phones_confirming_one_code_at_once_over_http_exactly_one_wins(app, server):
    world = Arranged(app)
    qr = app.extensions["portal"].qr
    legal_rep, agent = Phone(server, world.legal_rep), Phone(server, world.agent)
    outcomes = Counter()
    for _ in range(HTTP_REPEATS):
        enterprise_id = world.enterprise()
        _, code = qr.issue("register")
        png = base64.b64decode(qr_png_data_uri(qr_content(server + "/", code)).partition(",")[2])
        assert legal_rep.photograph(png) == 200 and agent.photograph(png) == 200  # the confirm page, redirected
        tokens = legal_rep.token(), agent.token()
        downloads = world.download(world.legal_rep, enterprise_id), world.download(world.agent, enterprise_id)
        (status_a, page_a), (status_b, page_b) = race(lambda: legal_rep.confirm(tokens[0], downloads[0]),
                                                      lambda: agent.confirm(tokens[1], downloads[1]))
        outcomes[(status_a, status_b)] += 1
        assert sorted([status_a, status_b]) == [200, 400], (status_a, status_b)
        assert "二维码已使用" in (page_b if status_a == 200 else page_a)
        assert qr.find(code)["person_id"] == (world.legal_rep if status_a == 200 else world.agent)
    print(f"\nover HTTP: {HTTP_REPEATS} races, (legal rep, agent) statuses: {dict(outcomes)}")


# --- many wrong passwords at once: the lock-out still counts each one ----------------------------------------------
WRONG_AT_ONCE = 20
LOCKOUT_REPEATS = 10
LOCKOUT_HTTP_REPEATS = 3


def _expected_lockout_answers() -> Counter:
    """One answer per remaining try (4, 3, 2, 1), then locked for every other attempt, in whatever order."""
    answers = Counter(f"账号或密码错误，还可尝试{n}次" for n in range(1, MAX_FAILED_LOGINS))
    answers[LOCKED] = WRONG_AT_ONCE - (MAX_FAILED_LOGINS - 1)
    return answers


def test_wrong_passwords_sent_at_once_lock_the_account(app):
    """The failure counter's read, increment and write are one transaction: 20 at once count as 20."""
    accounts = app.extensions["portal"].accounts
    world = Arranged(app)
    accepted_after = []
    for attempt in range(LOCKOUT_REPEATS):
        email = f"locked{attempt}@example.com"
        with app.app_context():
            arrange.account(world.portal.store, world.enterprise(), email, "Passw0rd!")
        results = race(*[in_app(app, lambda: accounts.login(email, "Wrong0ne!")) for _ in range(WRONG_AT_ONCE)])
        assert Counter(result.error for result in results) == _expected_lockout_answers(), results
        with app.app_context():
            accepted_after.append(accounts.login(email, "Passw0rd!").error is None)
    print(f"\nlock-out: {LOCKOUT_REPEATS} x {WRONG_AT_ONCE} wrong passwords at once; the right one accepted "
          f"afterwards {sum(accepted_after)} times")
    assert not any(accepted_after)


class Browser:
    """A desktop browser's session on the portal: cookies and the login form."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with self.opener.open(base_url + "/APEC/login", timeout=30) as response:
            self.token = TOKEN.search(response.read().decode()).group(1)

    def log_in(self, email: str, password: str) -> tuple[int, str]:
        body = urllib.parse.urlencode({"csrf_token": self.token, "mode": "account", "username": email,
                                       "password": password}).encode()
        try:
            with self.opener.open(self.base_url + "/APEC/login", body, timeout=30) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            page = error.read().decode()
            return error.code, re.search(r'form-error" role="alert">([^<]+)<', page).group(1)


def test_wrong_passwords_sent_at_once_over_http_lock_the_account(app, server):
    world = Arranged(app)
    for attempt in range(LOCKOUT_HTTP_REPEATS):
        email = f"http.locked{attempt}@example.com"
        with app.app_context():
            arrange.account(world.portal.store, world.enterprise(), email, "Passw0rd!")
        browsers = [Browser(server) for _ in range(WRONG_AT_ONCE)]
        results = race(*[lambda b=b: b.log_in(email, "Wrong0ne!") for b in browsers])
        assert Counter(message for _, message in results) == _expected_lockout_answers(), results
        status, message = Browser(server).log_in(email, "Passw0rd!")
        assert (status, message) == (400, LOCKED)
    print(f"\nlock-out over HTTP: {LOCKOUT_HTTP_REPEATS} x {WRONG_AT_ONCE} wrong passwords at once, locked each time")


# --- many wrong e-mail codes at once: the code still dies --------------------------------------------------------
CODES_AT_ONCE = 50
CODE_REPEATS = 5


def test_wrong_email_codes_sent_at_once_kill_the_code(app):
    """Each wrong code is counted by one UPDATE … RETURNING: 50 guesses at once leave none uncounted."""
    from mock_portal import mail
    from mock_portal.store import iso

    portal = app.extensions["portal"]
    dead_after = []
    for attempt in range(CODE_REPEATS):
        email, code = f"guess{attempt}@example.com", "246810"
        portal.store.execute("INSERT INTO email_codes (email, code_hash, sent_at) VALUES (?, ?, ?)",
                             (email, mail._hash(email, code), iso(portal.store.now())))
        wrong = [f"{n:06d}" for n in range(CODES_AT_ONCE)]
        answers = race(*[lambda guess=guess: portal.email_codes.check(email, guess) for guess in wrong])
        assert Counter(answers) == Counter({"邮箱验证码错误": mail.MAX_CODE_ATTEMPTS - 1,
                                            mail.CODE_DEAD: CODES_AT_ONCE - mail.MAX_CODE_ATTEMPTS + 1}), answers
        dead_after.append(portal.email_codes.check(email, code) == mail.CODE_DEAD)
    print(f"\ne-mail code: {CODE_REPEATS} x {CODES_AT_ONCE} wrong codes at once; the right one refused "
          f"afterwards {sum(dead_after)} times")
    assert all(dead_after)
