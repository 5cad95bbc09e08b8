"""The e-license mini-program (phone screens) under /miniapp/."""
from functools import wraps

from flask import Blueprint, current_app, redirect, render_template, session, url_for

bp = Blueprint("miniapp", __name__, url_prefix="/miniapp")


def services():
    return current_app.extensions["portal"]


def current_person():
    person_id = session.get("miniapp_person_id")
    return services().licenses.person(person_id) if person_id else None


def person_required(view):
    """Every screen past the entry needs a real-name authenticated person."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        person = current_person()
        if person is None:
            return redirect(url_for("miniapp.entry"))
        return view(person, *args, **kwargs)
    return wrapper


@bp.get("/")
def entry():
    person = current_person()
    if person is None:
        return render_template("miniapp/entry.html")
    return redirect(url_for("miniapp.home"))


@bp.get("/home")
@person_required
def home(person):
    downloads = services().licenses.downloads_of(person["id"])
    return render_template("miniapp/home.html", person=person, downloads=downloads)


from . import realname, scan  # noqa: E402,F401  (routes attach to bp)
