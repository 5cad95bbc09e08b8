"""Who may change who uses a license is decided on the server: a hidden button is not the rule (guide §1.2.1.3)."""
import pytest

from mock_portal import arrange, create_app

LEGAL_REP = ("张三", "430121198001010010", "13800138000")
ADMIN = ("王五", "430103199203030038", "13700137000")
AGENT = ("李四", "430102199001010024", "13900139000")
OTHER = ("赵六", "11010519491231002X", "13600136000")


@pytest.fixture
def world(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "WTF_CSRF_ENABLED": False,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    store = app.extensions["portal"].store
    with app.app_context():
        rep = arrange.person(store, *LEGAL_REP)
        enterprise = arrange.enterprise(store, "湖南甲科技有限公司", "91430121MA4L0D6X7G", rep, claimed=True)
        admin = arrange.person(store, *ADMIN)
        agent = arrange.authorized_agent(store, enterprise, arrange.person(store, *AGENT))
    return app, store, {"rep": rep, "enterprise": enterprise, "admin": admin, **agent}


def client_of(app, person_id):
    client = app.test_client()
    with client.session_transaction() as session:
        session["miniapp_person_id"] = person_id
    return client


def writes(ids) -> list[tuple[str, dict]]:
    e = ids["enterprise"]
    base = f"/miniapp/enterprises/{e}"
    return [
        (f"{base}/authorizations/new", {"agent_id": ids["agent_id"], "mode": "全业务授权",
                                         "starts_at": "2026-01-01 09:00", "ends_at": "2099-01-01 09:00"}),
        (f"{base}/authorizations/{ids['authorization_id']}/cancel", {}),
        (f"{base}/agents/new", {"name": OTHER[0], "id_number": OTHER[1], "mobile": OTHER[2]}),
        (f"{base}/agents/{ids['agent_id']}/edit", {"name": "李四", "id_number": AGENT[1], "mobile": "13911112222"}),
        (f"{base}/agents/{ids['agent_id']}/delete", {}),
        (f"{base}/administrators", {"name": OTHER[0], "id_number": OTHER[1], "mobile": OTHER[2]}),
    ]


def snapshot(store) -> list:
    return [tuple(r) for table in ("agents", "authorizations", "administrators", "downloads")
            for r in store.all(f"SELECT * FROM {table}")]


@pytest.mark.parametrize("index", range(6))
def test_an_administrator_without_subauthorization_is_refused_every_change(world, index):
    app, store, ids = world
    with app.app_context():
        arrange.administrator(store, ids["enterprise"], ids["admin"], can_subauthorize=False)
    before = snapshot(store)
    url, form = writes(ids)[index]
    response = client_of(app, ids["admin"]).post(url, data=form)
    assert response.status_code == 403
    assert snapshot(store) == before


@pytest.mark.parametrize("index", range(6))
def test_an_agent_is_refused_every_change(world, index):
    app, store, ids = world
    before = snapshot(store)
    url, form = writes(ids)[index]
    assert client_of(app, arrange_person_id(store, AGENT)).post(url, data=form).status_code == 403
    assert snapshot(store) == before


def arrange_person_id(store, person) -> int:
    return store.one("SELECT id FROM people WHERE id_number = ?", (person[1],))["id"]


def test_an_administrator_with_subauthorization_may_authorize_but_not_appoint(world):
    app, store, ids = world
    with app.app_context():
        arrange.administrator(store, ids["enterprise"], ids["admin"], can_subauthorize=True)
    client = client_of(app, ids["admin"])
    (grant_url, grant), *_, (appoint_url, appoint) = writes(ids)
    assert client.post(grant_url, data=grant).status_code == 302
    assert len(store.all("SELECT * FROM authorizations")) == 2
    assert client.post(appoint_url, data=appoint).status_code == 403


def test_an_administrator_must_hold_the_license_before_managing(world):
    app, store, ids = world
    with app.app_context():
        arrange.administrator(store, ids["enterprise"], ids["admin"], can_subauthorize=True, downloaded=False)
    url, form = writes(ids)[0]
    response = client_of(app, ids["admin"]).post(url, data=form)
    assert response.status_code == 403
    assert "请先下载该企业的电子营业执照" in response.get_data(as_text=True)


def test_the_legal_representative_of_one_enterprise_cannot_manage_another(world):
    app, store, ids = world
    with app.app_context():
        other_rep = arrange.person(store, *OTHER)
        arrange.enterprise(store, "湖南乙科技有限公司", "91430100MA4L0D6X7A", other_rep, claimed=True)
    url, form = writes(ids)[2]
    assert client_of(app, other_rep).post(url, data=form).status_code == 403


def test_without_real_name_authentication_nothing_opens(world):
    app, _, ids = world
    url, form = writes(ids)[0]
    response = app.test_client().post(url, data=form)
    assert response.status_code == 302 and response.location.endswith("/miniapp/")
