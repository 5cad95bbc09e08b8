"""实名认证, per channel (guide §1.2.1.2 2–3). Only an authenticated person may download or use a license.

WeChat: pay password → the account's real-name information (name, ID number) → face recognition.
Alipay: authorize the real-name information → authorize face capture. APP (choose: the guide does not say):
name and ID number typed in → face recognition. The person's outcomes are set through the control API; the
phone's holder (the WeChat / Alipay account) likewise. Each step is checked on the server: no skipping ahead.
"""
from flask import redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

from . import CHANNELS, bp, services

GO_TO_MARKET_SUPERVISION = "请到当地的市场监督部门下载电子营业执照"
PAY_PASSWORD_WRONG = "微信支付密码错误"
IDENTITY_MISMATCH = "实名信息核验未通过"
FACE_FAILED = "人脸识别未通过"
NO_HOST_ACCOUNT = "未获取到{host}账号信息，请使用电子营业执照APP完成实名认证"
HOSTS = {"wechat": "微信", "alipay": "支付宝"}
FIELD_MAX = 40


def _progress(channel: str, step: str):
    """The person this flow has identified so far, if it has reached `step` of `channel`; else None."""
    flow = session.get("realname")
    if not isinstance(flow, dict) or flow.get("channel") != channel or flow.get("step") != step:
        return None
    return services().licenses.person(flow.get("person_id"))


def _advance(channel: str, step: str, person_id: int):
    session["realname"] = {"channel": channel, "step": step, "person_id": person_id}
    return redirect(url_for("miniapp.realname_step", channel=channel, step=step))


def _failed(channel: str, reason: str):
    session.pop("realname", None)
    return render_template("miniapp/realname_failed.html", reason=reason, advice=GO_TO_MARKET_SUPERVISION,
                           channel_name=CHANNELS[channel])


def _holder():
    holder_id = session.get("phone_holder_id")
    return services().licenses.person(holder_id) if isinstance(holder_id, int) else None


@bp.route("/realname/<channel>", methods=["GET", "POST"])
def realname(channel: str):
    if channel not in CHANNELS:
        return redirect(url_for("miniapp.entry"))
    session["realname"] = {"channel": channel, "step": "start"}
    form, error = {"name": "", "id_number": ""}, None
    if request.method == "POST":
        if channel == "app":
            form = {key: request.form.get(key, "").strip()[:FIELD_MAX] for key in form}
            return _app_identity(form["name"], form["id_number"].upper())
        holder = _holder()
        if holder is None:
            error = NO_HOST_ACCOUNT.format(host=HOSTS[channel])
        elif channel == "wechat":
            hashed = holder["pay_password_hash"]
            if not hashed or not check_password_hash(hashed, request.form.get("pay_password", "")):
                return _failed(channel, PAY_PASSWORD_WRONG)
            return _advance(channel, "info", holder["id"])
        else:  # alipay: the user agreed to let the app fetch the account's real-name information
            return _identity_checked(channel, holder, "face_consent")
    return render_template(f"miniapp/realname_{channel}.html", channel_name=CHANNELS[channel], form=form,
                           error=error), 400 if error else 200


def _app_identity(name: str, id_number: str):
    person = services().store.one("SELECT * FROM people WHERE id_number = ?", (id_number,))
    if person is None or person["name"] != name:
        return _failed("app", IDENTITY_MISMATCH)
    return _identity_checked("app", person, "face")


def _identity_checked(channel: str, person, next_step: str):
    if not person["realname_ok"]:
        return _failed(channel, IDENTITY_MISMATCH)
    return _advance(channel, next_step, person["id"])


@bp.route("/realname/<channel>/<step>", methods=["GET", "POST"])
def realname_step(channel: str, step: str):
    person = _progress(channel, step) if channel in CHANNELS else None
    if person is None:
        return redirect(url_for("miniapp.realname", channel=channel if channel in CHANNELS else "app"))
    if request.method == "GET":
        return render_template(f"miniapp/realname_{step}.html", channel=channel, channel_name=CHANNELS[channel],
                               person=person)
    if step == "info":  # WeChat: the fetched name and ID number are confirmed, then checked
        return _identity_checked(channel, person, "face")
    return _face(channel, person)


def _face(channel: str, person):
    """The face in front of the camera must be the holder's: on someone else's phone it cannot match."""
    holder = _holder()
    if not person["face_ok"] or (holder is not None and holder["id"] != person["id"]):
        return _failed(channel, FACE_FAILED)
    holder_id = session.get("phone_holder_id")
    session.clear()
    if holder_id is not None:
        session["phone_holder_id"] = holder_id
    session["miniapp_person_id"] = person["id"]
    session["miniapp_channel"] = channel
    return redirect(url_for("miniapp.home"))
