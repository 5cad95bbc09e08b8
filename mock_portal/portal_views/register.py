"""企业账号注册: 1 电子营业执照扫码, 2 企业信息, 3 账号信息, then the success page."""
from flask import current_app, redirect, render_template, request, session, url_for

from ..mail import CODE_TTL_MINUTES, NOT_SENT, MailNotSent
from ..reference import ENTERPRISE_NATURES, INDUSTRIES, PROVINCES, SELF_REGISTRATION_REFUSED
from ..rules import fields
from . import bp, services
from .auth import show_qr

ENTERPRISE_FIELDS = ("region_province", "region_detail", "contact_phone", "nature", "industry", "employees")
ACCOUNT_FIELDS = ("email", "password", "password_confirm", "email_code")


def _scanned_enterprise():
    enterprise_id = session.get("reg_enterprise_id")
    return services().licenses.enterprise(enterprise_id) if enterprise_id else None


@bp.get("/register")
def register():
    return render_template("portal/register_scan.html", step=1, qr_image=show_qr("register"))


@bp.route("/register/enterprise", methods=["GET", "POST"])
def register_enterprise():
    enterprise = _scanned_enterprise()
    if enterprise is None:
        return redirect(url_for("portal.register"))
    form = dict(session.get("reg_enterprise_form", {}))
    errors = {}
    if request.method == "POST":
        form = {name: request.form.get(name, "").strip() for name in ENTERPRISE_FIELDS}
        errors = enterprise_errors(form)
        # kept even when invalid, so going back loses nothing; but never an overlong value, which would make the
        # cookie too big for the browser to keep
        session["reg_enterprise_form"] = {name: value for name, value in form.items()
                                          if len(value) <= fields.REGION_DETAIL_MAX_LENGTH}
        if not errors:
            return redirect(url_for("portal.register_account"))
    return render_template("portal/register_enterprise.html", step=2, enterprise=enterprise, form=form,
                           errors=errors, provinces=PROVINCES, natures=ENTERPRISE_NATURES,
                           industries=INDUSTRIES), 400 if errors else 200


def enterprise_errors(form: dict) -> dict:
    errors = {
        "contact_phone": fields.mobile_error(form["contact_phone"]),
        "employees": fields.employees_error(form["employees"]),
        "region_detail": fields.region_detail_error(form["region_detail"]),
    }
    if form["region_province"] and form["region_province"] not in PROVINCES:
        errors["region_province"] = "请选择企业注册地"
    if form["nature"] and form["nature"] not in ENTERPRISE_NATURES:
        errors["nature"] = "请选择企业性质"
    elif form["nature"] in SELF_REGISTRATION_REFUSED:
        errors["nature"] = "中外合资、外商独资及台港澳资企业请联系当地外办开通账号"
    if form["industry"] and form["industry"] not in INDUSTRIES:
        errors["industry"] = "请选择所属行业"
    return {name: message for name, message in errors.items() if message}


@bp.route("/register/account", methods=["GET", "POST"])
def register_account():
    enterprise = _scanned_enterprise()
    if enterprise is None:
        return redirect(url_for("portal.register"))
    if enterprise_errors({name: session.get("reg_enterprise_form", {}).get(name, "") for name in ENTERPRISE_FIELDS}):
        return redirect(url_for("portal.register_enterprise"))
    form, errors, notice = {}, {}, None
    if request.method == "POST":
        form = {name: request.form.get(name, "") for name in ACCOUNT_FIELDS}
        form["email"] = form["email"].strip()
        form["agreed"] = request.form.get("agreed") == "on"
        if request.form.get("action") == "back":
            return redirect(url_for("portal.register_enterprise"))
        if request.form.get("action") == "send_code":
            errors, notice = _send_code(form["email"])
        else:
            errors = _account_errors(form)
            if not errors:
                done = _create_account(enterprise, form)
                if done is None:
                    return redirect(url_for("portal.register_done"))
                errors["form"] = done
    return render_template("portal/register_account.html", step=3, form=form, errors=errors,
                           notice=notice), 400 if errors else 200


def _send_code(email: str) -> tuple[dict, str | None]:
    portal = services()
    problem = fields.email_error(email)
    if problem is None and portal.accounts.email_taken(email):
        problem = "该邮箱已注册，请更换邮箱或直接登录"
    if problem:
        return {"email": problem}, None
    wait = portal.email_codes.seconds_until_resend(email)
    if wait:
        return {"email_code": f"验证码已发送，请{wait}秒后再获取"}, None
    try:
        portal.email_codes.send(email)
    except MailNotSent as error:
        current_app.logger.warning("e-mail code not sent: %s", error)
        return {"email_code": NOT_SENT}, None
    return {}, f"验证码已发送至 {email}，{CODE_TTL_MINUTES}分钟内有效"


def _account_errors(form: dict) -> dict:
    portal = services()
    errors = {
        "email": fields.email_error(form["email"]),
        "password": fields.password_error(form["password"]),
        "password_confirm": fields.confirmation_error(form["password"], form["password_confirm"]),
        "email_code": fields.email_code_error(form["email_code"]),
    }
    if not errors["email"] and portal.accounts.email_taken(form["email"]):
        errors["email"] = "该邮箱已注册，请更换邮箱或直接登录"
    if not errors["email"] and not errors["email_code"]:
        errors["email_code"] = portal.email_codes.check(form["email"], form["email_code"])
    if not form["agreed"]:
        errors["agreed"] = "请阅读并同意《中国领事用户协议》和《隐私政策》"
    return {name: message for name, message in errors.items() if message}


def _create_account(enterprise, form: dict) -> str | None:
    portal = services()
    details = dict(session.get("reg_enterprise_form", {}))
    details["employees"] = int(details["employees"]) if details.get("employees") else None
    account_id, error = portal.accounts.register(enterprise["id"], form["email"], form["password"], details)
    if error:
        return error
    portal.email_codes.mark_used(form["email"])
    for key in ("reg_enterprise_id", "reg_enterprise_form"):
        session.pop(key, None)
    session["registered_email"] = form["email"]
    return None


@bp.get("/register/done")
def register_done():
    return render_template("portal/register_done.html", step=4, email=session.get("registered_email"))
