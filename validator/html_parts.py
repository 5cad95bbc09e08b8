"""Pieces of the illustrated guide: marked words, screenshots with boxes that enlarge on a click, finding cards.

Everything works without scripts: a picture enlarges through CSS ``:target`` (the same element, restyled, so the
image is embedded once), and a box is a link back to the words it vouches for.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from .boxes import Box, highlight_box
from .coverage import SOURCE_TEXTS
from .failure import Failure
from .findings import MARKS, SEVERITY_TEXTS, Finding
from .illustrate import Figure
from .images import ImageStore
from .record import Shot
from .pictures import writer_picture_html
from .screenshots import REFUSED_TEXT

DEVICE_NAMES = {"portal": "门户（桌面）", "agent_phone": "经办人手机", "legal_rep_phone": "法定代表人手机"}
STATUS_TITLES = {"verified": "已在界面上找到", "missing": "与界面不符", "unchecked": "未核对（本条没有运行过的场景）",
                 "image": "指界面上的图片，不按文字核对"}
# How much larger than its CSS size an enlarged phone picture is shown: its text then reads at full size.
PHONE_ZOOM = 1.5


def span_html(text: str, status: str, refs: list[Finding], box: str = "") -> str:
    """Words of the guide with their check's status; links to the box that vouches for them and to findings."""
    # The rule's code is enough beside a word (the id's digest would crowd the line); the link and title carry the id.
    sup = "".join(f"<sup class=\"ref\"><a href=\"#{f.id}\" title=\"{f.id}：{escape(f.message)}\">"
                  f"{getattr(f, 'code', f.id)}</a></sup>" for f in refs)
    title = STATUS_TITLES.get(status, "")
    if text.startswith("<http") and text.endswith(">"):
        url = escape(text[1:-1])
        return f"<a class=\"claim {status}\" href=\"{url}\" title=\"{title}\">{url}</a>{sup}"
    if box:
        return f"<a class=\"claim {status}\" href=\"#{box}\" title=\"{title}（点击看截图中的位置）\">{escape(text)}</a>{sup}"
    return f"<span class=\"claim {status}\" title=\"{title}\">{escape(text)}</span>{sup}"


def source_html(cov) -> str:
    text = SOURCE_TEXTS.get(cov.source)
    if not text:
        return ""
    names = "、".join(dict.fromkeys(sc.name for sc in (cov.own or cov.from_subsections)))
    return f"<span class=\"source {cov.source}\" title=\"{escape(names)}\">{text}</span>"


@lru_cache(maxsize=4096)
def _image_size(path: Path) -> tuple[int, int] | None:
    try:
        from PIL import Image
        with Image.open(path) as im:
            return im.size
    except Exception:  # an unreadable image still gets shown, only without boxes drawn on it
        return None


