"""Order claims: numbered steps, 先…再… within a sentence, and a transcribed screen's fields.

- Numbered steps against the order the steps linked to them ran in one scenario.
- 先X…再Y against the order of the steps (or, failing a step, the screens) showing X and Y.
- A transcribed screen's fields against the order of their boxes on the screenshot it stands for.
"""
from __future__ import annotations

import re

from .claims import Claim
from .findings import Finding, Highlight
from .guide import Guide
from .illustrate import best_screen_shot
from .links import Links, letters, quote, scenarios_by_section
from .record import RunRecord, Scenario, Shot
from .sentences import Sentence
from .text import normalize

FIRST_THEN = re.compile(r"先([^，,。；;：:]+).*?再([^，,。；;：:]+)")
# Two boxes whose tops are this close (px) stand on one row; a row reads left to right.
ROW_TOLERANCE = 8


def _top_item(item: str | None) -> str | None:
    return item.split(".")[0] if item else None


def step_order_findings(guide: Guide, record: RunRecord, links: Links) -> list[Finding]:
    """A scenario that walks two numbered steps of a section walks them in the guide's order."""
    out, seen = [], set()
    by_scenario: dict[int, list] = {}
    for lk in links.links:
        if lk.acts and lk.strong and lk.sentence.item:
            by_scenario.setdefault(id(lk.scenario), []).append(lk)
    for group in by_scenario.values():
        first: dict[tuple, tuple] = {}
        for lk in group:
            parent, _, number = lk.sentence.item.rpartition(".")
            key = (lk.sentence.section, parent, int(number))
            if key not in first or lk.step < first[key][0]:
                first[key] = (lk.step, lk)
        keys = sorted(first)
        for a, b in zip(keys, keys[1:]):
            if a[:2] != b[:2] or first[a][0] <= first[b][0]:
                continue
            la, lb = first[a][1], first[b][1]
            key = (la.sentence.line, lb.sentence.line)
            if key in seen:
                continue
            seen.add(key)
            out.append(Finding(
                "order_steps", la.sentence.section,
                f"指南第 {la.sentence.item} 条「{la.sentence.text}」排在第 {lb.sentence.item} 条「{lb.sentence.text}」"
                f"之前，场景「{la.scenario.name}」却先做第 {lb.sentence.item} 条（「{lb.text}」）"
                f"再做第 {la.sentence.item} 条（「{la.text}」）",
                guide_words=la.sentence.text, context=la.sentence.text,
                screen=f"场景步骤顺序：{lb.step_words} → {la.step_words}",
                item=la.sentence.item, line=la.sentence.line, scenario=la.scenario.name,
                extra={"other_line": lb.sentence.line}))
    return out


def listed_order_findings(guide: Guide, record: RunRecord) -> list[Finding]:
    """Items a guide says are in order ("按以下顺序填写：1) … 2) …") against the order the run's screens showed
    them: each item's place is the first step whose screen shows most of the screen texts the item names (the
    fields of a wizard's step), so a guide worded unlike the Gherkin is held to the screens all the same."""
    out = []
    for section in guide.sections:
        items = _listed_items(section)
        if len(items) < 2:
            continue
        scenarios = [sc for sc in record.for_section(section.id) if sc.status == "passed"]
        vocab = {normalize(t) for _, _, shot in record.shots_for(scenarios) for t in shot.strings()}
        named = [(item, text, _named(text, vocab)) for item, text in items]
        named = [(item, text, terms) for item, text, terms in named if len(terms) >= 2]
        for (a, a_text, a_terms), (b, b_text, b_terms) in zip(named, named[1:]):
            turned = _first_turned_round(scenarios, _shown_at, a_terms, b_terms)
            if turned is None:
                continue
            sc, i, j = turned
            out.append(Finding(
                "order_steps", section.id,
                f"指南第 {a.id} 条「{a_text}」排在第 {b.id} 条「{b_text}」之前，场景「{sc.name}」的界面却先显示第 "
                f"{b.id} 条的内容（步骤「{sc.steps[j].text}」之后）再显示第 {a.id} 条的（步骤「{sc.steps[i].text}」之后）",
                guide_words=a_text, context=a_text, screen=f"{sc.steps[j].text} → {sc.steps[i].text}",
                item=a.id, line=a.line, scenario=sc.name))
    return out


def _first_turned_round(scenarios: list[Scenario], step_of, a, b) -> tuple[Scenario, int, int] | None:
    """The first scenario that reaches b before a, with the steps that reach a and b (``step_of(scenario, x)``).
    One is enough: the writer fixes the guide once, whichever scenario showed it."""
    for sc in scenarios:
        i, j = step_of(sc, a), step_of(sc, b)
        if i is not None and j is not None and i > j:
            return sc, i, j
    return None


IN_ORDER = re.compile(r"按(?:以下|下列|如下)(?:顺序|步骤)|依次|步骤如下")


