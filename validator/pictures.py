"""A writer's own pictures (an imported guide's image links) against today's screens.

Each picture stands where the guide had one; the illustrated guide puts the fresh screenshot of that place there
(illustrate.figures). The two are compared in two ways, both on greyscale, with Pillow alone:

- every control label the fresh screen shows (buttons, links, tabs, field labels: the texts the run recorded with
  their boxes) against the best-placed box of the picture within a shift of the layout, by their mean grey
  difference over the label's own contrast: a renamed button ("立即注册" → "提交注册") changes a few hundred pixels, which a whole-picture
  score cannot see, while the data a screen shows (company names, e-mail addresses, a QR code) is not a label and is
  left out, so the same screen with other data still matches;
- the whole picture, by SSIM over 8×8 blocks of both scaled to 128 pixels wide, reported with the finding, and
  deciding alone only for a screen with no label.

The picture is compared with the figure's screenshot and with the other screenshots of the same screen (device and
address) in the figure's scenario: a writer's picture may show the form before or after a message line.

The thresholds are measured (README, "Importing a writer's guide"): the same screen in another run or with other
data, the screen of the step before, and the mock with a label changed.
"""
from __future__ import annotations

import base64
import re
from bisect import bisect_right
from functools import lru_cache
from html import escape
from dataclasses import dataclass, field
from itertools import accumulate
from operator import mul
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter, UnidentifiedImageError

from .findings import Finding, Highlight
from .guide import Guide
from .illustrate import Figure
from .record import RunRecord, Shot

IMAGE_LINK = re.compile(r"!\[[^\]\n]*\]\(([^)\s]+)\)")
# A label whose best-placed box in the picture is this unlike it (mean grey difference over the label's own contrast)
# shows other words, or none. Measured on 378 pairs of the mock's screenshots (README): the same screen's worst label
# 0.00-0.21 (another run; other data, or a message line moving the form; the picture at 75 % or 50 % size or saved
# as JPEG); a renamed button (确认 → 登录, 立即注册 → 提交注册, at 100 % and 75 %) 0.32-0.67; the step before's
# screen 0.51-1.00.
LABEL_CHANGED = 0.26
# Whole-picture SSIM cannot tell a form moved by a message line (0.78) from another screen (0.30-0.87): it decides
# only for a screen with no label to compare, below every same-screen pair measured.
SAME_SCREEN = 0.70
# Texts with these roles name controls: the words a guide quotes. Others carry data or messages.
LABEL_ROLES = {"button", "link", "tab", "label", "columnheader", "legend"}
WIDTH = 128  # the whole-picture comparison's width
BLOCK = 8
SHIFT = 96  # CSS pixels a label may have moved down or up: a message line, a banner
INSET = 4  # CSS pixels inside a label's box: a button's rounded corners and border are not its words
WORK_WIDTH = 1280  # pixels, at most, for the label comparison
BLUR = 0.7  # pixels of the working width
MIN_CONTRAST = 4.0  # grey levels: a box this flat holds no words to compare


@dataclass
class Comparison:
    similarity: float  # whole-picture SSIM, 0–1
    changed: list[dict] = field(default_factory=list)  # label entries of the fresh shot the picture does not show
    differences: list[float] = field(default_factory=list)  # each label's unlikeness (label_difference)

    @property
    def stale(self) -> bool:
        return bool(self.changed) if self.differences else self.similarity < SAME_SCREEN


def grey(path: Path) -> Image.Image:
    with Image.open(path) as im:
        im.load()
        return im.convert("L")


def ssim(a: Image.Image, b: Image.Image, width: int = WIDTH) -> float:
    """Mean SSIM over BLOCK×BLOCK blocks of both pictures scaled to ``width``, over the height they share; a picture
    much taller or shorter than the other scores lower by the share of height that has no counterpart."""
    x, y = (im.resize((width, max(BLOCK, round(im.height * width / im.width))), Image.LANCZOS) for im in (a, b))
    height = min(x.height, y.height)
    xs, ys = x.tobytes(), y.tobytes()  # one byte a pixel ("L")
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    scores = []
    for top in range(0, height - BLOCK + 1, BLOCK):
        for left in range(0, width - BLOCK + 1, BLOCK):
            px = [xs[(top + r) * width + left + c] for r in range(BLOCK) for c in range(BLOCK)]
            py = [ys[(top + r) * width + left + c] for r in range(BLOCK) for c in range(BLOCK)]
            n = len(px)
            mx, my = sum(px) / n, sum(py) / n
            vx = sum((v - mx) ** 2 for v in px) / n
            vy = sum((v - my) ** 2 for v in py) / n
            cov = sum((p - mx) * (q - my) for p, q in zip(px, py)) / n
            scores.append(((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2)))
    if not scores:
        return 0.0
    return sum(scores) / len(scores) * height / max(x.height, y.height)


