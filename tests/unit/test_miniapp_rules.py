"""The e-license rules behind the phone screens: claims, downloads, the password, the edit lock."""
import sqlite3
from datetime import timedelta

import pytest

from mock_portal import arrange, create_app
from mock_portal.miniapp.claims import FIRST_CLAIM_ONLY_LEGAL_REP, Claims
from mock_portal.miniapp.people import LOCKED, Agents

LEGAL_REP = ("张三", "430121198001010010", "13800138000")
AGENT = ("李四", "430102199001010024", "13900139000")


def enterprise(app, store, claimed=True):
    with app.app_context():
        rep = arrange.person(store, *LEGAL_REP)
        return arrange.enterprise(store, "湖南甲科技有限公司", "91430121MA4L0D6X7G", rep, claimed=claimed), rep


def agent_person(app, store):
    with app.app_context():
        return arrange.person(store, *AGENT)


def test_only_the_legal_representative_makes_the_first_claim(app, store):
    eid, rep = enterprise(app, store, claimed=False)
    person = agent_person(app, store)
    arrange.authorized_agent(store, eid, person, downloaded=False)
    claims = Claims(store, app.extensions["portal"].licenses)
    agent = store.one("SELECT * FROM people WHERE id = ?", (person,))
    (record,) = claims.records(agent, "湖南省")
    assert claims.refusal(agent, record) == FIRST_CLAIM_ONLY_LEGAL_REP
    legal_rep = store.one("SELECT * FROM people WHERE id = ?", (rep,))
    (own,) = claims.records(legal_rep, "湖南省")
    assert claims.refusal(legal_rep, own) is None
    claims.download(legal_rep, own)
    assert claims.refusal(agent, claims.find(agent, record.key)) is None


def test_the_download_post_enforces_the_first_claim_rule(app, store):
    eid, _ = enterprise(app, store, claimed=False)
    person = agent_person(app, store)
    ids = arrange.authorized_agent(store, eid, person, downloaded=False)
    client = app.test_client()
    with client.session_transaction() as session:
        session["miniapp_person_id"] = person
    response = client.post(f"/miniapp/download/{eid}-{ids['authorization_id']}", data={"agreed": "on"})
    assert response.status_code == 403
    assert store.all("SELECT * FROM downloads WHERE person_id = ?", (person,)) == []


def test_an_expired_authorization_is_not_offered_but_a_future_one_is(app, store):
    eid, _ = enterprise(app, store)
    person = agent_person(app, store)
    arrange.authorized_agent(store, eid, person, downloaded=False, starts_at=store.now() + timedelta(days=1))
    claims = Claims(store, app.extensions["portal"].licenses)
    agent = store.one("SELECT * FROM people WHERE id = ?", (person,))
    assert len(claims.downloadable(agent, "湖南省")) == 1
    store.advance_clock(400 * 86400)
    assert claims.downloadable(agent, "湖南省") == []


def test_id_number_and_mobile_are_locked_after_a_download_until_every_authorization_is_cancelled(app, store):
    eid, _ = enterprise(app, store)
    ids = arrange.authorized_agent(store, eid, agent_person(app, store))
    agents = Agents(store)
    row = agents.get(eid, ids["agent_id"])
    assert agents.edit(row, "李四", AGENT[1], "13911112222") == {"form": LOCKED}
    assert agents.edit(row, "李小四", AGENT[1], AGENT[2]) == {}  # the name stays editable
    arrange.cancel_authorization(store, ids["authorization_id"])
    assert agents.edit(agents.get(eid, ids["agent_id"]), "李小四", AGENT[1], "13911112222") == {}


def test_the_edit_post_enforces_the_lock(app, store):
    eid, rep = enterprise(app, store)
    ids = arrange.authorized_agent(store, eid, agent_person(app, store))
    client = app.test_client()
    with client.session_transaction() as session:
        session["miniapp_person_id"] = rep
    response = client.post(f"/miniapp/enterprises/{eid}/agents/{ids['agent_id']}/edit",
                           data={"name": "李四", "id_number": AGENT[1], "mobile": "13911112222"})
    assert response.status_code == 400
    assert store.one("SELECT mobile FROM agents WHERE id = ?", (ids["agent_id"],))["mobile"] == AGENT[2]


@pytest.mark.parametrize("how", ["cancel the authorization", "delete the agent"])
def test_the_license_downloaded_under_an_authorization_becomes_invalid(app, store, how):
    eid, _ = enterprise(app, store)
    ids = arrange.authorized_agent(store, eid, agent_person(app, store))
    if how == "cancel the authorization":
        arrange.cancel_authorization(store, ids["authorization_id"])
    else:
        arrange.delete_agent(store, ids["agent_id"])
    assert store.one("SELECT invalidated_at FROM downloads WHERE id = ?", (ids["download_id"],))["invalidated_at"]


def test_a_changed_license_password_is_asked_for_at_the_next_download(app, store):
    eid, rep = enterprise(app, store, claimed=False)
    claims = Claims(store, app.extensions["portal"].licenses)
    assert claims.change_password(rep, "000000", "246810", "246810") == {"old_password": "原执照密码错误"}
    with app.app_context():
        assert claims.change_password(rep, "123456", "246810", "246810") == {}
    assert claims.password_changed(rep)
    client = app.test_client()
    with client.session_transaction() as session:
        session["miniapp_person_id"] = rep
    url = f"/miniapp/download/{eid}-0"
    assert client.post(url, data={"agreed": "on", "license_password": "123456"}).status_code == 400
    assert client.post(url, data={"agreed": "on", "license_password": "246810"}).status_code == 302


def test_a_database_from_an_older_schema_starts_again(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # the first schema had no version and agents without names
        db.executescript("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                         "CREATE TABLE agents (id INTEGER PRIMARY KEY, enterprise_id INTEGER, person_id INTEGER);")
    app = create_app({"TESTING": True, "DATABASE": str(path)})
    columns = [row["name"] for row in app.extensions["portal"].store.all("PRAGMA table_info(agents)")]
    assert "id_number" in columns
