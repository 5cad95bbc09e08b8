"""Check the guide's UI claims against what the browser showed during each section's scenarios.

A label is looked for in every shot of the scenarios that speak for its section or its sub-sections
(validator/matching.py: tagged for it, or matched by content) and, where they were matched by content, then on
every screen of the run; it is only checked when its item (or section) is covered, so an uncovered step does not
turn into a wall of "label missing" errors — the coverage finding already says it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

from .claims import POSITION_REGIONS, Claim, of_slot
from .coverage import item_coverage
from .findings import Finding, Fix, Highlight
from .guide import Guide
from .illustrate import best_screen_shot, item_text
from .record import RunRecord, Shot
from .text import STAND_IN_LIKENESS, has_stand_in, likeness_key, matches, normalize, stand_in_likeness


@dataclass
class ClaimResult:
    claim: Claim
    status: str  # verified | missing | unchecked
    shot: Shot | None = None


def _element_hits(label: str, shot: Shot) -> list[dict]:
    """Text entries with a box showing the label; exact ones first."""
    want = normalize(label)
    exact = [t for t in shot.texts if normalize(t.get("text", "")) == want]
    return exact or [t for t in shot.texts if matches(label, t.get("text", ""))]


def _in_region(entry: dict, shot: Shot, position: str) -> bool:
    left, right, top, bottom = POSITION_REGIONS[position]
    vw, vh = shot.viewport.get("width") or 1, shot.viewport.get("height") or 1
    x, y = entry.get("x", 0), entry.get("y", 0)
    w, h = entry.get("width", 0), entry.get("height", 0)
    return x >= left * vw and x + w <= right * vw and y >= top * vh and y + h <= bottom * vh


# A screen text this like a missing label (one character of four apart: "账户信息" / "账号信息") is what the
# guide meant; below it, the near text is only shown, not offered as the replacement.
OBVIOUS_FIX = 0.75

PLACE_NAMES = {"左上": "左上角", "中上": "顶部正中", "右上": "右上角", "左中": "左侧", "中中": "中部",
               "右中": "右侧", "左下": "左下角", "中下": "底部正中", "右下": "右下角"}


def describe_place(entry: dict, shot: Shot) -> str:
    """Name the place of an element's centre in the same words the guide uses."""
    vw, vh = shot.viewport.get("width") or 1, shot.viewport.get("height") or 1
    cx = (entry.get("x", 0) + entry.get("width", 0) / 2) / vw
    cy = (entry.get("y", 0) + entry.get("height", 0) / 2) / vh
    col = "左" if cx < 1 / 3 else ("右" if cx > 2 / 3 else "中")
    row = "上" if cy < 0.2 else ("下" if cy > 0.8 else "中")
    return PLACE_NAMES[col + row]


def _highlight(entry: dict, shot: Shot) -> Highlight:
    return Highlight(entry.get("x", 0), entry.get("y", 0), entry.get("width", 0), entry.get("height", 0),
                     shot.viewport.get("width") or 1, shot.viewport.get("height") or 1)


def check_claims(guide: Guide, record: RunRecord, claims: list[Claim],
                 held: Callable[[str], bool] = lambda section: False) -> tuple[list[ClaimResult], list[Finding]]:
    """``held``: sections whose claims are held to their own scenarios' screens (linked by the tags of their own
    guide); elsewhere a claim those screens lack is looked for on every screen of the run."""
    results: list[ClaimResult] = []
    findings: list[Finding] = []
    unseen = _unseen_screens(guide, record, claims, findings, held)
    for claim in claims:
        if claim.kind == "example":
            continue
        section = guide.section(claim.section)
        shots = record.ran_shots(claim.section)
        if not item_coverage(record, section, claim.item).covered or not shots or claim.slot in unseen:
            results.append(ClaimResult(claim, "unchecked"))
            continue
        if claim.kind == "url":
            opened = _check_url(claim, shots, [])
            if opened.status != "verified":
                opened = _check_url(claim, shots if held(claim.section) else every_shot(record), findings)
            results.append(opened)
            continue
        # A quoted label matches a whole screen text or a run of its tokens, never part of a
        # word: "电子营业执照扫码" is not the link "电子营业执照扫码登录".
        hit = _first_showing(shots, claim.label, False)
        if hit is None and not held(claim.section) and not _obviously_meant(shots, claim.label):
            # Not on the section's screens: the section may be matched to the wrong scenarios (another writer's
            # guide, matched by content), and a label the run showed is not missing from the portal. Unless the
            # section's screens show a text it is obviously a slip of (‘电子营业执照扫码’ beside the link
            # 电子营业执照扫码登录): then it names that one wrongly, though another screen shows its words.
            shots = every_shot(record)
            hit = _first_showing(shots, claim.label, False)
        if hit is None:
            results.append(ClaimResult(claim, "image" if claim.kind == "image" else "missing"))
            findings.append(_missing(claim, record.ran_shots(claim.section), claims,
                                     "运行的任何界面上" if shots is not record.ran_shots(claim.section) else None))
            continue
        results.append(ClaimResult(claim, "verified", hit))
        if claim.position:
            findings.extend(_check_position(claim, shots))
    return results, findings