def label_difference(picture: Image.Image, fresh: Image.Image, box: tuple[int, int, int, int],
                     shift: int = SHIFT) -> float:
    """How unlike the label's box is the picture's best-placed box within the shift: their mean grey difference over
    the label's own contrast (its mean distance from its background), 0 for the same, about 1 for other words or
    none. The place is searched row by row, then a column either side."""
    left, top, right, bottom = box
    ref = fresh.crop(box)
    background = _median(ref)
    contrast = max(MIN_CONTRAST, _mean(ref.point(_distance_from(background))))

    def unlike(dx: int, dy: int) -> float:
        if top + dy < 0 or bottom + dy > picture.height or left + dx < 0 or right + dx > picture.width:
            return 1.0
        other = picture.crop((left + dx, top + dy, right + dx, bottom + dy))
        shift = background - _median(other)  # a picture saved lighter, darker, with fewer colours
        if shift:  # each level moved by the shift, clipped to 0-255
            level = Image.new("L", other.size, abs(shift))
            other = ImageChops.add(other, level) if shift > 0 else ImageChops.subtract(other, level)
        return min(1.0, _mean(ImageChops.difference(ref, other)) / contrast)

    row = min(range(-shift, shift + 1), key=lambda dy: (unlike(0, dy), abs(dy)))
    return min(unlike(dx, dy) for dy in (row - 1, row, row + 1) for dx in (-1, 0, 1))


