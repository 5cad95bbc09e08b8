"""The e-license mini-program (phone screens) under /miniapp/, and the rules behind them.

Views: realname, download, license_views, grant_views, agent_views, scan. Rules without Flask: roles, claims,
people, grants, catalog.
"""
from functools import wraps

from flask import Blueprint, current_app, redirect, render_template, session, url_for

bp = Blueprint("miniapp", __name__, url_prefix="/miniapp")

CHANNELS = {"app": "电子营业执照APP", "wechat": "微信小程序", "alipay": "支付宝小程序"}


def services():
    return current_app.extensions["portal"]


def current_person():
    person_id = session.get("miniapp_person_id")
    return services().licenses.person(person_id) if isinstance(person_id, int) else None


def person_required(view):
    """Every screen past the entry needs a real-name authenticated person (guide §1.2.1.2-2)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        person = current_person()
        if person is None:
            return redirect(url_for("miniapp.entry"))
        return view(person, *args, **kwargs)
    return wrapper


@bp.app_template_filter("masked")
def masked(id_number: str) -> str:
    """How the app shows an ID number: first 4 and last 4 characters."""
    return id_number[:4] + "*" * max(len(id_number) - 8, 0) + id_number[-4:] if len(id_number) > 8 else id_number


@bp.app_context_processor
def channel_chrome():
    """The host app's look: WeChat and Alipay mini-programs carry a capsule button, the APP does not."""
    flow = session.get("realname")
    during = flow.get("channel") if isinstance(flow, dict) else None
    return {"channel": session.get("miniapp_channel") or during}


@bp.get("/")
def entry():
    if current_person() is not None:
        return redirect(url_for("miniapp.home"))
    return render_template("miniapp/entry.html", channels=CHANNELS)


@bp.get("/home")
@person_required
def home(person):
    downloads = services().licenses.downloads_of(person["id"])
    return render_template("miniapp/home.html", person=person, downloads=downloads)


from . import agent_views, download, grant_views, launch, license_views, realname, scan  # noqa: E402,F401