class Pictures:
    """Screenshots as embedded images, each with its boxes and its own enlarge link."""

    def __init__(self, images: ImageStore, shots: dict[str, Shot]) -> None:
        self.images = images
        self.shots = shots  # screenshot path -> the shot, for its viewport and scroll
        self.count = 0

    def css_size(self, relative: str | None) -> tuple[float, float] | None:
        """The picture's size in CSS pixels (a phone shot taken at device pixels is scaled by its viewport)."""
        src = self.images.source(relative)
        size = _image_size(src) if src else None
        if size is None:
            return None
        shot = self.shots.get(relative or "")
        viewport_width = (shot.viewport.get("width") if shot else None) or size[0]
        scale = size[0] / viewport_width
        return size[0] / scale, size[1] / scale

    def shot(self, relative: str | None, device: str, boxes: list[Box] = (), alt: str = "",
             back: str = "", caption: str = "") -> str:
        refused = self.images.refused(relative)
        if refused:  # a record's path outside its folder, or not a PNG: never shown (validator.screenshots)
            return f"<div class=\"missing-shot\">{REFUSED_TEXT}（{escape(refused)}）<br>{escape(relative or '')}</div>"
        uri = self.images.data_uri(relative)
        if uri is None:
            return f"<div class=\"missing-shot\">截图文件缺失<br>{escape(relative or '')}</div>"
        self.count += 1
        zid = f"z{self.count}"
        kind = "portal" if device == "portal" else "phone"
        size = self.css_size(relative)
        marks, outside = [], 0
        for box in boxes if size else ():
            if box.y >= size[1] or box.x >= size[0]:
                outside += 1  # a window-only picture of an older run: the element is below it
                continue
            style = (f"left:{100 * box.x / size[0]:.2f}%;top:{100 * box.y / size[1]:.2f}%;"
                     f"width:{100 * box.width / size[0]:.2f}%;height:{100 * box.height / size[1]:.2f}%")
            anchor = f" id=\"{box.anchor}\"" if box.anchor else ""
            marks.append(f"<a class=\"hl {box.kind}\"{anchor} href=\"{escape(box.href or '#' + zid)}\" "
                         f"title=\"{escape(box.title)}\" style=\"{style}\"></a>")
        note = (f"<div class=\"label-line\">{outside} 处所指文字在截图范围外（截图只有窗口大小）</div>"
                if outside else "")
        width = size[0] * (PHONE_ZOOM if kind == "phone" else 1) if size else 1280
        label = DEVICE_NAMES.get(device, device)
        close = f"<a class=\"unzoom\" href=\"#{escape(back)}\">× 关闭</a>" if back else ""
        extra = f" · {escape(caption)}" if caption else ""
        return (f"<div class=\"shot {kind}\" id=\"{zid}\" style=\"--w:{width:.0f}px\">"
                f"<div class=\"device\">{escape(label)}{extra}<a class=\"zoom\" href=\"#{zid}\">放大</a>{close}</div>"
                f"<div class=\"pic\"><a class=\"open\" href=\"#{zid}\" title=\"点击放大\">"
                f"<img src=\"{uri}\" alt=\"{escape(alt or label)}\"></a>{''.join(marks)}</div>{note}</div>")


def figure_html(fig: Figure | None, number: int | None, pictures: Pictures,
                boxes: dict[str, list[Box]] | None = None, changed: str = "") -> str:
    """``changed``: "changed" or "new" since the previous run's report, "" when the same or not compared."""
    where = ""
    if fig is not None:
        where = f"第 {escape(fig.section)} 节" + (f"第 {escape(fig.item)} 条" if fig.item else "")
    fid = f"fig-{number}" if number else ""
    if fig is None or not fig.shots:
        gap = fig.gap if fig is not None else ""
        return (f"<figure id=\"{fid}\"><div class=\"missing-shot\">图 {number or ''} · 此处原有截图<br>"
                f"{escape(gap)}，暂无截图</div></figure>")
    shots = "".join(pictures.shot(s.screenshot, s.device, (boxes or {}).get(s.screenshot, []),
                                  alt=fig.step.text if fig.step else "", back=fid)
                    for s in fig.shots)
    step = f"{fig.step.keyword} {fig.step.text}" if fig.step else ""
    caption = (f"图 {number} · {where} · 场景「{escape(fig.scenario.name)}」 · 步骤「{escape(step)}」"
               if fig.scenario else f"图 {number} · {where}")
    since = {"changed": "<span class=\"changed\" title=\"与上次运行的截图相比画面有变化，请看一眼\">自上次运行以来有变化</span>",
             "new": "<span class=\"changed\" title=\"上次运行的报告中此处没有截图\">上次没有截图</span>"}.get(changed, "")
    return f"<figure id=\"{fid}\"><div class=\"shots\">{shots}</div><figcaption>{caption}{since}</figcaption></figure>"