def _listed_items(section) -> list[tuple]:
    """The top-level items of a section whose text before them says they come in order, with their text."""
    said = False
    out = []
    for block in section.blocks:
        if block.kind != "paragraph":
            continue
        if block.item is None:
            said = said or bool(IN_ORDER.search(block.text))
            continue
        if said and "." not in block.item:
            item = section.item(block.item)
            if item and item.line == block.line:
                out.append((item, block.text.strip()[len(item.label):].strip()))
    return out


def _named(text: str, vocab: set[str]) -> list[str]:
    """The screen texts an item names (three letters and more: "密码" alone is on every form)."""
    have = letters(text)[0]
    return [t for t in vocab if len(letters(t)[0]) >= 3 and letters(t)[0] in have]


def _shown_at(sc: Scenario, terms: list[str]) -> int | None:
    """The first step whose screen shows most of the terms (at least half, and two)."""
    best, at = 1, None
    for i, st in enumerate(sc.steps):
        for shot in st.shots.values():
            n = sum(shot.shows(t) for t in terms)
            if n > best and n * 2 >= len(terms):
                best, at = n, i
    return at


def _position(sc: Scenario, words: str) -> int | None:
    """The first step quoting the words, else the first step whose screens show them."""
    want = letters(words)[0]
    for i, st in enumerate(sc.steps):
        q = quote(words, st.text)
        if q and len(letters(q.guide)[0]) >= min(len(want), 4):
            return i
    for i, st in enumerate(sc.steps):
        if any(want and want in letters(s)[0] for shot in st.shots.values() for s in shot.strings()):
            return i
    return None


def first_then_findings(guide: Guide, record: RunRecord, links: Links) -> list[Finding]:
    out = []
    for s in links.sentences:
        m = FIRST_THEN.search(s.text)
        if not m:
            continue
        first, then = m.group(1).strip(), m.group(2).strip()
        turned = _first_turned_round(_scenarios_for(links, s), _position, first, then)
        if turned is None:
            continue
        sc, i, j = turned
        out.append(Finding(
            "order_first_then", s.section,
            f"指南第 {s.line} 行说先「{first}」再「{then}」，场景「{sc.name}」的界面上先是"
            f"「{then}」（步骤「{sc.steps[j].text}」）再是「{first}」（步骤「{sc.steps[i].text}」）",
            guide_words=m.group(0), context=s.text, screen=f"{sc.steps[j].text} → {sc.steps[i].text}",
            item=s.item, line=s.line, scenario=sc.name))
    return out


def _scenarios_for(links: Links, s: Sentence) -> list[Scenario]:
    """Scenarios with a step (or name) linked to the sentence."""
    out: list[Scenario] = []
    for lk in links.of(s):
        if not any(lk.scenario is o for o in out):
            out.append(lk.scenario)
    return out


def field_order_findings(guide: Guide, record: RunRecord, claims: list[Claim]) -> list[Finding]:
    out = []
    by_slot: dict[int, list[Claim]] = {}
    for c in claims:
        if c.slot is not None:
            by_slot.setdefault(c.slot, []).append(c)
    by_section = scenarios_by_section(record)
    shown: dict[tuple, object] = {}  # copies of one screen in one section's scenarios: one search
    for block in guide.slots():
        if block.kind != "screen":
            continue
        own = by_slot.get(block.slot, [])
        fields = [c for c in own if c.kind == "label" and re.search(r"[:：]", c.context)]
        if len(fields) < 2:
            continue
        scenarios = by_section.get(block.section, [])
        looked = [c for c in own if c.kind in ("label", "placeholder")]
        key = (tuple((c.kind, c.label) for c in looked), tuple(id(s) for s in scenarios))
        if key not in shown:
            shown[key] = best_screen_shot(looked, record.shots_for(scenarios))
        found = shown[key]
        if not found:
            continue
        sc, st, shot = found
        placed = [(c, _box(c.label, shot)) for c in fields]
        placed = [(c, b) for c, b in placed if b is not None]
        for (a, ba), (b, bb) in zip(placed, placed[1:]):
            if not _reads_before(bb, ba):
                continue
            out.append(Finding(
                "order_fields", block.section,
                f"指南转录的界面中「{a.words}」在「{b.words}」之前，界面上「{b.words}」在前",
                guide_words=f"{a.words}、{b.words}", context=a.context, screen=f"界面顺序：{b.label} → {a.label}",
                item=a.item, line=a.line, screenshot=shot.screenshot, device=shot.device,
                scenario=sc.name, step=f"{st.keyword} {st.text}",
                highlight=Highlight(bb.get("x", 0), bb.get("y", 0), bb.get("width", 0), bb.get("height", 0),
                                    shot.viewport.get("width") or 1, shot.viewport.get("height") or 1)))
    return out


def _box(label: str, shot: Shot) -> dict | None:
    want = normalize(label)
    return next((t for t in shot.texts if normalize(t.get("text", "")) == want and t.get("height")), None)


def _reads_before(a: dict, b: dict) -> bool:
    """Box a comes before box b in reading order: a row higher, or on one row and to the left."""
    ya, yb = a.get("y", 0), b.get("y", 0)
    if abs(ya - yb) <= ROW_TOLERANCE:
        return a.get("x", 0) < b.get("x", 0)
    return ya < yb
