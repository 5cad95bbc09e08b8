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
