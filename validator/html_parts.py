"""Pieces of the illustrated guide: marked words, screenshots with a highlighted box, finding cards."""
from __future__ import annotations

from html import escape

from .coverage import SOURCE_TEXTS
from .findings import MARKS, Finding, Highlight
from .illustrate import Figure
from .images import ImageStore
from .screenshots import REFUSED_TEXT

DEVICE_NAMES = {"portal": "门户（桌面）", "agent_phone": "经办人手机", "legal_rep_phone": "法定代表人手机"}
STATUS_TITLES = {"verified": "已在界面上找到", "missing": "与界面不符", "unchecked": "未核对（本条没有运行过的场景）",
                 "image": "指界面上的图片，不按文字核对"}


def span_html(text: str, status: str, refs: list[Finding]) -> str:
    sup = "".join(f"<sup class=\"ref\"><a href=\"#{f.id}\">{f.id}</a></sup>" for f in refs)
    if text.startswith("<http") and text.endswith(">"):
        url = escape(text[1:-1])
        return f"<a class=\"claim {status}\" href=\"{url}\" title=\"{STATUS_TITLES.get(status, '')}\">{url}</a>{sup}"
    return f"<span class=\"claim {status}\" title=\"{STATUS_TITLES.get(status, '')}\">{escape(text)}</span>{sup}"


def source_html(cov) -> str:
    text = SOURCE_TEXTS.get(cov.source)
    if not text:
        return ""
    names = "、".join(dict.fromkeys(sc.name for sc in (cov.own or cov.from_subsections)))
    return f"<span class=\"source {cov.source}\" title=\"{escape(names)}\">{text}</span>"


def _image_size(images: ImageStore, relative: str | None) -> tuple[int, int] | None:
    src = images.source(relative)
    if src is None:
        return None
    try:
        from PIL import Image
        with Image.open(src) as im:
            return im.size
    except Exception:  # an unreadable image still gets shown, only without a box drawn on it
        return None


def shot_html(shot_path: str | None, device: str, images: ImageStore, highlight: Highlight | None = None,
              alt: str = "") -> str:
    uri = images.data_uri(shot_path)
    kind = "portal" if device == "portal" else "phone"
    refused = images.refused(shot_path)
    if refused:
        return f"<div class=\"missing-shot\">{REFUSED_TEXT}（{escape(refused)}）<br>{escape(shot_path or '')}</div>"
    if uri is None:
        return f"<div class=\"missing-shot\">截图文件缺失<br>{escape(shot_path or '')}</div>"
    box, note = "", ""
    size = _image_size(images, shot_path) if highlight else None
    if highlight and size:
        # Boxes are in CSS pixels of the viewport; a phone screenshot has device pixels, and a
        # full-page one is taller than the viewport, so scale by the image's own width.
        scale = size[0] / (highlight.viewport_width or size[0])
        left = 100 * highlight.x / highlight.viewport_width
        width = 100 * highlight.width / highlight.viewport_width
        top = 100 * highlight.y * scale / size[1]
        height = 100 * highlight.height * scale / size[1]
        if top >= 100:  # below the fold of a viewport shot: a box there would hang off the image
            note = "<div class=\"label-line\">所指文字在页面下方，不在截图范围内</div>"
        else:
            box = (f"<span class=\"hl\" style=\"left:{left:.2f}%;top:{top:.2f}%;"
                   f"width:{width:.2f}%;height:{height:.2f}%\"></span>")
    label = DEVICE_NAMES.get(device, device)
    return (f"<span class=\"shot {kind}\"><img src=\"{uri}\" alt=\"{escape(alt or label)}\">"
            f"<span class=\"device\">{escape(label)}</span>{box}</span>{note}")


def figure_html(fig: Figure | None, number: int | None, images: ImageStore) -> str:
    where = ""
    if fig is not None:
        where = f"第 {escape(fig.section)} 节" + (f"第 {escape(fig.item)} 条" if fig.item else "")
    if fig is None or not fig.shots:
        gap = fig.gap if fig is not None else ""
        return (f"<figure><div class=\"missing-shot\">图 {number or ''} · 此处原有截图<br>"
                f"{escape(gap)}，暂无截图</div></figure>")
    shots = "".join(shot_html(s.screenshot, s.device, images, alt=fig.step.text if fig.step else "")
                    for s in fig.shots)
    step = f"{fig.step.keyword} {fig.step.text}" if fig.step else ""
    caption = (f"图 {number} · {where} · 场景「{escape(fig.scenario.name)}」 · 步骤「{escape(step)}」"
               if fig.scenario else f"图 {number} · {where}")
    return f"<figure><div class=\"shots\">{shots}</div><figcaption>{caption}</figcaption></figure>"


def finding_html(f: Finding, images: ImageStore, same_as: str | None = None) -> str:
    rows = [("指南原文", f.guide_words), ("所在位置", _where(f)), ("界面显示", f.screen),
            ("场景", f.scenario or ""), ("步骤", f.step or ""), ("建议改为", f.fix or "")]
    dl = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    shot = ""
    if f.screenshot and same_as:
        shot = f"<p class=\"label-line\">截图同 <a href=\"#{same_as}\">{same_as}</a></p>"
    elif f.screenshot:
        shot = shot_html(f.screenshot, f.device or "portal", images, f.highlight, alt=f.message)
    return (f"<div class=\"finding {f.severity}\" id=\"{f.id}\"><div class=\"head\"><span class=\"sev\">"
            f"{f.id} · {f.severity}</span>{escape(f.message)}<span class=\"mark small {f.mark}\">"
            f"{MARKS[f.mark]}</span></div><dl>{dl}</dl>{shot}</div>")


def _where(f: Finding) -> str:
    if f.section is None:
        return ""
    place = f"第 {f.section} 节" + (f"第 {f.item} 条" if f.item else "")
    return place + (f"（指南第 {f.line} 行）" if f.line else "")
