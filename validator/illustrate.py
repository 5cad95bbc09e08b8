"""Pick, for each place a screenshot stood in the guide, the step whose screens go there.

A marker takes a step from the scenarios covering its item: the step whose wording is most like
the item's, and the steps after it when the item held several screenshots. A transcribed screen
takes the shot that shows most of the labels it lists.

On another writer's guide (sections matched by content, not by the scenarios' tags) the steps' wording
is the project's guide's, not this one's: a marker takes the step whose changed screens show most of
what the text before it names (the screen texts its words hold, each weighted by how rare it is among
the run's screens), from any scenario covering its section.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .claims import Claim, of_slot
from .coverage import item_coverage
import math
from urllib.parse import urlsplit

from .guide import Block, Guide, Section
from .links import letters
from .record import RunRecord, Scenario, Shot, Step
from .text import bigrams, normalize

DEVICE_ORDER = ("portal", "agent_phone", "legal_rep_phone")


@dataclass
class Figure:
    slot: int
    section: str
    item: str | None
    scenario: Scenario | None = None
    step: Step | None = None
    shots: list[Shot] = field(default_factory=list)
    covered: bool = False  # whether scenarios ran for its item (an empty figure then means "not reached")
    # Other screens the text before the place names nearly as well (a section matched by content): a writer's own
    # picture there may show one of them and still be today's screen (pictures.py).
    alternatives: list[Shot] = field(default_factory=list)

    @property
    def gap(self) -> str:
        """Why a figure has no screenshot, for the reader."""
        where = f"第 {self.section} 节" + (f"第 {self.item} 条" if self.item else "")
        return f"{where}的场景没有到达此界面" if self.covered else f"{where}没有运行过的场景"


# A shot stands for a transcribed screen when it shows at least this share of the screen's
# distinct labels; below it, the shot is another page of the same site (same header and footer).
SCREEN_MATCH = 0.5


def screen_score(claims: list[Claim], shot: Shot) -> float:
    labels = {c.label for c in claims if c.kind in ("label", "placeholder")}
    if not labels:
        return 0.0
    return sum(1 for label in labels if shot.shows(label)) / len(labels)


def best_screen_shot(claims: list[Claim], shots: list[tuple[Scenario, Step, Shot]]):
    """The (scenario, step, shot) that shows the transcribed screen, or None when no shot does. Worked out once per
    set of labels and list of shots (a screen is asked for by the figures and by several checks)."""
    memo = getattr(shots, "memo", None)
    key = ("best", frozenset(c.label for c in claims if c.kind in ("label", "placeholder")))
    if memo is not None and key in memo:
        return memo[key]
    best, best_score = None, SCREEN_MATCH - 1e-9
    for entry in shots:
        score = screen_score(claims, entry[2])
        if score > best_score:
            best, best_score = entry, score
    if memo is not None:
        memo[key] = best
    return best


def _likeness(step_text: str, wording: str) -> float:
    """Share of the step's character pairs found in the guide's wording of the item."""
    step, guide = bigrams(step_text), bigrams(wording)
    return len(step & guide) / len(step) if step else 0.0


def assign(scores: list[list[float]], groups: list[str]) -> list[int]:
    """Give each marker (row) a step (column): the likeliest pairs first, each step once while
    steps last; markers of one item then take their steps in the scenario's order, since an
    item's screenshots follow the flow it describes."""
    m, n = len(scores), len(scores[0])
    pairs = sorted(((scores[j][i], i, j) for j in range(m) for i in range(n)), key=lambda p: (-p[0], p[1]))
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if j not in chosen and (i not in used or len(used) == n):
            chosen[j] = i
            used.add(i)
    for group in set(groups):
        rows = [j for j in range(m) if groups[j] == group]
        for j, i in zip(rows, sorted(chosen[j] for j in rows)):
            chosen[j] = i
    return [chosen[j] for j in range(m)]


def _ordered(shots: dict[str, Shot]) -> list[Shot]:
    return sorted(shots.values(), key=lambda s: (DEVICE_ORDER.index(s.device)
                                                 if s.device in DEVICE_ORDER else 99, s.device))


def _changed_shots(steps: list[Step], index: int) -> list[Shot]:
    """The devices whose screen changed in this step; a phone idling beside the portal is left out."""
    step = steps[index]
    before = {}
    for st in steps[:index]:
        before.update(st.shots)
    changed = [s for s in _ordered(step.shots)
               if s.device not in before or (before[s.device].url, before[s.device].texts) != (s.url, s.texts)]
    return changed or _ordered(step.shots)


def item_text(guide: Guide, section_id: str, item_id: str | None) -> str:
    section = guide.section(section_id)
    if section is None:
        return ""
    return " ".join(b.text for b in section.blocks if b.kind == "paragraph" and b.item == item_id)


