"""Which scenarios speak for which section of a guide: by the tags on the guide they were written for, by content
on another writer's guide.

The ``@guide-…`` tags name the sections of the project's own guide. Another province's guide to the same portal
numbers, words and orders its sections its own way: its "1.2" may be about something else than the tag's 1.2.
Content is what a section names that the run showed: the screen texts (labels, fields, buttons, titles, captured
per step and device) its words hold, the steps that are one of its sentences (a strong links.quote) and the page
its URL opens. Each is weighted by how rare it is among the scenarios (IDF): "登录" on every screen says little,
"可下载执照记录" says a lot. A section about something the run never showed shares only common words with it.

- Whose tags: when at least half the tags name a section that shares a weight of MATCH_MIN with the scenario, the
  guide is the tags' own (the published one or a revision): every tag naming one of its sections is taken as
  written, one naming none is a slip (coverage.py warns per tag), and only a scenario with no such tag is matched
  by content.
- On another writer's guide every scenario is matched by content; a tag whose section agrees (a weight of
  MATCH_MIN and TRUST_SHARE of the scenario's best section) adds that section, never its item; the tags naming
  none of its sections are one summary line (tag_summary).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlparse

from .findings import Finding
from .guide import Guide, Section
from .links import STRONG, letters, quote
from .record import RunRecord, Scenario, is_guide_tag, parse_tag
from .sentences import sentences
from .text import normalize

# A screen text of fewer letters is a fragment ("*", "1"); a longer one is a message a guide does not quote.
TERM_MIN, TERM_MAX = 2, 40
# A scenario is matched to a section when the weight of what they share reaches MATCH_MIN (about two rare
# screen texts, or one quoted step) and is within MATCH_SHARE of the section's best scenario (the scenarios that walk
# what the section describes, not every one passing the login screen on its way) or within SCENARIO_SHARE of the
# scenario's best section (a scenario that opens the login page belongs where a guide opens it).
MATCH_MIN = 4.0
MATCH_SHARE = 0.35
SCENARIO_SHARE = 0.8
# On another writer's guide a tag agrees when its section's weight is this share of the scenario's best section.
TRUST_SHARE = 0.5
# The tags are the guide's own when at least this share of them name a section about what their scenario showed.
OWN_GUIDE_SHARE = 0.5
STEP = "step:"  # a step's text as a term, apart from screen texts
URL = "url:"  # a page's path a shot showed, as a term
NUMBER = re.compile(r"^[\d.]+\s*")  # a heading's number, which copies of one section do not share
URL_IN_TEXT = re.compile(r"https?://[^\s>）)]+")


@dataclass
class Matching:
    """Per scenario, the (section, item) pairs it counts for in this guide, and why."""
    refs: dict[int, list[tuple[str, str | None]]]  # id(scenario) -> refs
    trusted: dict[int, list[str]]  # id(scenario) -> its tags taken as they are
    untrusted: dict[int, list[str]]  # tags naming a section here that is about something else
    unknown: dict[int, list[str]]  # tags naming no section (or item) of this guide
    scores: dict[tuple[int, str], float]  # (id(scenario), section) -> shared weight
    shared: dict[tuple[int, str], list[str]] = field(default_factory=dict)  # the terms, rarest first
    own_guide: bool = True
    tagged_sections: set[str] = field(default_factory=set)  # sections (and those holding them) a taken tag names

    def by_tags(self, section: str) -> bool:
        """The section's scenarios come from the tags of its own guide: the writers' explicit link, so a label is
        held to their screens alone. Elsewhere (matched by content) a label is looked for on every screen too."""
        return self.own_guide and section in self.tagged_sections

    def sections_of(self, scenario: Scenario) -> list[str]:
        return list(dict.fromkeys(sec for sec, _ in self.refs.get(id(scenario), [])))


def match(guide: Guide, record: RunRecord) -> Matching:
    ran = [sc for sc in record.scenarios if sc.ran]
    terms = {id(sc): scenario_terms(sc) for sc in ran}
    idf = _idf(terms.values(), len(ran))
    section_terms = _sections_terms(guide, idf)
    found = Matching({}, {}, {}, {}, {}, {})

    def score(sc: Scenario, sid: str) -> float:
        key = (id(sc), sid)
        if key not in found.scores:
            both = section_terms.get(sid, frozenset()) & terms.get(id(sc), frozenset())
            found.scores[key] = sum(idf[t] for t in both)
            if both:
                found.shared[key] = sorted(both, key=lambda t: (-idf[t], t))  # the same order every run
        return found.scores[key]

    within = _within(guide)

    def tagged_score(sc: Scenario, sec: str) -> float:  # a tag for §1 names the whole flow: what lies within it
        return max((score(sc, sid) for sid in within.get(sec, ())), default=0.0)

    # Whose tags: asked only of the sections the tags name, so the published guide (and a big one) is not scored
    # section by section against every scenario.
    tags = [(sc, sec) for sc in record.scenarios for sec, _ in sc.refs]
    agreed = sum(1 for sc, sec in tags if sc.ran and tagged_score(sc, sec) >= MATCH_MIN)
    found.own_guide = not tags or agreed >= OWN_GUIDE_SHARE * len(tags)
    # What the scenarios showed decides for every scenario on another writer's guide, and on the tags' own guide
    # for a scenario none of whose tags names one of its sections.
    by_content = [sc for sc in ran if not found.own_guide or not any(guide.section(sec) for sec, _ in sc.refs)]
    best_of_section: dict[str, float] = {}
    best_of_scenario: dict[int, float] = {}
    for sc in by_content:
        for sid in section_terms:
            value = score(sc, sid)
            best_of_section[sid] = max(best_of_section.get(sid, 0.0), value)
            best_of_scenario[id(sc)] = max(best_of_scenario.get(id(sc), 0.0), value)
    for sc in record.scenarios:
        agreeing = {sec for sec, _ in sc.refs if not found.own_guide and sc.ran
                    and tagged_score(sc, sec) >= max(MATCH_MIN, TRUST_SHARE * best_of_scenario.get(id(sc), 0.0))}
        _sort_tags(guide, sc, found, agreeing)
    for sc in record.scenarios:
        if found.own_guide:
            # The writers' links, kept whole: a tag naming an item since dropped still tells which item the
            # scenario was written for (approved_links reports it renumbered).
            refs = list(sc.refs) if found.trusted.get(id(sc)) else []
        else:
            # Another writer's guide: what the scenario showed decides. A tag that agrees says the same; its item
            # number is the other guide's numbering, so only its section counts.
            refs = list(dict.fromkeys((sec, None) for sec, item in sc.refs
                                      if _tag_of((sec, item)) in found.trusted.get(id(sc), [])))
        if sc.ran and (not refs or not found.own_guide):  # no tag of this guide: what it showed decides
            shown = [(sid, None) for sid in section_terms
                     if _matches(score(sc, sid), best_of_section.get(sid, 0.0), best_of_scenario.get(id(sc), 0.0))]
            refs = list(sc.refs) + shown if found.own_guide else list(dict.fromkeys(refs + shown))
        found.refs[id(sc)] = refs
        for sec, item in refs:
            if _tag_of((sec, item)) in found.trusted.get(id(sc), []):
                parts = sec.split(".")
                found.tagged_sections.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return found


def _within(guide: Guide) -> dict[str, list[str]]:
    """Section id -> the ids of the sections within it (itself included)."""
    out: dict[str, list[str]] = {}
    for s in guide.sections:
        parts = s.id.split(".")
        for n in range(1, len(parts) + 1):
            out.setdefault(".".join(parts[:n]), []).append(s.id)
    return out


def _matches(score: float, section_best: float, scenario_best: float) -> bool:
    return score >= MATCH_MIN and (score >= MATCH_SHARE * section_best or score >= SCENARIO_SHARE * scenario_best)


def _tag_of(ref: tuple[str, str | None]) -> str:
    return ref[0] if ref[1] is None else f"{ref[0]}-{ref[1]}"


def _sort_tags(guide: Guide, sc: Scenario, found: Matching, agreeing: set[str]) -> None:
    """On the tags' own guide a tag naming one of its sections is the writers' choice, taken as it is (a scenario
    of the authorization rules that ends on the registration screen stays theirs); on another writer's guide
    it is taken only where the section it names agrees in content."""
    for sec, item in sc.refs:
        tag = _tag_of((sec, item))
        section = guide.section(sec)
        if section is None or (item and section.item(item) is None):
            found.unknown.setdefault(id(sc), []).append(tag)
        elif found.own_guide or sec in agreeing:
            found.trusted.setdefault(id(sc), []).append(tag)
        else:
            found.untrusted.setdefault(id(sc), []).append(tag)


def scenario_terms(sc: Scenario) -> frozenset[str]:
    """What a scenario showed: the normalized texts of every screen of every step and device, and its steps."""
    out = set()
    for st in sc.steps:
        for shot in st.shots.values():
            for s in shot.strings():
                t = normalize(s)
                if TERM_MIN <= len(letters(t)[0]) <= TERM_MAX:
                    out.add(t)
            path = urlparse(shot.url).path
            if path:
                out.add(URL + path.rstrip("/"))
        out.add(STEP + st.text)
    out.add(STEP + sc.name)
    return frozenset(out)


def _idf(term_sets, n: int) -> dict[str, float]:
    df: dict[str, int] = {}
    for terms in term_sets:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    return {t: math.log((n + 1) / d) for t, d in df.items()}


def _sections_terms(guide: Guide, idf: dict[str, float]) -> dict[str, frozenset[str]]:
    """Section id -> the run's terms it names. Worked out once per wording: a guide repeats sections word for word
    (a big guide made of copies), and a section's words are compared with every term of the run."""
    said: dict[str, list[str]] = {}
    for sentence in sentences(guide):
        said.setdefault(sentence.section, []).append(sentence.text)
    screens = [(t, _letters(t)) for t in idf if not t.startswith((STEP, URL))]
    steps = [t for t in idf if t.startswith(STEP)]
    memo: dict[tuple, frozenset[str]] = {}
    out = {}
    for section in guide.sections:
        if not section.blocks:
            continue
        title = NUMBER.sub("", section.title)
        key = (title, tuple(b.text for b in section.blocks), tuple(said.get(section.id, ())))
        if key not in memo:
            memo[key] = _section_terms(section, title, said.get(section.id, []), screens, steps, idf)
        out[section.id] = memo[key]
    return out


