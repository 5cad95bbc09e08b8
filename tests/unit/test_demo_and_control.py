"""The standalone server's demo data is valid, and the control API exists only in testing mode."""
import pytest

from mock_portal import create_app, demo
from mock_portal.rules import idcard, uscc


def test_demo_identifiers_pass_the_portals_own_check_digits():
    assert uscc.is_valid(demo.ENTERPRISE["uscc"]) and uscc.is_valid(demo.READY_ENTERPRISE["uscc"])
    for person in (demo.LEGAL_REP, demo.AGENT, demo.PRECISE_AGENT):
        assert idcard.is_valid(person["id_number"]), person


@pytest.mark.parametrize("path", ["/__test__/reset", "/__test__/clock", "/__test__/enterprises"])
def test_control_api_is_absent_outside_testing(tmp_path, path):
    app = create_app({"DATABASE": str(tmp_path / "portal.sqlite3")})
    assert app.test_client().post(path, json={}).status_code == 404


def test_control_api_answers_in_testing_mode(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "portal.sqlite3")})
    assert app.test_client().post("/__test__/reset", json={}).status_code == 200


def test_seeded_standalone_server_keeps_state_across_restarts(tmp_path):
    config = {"DATABASE": str(tmp_path / "portal.sqlite3"), "SEED_DEMO": True,
              "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}  # the demo people's passwords: not what is checked
    create_app(config)
    app = create_app(config)
    with app.app_context():
        store = app.extensions["portal"].store
        assert len(store.all("SELECT * FROM enterprises")) == 2


@pytest.mark.parametrize("path", ["/__test__/phone-login/1", "/__test__/portal-registration/1"])
def test_control_back_doors_are_absent_outside_testing(tmp_path, path):
    app = create_app({"DATABASE": str(tmp_path / "portal.sqlite3")})
    assert app.test_client().get(path).status_code == 404


def _enterprise(app) -> int:
    from mock_portal import arrange

    store = app.extensions["portal"].store
    with app.app_context():  # the app's password hashing method (cheap in the tests' apps), not a real server's
        rep = arrange.person(store, name="张三", id_number="430121198001010017", mobile="13800000000")
    return arrange.enterprise(store, "湖南示例科技有限公司", demo.ENTERPRISE["uscc"], rep, claimed=True)


ENTERPRISE_INFO = {"region_province": "湖南省", "region_detail": "长沙市", "contact_phone": "0731-88886666",
                   "nature": "民营企业", "industry": "批发和零售业", "employees": "120"}


def test_registration_back_door_opens_the_step_after_the_scan(app):
    client = app.test_client()
    enterprise_id = _enterprise(app)
    assert client.get("/__test__/portal-registration/999").status_code == 404
    opened = client.get(f"/__test__/portal-registration/{enterprise_id}", follow_redirects=True)
    assert opened.request.path == "/APEC/register/enterprise" and "湖南示例科技有限公司" in opened.text
    account = client.get(f"/__test__/portal-registration/{enterprise_id}", query_string=ENTERPRISE_INFO,
                         follow_redirects=True)
    assert account.request.path == "/APEC/register/account" and account.status_code == 200


def test_registration_back_door_refuses_enterprise_info_the_portal_would_refuse(app):
    enterprise_id = _enterprise(app)
    refused = app.test_client().get(f"/__test__/portal-registration/{enterprise_id}",
                                    query_string={**ENTERPRISE_INFO, "employees": "一百"})
    assert refused.status_code == 400 and "employees" in refused.json["fields"]


# --- the debugger only on request ----------------------------------------------------------------------------------
@pytest.fixture
def served(monkeypatch, tmp_path):
    """Runs `python -m mock_portal` up to the point where it would serve, and returns what it would serve with."""
    import sys

    import werkzeug.serving

    from mock_portal import __main__ as standalone

    from mock_portal import passwords

    calls = []
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda *args, **kwargs: calls.append((args, kwargs)))
    # the server seeds the demo people, whose passwords a real one hashes with scrypt: not what these tests check
    monkeypatch.setattr(passwords, "DEFAULT_METHOD", "pbkdf2:sha256:1000")
    monkeypatch.chdir(tmp_path)

    def serve(*options: str) -> dict:
        monkeypatch.setattr(sys, "argv", ["python -m mock_portal", "--port", "0", "--database",
                                          str(tmp_path / "portal.sqlite3"), *options])
        standalone.main()
        (_, _, app), kwargs = calls[-1]
        return {"debugger": kwargs.get("use_debugger", False) or app.debug, "reloader": kwargs.get("use_reloader")}
    return serve


