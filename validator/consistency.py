"""Consistency within the guide: one element called by different names, and leftover placeholders.

Two heuristics, both cheap to explain to a writer:
- two labels of four or more characters one character apart ("账号信息" / "账户信息") name the same
  element, unless the screens show both;
- a quoted name cut short inside the prose ("电子营业小程序") when the guide elsewhere writes the
  full name with the same continuation ("电子营业执照小程序").
"""
from __future__ import annotations

import math
import re

from .claims import QUOTES, Claim
from .findings import Finding
from .guide import Guide
from .text import hamming_one, normalize

PLACEHOLDER = re.compile(r"X{3,}|x{3,}")


def consistency_findings(guide: Guide, claims: list[Claim], verified: set[str]) -> list[Finding]:
    return _near_names(claims, verified) + _cut_names(guide, claims) + _placeholders(claims)


def _near_names(claims: list[Claim], verified: set[str]) -> list[Finding]:
    labels = [c for c in claims if c.kind == "label"]
    firsts: dict[str, Claim] = {}
    for c in labels:
        firsts.setdefault(normalize(c.label), c)
    out, seen = [], set()
    for a_key, a in firsts.items():
        for b_key, b in firsts.items():
            if a_key >= b_key or len(a_key) < 4 or not hamming_one(a_key, b_key):
                continue
            if a_key in verified and b_key in verified:
                continue  # the screens show both: two elements, not two names for one
            # Report at the name the screens do not show; else at the later one.
            odd, other = (a, b) if b_key in verified else (b, a)
            if (odd.line, other.line) in seen:
                continue
            seen.add((odd.line, other.line))
            out.append(Finding("inconsistent_name", odd.section,
                               f"同一界面元素在指南中有两种叫法：「{odd.words}」与「{other.words}」"
                               f"（第 {other.section} 节）",
                               guide_words=odd.words, context=odd.context,
                               screen=f"指南另处写作「{other.words}」", item=odd.item, line=odd.line,
                               extra={"other_line": other.line, "other_section": other.section}))
    return out


def _cut_names(guide: Guide, claims: list[Claim]) -> list[Finding]:
    known = {normalize(c.label) for c in claims if c.kind == "label"}
    paragraphs = [b for b in guide.blocks() if b.kind == "paragraph"]
    plain = {b.line: QUOTES.sub(lambda m: next(g for g in m.groups() if g), b.text) for b in paragraphs}
    everything = "\n".join(plain.values())
    out, seen = [], set()
    for name in sorted(n for n in known if len(n) >= 5):
        for k in range(math.ceil(len(name) * 2 / 3), len(name)):
            head = name[:k]
            if head in known:
                continue  # a name of its own, not a cut one
            for block in paragraphs:
                text = plain[block.line]
                for m in re.finditer(re.escape(head), text):
                    after = text[m.end():]
                    if not after or after[0] == name[k] or not _is_cjk(after[0]):
                        continue
                    tail = next((after[:n] for n in (4, 3, 2) if name + after[:n] in everything), None)
                    if tail is None or (block.line, head + tail) in seen:
                        continue
                    seen.add((block.line, head + tail))
                    out.append(Finding("inconsistent_name", block.section,
                                       f"「{head + tail}」与指南其它地方的「{name + tail}」不一致",
                                       guide_words=head + tail, context=block.text,
                                       screen=f"指南另处写作「{name + tail}」", item=block.item, line=block.line))
    return out


def _placeholders(claims: list[Claim]) -> list[Finding]:
    out, lines = [], set()
    for c in claims:
        if PLACEHOLDER.search(c.words) and c.line not in lines:
            lines.add(c.line)
            out.append(Finding("placeholder_text", c.section, "指南中留有占位文字（XXX），不是真实界面内容",
                               guide_words=c.context.strip(), context=c.context, item=c.item, line=c.line))
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