def figures(guide: Guide, record: RunRecord, claims: list[Claim], matching=None) -> dict[int, Figure]:
    """``matching`` (matching.Matching): which sections took their scenarios by content; those pick by what the
    text shows (``_shown_step``)."""
    out: dict[int, Figure] = {}
    by_scenario: dict[int, tuple[Scenario, list[Figure]]] = {}
    for section in guide.sections:
        by_content = matching is not None and not matching.by_tags(section.id)
        start, previous = 0, None
        for n, block in enumerate(section.blocks):
            if block.slot is None:
                continue
            fig = out[block.slot] = Figure(block.slot, section.id, block.item)
            fig.covered = item_coverage(record, section, block.item).covered
            context, start = section.blocks[start:n], n + 1
            if block.kind == "screen":
                own = of_slot(claims, block.slot)
                found = best_screen_shot(own, record.shots_for(record.for_section(section.id)))
                if found:
                    fig.scenario, fig.step, shot = found
                    fig.shots = [shot]
                continue
            found = _shown_step(record, section, context, previous, matching) if by_content else None
            if found:
                fig.scenario, fig.step, fig.shots, fig.alternatives = found
                previous = fig
                continue
            # Scenarios tagged for this very section first; those of sub-sections only as a fallback.
            ran = sorted(item_coverage(record, section, block.item).ran,
                         key=lambda s: not any(sec == section.id for sec, _ in s.refs))
            if ran:
                by_scenario.setdefault(id(ran[0]), (ran[0], []))[1].append(fig)
    for scenario, figs in by_scenario.values():
        steps = [st for st in scenario.steps if st.shots]
        if not steps:
            continue
        scores = [[_likeness(st.text, item_text(guide, f.section, f.item) or f.section) for st in steps]
                  for f in figs]
        for fig, index in zip(figs, assign(scores, [f"{f.section}-{f.item}" for f in figs])):
            fig.scenario, fig.step, fig.shots = scenario, steps[index], _changed_shots(steps, index)
    return out


# A screen text of fewer letters is a fragment; a longer one is a message no guide quotes whole (matching.py's).
TERM_MIN, TERM_MAX = 2, 40
# Screens scoring at least this share of the best one's are named by the text nearly as well: kept as alternatives,
# at most ALTERNATIVES of them.
ALTERNATIVE_SHARE = 0.5
ALTERNATIVES = 8


def _shown_step(record: RunRecord, section: Section, context: list[Block], previous: Figure | None, matching):
    """(scenario, step, shots) whose changed screens show most of what the text before the marker names, among the
    scenarios covering the section; None when they show none of it. A marker right after another (no text between)
    takes the next step that changed a screen, as an item's screenshots follow its flow."""
    said = letters(" ".join(b.text for b in context if b.kind == "paragraph"))[0]
    if not said:
        return _next_step(previous) if previous is not None else None
    # Of screens showing as much, the scenario the section matched best (the flow it describes, not a refusal
    # passing the same form), then the screen showing least the text does not speak of (an error message).
    scenarios = sorted((s for s in record.for_section(section.id) if s.ran),
                       key=lambda s: -matching.scores.get((id(s), section.id), 0.0))
    idf = _screen_idf(record)
    ranked = []
    for rank, sc in enumerate(scenarios):
        steps = [st for st in sc.steps if st.shots]
        for index, st in enumerate(steps):
            shots = _changed_shots(steps, index)
            shown = {t for shot in shots for t in _terms(shot)}
            score = sum(idf.get(t, 0.0) for t in shown if t[1] in said)
            unsaid = sum(idf.get(t, 0.0) for t in shown if t[1] not in said)
            if score > 0:
                ranked.append(((round(score, 6), -rank, -round(unsaid, 6)), (sc, st, shots)))
    if not ranked:
        return None
    ranked.sort(key=lambda r: r[0], reverse=True)
    best_score, best = ranked[0][0][0], ranked[0][1]
    seen = {_screen(shot) for shot in best[2]}
    alternatives = []
    for key, (_, _, shots) in ranked[1:]:
        if key[0] < ALTERNATIVE_SHARE * best_score or len(alternatives) >= ALTERNATIVES:
            break
        for shot in shots:
            if _screen(shot) not in seen:
                seen.add(_screen(shot))
                alternatives.append(shot)
    return best + (alternatives[:ALTERNATIVES],)


def _screen(shot: Shot) -> tuple:
    """One screen: the same page on the same device, whichever step, scenario or data (pictures.py compares a writer's
    picture with every shot of the figure's own screen)."""
    address = urlsplit(shot.url)  # the host is each worker's own mock
    return shot.device, address.path, address.query


def _next_step(previous: Figure):
    steps = [st for st in previous.scenario.steps if st.shots] if previous.scenario else []
    for index, st in enumerate(steps):
        if st is previous.step and index + 1 < len(steps):
            return previous.scenario, steps[index + 1], _changed_shots(steps, index + 1), []
    return None


def _terms(shot: Shot) -> frozenset[tuple[str, str]]:
    """(normalized text, its letters) of each text the screen showed that a guide could name."""
    cached = shot.__dict__.get("_figure_terms")
    if cached is None:
        out = set()
        for s in shot.strings():
            plain = letters(normalize(s))[0]
            if TERM_MIN <= len(plain) <= TERM_MAX:
                out.add((normalize(s), plain))
        cached = shot.__dict__["_figure_terms"] = frozenset(out)
    return cached


def _screen_idf(record: RunRecord) -> dict[tuple[str, str], float]:
    """How rare each screen text is among the run's screenshots: the header's 登录 names no screen."""
    cached = record.__dict__.get("_screen_idf")
    if cached is None:
        df: dict[tuple[str, str], int] = {}
        shots = [shot for sc in record.scenarios if sc.ran for st in sc.steps for shot in st.shots.values()]
        for shot in shots:
            for t in _terms(shot):
                df[t] = df.get(t, 0) + 1
        cached = record.__dict__["_screen_idf"] = {t: math.log((len(shots) + 1) / d) for t, d in df.items()}
    return cached


def slot_blocks(guide: Guide) -> dict[int, Block]:
    return {b.slot: b for b in guide.slots()}
