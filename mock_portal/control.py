"""Control API for tests. Registered only when the app is created in testing mode: absent (404) otherwise."""
from datetime import datetime

from flask import Blueprint, current_app, jsonify, redirect, request, session

from . import arrange

bp = Blueprint("control", __name__, url_prefix="/__test__")


def _store():
    return current_app.extensions["portal"].store


def _moment(value):
    return datetime.fromisoformat(value) if value else None


@bp.post("/reset")
def reset():
    _store().reset()
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


@bp.post("/agents")
def agents():
    """An agent of an enterprise, authorized, with the license on their phone unless told otherwise."""
    body = request.get_json()
    store = _store()
    person_id = arrange.person(store, **body.pop("person"))
    for key in ("starts_at", "ends_at"):
        if key in body:
            body[key] = _moment(body[key])
    result = arrange.authorized_agent(store, person_id=person_id, **body)
    return jsonify(person_id=person_id, **result)


@bp.post("/accounts")
def accounts():
    return jsonify(id=arrange.account(_store(), **request.get_json()))


@bp.get("/mailbox")
def mailbox():
    portal = current_app.extensions["portal"]
    return jsonify(messages=portal.mailbox.messages(request.args.get("to")))


@bp.post("/clock")
def clock():
    body = request.get_json()
    store = _store()
    if "now" in body:
        store.set_clock(_moment(body["now"]))
    if "advance_seconds" in body:
        store.advance_clock(float(body["advance_seconds"]))
    return jsonify(now=store.now().isoformat())


@bp.get("/phone-login/<int:person_id>")
def phone_login(person_id: int):
    """Puts a phone in the state after real-name authentication, for scenarios not about that screen."""
    session.clear()
    session["miniapp_person_id"] = person_id
    return redirect(request.args.get("next", "/miniapp/"))
