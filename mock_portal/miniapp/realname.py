"""Real-name authentication: only an authenticated person may download or use a license."""
from flask import redirect, render_template, request, session, url_for

from . import bp, services

CHANNELS = {"app": "电子营业执照APP", "wechat": "微信小程序", "alipay": "支付宝小程序"}
GO_TO_MARKET_SUPERVISION = "实名认证未通过，请到当地的市场监督部门下载电子营业执照"


@bp.route("/realname/<channel>", methods=["GET", "POST"])
def realname(channel: str):
    if channel not in CHANNELS:
        return redirect(url_for("miniapp.entry"))
    form, error = {"name": "", "id_number": ""}, None
    if request.method == "POST":
        form = {key: request.form.get(key, "").strip() for key in form}
        person = services().store.one("SELECT * FROM people WHERE id_number = ?", (form["id_number"].upper(),))
        if person is None or person["name"] != form["name"] or not (person["realname_ok"] and person["face_ok"]):
            error = GO_TO_MARKET_SUPERVISION
        else:
            session.clear()
            session["miniapp_person_id"] = person["id"]
            session["miniapp_channel"] = channel
            return redirect(url_for("miniapp.home"))
    return render_template("miniapp/realname.html", channel=channel, channel_name=CHANNELS[channel], form=form,
                           error=error), 400 if error else 200