def _obviously_meant(shots, label: str) -> bool:
    key = ("obvious", label)
    if key not in shots.memo:
        near = (sh.closest(label) for _, _, sh in shots)
        shots.memo[key] = any(found and found[1] >= OBVIOUS_FIX for found in near)
    return shots.memo[key]


def every_shot(record: RunRecord):
    """Every shot of every scenario that ran: where a claim is looked for when its section's screens lack it."""
    return record.shots_for([s for s in record.scenarios if s.ran])


def _first_showing(shots, label: str, loose: bool) -> Shot | None:
    """The first shot that shows the label; remembered per list of shots, as copies of a label repeat."""
    key = ("shows", label, loose)
    if key not in shots.memo:
        shots.memo[key] = next((sh for _, _, sh in shots if sh.shows(label, loose)), None)
    return shots.memo[key]


def _unseen_screens(guide: Guide, record: RunRecord, claims: list[Claim], findings: list[Finding],
                    held: Callable[[str], bool]) -> set[int]:
    """Transcribed screens no shot of their covered section shows: the scenarios never reached
    that page, so its labels cannot be judged and the gap is reported once, as coverage."""
    unseen = set()
    for block in guide.slots():
        section = guide.section(block.section)
        if block.kind != "screen" or not item_coverage(record, section, block.item).covered:
            continue
        own = of_slot(claims, block.slot)
        if best_screen_shot(own, record.ran_shots(block.section)) is None and \
                (held(block.section) or best_screen_shot(own, every_shot(record)) is None):
            unseen.add(block.slot)
            findings.append(Finding("screen_not_shown", block.section,
                                    f"本节场景没有到达指南第 {block.line} 行转录的界面，其中的文字未核对",
                                    guide_words=item_text(guide, block.section, block.item).strip(),
                                    context=block.text, item=block.item, line=block.line))
    return unseen


def _missing(claim: Claim, shots, claims: list[Claim], where: str | None = None) -> Finding:
    """``where``: where the label was looked for, when that was beyond the section's scenarios."""
    # For a transcribed screen, the shot that shows that screen goes first: the near text is
    # looked for there before anywhere else in the section.
    screen = None
    if claim.slot is not None:
        screen = best_screen_shot(of_slot(claims, claim.slot), shots)
        if screen:
            shots = [screen] + [s for s in shots if s is not screen]
    sc, st, shot = shots[0]
    if claim.kind == "image":
        return Finding("names_image", claim.section,
                       f"「{claim.words}」指界面上的一张图片，不是文字标签；界面上没有这几个字不算不符",
                       guide_words=claim.words, context=claim.context, screen="图片不按文字核对",
                       item=claim.item, line=claim.line, screenshot=shot.screenshot, device=shot.device,
                       scenario=sc.name, step=f"{st.keyword} {st.text}")
    what, box, extra, fix = "界面上没有相近的文字", None, {}, None
    near = _stand_in_text(claim, [screen] if screen else shots) if has_stand_in(claim.words) else None
    if near:
        box, (sc, st, shot) = near
        what = f"界面显示「{box.get('text', '')}」"
        extra["shown"] = box.get("text", "")
    else:
        best = None  # (ratio, text, entry of shots)
        best_key = None
        # The sentence's other words: a screen text it names apart from the label is not the label.
        avoid = claim.context.replace(claim.words, " ") if claim.source == "prose" else ""
        for entry in shots:
            found = entry[2].closest(claim.label, avoid)
            key = likeness_key(claim.label, found[0], avoid) if found else None
            if found and (best_key is None or key > best_key):
                best, best_key = (found[1], found[0], entry), key
        if best and best[0] >= 0.5:
            what, (sc, st, shot) = f"界面显示「{best[1]}」", best[2]
            box = next((t for t in shot.texts if normalize(t.get("text", "")) == normalize(best[1])), None)
            if best[0] >= OBVIOUS_FIX and claim.label in claim.context:
                fix = Fix(claim.line, claim.label, best[1])
    kind = "占位提示" if claim.kind == "placeholder" else "文字"
    return Finding("label_missing", claim.section, f"指南中的{kind}「{claim.words}」未出现在{where or '本节场景的界面上'}",
                   guide_words=claim.words, context=claim.context, screen=what, item=claim.item,
                   line=claim.line, screenshot=shot.screenshot, device=shot.device,
                   scenario=sc.name, step=f"{st.keyword} {st.text}",
                   highlight=_highlight(box, shot) if box else None, extra=extra, fix=fix)


