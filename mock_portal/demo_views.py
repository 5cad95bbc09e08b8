"""Demo mode of the standalone server: the demo panel (/demo/), the demo mailbox (/demo/mailbox) showing what the
SMTP catcher received, and choosing whose phone this is (the WeChat / Alipay account the mini-program reads).

Registered only by `python -m mock_portal`, never in testing mode: the scenarios' screens stay as they are.
"""
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from . import demo

bp = Blueprint("demo", __name__, url_prefix="/demo")


def _people() -> list[dict]:
    store = current_app.extensions["portal"].store
    rows = {r["id_number"]: r["id"] for r in store.all("SELECT id, id_number FROM people")}
    return [{"role": role, **person, "id": rows.get(person["id_number"])} for role, person in demo.PEOPLE]


@bp.app_context_processor
def demo_context():
    """`demo` in every template: the strip at the top of each page and the scan-by-hand help."""
    holder, people = session.get("phone_holder_id"), _people()
    return {"demo": {"holder_name": next((p["name"] for p in people if p["id"] == holder), None), "people": people,
                     "pay_password": demo.PAY_PASSWORD, "license_password": demo.LICENSE_PASSWORD}}


@bp.get("/")
def panel():
    catcher = current_app.extensions.get("mail_catcher")
    return render_template("demo/panel.html", data=demo, people=_people(), catcher=catcher,
                           smtp=f"{current_app.config['MAIL_SMTP_HOST']}:{current_app.config['MAIL_SMTP_PORT']}")


@bp.get("/mailbox")
def mailbox():
    catcher = current_app.extensions.get("mail_catcher")
    messages = list(reversed(catcher.messages())) if catcher else None
    return render_template("demo/mailbox.html", messages=messages,
                           smtp=f"{current_app.config['MAIL_SMTP_HOST']}:{current_app.config['MAIL_SMTP_PORT']}")


@bp.post("/phone")
def phone_holder():
    """这部手机属于谁: the person signed in to WeChat / Alipay here, whose real-name information those channels use."""
    person_id = request.form.get("person_id", type=int)
    if person_id in {p["id"] for p in _people()}:
        session.pop("realname", None)
        session["phone_holder_id"] = person_id
    return redirect(url_for("miniapp.entry"))
