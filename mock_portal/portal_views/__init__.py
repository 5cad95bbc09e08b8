"""The consular portal's desktop screens under /APEC/."""
from flask import Blueprint, current_app, g, render_template, session

bp = Blueprint("portal", __name__, url_prefix="/APEC")


def services():
    return current_app.extensions["portal"]


def sign_in(account_id: int, handler_id: int | None = None) -> None:
    """A new browser session, signed in: nothing from before the login (a registration, a QR code) carries over."""
    session.clear()
    session["signin"] = services().signins.start(account_id, handler_id)


def current_signin() -> dict | None:
    """account_id and handler_id of this browser's live sign-in, looked up on the server once per request."""
    if "signin" not in g:
        g.signin = services().signins.find(session.get("signin"))
    return g.signin


@bp.app_context_processor
def signed_in():
    """Header state shown on every portal page."""
    signin = current_signin()
    portal = services()
    account = portal.accounts.by_id(signin["account_id"]) if signin else None
    if account is None:
        return {"signed_in": None}
    enterprise = portal.licenses.enterprise(account["enterprise_id"])
    handler = portal.accounts.handler(account["id"], signin["handler_id"]) if signin["handler_id"] else None
    return {"signed_in": {"enterprise": enterprise, "handler": handler, "account": account}}


@bp.get("/")
def home():
    return render_template("portal/home.html")


from . import account, auth, register  # noqa: E402,F401  (routes attach to bp)
