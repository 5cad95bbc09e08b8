"""办事人管理 (guide §1.2.1.3 3–5): 添加办事人, 详细信息 → 修改办事人 / 删除办事人."""
from flask import abort, flash, redirect, render_template, request, url_for

from . import bp, services
from .license_views import manager_required
from .people import LOCKED, Agents

FIELDS = ("name", "id_number", "mobile")
DELETED = "已删除办事人，其在本企业名下的所有授权均已失效"


def agents() -> Agents:
    return Agents(services().store)


def _form() -> dict:
    form = {key: request.form.get(key, "").strip()[:40] for key in FIELDS}
    form["id_number"] = form["id_number"].upper()
    return form


@bp.get("/enterprises/<int:enterprise_id>/agents")
@manager_required()
def agent_list(person, enterprise):
    return render_template("miniapp/agents.html", enterprise=enterprise, agents=agents().active(enterprise["id"]))


@bp.route("/enterprises/<int:enterprise_id>/agents/new", methods=["GET", "POST"])
@manager_required()
def agent_new(person, enterprise):
    """Reached from 办事人管理 or, when the agent is not in the list yet, from 添加授权 (then back there)."""
    form, errors = dict.fromkeys(FIELDS, ""), {}
    for_authorization = request.values.get("for") == "authorization"
    if request.method == "POST":
        form = _form()
        agent_id, errors = agents().add(enterprise["id"], **form)
        if not errors:
            flash(f"已添加办事人 {form['name']}")
            if for_authorization:
                return redirect(url_for("miniapp.authorization_new", enterprise_id=enterprise["id"], agent_id=agent_id))
            return redirect(url_for("miniapp.agent_list", enterprise_id=enterprise["id"]))
    return render_template("miniapp/agent_form.html", enterprise=enterprise, form=form, errors=errors, agent=None,
                           locked=False, lock_hint=None, for_authorization=for_authorization), 400 if errors else 200


def _agent(enterprise, agent_id: int):
    agent = agents().get(enterprise["id"], agent_id)
    if agent is None:
        abort(404)
    return agent


@bp.get("/enterprises/<int:enterprise_id>/agents/<int:agent_id>")
@manager_required()
def agent_detail(person, enterprise, agent_id: int):
    agent = _agent(enterprise, agent_id)
    return render_template("miniapp/agent.html", enterprise=enterprise, agent=agent, locked=agents().is_locked(agent))


@bp.route("/enterprises/<int:enterprise_id>/agents/<int:agent_id>/edit", methods=["GET", "POST"])
@manager_required()
def agent_edit(person, enterprise, agent_id: int):
    agent = _agent(enterprise, agent_id)
    locked = agents().is_locked(agent)
    form, errors = {key: agent[key] for key in FIELDS}, {}
    if request.method == "POST":
        form = _form()
        errors = agents().edit(agent, **form)
        if not errors:
            flash("办事人信息已修改")
            return redirect(url_for("miniapp.agent_detail", enterprise_id=enterprise["id"], agent_id=agent_id))
    return render_template("miniapp/agent_form.html", enterprise=enterprise, form=form, errors=errors, agent=agent,
                           locked=locked, lock_hint=LOCKED if locked else None,
                           for_authorization=False), 400 if errors else 200


@bp.post("/enterprises/<int:enterprise_id>/agents/<int:agent_id>/delete")
@manager_required()
def agent_delete(person, enterprise, agent_id: int):
    agents().delete(_agent(enterprise, agent_id)["id"])
    flash(DELETED)
    return redirect(url_for("miniapp.agent_list", enterprise_id=enterprise["id"]))
