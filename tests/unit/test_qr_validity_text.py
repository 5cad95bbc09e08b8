"""The QR pages state the validity the portal enforces: one number, the app's QR_TTL_SECONDS."""
import pytest

from mock_portal import create_app


@pytest.mark.parametrize("seconds, said", [(300, "二维码5分钟内有效"), (120, "二维码2分钟内有效"),
                                           (90, "二维码90秒内有效")])
def test_the_qr_pages_say_the_validity_the_portal_enforces(tmp_path, seconds, said):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "WTF_CSRF_ENABLED": False,
                      "QR_TTL_SECONDS": seconds})
    client = app.test_client()
    for page in ("/APEC/register", "/APEC/login?mode=qr"):
        html = client.get(page).get_data(as_text=True)
        assert said in html, page
        if seconds != 300:
            assert "5分钟内有效" not in html, page
