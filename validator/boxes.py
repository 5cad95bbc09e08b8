"""Where the evidence for each claim is in the pictures: a box per checked claim on the figure that vouches for it.

Text boxes in the run record are in window pixels at the time of the screenshot; the screenshots are of the whole
page, so a box moves down by the window's scroll (``Shot.page_box``). A claim is boxed on the figure of its own
transcribed screen, else on a figure of its item, of an enclosing item, of its section; a claim verified only on a
screen no figure shows gets that screen as its own evidence beside the sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import Analysis
from .findings import Finding, Highlight
from .guide import is_within
from .illustrate import Figure
from .record import Shot
from .text import matches, normalize
from .uicheck import ClaimResult


@dataclass
class Box:
    x: float  # CSS pixels of the full-page picture
    y: float
    width: float
    height: float
    kind: str  # ok | warning | error | info: a verified claim, or a finding's severity
    title: str
    href: str = ""
    anchor: str = ""  # the box's own id, for the claim's words to link to


@dataclass
class Evidence:
    on_figure: dict[int, dict[str, list[Box]]] = field(default_factory=dict)  # slot -> screenshot -> boxes
    beside: dict[int, list[tuple[Shot, list[Box]]]] = field(default_factory=dict)  # guide line -> own evidence
    where: dict[tuple[int, str], str] = field(default_factory=dict)  # (line, words) -> anchor of its box


def entry_box(shot: Shot, entry: dict, kind: str, title: str, href: str = "") -> Box:
    x, y, w, h = shot.page_box(entry)
    return Box(x, y, w, h, kind, title, href)


def highlight_box(h: Highlight, shot: Shot | None, kind: str, title: str, href: str = "") -> Box:
    sx, sy = ((shot.scroll or {}).get("x", 0), (shot.scroll or {}).get("y", 0)) if shot else (0, 0)
    return Box(h.x + sx, h.y + sy, h.width, h.height, kind, title, href)


def find_entry(shot: Shot, label: str, loose: bool = False) -> dict | None:
    want = normalize(label)
    exact = next((t for t in shot.texts if normalize(t.get("text", "")) == want), None)
    return exact or next((t for t in shot.texts if matches(label, t.get("text", ""), loose)), None)


def _candidates(result: ClaimResult, by_slot: dict[int, Figure], by_section: dict[str, list[Figure]]) -> list[Figure]:
    c = result.claim
    if c.slot is not None:
        return [by_slot[c.slot]] if c.slot in by_slot else []
    same = by_section.get(c.section, [])
    own = [f for f in same if f.item == c.item]
    enclosing = [f for f in same if f.item and c.item and f.item != c.item and is_within(c.item, f.item)]
    taken = {f.slot for f in own + enclosing}
    return own + enclosing + [f for f in same if f.slot not in taken]


def collect(analysis: Analysis, shots_by_path: dict[str, Shot]) -> Evidence:
    ev = Evidence()
    # Indexed once: a guide of thousands of sections must not compare every claim with every figure.
    by_slot = {f.slot: f for f in analysis.figures.values() if f.shots}
    by_section: dict[str, list[Figure]] = {}
    by_picture: dict[str, list[Figure]] = {}
    for f in by_slot.values():
        by_section.setdefault(f.section, []).append(f)
        for shot in f.shots:
            by_picture.setdefault(shot.screenshot, []).append(f)
    for r in analysis.claim_results:
        if r.status != "verified" or r.claim.kind == "url":
            continue
        c = r.claim
        anchor = f"b{c.line}-{len(ev.where)}"
        box = None
        for fig in _candidates(r, by_slot, by_section):
            for shot in fig.shots:
                entry = find_entry(shot, c.label, c.source == "prose")
                if entry is not None:
                    box = entry_box(shot, entry, "ok", f"已核对：{c.words}", f"#l{c.line}")
                    ev.on_figure.setdefault(fig.slot, {}).setdefault(shot.screenshot, []).append(box)
                    break
            if box:
                break
        if box is None and r.shot is not None:
            entry = find_entry(r.shot, c.label, c.source == "prose")
            if entry is not None:
                box = entry_box(r.shot, entry, "ok", f"已核对：{c.words}", f"#l{c.line}")
                _beside(ev, c.line, r.shot).append(box)
        if box is not None and (c.line, c.words) not in ev.where:  # the same words twice on a line: one anchor
            box.anchor = anchor
            ev.where[(c.line, c.words)] = anchor
    for f in analysis.findings:
        _finding_on_figures(ev, f, by_picture, shots_by_path)
    return ev


def _beside(ev: Evidence, line: int, shot: Shot) -> list[Box]:
    entries = ev.beside.setdefault(line, [])
    for s, boxes in entries:
        if s.screenshot == shot.screenshot:
            return boxes
    entries.append((shot, []))
    return entries[-1][1]


def _finding_on_figures(ev: Evidence, f: Finding, by_picture: dict[str, list[Figure]],
                        shots_by_path: dict[str, Shot]) -> None:
    """A finding with a box on a screenshot some figure shows is boxed there too, in its severity's colour."""
    if not f.highlight or not f.screenshot:
        return
    # only on the figures of the finding's own item: the same screen shown for the step before is about that step
    for fig in (fig for fig in by_picture.get(f.screenshot, []) if fig.section == f.section and fig.item == f.item):
        box = highlight_box(f.highlight, shots_by_path.get(f.screenshot), f.severity, f"{f.id}：{f.message}",
                            f"#{f.id}")
        ev.on_figure.setdefault(fig.slot, {}).setdefault(f.screenshot, []).append(box)
