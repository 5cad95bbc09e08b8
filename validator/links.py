"""Links between the guide's sentences and the scenario steps that verify them, by their words.

The Gherkin is written in the guide's words ("当 进入 APEC 主页中, 选择登录"), so a step quotes the
sentence it verifies: the two share a run of letters. A link is made by that shared run, never by
the item number, so a renumbered guide cannot re-map a scenario silently, and an edit on either
side shows as a quote that no longer matches ("指南第 N 行现在写「…」，场景验证的是「…」").

Built once per analysis; the order, behaviour and name checks read the links, and approved_links.py holds them
to the links last approved.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .guide import Guide
from .record import RunRecord, Scenario
from .sentences import Sentence, sentences

# A shared run this long is a quote, not chance; a shorter one counts when it is the whole of the
# step or the whole of the sentence ("选择注册新账号").
QUOTE_MIN = 6
WHOLE_MIN = 4
# Around the quote, pieces of two letters or more with at most this many letters between them
# belong to the same quote: a word changed inside it ("不能"→"可以") leaves pieces on both sides.
GAP_MAX = 3
PIECE_MIN = 2
NAME_STEP = -1  # a scenario's name quotes the guide as its steps do
STRONG = 0.6
WHEN = {"当", "When"}
CONTINUE = {"而且", "并且", "同时", "但是", "And", "But", "*"}


def _effective_keyword(scenario: Scenario, index: int) -> str:
    for st in reversed(scenario.steps[:index + 1]):
        if st.keyword.strip() not in CONTINUE:
            return st.keyword.strip()
    return ""


@dataclass(frozen=True)
class Quote:
    guide: str  # the guide's words the quote spans, as written
    step: str  # the step's words it spans, as written
    shared: int  # letters the two have in common inside the span
    exact: bool  # the span is the same letters on both sides
    span: tuple[int, int, int, int] = (0, 0, 0, 0)  # letter offsets: guide start, end; step start, end


@dataclass
class Link:
    sentence: Sentence
    scenario: Scenario
    step: int  # index of the step in its scenario; NAME_STEP for the scenario's name
    text: str  # the step's text (or the scenario's name)
    quote: Quote

    @property
    def step_words(self) -> str:
        return self.scenario.name if self.step == NAME_STEP else \
            f"{self.scenario.steps[self.step].keyword} {self.text}"


    @property
    def strong(self) -> bool:
        """The step is the guide's words (or the guide's sentence is the step's): most of either
        side is the quote. Weak links ("…电子营业执照…") say the step touches the sentence."""
        a = len(letters(self.sentence.text)[0])
        b = len(letters(self.text)[0])
        return self.quote.shared >= WHOLE_MIN and self.quote.shared >= STRONG * min(a, b)

    @property
    def acts(self) -> bool:
        """A When step (or one that continues it): what the user does, not the state a Given
        arranges nor an outcome a Then checks."""
        return self.step >= 0 and _effective_keyword(self.scenario, self.step) in WHEN


@dataclass
class Links:
    sentences: list[Sentence]
    links: list[Link] = field(default_factory=list)
    _by_sentence: dict = field(default_factory=dict, repr=False)
    _for_scenario: dict = field(default_factory=dict, repr=False)
    _by_section: dict = field(default_factory=dict, repr=False)

    def of(self, sentence: Sentence) -> list[Link]:
        if not self._by_sentence and self.links:
            for lk in self.links:
                self._by_sentence.setdefault(lk.sentence, []).append(lk)
        return self._by_sentence.get(sentence, [])

    def candidates(self, scenario: Scenario) -> list[Sentence]:
        """The sentences of the sections the scenario is tagged for (or that hold them)."""
        key = id(scenario)
        if key not in self._for_scenario:
            # From an index by section, built once, in the guide's order: scanning every sentence for each
            # scenario made linking quadratic in the guide's size.
            if not self._by_section:
                for at, s in enumerate(self.sentences):
                    self._by_section.setdefault(s.section, []).append(at)
            owned = sorted(at for sec in _ancestors(scenario) for at in self._by_section.get(sec, ()))
            self._for_scenario[key] = [self.sentences[at] for at in owned]
        return self._for_scenario[key]

    def exact(self, sentence: Sentence) -> list[Link]:
        return [lk for lk in self.of(sentence) if lk.quote.exact]


@lru_cache(maxsize=200_000)
def letters(text: str) -> tuple[str, tuple[int, ...]]:
    """The text's letters and digits (full-width folded), with where each stands in the text."""
    out, where = [], []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch)
        for c in folded:
            if c.isalnum():
                out.append(c)
                where.append(i)
    return "".join(out), tuple(where)