def _stand_in_text(claim: Claim, shots) -> tuple[dict, tuple] | None:
    """The screen text a stand-in line ("hi@XXXXXX.com, 北京ICP备XXXXXX号") stands for: the one
    sharing most letter pairs with what is left of the line once the X runs are gone."""
    best, best_n = None, STAND_IN_LIKENESS - 1
    for entry in shots:
        for t in entry[2].texts:
            n = stand_in_likeness(claim.context, t.get("text", ""))
            if n > best_n:
                best, best_n = (t, entry), n
    return best


def _check_position(claim: Claim, shots) -> list[Finding]:
    candidates = [(sh, e) for _, _, sh in shots for e in _element_hits(claim.label, sh)]
    if any(_in_region(e, sh, claim.position) for sh, e in candidates):
        return []
    if not candidates:
        return [Finding("position_unchecked", claim.section,
                        f"「{claim.words}」找不到带位置的界面元素，无法核对“{claim.position}”",
                        guide_words=claim.words, context=claim.context, item=claim.item, line=claim.line)]
    sh, e = sorted(candidates, key=lambda c: c[0].device != "portal")[0]
    return [Finding("position_wrong", claim.section,
                    f"指南说「{claim.words}」在{claim.position}，界面上它在{describe_place(e, sh)}",
                    guide_words=f"{claim.position}{claim.words}", context=claim.context,
                    screen=f"「{e.get('text', '')}」位于 x={e.get('x')}, y={e.get('y')}"
                           f"（视口 {sh.viewport.get('width')}×{sh.viewport.get('height')}）",
                    item=claim.item, line=claim.line, screenshot=sh.screenshot, device=sh.device,
                    highlight=_highlight(e, sh))]


def _check_url(claim: Claim, shots, findings: list[Finding]) -> ClaimResult:
    # The host differs on a mock or staging portal (channels.url_findings holds the guide to the
    # canonical host); the path is what the guide tells people to type, and must be one a scenario opened.
    path = urlparse(claim.label).path or "/"
    for _, _, sh in shots:
        if urlparse(sh.url).path.rstrip("/") == path.rstrip("/"):  # the page itself, not one below it
            return ClaimResult(claim, "verified", sh)
    first = shots[0][2]
    findings.append(Finding("url_mismatch", claim.section, f"指南中的网址路径 {path} 未在本节场景中打开过",
                            guide_words=claim.words, context=claim.context, screen=first.url,
                            item=claim.item, line=claim.line, screenshot=first.screenshot, device=first.device))
    return ClaimResult(claim, "missing")


def field_findings(guide: Guide, record: RunRecord, claims: list[Claim],
                   held: Callable[[str], bool] = lambda section: False) -> list[Finding]:
    """Form fields on the screen a transcribed screen stands for, which that transcription leaves out."""
    out: list[Finding] = []
    for block in guide.slots():
        if block.kind != "screen":
            continue
        own = [c for c in of_slot(claims, block.slot) if c.kind in ("label", "placeholder")]
        found = best_screen_shot(own, record.ran_shots(block.section))
        if not found and not held(block.section):
            found = best_screen_shot(own, every_shot(record))
        if not found:
            continue
        sc, st, shot = found
        for name in shot.control_names():
            if any(matches(c.label, name) or matches(name, c.words) for c in own):
                continue
            out.append(Finding("field_not_in_guide", block.section,
                               f"界面上的字段「{name}」在指南转录的界面中没有出现",
                               guide_words=item_text(guide, block.section, block.item).strip(),
                               context=block.text, screen=name,
                               item=block.item, line=block.line, screenshot=shot.screenshot, device=shot.device,
                               scenario=sc.name, step=f"{st.keyword} {st.text}"))
    return out