class FindingCards:
    """Finding cards, beside the sentence they concern, with links both ways and the guide line as a link."""

    def __init__(self, pictures: Pictures, line_link, failures: dict[str, Failure]) -> None:
        self.pictures = pictures
        self.line_link = line_link  # guide line -> href (the repository file when configured, else this page)
        self.failures = failures  # scenario name -> what failed
        self.shown: dict[str, str] = {}  # screenshot -> the finding that showed it first

    def card(self, f: Finding) -> str:
        rows = [("指南原文", escape(f.guide_words)), ("所在位置", self._where(f)), ("界面显示", escape(f.screen)),
                ("场景", escape(f.scenario or "")), ("步骤", escape(f.step or ""))]
        if f.fix is not None:
            rows.append(("建议修改", f"<span class=\"fix\">{escape(f.fix.text)}</span>"))
        dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v)
        back = f"<a class=\"back\" href=\"#l{f.line}\" title=\"回到指南原文\">↩ 原文</a>" if f.line else ""
        failure = self.failures.get(f.scenario or "") if f.kind == "scenario_failed" else None
        body = self._failure(f, failure) if failure else self._shot(f)
        # A note on the run as a whole (mark None) marks nothing: no badge, no m- class.
        mark = f"<span class=\"mark small {f.mark}\">{MARKS[f.mark]}</span>" if f.mark else ""
        classes = f"finding {f.severity}" + (f" m-{f.mark}" if f.mark else "")
        # The head is a heading (h6) so the PDF's outline lists each finding under its section.
        return (f"<div class=\"{classes}\" id=\"{f.id}\"><h6 class=\"head\">"
                f"<span class=\"sev\">{f.id} · {SEVERITY_TEXTS[f.severity]}</span>{escape(f.message)}"
                f"{mark}{back}</h6><dl>{dl}</dl>{body}</div>")

    def _shot(self, f: Finding) -> str:
        if not f.screenshot:
            return ""
        again = self.shown.get(f.screenshot) if not f.highlight and f.kind != "picture_stale" else None
        if again:  # the same screen for several findings on one form is shown once
            return f"<p class=\"label-line\">截图同 <a href=\"#{again}\">{again}</a></p>"
        self.shown.setdefault(f.screenshot, f.id)
        boxes = [highlight_box(f.highlight, self.pictures.shots.get(f.screenshot), f.severity, f.message,
                               f"#l{f.line}" if f.line else "")] if f.highlight else []
        shot = self.pictures.shot(f.screenshot, f.device or "portal", boxes, alt=f.message, back=f.id)
        if f.kind == "picture_stale":  # the writer's picture beside today's screen
            return f"<div class=\"shots\">{writer_picture_html(f, self.pictures.images.guide_path)}{shot}</div>"
        return shot

    def _failure(self, f: Finding, failure: Failure) -> str:
        rows = [("期望", failure.expected), ("实际", failure.actual), ("检查的元素", failure.locator),
                ("错误", failure.message if failure.message not in (f.screen or "") else "")]
        dl = "".join(f"<dt>{k}</dt><dd><code>{escape(v)}</code></dd>" for k, v in rows if v)
        shots = []
        for shot in failure.shots:
            entry = failure.boxes.get(shot.device)
            boxes = []
            if entry is not None:
                x, y, w, h = shot.page_box(entry)
                boxes = [Box(x, y, w, h, "error", f"失败的检查所看的元素：{entry.get('text', '')}")]
            shots.append(self.pictures.shot(shot.screenshot, shot.device, boxes, alt=f"失败的步骤：{f.step or ''}",
                                             back=f.id, caption="失败的步骤"))
        traces = "".join(f"<li><code>{escape(t)}</code><br>打开：<code>{escape(cmd)}</code></li>"
                         for t, cmd in zip(failure.traces, failure.commands()))
        trace = (f"<p class=\"label-line\">Playwright 跟踪（DOM 快照，逐步回放）：</p><ul class=\"traces\">{traces}</ul>"
                 if traces else "<p class=\"label-line\">没有保存跟踪（--failure-traces off）</p>")
        error = f.extra.get("error") or ""
        full = (f"<details class=\"error\"><summary>完整错误信息</summary><pre>{escape(error)}</pre></details>"
                if error else "")
        return (f"<div class=\"failure\"><dl>{dl}</dl><div class=\"shots\">{''.join(shots)}</div>"
                f"{trace}{full}</div>")

    def _where(self, f: Finding) -> str:
        if f.section is None:
            return ""
        place = escape(f"第 {f.section} 节" + (f"第 {f.item} 条" if f.item else ""))
        if not f.line:
            return place
        return f"{place}（<a href=\"{escape(self.line_link(f.line))}\">指南第 {f.line} 行</a>）"
