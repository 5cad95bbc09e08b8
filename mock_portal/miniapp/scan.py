"""扫一扫: the phone reads the portal's QR code from a picture and confirms with a license."""
from flask import redirect, render_template, request, session, url_for

from ..accounts import ENTERPRISE_ALREADY_REGISTERED
from ..qr import decode_qr_image, token_from
from .claims import license_password_refusal
from . import bp, person_required, services

MAX_IMAGE_BYTES = 5 * 1024 * 1024
PURPOSE_TITLES = {"register": "扫码注册", "login": "扫码登录"}


@bp.get("/scan")
@person_required
def scan(person):
    return render_template("miniapp/scan.html", error=None)


@bp.post("/scan")
@person_required
def scan_submit(person):
    upload = request.files.get("image")
    data = upload.read(MAX_IMAGE_BYTES + 1) if upload else b""
    content = decode_qr_image(data) if 0 < len(data) <= MAX_IMAGE_BYTES else None
    token = token_from(content) if content else None
    row = services().qr.find(token) if token else None
    if row is None:
        return render_template("miniapp/scan.html", error="未识别到中国领事服务网的二维码，请重新扫描"), 400
    problem = services().qr.check_usable(token, row["purpose"])
    if problem:
        return render_template("miniapp/scan.html", error=problem), 400
    session["scan_token"] = token
    return redirect(url_for("miniapp.scan_confirm"))


def _purpose_refusal(purpose: str, enterprise_id: int) -> str | None:
    account = services().accounts.by_enterprise(enterprise_id)
    if purpose == "register" and account is not None:
        return ENTERPRISE_ALREADY_REGISTERED
    if purpose == "login" and account is None:
        return "该企业尚未注册中国领事服务网账号，请先注册"
    return None


@bp.route("/scan/confirm", methods=["GET", "POST"])
@person_required
def scan_confirm(person):
    portal = services()
    token = session.get("scan_token")
    row = portal.qr.find(token) if token else None
    if row is None:
        return redirect(url_for("miniapp.scan"))
    downloads = portal.licenses.downloads_of(person["id"])
    error = None
    if request.method == "POST":
        error = _confirm(person, token, row["purpose"], request.form.get("download_id", type=int),
                         request.form.get("license_password", ""))
        if error is None:
            session.pop("scan_token", None)
            return render_template("miniapp/scan_done.html", title=PURPOSE_TITLES[row["purpose"]])
    return render_template("miniapp/scan_confirm.html", title=PURPOSE_TITLES.get(row["purpose"], "扫码"),
                           downloads=downloads, error=error), 400 if error else 200


def _confirm(person, token: str, purpose: str, download_id: int | None, password: str) -> str | None:
    """Every rule the portal applies to a scan; a refusal is also shown beside the portal's QR code."""
    portal = services()
    problem = portal.qr.check_usable(token, purpose)
    if problem:
        return problem
    if not password:
        return "请输入执照密码"
    refusal = license_password_refusal(portal.store, person["id"], password)
    if refusal:
        return refusal
    enterprise_id, problem = portal.licenses.scan_refusal(download_id or 0, person["id"])
    if problem is None:
        problem = _purpose_refusal(purpose, enterprise_id)
    if problem:
        portal.qr.refuse(token, problem)
        return problem
    if not portal.qr.mark_scanned(token, person["id"], enterprise_id):
        return "二维码已使用，请在电脑上刷新二维码后重新扫码"
    return None