def _section_terms(section: Section, title: str, said: list[str], screens, steps, idf) -> frozenset[str]:
    """The run's terms a section names: screen texts its words hold, steps that are one of its sentences, and the
    page its URL opens."""
    text = letters("\n".join([title] + [b.text for b in section.blocks]))[0]
    out = {t for t, plain in screens if plain and plain in text}
    for m in URL_IN_TEXT.finditer("\n".join(b.text for b in section.blocks)):
        path = URL + urlparse(m.group(0)).path.rstrip("/")
        if path in idf:
            out.add(path)
    own = said + [title]
    out.update(t for t in steps if any(_quotes(s, t[len(STEP):]) for s in own))
    return frozenset(out)


@lru_cache(maxsize=500_000)  # the same guide and run are matched again by each analysis of them
def _quotes(sentence: str, step: str) -> bool:
    """The step is the sentence's words (links.Link.strong): most of the shorter of the two is a shared run.
    A run like "电子营业执照" alone, in half the steps of the suite, does not make a step the sentence's."""
    need = STRONG * min(len(_letters(sentence)), len(_letters(step)))
    # The quote's shared letters are matched pairs, so never more than the letters the two have in common, counted
    # with their repeats: most pairs of a sentence and a step fail this before the costlier alignment.
    if _common_letters(_letters(sentence), _letters(step)) < need:
        return False
    q = quote(sentence, step)
    return q is not None and q.shared >= need


