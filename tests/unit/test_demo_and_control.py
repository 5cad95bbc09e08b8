"""The standalone server's demo data is valid, and the control API exists only in testing mode."""
import pytest

from mock_portal import create_app, demo
from mock_portal.rules import idcard, uscc


def test_demo_identifiers_pass_the_portals_own_check_digits():
    assert uscc.is_valid(demo.ENTERPRISE["uscc"])
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
    config = {"DATABASE": str(tmp_path / "portal.sqlite3"), "SEED_DEMO": True}
    create_app(config)
    app = create_app(config)
    with app.app_context():
        store = app.extensions["portal"].store
        assert len(store.all("SELECT * FROM enterprises")) == 1


@pytest.mark.parametrize("path", ["/__test__/phone-login/1", "/__test__/portal-registration/1"])
def test_control_back_doors_are_absent_outside_testing(tmp_path, path):
    app = create_app({"DATABASE": str(tmp_path / "portal.sqlite3")})
    assert app.test_client().get(path).status_code == 404


def _enterprise(app) -> int:
    from mock_portal import arrange

    store = app.extensions["portal"].store
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

    calls = []
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda *args, **kwargs: calls.append((args, kwargs)))
    monkeypatch.chdir(tmp_path)

    def serve(*options: str) -> dict:
        monkeypatch.setattr(sys, "argv", ["python -m mock_portal", "--port", "0", *options])
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
