"""Behaviour statements (只能…, 不能修改, 不可使用, 将被失效, 可以…) against what the linked
scenarios assert.

A rule sentence is linked to the steps (or scenario names) that quote it. Around each quote the
clause's rule words are compared, in order, on both sides: when the guide now says 可以 where the
scenario asserts 不能, or 有效 where it asserts 失效, the two are shown side by side.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .findings import Finding
from .links import Links

# Rule words by what they assert; longest first so "不可以" is not read as "可以".
RULE_WORDS = [
    ("不可以", "deny"), ("不允许", "deny"), ("不能", "deny"), ("不可", "deny"), ("不得", "deny"),
    ("无法", "deny"), ("只能", "only"), ("仅能", "only"), ("只有", "only"), ("可以", "allow"),
    ("能够", "allow"), ("允许", "allow"), ("失效", "void"), ("作废", "void"), ("有效", "valid"),
    ("生效", "valid"),
]
RULE = re.compile("|".join(w for w, _ in RULE_WORDS))
MEANING = dict(RULE_WORDS)
OPPOSITE = {"deny": {"allow"}, "allow": {"deny", "only"}, "only": {"allow"}, "void": {"valid"}, "valid": {"void"}}
CLAUSE_END = re.compile(r"[，,。；;：:！!？?“”]")
# "只有通过实名认证才可以下载" says what "未通过实名认证不能下载" says: a condition turned round.
ONLY_IF = re.compile(r"只有.+?才可以?")
UNLESS = re.compile(r"(未|没有|不)[^，,。；;]*?(不能|不可)")


def _clause(text: str, start: int, end: int) -> str:
    """The words from the clause start before ``start`` to the clause end after ``end``."""
    left = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in CLAUSE_END.finditer(text, end)), len(text))
    return text[left:right]


def _rules(clause: str) -> list[str]:
    if ONLY_IF.search(clause) or UNLESS.search(clause):
        return ["only_if"]
    return [MEANING[m.group(0)] for m in RULE.finditer(clause)]


def _conflict(guide: list[str], step: list[str]) -> bool:
    if not guide or not step:
        return False
    if len(guide) == len(step):
        return any(b in OPPOSITE.get(a, ()) for a, b in zip(guide, step))
    return any(b in OPPOSITE.get(a, ()) for a in set(guide) - set(step) for b in set(step) - set(guide))


def behaviour_findings(links: Links) -> list[Finding]:
    out, seen = [], set()
    for lk in links.links:
        clash = _clash(lk.sentence.text, lk.text, lk.quote.guide, lk.quote.step)
        if clash is None:
            continue
        g, s = clash
        key = (lk.sentence.line, g)
        if key in seen:
            continue
        seen.add(key)
        st = lk.sentence
        out.append(Finding("behaviour_contradicted", st.section,
                           f"指南第 {st.line} 行现在写「{g.strip()}」，场景验证的是「{s.strip()}」",
                           guide_words=g.strip(), context=st.text, screen=lk.step_words, item=st.item,
                           line=st.line, scenario=lk.scenario.name,
                           step=lk.step_words if lk.step >= 0 else None))
    return out


@lru_cache(maxsize=200_000)
def _clash(sentence: str, step: str, guide_quote: str, step_quote: str) -> tuple[str, str] | None:
    """The guide's and the step's clauses around their shared quote, when their rule words clash."""
    gi, si = sentence.find(guide_quote), step.find(step_quote)
    if gi < 0 or si < 0:
        return None
    g = _clause(sentence, gi, gi + len(guide_quote))
    s = _clause(step, si, si + len(step_quote))
    if _conflict(_rules(g), _rules(s)):
        return g, s
    # The clauses that follow, while both sides still speak of the same thing ("但不可使用" /
    # "也可以使用"): a rule often sits in the clause after the quoted one.
    g_end, s_end = sentence.find(g) + len(g), step.find(s) + len(s)
    for g_next, s_next in zip(_clauses_after(sentence, g_end), _clauses_after(step, s_end)):
        if not _same_topic(g_next, s_next):
            break
        if _conflict(_rules(g_next), _rules(s_next)):
            return f"{g}，{g_next}", f"{s}，{s_next}"
    return None


def _clauses_after(text: str, end: int) -> list[str]:
    return [c for c in CLAUSE_END.split(text[end:]) if c.strip()][:2]


def _same_topic(a: str, b: str) -> bool:
    """Two clauses about one thing: they share a word of two letters besides the rule words."""
    a, b = RULE.sub("|", a), RULE.sub("|", b)
    return any(a[i:i + 2] in b for i in range(len(a) - 1) if "|" not in a[i:i + 2] and a[i:i + 2].strip())
