"""Which scenarios speak for which section of a guide: by the tags where the tags are this guide's, by content
where they are not.

The ``@guide-…`` tags name the sections of the project's own guide. Another province's guide to the same portal
numbers, words and orders its sections its own way: its "1.2" may be about something else than the tag's 1.2. So
a tag is trusted only when the section it names exists here and agrees with the scenario in content; a scenario
with no trusted tag is matched by content to every section that names what it showed.

Content is what a section names that the run showed: the screen texts (labels, fields, buttons, titles, captured
per step and device) written in the section's words, and the steps whose text the section quotes (links.quote).
Each is weighted by how rare it is among the scenarios (IDF): "登录" on every screen says little, "可下载执照记录"
says a lot. A section about something the run never showed shares only common words with it and stays uncovered.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
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
# screen texts, or one quoted step) and is within MATCH_SHARE of the section's best match: the scenarios that
# walk what the section describes, not every scenario that passes the login screen on its way.
MATCH_MIN = 4.0
MATCH_SHARE = 0.35
SCENARIO_SHARE = 0.8
# A tag is this guide's when the scenario's match with the tagged section is within TRUST_SHARE of its best
# match with any section (or a step of it quotes the section): the section is about what the scenario did.
TRUST_SHARE = 0.5
# The tags are this guide's (a tag naming no section is then a slip, one warning each) when at least this share
# of the tagged scenarios' tags is trusted; else the guide is another writer's and unknown tags are one line.
OWN_GUIDE_SHARE = 0.5
STEP = "step:"  # a step's text as a term, apart from screen texts
URL = "url:"  # a page's path a shot showed, as a term
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
    section_terms = {s.id: _section_terms(guide, s, idf, ran) for s in guide.sections if s.blocks}
    scores: dict[tuple[int, str], float] = {}
    shared: dict[tuple[int, str], list[str]] = {}
    for sc in ran:
        mine = terms[id(sc)]
        for sid, wanted in section_terms.items():
            both = wanted & mine
            if both:
                scores[(id(sc), sid)] = sum(idf[t] for t in both)
                shared[(id(sc), sid)] = sorted(both, key=lambda t: -idf[t])
    best_of_section: dict[str, float] = {}
    best_of_scenario: dict[int, float] = {}
    for (key, sid), value in scores.items():
        best_of_section[sid] = max(best_of_section.get(sid, 0.0), value)
        best_of_scenario[key] = max(best_of_scenario.get(key, 0.0), value)
    found = Matching({}, {}, {}, {}, scores, shared)
    agreeing = {id(sc): _agreeing(sc, scores, best_of_scenario.get(id(sc), 0.0)) for sc in record.scenarios}
    total = sum(len(sc.refs) for sc in record.scenarios)
    agreed = sum(sec in agreeing[id(sc)] for sc in record.scenarios for sec, _ in sc.refs)
    found.own_guide = total == 0 or agreed >= OWN_GUIDE_SHARE * total
    for sc in record.scenarios:
        _sort_tags(guide, sc, found, agreeing[id(sc)])
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
                     if _matches(scores.get((id(sc), sid), 0.0), best_of_section.get(sid, 0.0),
                                 best_of_scenario.get(id(sc), 0.0))]
            refs = list(sc.refs) + shown if found.own_guide else list(dict.fromkeys(refs + shown))
        found.refs[id(sc)] = refs
        for sec, item in refs:
            if _tag_of((sec, item)) in found.trusted.get(id(sc), []):
                parts = sec.split(".")
                found.tagged_sections.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return found


def _matches(score: float, section_best: float, scenario_best: float) -> bool:
    """Among the section's best scenarios, or among the scenario's best sections (a scenario that opens the
    login page belongs where the guide opens it, though the login section's best scenarios do more there)."""
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


def _agreeing(sc: Scenario, scores: dict, best: float) -> set[str]:
    """The tagged sections (with what lies within them: a tag for §1 names the whole flow) that are about what
    the scenario showed: their match is near the scenario's best one."""
    out = set()
    for sec, _ in sc.refs:
        within = max((v for (key, sid), v in scores.items()
                      if key == id(sc) and (sid == sec or sid.startswith(sec + "."))), default=0.0)
        if within >= MATCH_MIN and within >= TRUST_SHARE * best:
            out.add(sec)
    return out


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


def _section_terms(guide: Guide, section: Section, idf: dict[str, float], ran: list[Scenario]) -> frozenset[str]:
    """The run's terms a section names: screen texts its words hold, and steps quoting one of its sentences."""
    text = letters("\n".join([section.title] + [b.text for b in section.blocks]))[0]
    out = {t for t in idf if not t.startswith((STEP, URL)) and _letters(t) and _letters(t) in text}
    for m in URL_IN_TEXT.finditer("\n".join(b.text for b in section.blocks)):  # the page the section opens
        path = URL + urlparse(m.group(0)).path.rstrip("/")
        if path in idf:
            out.add(path)
    own = [s.text for s in sentences(guide) if s.section == section.id] + [section.title]
    for t in idf:
        if t.startswith(STEP) and any(_quotes(s, t[len(STEP):]) for s in own):
            out.add(t)
    return frozenset(out)


def _quotes(sentence: str, step: str) -> bool:
    """The step is the sentence's words (links.Link.strong): most of the shorter of the two is a shared run.
    A run like "电子营业执照" alone, in half the steps of the suite, does not make a step the sentence's."""
    q = quote(sentence, step)
    return q is not None and q.shared >= STRONG * min(len(_letters(sentence)), len(_letters(step)))


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
