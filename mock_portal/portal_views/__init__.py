"""The consular portal's desktop screens under /APEC/."""
from flask import Blueprint, current_app, render_template, session

bp = Blueprint("portal", __name__, url_prefix="/APEC")


def services():
    return current_app.extensions["portal"]


@bp.app_context_processor
def signed_in():
    """Header state shown on every portal page."""
    account_id = session.get("account_id")
    if not account_id:
        return {"signed_in": None}
    portal = services()
    account = portal.accounts.by_id(account_id)
    if account is None:
        return {"signed_in": None}
    enterprise = portal.licenses.enterprise(account["enterprise_id"])
    handler = portal.accounts.handler(account_id, session["handler_id"]) if session.get("handler_id") else None
    return {"signed_in": {"enterprise": enterprise, "handler": handler, "account": account}}


@bp.get("/")
def home():
    return render_template("portal/home.html")


from . import account, auth, register  # noqa: E402,F401  (routes attach to bp)
