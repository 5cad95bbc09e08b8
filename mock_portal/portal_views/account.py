"""After login: the enterprise home, 账号设置 (账号信息) and 经办人管理."""
import re
from functools import wraps

from flask import abort, redirect, render_template, request, session, url_for

from ..rules import fields
from . import bp, current_signin, services

LOGIN_PATTERN = re.compile(r"[A-Za-z0-9_]{4,30}")


def signed_in_required(enterprise_only: bool = False):
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            signin = current_signin()
            if signin is None:
                return redirect(url_for("portal.login"))
            if enterprise_only and signin["handler_id"]:
                abort(403)  # 经办人 cannot manage other 经办人
            return view(*args, **kwargs)
        return wrapper
    return decorate


@bp.get("/home")
@signed_in_required()
def account_home():
    return render_template("portal/account_home.html")


@bp.get("/settings")
@signed_in_required()
def settings():
    return render_template("portal/settings.html")


@bp.get("/settings/handlers")
@signed_in_required(enterprise_only=True)
def handlers():
    portal = services()
    return render_template("portal/handlers.html", handlers=portal.accounts.handlers(current_signin()["account_id"]),
                           notice=session.pop("notice", None))


def _handler_errors(form: dict, password_required: bool, handler_id: int | None = None) -> dict:
    errors = {"mobile": fields.mobile_error(form["mobile"]) if form["mobile"] else "请输入手机号码"}
    if not form["name"]:
        errors["name"] = "请输入经办人姓名"
    elif len(form["name"]) > 30:
        errors["name"] = "姓名不能超过30个字符"
    if handler_id is None:
        if not form["login"]:
            errors["login"] = "请输入登录账号"
        elif not LOGIN_PATTERN.fullmatch(form["login"]):
            errors["login"] = "登录账号为4-30位字母、数字或下划线"
        elif services().accounts.login_taken(form["login"]):
            errors["login"] = "该登录账号已被使用"
    if password_required or form["password"]:
        errors["password"] = fields.password_error(form["password"])
    return {name: message for name, message in errors.items() if message}


@bp.route("/settings/handlers/new", methods=["GET", "POST"])
@signed_in_required(enterprise_only=True)
def handler_new():
    form, errors = {"name": "", "login": "", "mobile": "", "password": ""}, {}
    if request.method == "POST":
        form = {name: request.form.get(name, "").strip() for name in form}
        errors = _handler_errors(form, password_required=True)
        if not errors:
            services().accounts.add_handler(current_signin()["account_id"], form["name"], form["login"], form["mobile"],
                                            form["password"])
            session["notice"] = f"已新增经办人：{form['name']}"
            return redirect(url_for("portal.handlers"))
    return render_template("portal/handler_form.html", form=form, errors=errors, editing=False), 400 if errors else 200


@bp.route("/settings/handlers/<int:handler_id>/edit", methods=["GET", "POST"])
@signed_in_required(enterprise_only=True)
def handler_edit(handler_id: int):
    accounts = services().accounts
    handler = accounts.handler(current_signin()["account_id"], handler_id)
    if handler is None:
        abort(404)
    form, errors = {"name": handler["name"], "login": handler["login"], "mobile": handler["mobile"], "password": ""}, {}
    if request.method == "POST":
        form.update({name: request.form.get(name, "").strip() for name in ("name", "mobile", "password")})
        errors = _handler_errors(form, password_required=False, handler_id=handler_id)
        if not errors:
            accounts.update_handler(current_signin()["account_id"], handler_id, form["name"], form["mobile"], form["password"])
            session["notice"] = f"已保存经办人：{form['name']}"
            return redirect(url_for("portal.handlers"))
    return render_template("portal/handler_form.html", form=form, errors=errors, editing=True), 400 if errors else 200


@bp.post("/settings/handlers/<int:handler_id>/delete")
@signed_in_required(enterprise_only=True)
def handler_delete(handler_id: int):
    accounts = services().accounts
    handler = accounts.handler(current_signin()["account_id"], handler_id)
    if handler is None:
        abort(404)
    accounts.delete_handler(current_signin()["account_id"], handler_id)
    session["notice"] = f"已删除经办人：{handler['name']}"
    return redirect(url_for("portal.handlers"))
