"""Consistency within the guide: one element called by different names, and leftover placeholders.

Two heuristics, both cheap to explain to a writer:
- two labels of four or more characters one character apart ("账号信息" / "账户信息") name the same
  element, unless the screens show both;
- a quoted name cut short inside the prose ("电子营业小程序") when the guide elsewhere writes the
  full name with the same continuation ("电子营业执照小程序").
Leftover stand-ins ("北京ICP备XXXXXX号") are one finding per line, pointing at the real text.
"""
from __future__ import annotations

import bisect
import math
import re

from .claims import QUOTES, Claim, of_slot
from .findings import Finding
from .guide import Guide
from .text import STAND_IN_LIKENESS, hamming_one, has_stand_in, normalize, stand_in_likeness


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
                               fix=other.words if normalize(other.label) in verified else None,
                               extra={"other_line": other.line, "other_section": other.section}))
    return out


def _cut_names(guide: Guide, claims: list[Claim]) -> list[Finding]:
    known = {normalize(c.label) for c in claims if c.kind == "label"}
    paragraphs = [b for b in guide.blocks() if b.kind == "paragraph"]
    plain = [QUOTES.sub(lambda m: next(g for g in m.groups() if g), b.text) for b in paragraphs]
    everything = "\n".join(plain)
    # where each paragraph starts in `everything`: a head is searched once in the whole text, not per paragraph
    starts, pos = [], 0
    for text in plain:
        starts.append(pos)
        pos += len(text) + 1
    found_in_text: dict[str, bool] = {}

    def in_guide(words: str) -> bool:
        if words not in found_in_text:
            found_in_text[words] = words in everything
        return found_in_text[words]

    hits = []
    for name in sorted(n for n in known if len(n) >= 5):
        for k in range(math.ceil(len(name) * 2 / 3), len(name)):
            head = name[:k]
            if head in known:
                continue  # a name of its own, not a cut one
            for m in re.finditer(re.escape(head), everything):
                n = bisect.bisect_right(starts, m.start()) - 1
                end = starts[n] + len(plain[n])
                if m.end() > end:
                    continue  # runs into the next paragraph
                after = everything[m.end():end]
                if not after or after[0] == name[k] or not _is_cjk(after[0]):
                    continue
                tail = next((after[:j] for j in (4, 3, 2) if in_guide(name + after[:j])), None)
                if tail is not None:
                    hits.append((n, name, head, tail))
    out, seen = [], set()
    for n, name, head, tail in hits:  # by name, then cut length, then place in the guide
        block = paragraphs[n]
        if (block.line, head + tail) in seen:
            continue
        seen.add((block.line, head + tail))
        out.append(Finding("inconsistent_name", block.section, f"「{head + tail}」与指南其它地方的「{name + tail}」不一致",
                           guide_words=head + tail, context=block.text, screen=f"指南另处写作「{name + tail}」",
                           item=block.item, line=block.line, fix=name + tail))
    return out


def _placeholders(claims: list[Claim]) -> list[Finding]:
    """One finding per line holding stand-in words ("hi@XXXXXX.com"), naming every piece, and
    the line of another transcribed screen that gives the real text, when the guide has one."""
    out, lines = [], {}
    for c in claims:
        if has_stand_in(c.words):
            lines.setdefault(c.line, []).append(c)
    screens = _screen_lines(claims)
    for line, pieces in lines.items():
        c = pieces[0]
        words = [p.words for p in pieces]
        quoted = "".join(f"「{w}」" for w in words)
        what = "页脚" if c.slot is not None and line == max(x.line for x in of_slot(claims, c.slot)) else "文字"
        message = f"指南转录的界面中留有占位文字{quoted}，不是真实界面内容"
        real = _real_line(c, screens)
        screen = ""
        if real:
            where = "本节" if real.section == c.section else f"第 {real.section} 节"
            message += f"；指南第 {real.line} 行（{where}另一个转录的界面）写出了真实的{what}"
            screen = f"指南第 {real.line} 行写作「{real.context.strip()}」"
        out.append(Finding("placeholder_text", c.section, message, guide_words=c.context.strip(),
                           context=c.context, screen=screen, item=c.item, line=line,
                           extra={"pieces": words, "what": what,
                                  "real_line": real.line if real else None}))
    return out


def _screen_lines(claims: list[Claim]) -> list[tuple[str, list[tuple[int, Claim]]]]:
    """Transcribed screen lines without stand-ins, grouped by their text (in order of first appearance), each claim
    with its position: a guide repeats its header and footer lines, and each text is compared once."""
    groups: dict[str, list[tuple[int, Claim]]] = {}
    for pos, c in enumerate(claims):
        if c.source == "screen" and not has_stand_in(c.context):
            groups.setdefault(c.context, []).append((pos, c))
    return list(groups.items())


def _real_line(stand_in: Claim, screens: list[tuple[str, list[tuple[int, Claim]]]]) -> Claim | None:
    """The line of another transcribed screen most like what is left of the stand-in line (the first such line
    in the guide when several are as like)."""
    best, best_key = None, (STAND_IN_LIKENESS - 1, 0)
    for context, entries in screens:
        first = next(((pos, c) for pos, c in entries if c.slot != stand_in.slot), None)
        if first is None:
            continue
        key = (stand_in_likeness(stand_in.context, context), -first[0])
        if key[0] > best_key[0] or (key[0] == best_key[0] and best is not None and key[1] > best_key[1]):
            best, best_key = first[1], key
    return best


def fold_stand_ins(findings: list[Finding]) -> list[Finding]:
    """Stand-in words are missing from the screen because they are stand-ins: the line's
    placeholder finding takes in their "not on screen" findings, with the screenshot and the
    text the screen shows there instead."""
    rows = {(f.section, f.line): f for f in findings if f.kind == "placeholder_text"}
    out = []
    for f in findings:
        row = rows.get((f.section, f.line)) if f.kind == "label_missing" else None
        if row is None or f.guide_words not in row.extra.get("pieces", ()):
            out.append(f)
            continue
        if row.screenshot is None:
            row.screenshot, row.device, row.highlight = f.screenshot, f.device, f.highlight
            row.scenario, row.step = f.scenario, f.step
        shown = f.extra.get("shown")
        if shown and "shown" not in row.extra:
            row.extra["shown"] = shown
            row.message += f"；运行中的界面显示的是真实的{row.extra['what']}"
            row.screen = "；".join(s for s in (row.screen, f"运行中的界面显示「{shown}」") if s)
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
