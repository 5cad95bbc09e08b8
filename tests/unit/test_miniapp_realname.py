"""Real-name authentication per channel: every step checked on the server, failures sent to 市场监督部门."""
import pytest

from mock_portal import arrange, create_app
from mock_portal.miniapp.realname import FACE_FAILED, GO_TO_MARKET_SUPERVISION, IDENTITY_MISMATCH, PAY_PASSWORD_WRONG

HOLDER = ("张三", "430121198001010010", "13800138000")
SOMEONE_ELSE = ("李四", "430102199001010024", "13900139000")


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "WTF_CSRF_ENABLED": False,
                       "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})


def phone(app, **outcomes):
    """A phone whose WeChat / Alipay account is the holder's; returns (client, holder id)."""
    store = app.extensions["portal"].store
    with app.app_context():
        holder = arrange.person(store, *HOLDER, **outcomes)
    client = app.test_client()
    client.get(f"/__test__/phone-holder/{holder}")
    return client, holder


def authenticated(client) -> bool:
    with client.session_transaction() as session:
        return "miniapp_person_id" in session


def walk(client, channel: str):
    """Every step a person takes in that channel; returns the last response."""
    if channel == "wechat":
        response = client.post("/miniapp/realname/wechat", data={"pay_password": "123456"})
        for step in ("info", "face"):
            if response.status_code != 302:
                return response
            response = client.post(f"/miniapp/realname/wechat/{step}")
        return response
    response = client.post("/miniapp/realname/alipay")
    return client.post("/miniapp/realname/alipay/face_consent") if response.status_code == 302 else response


@pytest.mark.parametrize("channel", ["wechat", "alipay"])
def test_the_holder_is_authenticated(app, channel):
    client, _ = phone(app)
    response = walk(client, channel)
    assert response.status_code == 302 and response.location.endswith("/miniapp/home")
    assert authenticated(client)


@pytest.mark.parametrize("channel, outcomes, reason", [
    ("wechat", {"pay_password": "987654"}, PAY_PASSWORD_WRONG),
    ("wechat", {"realname_ok": False}, IDENTITY_MISMATCH),
    ("wechat", {"face_ok": False}, FACE_FAILED),
    ("alipay", {"realname_ok": False}, IDENTITY_MISMATCH),
    ("alipay", {"face_ok": False}, FACE_FAILED),
])
def test_a_failed_check_ends_with_the_market_supervision_advice(app, channel, outcomes, reason):
    client, _ = phone(app, **outcomes)
    page = walk(client, channel).get_data(as_text=True)
    assert reason in page and GO_TO_MARKET_SUPERVISION in page
    assert not authenticated(client)


@pytest.mark.parametrize("path", ["/miniapp/realname/wechat/face", "/miniapp/realname/wechat/info",
                                  "/miniapp/realname/alipay/face_consent", "/miniapp/realname/app/face"])
def test_no_step_can_be_skipped(app, path):
    client, _ = phone(app)
    client.get("/miniapp/realname/wechat")
    response = client.post(path)
    assert response.status_code == 302 and "/miniapp/realname/" in response.location
    assert not authenticated(client)


def test_the_app_channel_checks_the_typed_identity_and_the_face_in_front_of_the_phone(app):
    client, _ = phone(app)
    store = app.extensions["portal"].store
    with app.app_context():
        arrange.person(store, *SOMEONE_ELSE)
    page = client.post("/miniapp/realname/app", data={"name": "王五", "id_number": HOLDER[1]}).get_data(as_text=True)
    assert IDENTITY_MISMATCH in page
    response = client.post("/miniapp/realname/app", data={"name": SOMEONE_ELSE[0], "id_number": SOMEONE_ELSE[1]})
    assert response.status_code == 302
    assert FACE_FAILED in client.post("/miniapp/realname/app/face").get_data(as_text=True)  # not the holder's face
    assert not authenticated(client)
