"""Login: 企业账号登录, 电子营业执照扫码登录, 经办人账号登录; the QR scan state shared with registration."""
import time

from flask import (Response, current_app, jsonify, redirect, render_template, request, session,
                   stream_with_context, url_for)

from ..qr import PURPOSES, qr_content, qr_png_data_uri
from ..rules import fields
from . import bp, services, sign_in

MODES = ("account", "qr", "handler")
QR_RECHECK_SECONDS = 1.0  # a stream re-reads the state at least this often, and proves the page is still there
QR_STREAM_SECONDS = 600  # then the browser's EventSource opens a new stream by itself


def show_qr(purpose: str) -> str:
    """Issue a fresh code for this browser session and return it as an image."""
    token_id, token = services().qr.issue(purpose)
    session[f"qr_{purpose}"] = token_id
    origin = current_app.config.get("QR_ORIGIN") or request.host_url
    return qr_png_data_uri(qr_content(origin, token))


@bp.get("/login")
def login():
    mode = request.args.get("mode", "account")
    if mode not in MODES:
        mode = "account"
    qr_image = show_qr("login") if mode == "qr" else None
    return render_template("portal/login.html", mode=mode, qr_image=qr_image, form={}, errors={})


@bp.post("/login")
def login_submit():
    mode = "handler" if request.form.get("mode") == "handler" else "account"
    form = {"username": request.form.get("username", "").strip()}
    password = request.form.get("password", "")
    errors = {}
    if not form["username"]:
        errors["username"] = "请输入邮箱账号" if mode == "account" else "请输入经办人账号"
    elif len(form["username"]) > fields.EMAIL_MAX_LENGTH:  # no account has such a name; none is counted either
        errors["username"] = "请输入正确的邮箱账号" if mode == "account" else "请输入正确的经办人账号"
    if not password:
        errors["password"] = "请输入密码"
    if not errors:
        accounts = services().accounts
        result = (accounts.login(form["username"], password) if mode == "account"
                  else accounts.login_handler(form["username"], password))
        if result.error is None:
            sign_in(result.account_id, result.handler_id)
            return redirect(url_for("portal.account_home"))
        errors["form"] = result.error
    return render_template("portal/login.html", mode=mode, qr_image=None, form=form, errors=errors), 400


@bp.post("/logout")
def logout():
    services().signins.end(session.get("signin"))
    session.clear()
    return redirect(url_for("portal.home"))


@bp.get("/qr/<token>")
def qr_landing(token: str):
    """What an ordinary camera app shows when it opens the code's URL."""
    return render_template("portal/qr_landing.html")


@bp.get("/qr/events/<purpose>")
def qr_events(purpose: str):
    """Pushes the code's state to its QR page (server-sent events) as soon as it changes, instead of the page
    polling. The page then takes the result from qr_status: only a plain response can set its session cookie."""
    token_id = session.get(f"qr_{purpose}")
    if purpose not in PURPOSES or token_id is None:
        return jsonify(state="unknown"), 404
    qr = services().qr

    def stream():
        shown, ends = None, time.monotonic() + QR_STREAM_SECONDS
        while time.monotonic() < ends:
            version = qr.version
            status = qr.status(token_id)
            if (status.state, status.refusal) != shown:
                shown = (status.state, status.refusal)
                yield f"data: {status.state}\n\n"
                if status.state != "pending":
                    return
            else:
                yield ": still waiting\n\n"  # a comment: a closed page ends the stream at this write
            qr.wait_for_change(version, QR_RECHECK_SECONDS)

    return Response(stream_with_context(stream()), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@bp.get("/qr/status/<purpose>")
def qr_status(purpose: str):
    """Asked by the QR pages when their event stream says the state changed. A scan is taken once, by the browser
    session that showed the code."""
    portal = services()
    token_id = session.get(f"qr_{purpose}")
    if purpose not in ("register", "login") or token_id is None:
        return jsonify(state="unknown"), 404
    status = portal.qr.status(token_id)
    if status.state != "scanned":
        return jsonify(state=status.state, refusal=status.refusal)
    portal.qr.consume(token_id)
    session.pop(f"qr_{purpose}")
    if purpose == "register":
        session["reg_enterprise_id"] = status.enterprise_id
        return jsonify(state="scanned", next=url_for("portal.register_enterprise"))
    account = portal.accounts.by_enterprise(status.enterprise_id)
    sign_in(account["id"])
    return jsonify(state="scanned", next=url_for("portal.account_home"))
