"""A license on the phone, what its holder may do with it, and 证照管理员 (guide §1.2.1.2-1)."""
from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for

from . import bp, person_required, services
from .people import Administrators
from .roles import role_of


def manager_required(needs_appointing: bool = False):
    """Enterprise screens that change who may use the license: refused on the server (403), not only hidden."""
    def decorate(view):
        @wraps(view)
        @person_required
        def wrapper(person, enterprise_id: int, *args, **kwargs):
            enterprise = services().licenses.enterprise(enterprise_id)
            if enterprise is None:
                abort(404)
            refusal = role_of(services().licenses, enterprise_id, person["id"]).refusal(needs_appointing)
            if refusal:
                return render_template("miniapp/forbidden.html", message=refusal), 403
            return view(person, enterprise, *args, **kwargs)
        return wrapper
    return decorate


@bp.get("/licenses/<int:download_id>")
@person_required
def license_detail(person, download_id: int):
    licenses = services().licenses
    copy = licenses.download(download_id, person["id"])
    if copy is None:
        abort(404)
    enterprise = licenses.enterprise(copy["enterprise_id"])
    role = role_of(licenses, enterprise["id"], person["id"])
    return render_template("miniapp/license.html", copy=copy, enterprise=enterprise, role=role,
                           refusal=role.refusal() if role.title else None)


@bp.route("/enterprises/<int:enterprise_id>/administrators", methods=["GET", "POST"])
@manager_required(needs_appointing=True)
def administrators(person, enterprise):
    admins = Administrators(services().store)
    form, errors = {}, {}
    if request.method == "POST":
        form = {key: request.form.get(key, "").strip()[:40] for key in ("name", "id_number", "mobile")}
        _, errors = admins.add(enterprise["id"], form["name"], form["id_number"].upper(), form["mobile"],
                               request.form.get("can_subauthorize") == "on")
        if not errors:
            flash(f"已添加证照管理员 {form['name']}")
            return redirect(url_for("miniapp.administrators", enterprise_id=enterprise["id"]))
    return render_template("miniapp/administrators.html", enterprise=enterprise, admins=admins.of(enterprise["id"]),
                           form=form, errors=errors), 400 if errors else 200
