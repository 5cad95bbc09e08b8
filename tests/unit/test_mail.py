"""Mail as a real path: the portal sends with smtplib, a catcher receives it over SMTP, and the harness reads the
code from the catcher: in process (the embedded catcher) or over a Mailpit- or MailHog-style HTTP API (--mail-api).

The HTTP APIs are tiny local fakes of Mailpit's /api/v1 and MailHog's /api/v2, fed by a real SMTP catcher, so the
whole way from the portal's "获取验证码" to the code in the harness is exercised.
"""
import re
import threading
from email.message import EmailMessage

import pytest
from flask import Flask, abort, jsonify, request
from werkzeug.serving import make_server

from fixtures.control import MailNotReadable, PortalControl
from fixtures.mail import CatcherReader, MailReadError, http_reader
from mock_portal import arrange

EMAIL = "Owner.New@example.com"
DETAILS = {"region_province": "湖南省", "region_detail": "", "contact_phone": "13800138000", "nature": "民营企业",
           "industry": "制造业", "employees": ""}


def fake_api(catcher) -> Flask:
    """What Mailpit and MailHog answer, for the endpoints the readers use; the messages are the catcher's."""
    api = Flask("fake-catcher-api")

    def raw(message) -> str:
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = message["from"], ", ".join(message["to"]), message["subject"]
        mail.set_content(message["body"], cte="base64")  # as a real catcher keeps it: encoded
        return mail.as_string()

    @api.get("/api/v1/search")
    def mailpit_search():
        wanted = re.fullmatch(r'to:"(.+)"', request.args["query"]).group(1)
        found = reversed(catcher.messages(wanted))  # Mailpit: newest first
        return jsonify(messages=[{"ID": f"id-{m['id']}", "Subject": m["subject"]} for m in found])

    @api.get("/api/v1/message/<message_id>")
    def mailpit_message(message_id: str):
        message = next((m for m in catcher.messages() if f"id-{m['id']}" == message_id), None)
        if message is None:
            abort(404)
        return jsonify(ID=message_id, Subject=message["subject"], Text=message["body"])

    @api.get("/api/v2/search")
    def mailhog_search():
        assert request.args["kind"] == "to"
        found = reversed(catcher.messages(request.args["query"]))
        return jsonify(total=0, items=[{"ID": str(m["id"]), "Raw": {"Data": raw(m)}} for m in found])

    return api


@pytest.fixture
def api_url(catcher):
    server = make_server("127.0.0.1", 0, fake_api(catcher), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def send_codes(app, times: int = 1) -> list[str]:
    """Asks the portal for an e-mail code `times` times (the resend wait passed in between); the codes it meant."""
    store = app.extensions["portal"].store
    app.extensions["portal"].randomness.seed(7)
    with app.app_context():
        rep = arrange.person(store, name="张三", id_number="430121198001010010", mobile="13800138000")
        enterprise = arrange.enterprise(store, "湖南甲科技有限公司", "91430121MA4L0D6X7G", rep, claimed=True)
    client = app.test_client()
    with client.session_transaction() as session:
        session.update(reg_enterprise_id=enterprise, reg_enterprise_form=DETAILS)
    import random
    expected = random.Random(7)
    codes = []
    for _ in range(times):
        sent = client.post("/APEC/register/account", data={"email": EMAIL, "action": "send_code"})
        assert "验证码已发送" in sent.get_data(as_text=True)
        codes.append(f"{expected.randrange(10**6):06d}")
        store.advance_clock(61)
    return codes


def code_in(message: dict) -> str:
    return re.search(r"验证码为：(\d{6})", message["body"]).group(1)


@pytest.mark.parametrize("kind", ["embedded", "mailpit", "mailhog"])
def test_the_harness_reads_the_codes_the_portal_mailed(app, catcher, api_url, kind):
    reader = CatcherReader(catcher) if kind == "embedded" else http_reader(api_url, kind)
    codes = send_codes(app, times=2)
    messages = PortalControl("http://portal.invalid", reader).mailbox(EMAIL.lower())
    assert [code_in(m) for m in messages] == codes  # oldest first, whatever order the API lists them in
    assert messages[-1]["subject"] == "中国领事服务网邮箱验证码"


def test_other_recipients_mail_is_not_read(app, catcher, api_url):
    send_codes(app)
    for reader in (CatcherReader(catcher), http_reader(api_url, "mailpit"), http_reader(api_url, "mailhog")):
        assert reader.messages("someone.else@example.com") == []


def test_a_staging_portal_without_mail_api_says_what_to_give():
    with pytest.raises(MailNotReadable, match="--mail-api"):
        PortalControl("https://staging.example.cn", None).mailbox(EMAIL)


def test_an_unreachable_mail_api_says_where_it_looked(api_url):
    with pytest.raises(MailReadError, match="/api/v1/search"):
        http_reader(api_url + "/nowhere", "mailpit").messages(EMAIL)
    with pytest.raises(ValueError, match="mailpit, mailhog"):
        http_reader(api_url, "mailcatcher")
