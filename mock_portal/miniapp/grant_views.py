"""授权他人使用执照 (guide §1.2.1.3 1–2): 授权信息列表, 添加授权信息, 详细信息 → 取消授权."""
from flask import abort, flash, redirect, render_template, request, url_for

from ..licenses import MODES
from . import bp, catalog, services
from .grants import Grants
from .license_views import manager_required
from .people import Agents

FORM_FIELDS = ("agent_id", "mode", "category", "first", "second", "starts_at", "ends_at")
SAVED = "授权信息保存成功，办事人可以去下载相应的执照"
CANCELLED = "已取消授权，办事人下载的该执照已失效"


def grants() -> Grants:
    return Grants(services().store)


@bp.get("/enterprises/<int:enterprise_id>/authorizations")
@manager_required()
def authorizations(person, enterprise):
    return render_template("miniapp/authorizations.html", enterprise=enterprise, grants=grants().of(enterprise["id"]))


@bp.route("/enterprises/<int:enterprise_id>/authorizations/new", methods=["GET", "POST"])
@manager_required()
def authorization_new(person, enterprise):
    form = {key: request.values.get(key, "")[:40] for key in FORM_FIELDS}
    errors = {}
    if request.method == "POST":
        _, errors = grants().add(enterprise["id"], form, created_by=person["id"])
        if not errors:
            flash(SAVED)
            return redirect(url_for("miniapp.authorizations", enterprise_id=enterprise["id"]))
    return render_template("miniapp/authorization_new.html", enterprise=enterprise, form=form, errors=errors,
                           agents=Agents(services().store).active(enterprise["id"]), modes=MODES,
                           categories=list(catalog.CATALOG), firsts=catalog.first_levels(),
                           seconds=catalog.second_levels()), 400 if errors else 200


@bp.get("/enterprises/<int:enterprise_id>/authorizations/<int:authorization_id>")
@manager_required()
def authorization_detail(person, enterprise, authorization_id: int):
    grant = grants().get(enterprise["id"], authorization_id)
    if grant is None:
        abort(404)
    return render_template("miniapp/authorization.html", enterprise=enterprise, grant=grant)


@bp.post("/enterprises/<int:enterprise_id>/authorizations/<int:authorization_id>/cancel")
@manager_required()
def authorization_cancel(person, enterprise, authorization_id: int):
    if grants().get(enterprise["id"], authorization_id) is None:
        abort(404)
    grants().cancel(authorization_id)
    flash(CANCELLED)
    return redirect(url_for("miniapp.authorization_detail", enterprise_id=enterprise["id"],
                            authorization_id=authorization_id))
