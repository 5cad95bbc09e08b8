"""Control API for tests. Registered only when the app is created in testing mode: absent (404) otherwise."""
from datetime import datetime

from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for

from . import arrange
from .portal_views.register import ENTERPRISE_FIELDS, enterprise_errors

bp = Blueprint("control", __name__, url_prefix="/__test__")


def _store():
    return current_app.extensions["portal"].store


def _moment(value):
    return datetime.fromisoformat(value) if value else None


def _times(body: dict) -> dict:
    return {**body, **{key: _moment(body[key]) for key in ("starts_at", "ends_at") if key in body}}


@bp.post("/reset")
def reset():
    """Empty state; optionally a seed for tokens and codes, so a scenario's screens repeat pixel for pixel."""
    _store().reset()
    body = request.get_json(silent=True) or {}
    current_app.extensions["portal"].randomness.seed(body.get("seed"))
    if body.get("now"):
        _store().set_clock(_moment(body["now"]))
    return jsonify(ok=True)


@bp.post("/people")
def people():
    body = request.get_json()
    return jsonify(id=arrange.person(_store(), **body))


@bp.post("/enterprises")
def enterprises():
    body = request.get_json()
    store = _store()
    legal_rep_id = arrange.person(store, **body.pop("legal_rep"))
    enterprise_id = arrange.enterprise(store, legal_rep_id=legal_rep_id, **body)
    return jsonify(id=enterprise_id, legal_rep_id=legal_rep_id)


@bp.post("/enterprises/<int:enterprise_id>/claim")
def claim(enterprise_id: int):
    """The legal representative's first claim, for scenarios about what happens after it."""
    store = _store()
    legal_rep_id = store.one("SELECT legal_rep_id FROM enterprises WHERE id = ?", (enterprise_id,))["legal_rep_id"]
    return jsonify(download_id=arrange.claim(store, enterprise_id, legal_rep_id))


@bp.post("/agents")
def agents():
    """An agent of an enterprise, authorized, with the license on their phone unless told otherwise."""
    body = request.get_json()
    store = _store()
    person_id = arrange.person(store, **body.pop("person"))
    result = arrange.authorized_agent(store, person_id=person_id, **_times(body))
    return jsonify(person_id=person_id, **result)


@bp.post("/people/<int:person_id>/outcomes")
def person_outcomes(person_id: int):
    """How this person's real-name authentication will go: pay_password, realname_ok, face_ok."""
    arrange.outcomes(_store(), person_id, **request.get_json())
    return jsonify(ok=True)


@bp.post("/authorizations")
def authorizations():
    """One more authorization for an existing agent; downloaded to their phone when person_id is given."""
    body, store = _times(request.get_json()), _store()
    person_id = body.pop("download_to", None)
    authorization_id = arrange.authorization(store, **body)
    download_id = arrange.download(store, body["enterprise_id"], person_id, authorization_id) if person_id else None
    return jsonify(id=authorization_id, download_id=download_id)


@bp.post("/authorizations/<int:authorization_id>/cancel")
def cancel_authorization(authorization_id: int):
    arrange.cancel_authorization(_store(), authorization_id)
    return jsonify(ok=True)


@bp.post("/agents/<int:agent_id>/delete")
def delete_agent(agent_id: int):
    arrange.delete_agent(_store(), agent_id)
    return jsonify(ok=True)


@bp.post("/downloads/<int:download_id>/invalidate")
def invalidate_download(download_id: int):
    arrange.invalidate_download(_store(), download_id)
    return jsonify(ok=True)


@bp.post("/administrators")
def administrators():
    """A 证照管理员 of an enterprise, with the license on their phone unless told otherwise."""
    body, store = request.get_json(), _store()
    person_id = arrange.person(store, **body.pop("person"))
    return jsonify(person_id=person_id, **arrange.administrator(store, person_id=person_id, **body))


@bp.post("/phones/<int:person_id>/license-password")
def license_password(person_id: int):
    arrange.license_password(_store(), person_id, request.get_json()["password"])
    return jsonify(ok=True)


@bp.post("/accounts")
def accounts():
    return jsonify(id=arrange.account(_store(), **request.get_json()))


@bp.post("/clock")
def clock():
    body = request.get_json()
    store = _store()
    if "now" in body:
        store.set_clock(_moment(body["now"]))
    if "advance_seconds" in body:
        store.advance_clock(float(body["advance_seconds"]))
    current_app.extensions["portal"].qr.announce_change()  # a QR page showing a code may now show it expired
    return jsonify(now=store.now().isoformat())


@bp.get("/phone-login/<int:person_id>")
def phone_login(person_id: int):
    """Puts a phone in the state after real-name authentication, for scenarios not about that screen."""
    session.clear()
    session["miniapp_person_id"] = person_id
    return redirect(_local(request.args.get("next")))


@bp.get("/phone-holder/<int:person_id>")
def phone_holder(person_id: int):
    """Whose phone this is: the person signed in to WeChat / Alipay on it, not yet authenticated in the app."""
    session.clear()
    session["phone_holder_id"] = person_id
    return redirect(_local(request.args.get("next")))


@bp.get("/portal-registration/<int:enterprise_id>")
def portal_registration(enterprise_id: int):
    """The portal's registration just after this enterprise's license was scanned; with the 企业信息 fields as query
    parameters, just after that step too. For scenarios about the later steps: the scan has scenarios of its own."""
    portal = current_app.extensions["portal"]
    if portal.licenses.enterprise(enterprise_id) is None:
        return jsonify(error=f"no enterprise {enterprise_id}"), 404
    session.clear()
    session["reg_enterprise_id"] = enterprise_id
    if not request.args:
        return redirect(url_for("portal.register_enterprise"))
    form = {name: request.args.get(name, "") for name in ENTERPRISE_FIELDS}
    errors = enterprise_errors(form)
    if errors:
        return jsonify(error="invalid 企业信息", fields=errors), 400
    session["reg_enterprise_form"] = form
    return redirect(url_for("portal.register_account"))


def _local(path: str | None) -> str:
    return path if path and path.startswith("/") and not path.startswith("//") else "/miniapp/"