@lru_cache(maxsize=500_000)
def quote(sentence_text: str, step_text: str) -> Quote | None:
    """The run of letters a step shares with a sentence, widened over small edits inside it."""
    a, a_at = letters(sentence_text)
    b, b_at = letters(step_text)
    if not a or not b:
        return None
    if _runs(a).isdisjoint(_runs(b)):
        return None  # not even the shortest quote's letters in a row in common: difflib's longest block is shorter
    blocks = [m for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    if not blocks:
        return None
    k = max(range(len(blocks)), key=lambda i: blocks[i].size)
    core = blocks[k]
    whole = core.size in (len(a), len(b))
    if core.size < QUOTE_MIN and not (whole and core.size >= WHOLE_MIN):
        return None
    lo = hi = k
    while lo > 0 and _joins(blocks[lo - 1], blocks[lo]):
        lo -= 1
    while hi + 1 < len(blocks) and _joins(blocks[hi], blocks[hi + 1]):
        hi += 1
    first, last = blocks[lo], blocks[hi]
    a0, a1 = first.a, last.a + last.size
    b0, b1 = first.b, last.b + last.size
    shared = sum(m.size for m in blocks[lo:hi + 1])
    return Quote(sentence_text[a_at[a0]:a_at[a1 - 1] + 1], step_text[b_at[b0]:b_at[b1 - 1] + 1], shared,
                 a[a0:a1] == b[b0:b1], (a0, a1, b0, b1))


@lru_cache(maxsize=200_000)
def _runs(text: str) -> frozenset[str]:
    """Every run of letters of the text as long as the shortest quote: two texts without one in common cannot
    quote each other."""
    shortest = min(QUOTE_MIN, WHOLE_MIN)  # the shortest run a quote may be
    return frozenset(text[i:i + shortest] for i in range(len(text) - shortest + 1))


def widened(sentence_text: str, q: Quote, other_text: str) -> str:
    """The sentence's words for the whole of the other text: the quote grown by the letters of
    the other text it left out, so a changed last word shows whole ("选择登陆", not "选择登")."""
    a, a_at = letters(sentence_text)
    b = letters(other_text)[0]
    a0, a1, b0, b1 = q.span
    a0, a1 = max(0, a0 - b0), min(len(a), a1 + len(b) - b1)
    return sentence_text[a_at[a0]:a_at[a1 - 1] + 1] if a1 > a0 else q.guide


def _joins(left, right) -> bool:
    gap_a = right.a - (left.a + left.size)
    gap_b = right.b - (left.b + left.size)
    return min(left.size, right.size) >= PIECE_MIN and gap_a <= GAP_MAX and gap_b <= GAP_MAX


def _ancestors(scenario: Scenario) -> frozenset[str]:
    """Sections a scenario speaks for: each tagged section and the sections that hold it."""
    out = set()
    for sec, _ in scenario.refs:
        parts = sec.split(".")
        out.update(".".join(parts[:k]) for k in range(1, len(parts) + 1))
    return frozenset(out)


def scenarios_by_section(record: RunRecord) -> dict[str, list[Scenario]]:
    """Section -> the scenarios that ran for it or for a section within it (``for_section``,
    built once instead of once per section)."""
    out: dict[str, list[Scenario]] = {}
    for sc in record.scenarios:
        if sc.ran:
            for sec in _ancestors(sc):
                out.setdefault(sec, []).append(sc)
    return out


def _speaks_for(scenario: Scenario, sentence: Sentence) -> bool:
    return sentence.section in _ancestors(scenario)


def link(guide: Guide, record: RunRecord) -> Links:
    found = Links(sentences(guide))
    for sc in record.scenarios:
        if not sc.ran:
            continue
        candidates = found.candidates(sc)
        if not candidates:
            continue
        # A guide repeats sentences word for word; each wording is compared once.
        by_text: dict[str, list[Sentence]] = {}
        for s in candidates:
            by_text.setdefault(s.text, []).append(s)
        texts = [(NAME_STEP, sc.name)] + [(i, st.text) for i, st in enumerate(sc.steps)]
        for index, text in texts:
            best: list[tuple[str, Quote]] = []
            for wording in by_text:
                q = quote(wording, text)
                if q is None:
                    continue
                if not best or q.shared > best[0][1].shared:
                    best = [(wording, q)]
                elif q.shared == best[0][1].shared:
                    best.append((wording, q))
            found.links += [Link(s, sc, index, text, q) for wording, q in best for s in by_text[wording]]
    return found


def sentence_coverage(found: Links) -> list[dict]:
    """Per claim-bearing sentence: the steps that quote it, for report.json."""
    out = []
    for s in found.sentences:
        own = found.of(s)
        out.append({"section": s.section, "item": s.item, "line": s.line, "text": s.text,
                    "linked": bool(own),
                    "steps": [{"scenario": lk.scenario.name, "step": lk.step_words, "quote": lk.quote.step,
                               "exact": lk.quote.exact} for lk in own]})
    return out