# The label search asks for a median and a mean some 600 times a label. These give what ImageStat.Stat(im).median[0]
# and .mean[0] give for a greyscale picture, with their loops over the 256 levels in C (accumulate, map).
def _median(grey_image: Image.Image) -> int:
    """The first grey level at which more than half the pixels (count // 2) are counted."""
    cumulative = list(accumulate(grey_image.histogram()))
    return min(255, bisect_right(cumulative, cumulative[-1] // 2))


def _mean(grey_image: Image.Image) -> float:
    histogram = grey_image.histogram()
    count = sum(histogram)
    return sum(map(mul, range(256), histogram)) / count if count else 0


@lru_cache(maxsize=256)
def _distance_from(level: int) -> tuple[int, ...]:
    return tuple(abs(v - level) for v in range(256))


def compare(picture_path: Path, shot: Shot, shot_path: Path) -> Comparison:
    fresh, picture = grey(shot_path), grey(picture_path)
    result = Comparison(ssim(picture, fresh))
    # Both at the coarser one's width, and blurred a little: a picture the writer or Word scaled, or saved as JPEG,
    # differs from the screenshot in every edge pixel, not in its words.
    viewport = (shot.viewport or {}).get("width") or fresh.width
    width = min(WORK_WIDTH, fresh.width, picture.width, viewport)
    fresh, picture = (im.resize((width, max(1, round(im.height * width / im.width))), Image.LANCZOS)
                      .filter(ImageFilter.GaussianBlur(BLUR)) for im in (fresh, picture))
    scale = width / viewport
    for entry in shot.texts:
        if entry.get("role") not in LABEL_ROLES or not entry.get("text", "").strip() or entry.get("kind") != "text":
            continue
        x, y, w, h = (v * scale for v in shot.page_box(entry))
        inset = INSET * scale
        box = (max(0, round(x + inset)), max(0, round(y + inset)), min(fresh.width, round(x + w - inset)),
               min(fresh.height, round(y + h - inset)))
        if box[2] - box[0] < 4 or box[3] - box[1] < 4:
            continue
        diff = label_difference(picture, fresh, box, round(SHIFT * scale))
        result.differences.append(diff)
        if diff > LABEL_CHANGED:
            result.changed.append(entry)
    return result


def picture_files(guide: Guide) -> dict[int, list[tuple[str, Path]]]:
    """{slot: [(link as written, file)]} for the guide's image links whose file lies in the guide's folder."""
    path = Path(guide.path)
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").split("\n")
    root = path.parent.resolve()
    out: dict[int, list[tuple[str, Path]]] = {}
    for block in guide.slots():
        if block.kind != "screenshot" or not 0 < block.line <= len(lines):
            continue
        for link in IMAGE_LINK.findall(lines[block.line - 1]):
            file = (root / link).resolve()
            if root in file.parents and file.is_file():  # a link out of the guide's folder is not followed
                out.setdefault(block.slot, []).append((link, file))
    return out


def picture_findings(guide: Guide, record: RunRecord, figures: dict[int, Figure]) -> list[Finding]:
    """A finding for each of the writer's pictures that no fresh screenshot of its place matches."""
    out = []
    slots = {b.slot: b for b in guide.slots()}
    for slot, links in picture_files(guide).items():
        fig = figures.get(slot)
        shots = [s for s in _same_screen(fig) if s.screenshot and record.resolve(s.screenshot).is_file()]
        own = sum(1 for s in shots if s not in fig.alternatives)
        if not shots:
            continue  # no fresh screenshot of this place: coverage says why
        for link, file in links:
            try:
                comparison, shot = _best_match(file, shots, record, own)
            except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
                continue  # not a picture Pillow reads: nothing to compare
            if comparison.stale:
                out.append(_stale(slots[slot], link, comparison, shot, fig))
    return out


def _best_match(file: Path, shots: list[Shot], record: RunRecord, own: int | None = None) -> tuple[Comparison, Shot]:
    """The first shot the picture matches, else the one of the first ``own`` (the place's own screen) it is likest
    (fewest labels changed, then SSIM): a stale picture is shown beside its place's screen, not a look-alike."""
    tried = []
    for shot in shots:
        comparison = compare(file, shot, record.resolve(shot.screenshot))
        if not comparison.stale:
            return comparison, shot
        tried.append((comparison, shot))
    return min(tried[:own or len(tried)], key=lambda pair: (len(pair[0].changed), -pair[0].similarity))


def _same_screen(fig: Figure | None) -> list[Shot]:
    """The figure's shots first, then every other shot of its scenario showing one of their screens, then the other
    screens the text before the place names nearly as well (on a guide matched by content, the writer may have
    pictured the form where the run's figure is the page after it)."""
    if fig is None or not fig.shots:
        return []
    out = list(fig.shots)
    screens = {(s.device, s.url) for s in fig.shots}
    for step in fig.scenario.steps if fig.scenario else []:
        out += [s for s in step.shots.values() if (s.device, s.url) in screens and s not in out]
    return out + [s for s in fig.alternatives if s not in out]


def _stale(block, link: str, comparison: Comparison, shot: Shot, fig: Figure) -> Finding:
    labels = [e["text"] for e in comparison.changed]
    if labels:
        what = ("界面上" + "、".join(f"「{t}」" for t in labels[:3]) + ("等" if len(labels) > 3 else "")
                + f"处与图片不同（整体相似度 {comparison.similarity:.2f}）")
    else:
        what = f"整体相似度 {comparison.similarity:.2f}，不是同一界面"
    step = f"{fig.step.keyword} {fig.step.text}" if fig.step else None
    first = comparison.changed[0] if labels else None
    highlight = None
    if first is not None:
        x, y, w, h = shot.page_box(first)
        highlight = Highlight(x, y, w, h, shot.viewport.get("width") or 1, shot.viewport.get("height") or 1)
    return Finding("picture_stale", block.section,
                   f"指南自带的图片「{link}」与今天的界面不一致：{what}",
                   guide_words=link, context=link, screen=f"今天的界面：{what}", item=block.item, line=block.line,
                   screenshot=shot.screenshot, device=shot.device, scenario=fig.scenario.name if fig.scenario else None,
                   step=step, highlight=highlight,
                   extra={"picture": link, "similarity": round(comparison.similarity, 3), "labels": labels})


def writer_picture_html(finding: Finding, guide_path: str) -> str:
    uri = picture_data_uri(finding, guide_path)
    link = escape(finding.extra.get("picture", ""))
    if uri is None:
        return f"<div class=\"missing-shot\">指南自带的图片缺失<br>{link}</div>"
    return (f"<div class=\"shot portal\"><div class=\"device\">指南自带的图片 · {link}</div>"
            f"<div class=\"pic\"><img src=\"{uri}\" alt=\"{link}\"></div></div>")


def picture_data_uri(finding: Finding, guide_path: str) -> str | None:
    """The writer's picture of a stale-picture finding, for the illustrated guide, beside today's screenshot."""
    link = finding.extra.get("picture")
    if not link:
        return None
    root = Path(guide_path).parent.resolve()
    file = (root / link).resolve()
    if root not in file.parents or not file.is_file():
        return None
    kind = {".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".bmp": "bmp"}.get(file.suffix.lower(), "png")
    return f"data:image/{kind};base64," + base64.b64encode(file.read_bytes()).decode()