def test_flask_debug_in_the_environment_does_not_turn_on_the_debugger(served, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert served()["debugger"] is False


def test_the_debugger_needs_an_explicit_option_and_says_so(served, capsys):
    assert served("--debug")["debugger"] is True
    assert "debugger" in capsys.readouterr().err.lower()


# --- demo mode: for people by hand, never in testing mode --------------------------------------------------------
DEMO_PAGES = ["/APEC/", "/APEC/login?mode=qr", "/APEC/register", "/miniapp/", "/miniapp/scan"]


def _demo_app(tmp_path, catcher=None, **config):
    app = create_app({"DATABASE": str(tmp_path / "portal.sqlite3"), "SEED_DEMO": True,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", **config})
    if catcher:
        app.extensions["mail_catcher"] = catcher
    return app


def _page(app, path: str, person_id: int | None = None) -> str:
    client = app.test_client()
    if person_id:
        with client.session_transaction() as session:
            session["miniapp_person_id"] = person_id
    return client.get(path, follow_redirects=True).get_data(as_text=True)


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_testing_mode_pages_show_nothing_of_the_demo(app, path):
    """Scenario screenshots stay as they were: no strip, no help, no download link, even with SEED_DEMO set."""
    app.config["SEED_DEMO"] = True
    html = _page(app, path, person_id=1)
    assert "演示" not in html and "demo" not in html
    assert app.test_client().get("/demo/").status_code == 404


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_demo_pages_link_the_panel_and_the_mailbox(tmp_path, path):
    app = _demo_app(tmp_path)
    html = _page(app, path, person_id=1)
    assert 'href="/demo/"' in html and 'href="/demo/mailbox"' in html


def test_demo_panel_lists_people_channels_passwords_and_the_ready_account(tmp_path):
    html = _page(_demo_app(tmp_path), "/demo/")
    for text in (demo.ENTERPRISE["name"], demo.READY_ACCOUNT["email"], demo.READY_ACCOUNT["password"],
                 demo.LICENSE_PASSWORD, demo.PAY_PASSWORD, "微信小程序", "支付宝小程序", "电子营业执照APP",
                 *(person["id_number"] for _, person in demo.PEOPLE)):
        assert text in html, text


def test_the_ready_demo_account_logs_in(tmp_path):
    client = _demo_app(tmp_path, WTF_CSRF_ENABLED=False).test_client()
    response = client.post("/APEC/login", data={"mode": "account", "username": demo.READY_ACCOUNT["email"],
                                                "password": demo.READY_ACCOUNT["password"]})
    assert response.status_code == 302 and response.location.endswith("/APEC/home")


def test_the_portal_offers_the_qr_image_to_download_and_the_phone_says_how_to_pick_it(tmp_path):
    app = _demo_app(tmp_path)
    assert 'download="' in _page(app, "/APEC/register") and "下载二维码图片" in _page(app, "/APEC/register")
    assert "从相册选择二维码" in _page(app, "/miniapp/scan", person_id=1)


def test_demo_mailbox_shows_the_code_the_portal_mailed(tmp_path, catcher):
    """The e-mail code goes over SMTP to the catcher, and the demo mailbox page shows it."""
    app = _demo_app(tmp_path, catcher, WTF_CSRF_ENABLED=False, MAIL_SMTP_HOST=catcher.host,
                    MAIL_SMTP_PORT=catcher.port)
    catcher.clear()
    client = app.test_client()
    store = app.extensions["portal"].store
    enterprise = store.one("SELECT id FROM enterprises WHERE uscc = ?", (demo.ENTERPRISE["uscc"],))["id"]
    with client.session_transaction() as session:
        session.update(reg_enterprise_id=enterprise, reg_enterprise_form={
            "region_province": "湖南省", "region_detail": "", "contact_phone": "13800138000", "nature": "民营企业",
            "industry": "制造业", "employees": ""})
    sent = client.post("/APEC/register/account", data={"email": "me@example.com", "action": "send_code"})
    assert "验证码已发送" in sent.get_data(as_text=True)
    [mail] = catcher.messages("me@example.com")
    assert mail["body"].split("：")[1][:6] in _page(app, "/demo/mailbox")


def test_wechat_works_for_the_demo_person_once_the_phone_holder_is_chosen(tmp_path):
    app = _demo_app(tmp_path, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    rep = app.extensions["portal"].store.one("SELECT id FROM people WHERE id_number = ?",
                                             (demo.LEGAL_REP["id_number"],))["id"]
    client.post("/demo/phone", data={"person_id": rep})
    paid = client.post("/miniapp/realname/wechat", data={"pay_password": demo.PAY_PASSWORD})
    assert paid.status_code == 302 and paid.location.endswith("/realname/wechat/info")


def test_without_a_catcher_the_code_is_not_pretended_sent(tmp_path):
    """Nothing listens at the SMTP address: the page says the code could not be sent, and no code counts."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "WTF_CSRF_ENABLED": False,
                      "MAIL_SMTP_HOST": "127.0.0.1", "MAIL_SMTP_PORT": port,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    client = app.test_client()
    enterprise = _enterprise(app)
    client.get(f"/__test__/portal-registration/{enterprise}", query_string=ENTERPRISE_INFO)
    sent = client.post("/APEC/register/account", data={"email": "me@example.com", "action": "send_code"})
    assert sent.status_code == 400 and "验证码发送失败" in sent.get_data(as_text=True)
    assert app.extensions["portal"].store.one("SELECT 1 FROM email_codes") is None


@pytest.mark.parametrize("person_id", ["", "abc", "-1", "0", "99999999999999999999999", "1e3", "\x00"])
def test_choosing_the_phone_holder_refuses_anyone_not_in_the_demo(tmp_path, person_id):
    client = _demo_app(tmp_path, WTF_CSRF_ENABLED=False).test_client()
    response = client.post("/demo/phone", data={"person_id": person_id})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert "phone_holder_id" not in session
