"""下载执照 (guide §1.2.1.2 4–6): 登记地 → 可下载/已下载执照记录 → 《执照下载声明》 → (执照密码) → 下载成功;
and 修改执照密码 for every license on this phone."""
from flask import abort, redirect, render_template, request, url_for

from ..reference import PROVINCES
from . import bp, person_required, services
from .claims import MUST_AGREE, PASSWORD_NEEDED, Claims

DEFAULT_PLACE = "湖南省"  # the guide is Hunan's: its readers' enterprises are registered there


def claims() -> Claims:
    return Claims(services().store, services().licenses)


@bp.get("/download")
@person_required
def download(person):
    place = request.args.get("place", DEFAULT_PLACE)
    if place not in PROVINCES:
        place = DEFAULT_PLACE
    c = claims()
    return render_template("miniapp/download.html", provinces=PROVINCES, place=place,
                           downloadable=c.downloadable(person, place), downloaded=c.downloaded(person, place))


@bp.route("/download/<key>", methods=["GET", "POST"])
@person_required
def download_license(person, key: str):
    c = claims()
    record = c.find(person, key)
    if record is None:
        abort(404)
    error = blocked = c.refusal(person, record)
    needs_password = c.password_changed(person["id"])
    if request.method == "POST" and error is None:
        error = _download_error(c, person, needs_password)
        if error is None:
            download_id = c.download(person, record)
            return redirect(url_for("miniapp.download_done", download_id=download_id))
    status = 403 if blocked else 400 if error else 200
    return render_template("miniapp/download_statement.html", record=record, error=error, blocked=blocked,
                           needs_password=needs_password), status


def _download_error(c: Claims, person, needs_password: bool) -> str | None:
    if request.form.get("agreed") != "on":
        return MUST_AGREE
    if needs_password:
        password = request.form.get("license_password", "")
        if not password:
            return PASSWORD_NEEDED
        return c.password_refusal(person["id"], password)
    return None


@bp.get("/download/done/<int:download_id>")
@person_required
def download_done(person, download_id: int):
    row = services().licenses.download(download_id, person["id"])
    if row is None:
        abort(404)
    enterprise = services().licenses.enterprise(row["enterprise_id"])
    return render_template("miniapp/download_done.html", enterprise=enterprise)


@bp.route("/password", methods=["GET", "POST"])
@person_required
def change_password(person):
    errors, done = {}, False
    if request.method == "POST":
        errors = claims().change_password(person["id"], request.form.get("old_password", ""),
                                          request.form.get("new_password", ""),
                                          request.form.get("confirm_password", ""))
        done = not errors
    return render_template("miniapp/password.html", errors=errors, done=done), 400 if errors else 200