def _common_letters(a: str, b: str) -> int:
    counts = _letter_counts(b)
    return sum(min(n, counts[c]) for c, n in _letter_counts(a).items() if c in counts)


@lru_cache(maxsize=100_000)
def _letter_counts(text: str) -> Counter:
    return Counter(text)


def _letters(term: str) -> str:
    return letters(term)[0]


def matched_record(guide: Guide, record: RunRecord) -> tuple[RunRecord, Matching]:
    """The record as this guide sees it: each scenario counts for the sections the matching gave it. The
    scenarios are copies; the loaded record is left as it was."""
    found = match(guide, record)
    scenarios = []
    for sc in record.scenarios:
        copy = replace(sc, refs=found.refs[id(sc)])
        scenarios.append(copy)
    # Keyed by the copies from here on: every check reads the copies.
    by_copy = {}
    for sc, copy in zip(record.scenarios, scenarios):
        for table in (found.refs, found.trusted, found.untrusted, found.unknown):
            if id(sc) in table:
                table[id(copy)] = table.pop(id(sc))
        by_copy[id(sc)] = id(copy)
    found.scores = {(by_copy.get(k, k), s): v for (k, s), v in found.scores.items()}
    found.shared = {(by_copy.get(k, k), s): v for (k, s), v in found.shared.items()}
    view = replace(record, scenarios=scenarios)
    for cached in ("_index", "_shots", "_ran_shots"):
        view.__dict__.pop(cached, None)
    return view, found


def tag_summary(guide: Guide, record: RunRecord, found: Matching) -> list[Finding]:
    """On another writer's guide, the tags naming no section of it are one line: the scenarios were matched by
    content instead. (On the guide the tags were written for, coverage.py warns per tag, as a slip.)"""
    if found.own_guide:
        return []
    unknown = [(sc, t) for sc in record.scenarios for t in found.unknown.get(id(sc), [])]
    unknown += [(sc, t) for sc in record.scenarios for t in (tg for tg in sc.tags if is_guide_tag(tg)
                                                             and parse_tag(tg) is None)]
    untrusted = [(sc, t) for sc in record.scenarios for t in found.untrusted.get(id(sc), [])]
    if not unknown and not untrusted:
        return []
    names = sorted({t.lstrip("@").removeprefix("guide-") for _, t in unknown})
    shown = "、".join(names[:6]) + ("…" if len(names) > 6 else "")
    scenarios = {id(sc) for sc, _ in unknown + untrusted}
    message = (f"场景的 @guide 标签是按另一份指南的章节编写的：{len(unknown)} 个标签指向本指南中没有的章节（{shown}），"
               f"{len(untrusted)} 个标签指向的同号章节内容不符；这 {len(scenarios)} 个场景按界面和步骤的内容对应到本指南的章节")
    return [Finding("tags_not_in_guide", None, message,
                    extra={"unknown_tags": len(unknown), "untrusted_tags": len(untrusted),
                           "scenarios": len(scenarios), "sections": names})]
