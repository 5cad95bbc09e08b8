"""Where the app comes from (guide §1.2.1.1): the phone's app store finds the APP, WeChat and Alipay find the
mini-program. A stand-in for the host's search screen, so the way in is exercised, not only described."""
from flask import abort, render_template, request

from . import bp

APP_NAME = "电子营业执照"
# platform: (the host's name, what the search finds, the channel it opens)
PLATFORMS = {
    "appstore": ("手机应用商城", "应用", "app"),
    "wechat": ("微信", "小程序", "wechat"),
    "alipay": ("支付宝", "小程序", "alipay"),
}
MAX_QUERY = 50


@bp.get("/launch/<platform>")
def launch(platform: str):
    if platform not in PLATFORMS:
        abort(404)
    host, kind, channel = PLATFORMS[platform]
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    found = bool(query) and (query in APP_NAME or APP_NAME in query)
    return render_template("miniapp/launch.html", host=host, kind=kind, channel=channel, query=query,
                           searched="q" in request.args, found=found, app_name=APP_NAME)
