"""Unquoted names in the guide's prose, against everything the screens showed.

The screens' texts and accessible names (the record's visible texts and aria snapshots) are the
vocabulary. A run of the prose that is one letter away from a screen word of four or more letters
(one added, dropped or changed), and is itself no screen word, names that element wrongly:
"选择注册新帐号" beside 「注册新账号」. A word the guide uses in two sentences or more is its own
term ("证照管理人员" for 证照管理员, which DOMAIN.md confirms), not a slip.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .claims import QUOTES
from .findings import Finding, Fix
from .guide import Guide
from .links import Links, letters, scenarios_by_section
from .record import RunRecord
from .text import normalize, tokens

NAME_MIN = 4  # shorter screen words are too common to tell a slip from another word
NAME_MAX = 8  # longer screen texts are messages and headings, not names of elements
CJK = re.compile(r"[\u4e00-\u9fff]")
# Screen texts with these words are messages or states ("实名认证未通过", "已失效"), not names.
MESSAGE = re.compile(r"未|不|没有|已|请|成功|失败|错误")
# A particle added or dropped ("已下载的执照记录") keeps the name a reader recognises.
PARTICLES = set("的了地之中")  # "在支付宝中搜索": a locative, not a letter of the name


def _vocabulary(record: RunRecord, scenarios: list, cache: dict) -> frozenset[str]:
    key = tuple(id(s) for s in scenarios)  # copies of a section share their scenarios' words
    if key not in cache:
        cache[key] = _words(record.shots_for(scenarios))
    return cache[key]


def _words(shots) -> frozenset[str]:
    # each text once: a screen's texts come back in every shot of it, and in every analysis of the same run
    out = set()
    for s in {s for _, _, shot in shots for s in shot.strings()}:
        out.update(_words_of(s))
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _words_of(text: str) -> tuple[str, ...]:
    out = []
    for t in (normalize(text), *tokens(text)):
        word = letters(t)[0]
        if (NAME_MIN - 1 <= len(word) <= NAME_MAX and CJK.search(word) and not re.search(r"\d", word)
                and not MESSAGE.search(word)):
            out.append(word)
    return tuple(out)


@lru_cache(maxsize=100_000)
def one_edit(run: str, word: str) -> bool:
    """The run is the word with one letter inside it added, dropped or changed. An edit at either
    end is not counted: "先输入微信支付密码" is the screen's "请输入…" in other words, and a letter
    beside a name belongs to the sentence around it."""
    if run == word or abs(len(run) - len(word)) > 1 or run[0] != word[0] or run[-1] != word[-1]:
        return False
    if len(run) == len(word):
        return sum(x != y for x, y in zip(run, word)) == 1
    short, long_ = (run, word) if len(run) < len(word) else (word, run)
    for i in range(1, len(long_) - 1):
        if long_[:i] + long_[i + 1:] == short:
            return long_[i] not in PARTICLES
    return False


@lru_cache(maxsize=100_000)
def _near(text: str, vocab: frozenset[str]) -> list[tuple[int, str, str]]:
    """(start, prose word, screen word) for runs one edit away from a screen word."""
    out = []
    for word in vocab:
        if len(word) < NAME_MIN:
            continue
        half = len(word) // 2
        starts = set()
        for anchor, offset in ((word[:half], 0), (word[-half:], len(word) - half)):
            i = text.find(anchor)
            while i >= 0:
                starts.update({i - offset - 1, i - offset, i - offset + 1})
                i = text.find(anchor, i + 1)
        for start in starts:
            for length in (len(word) - 1, len(word), len(word) + 1):
                if start < 0 or start + length > len(text):
                    continue
                run = text[start:start + length]
                if run not in vocab and one_edit(run, word):
                    out.append((start, run, word))
    return out


def name_findings(guide: Guide, record: RunRecord, links: Links) -> list[Finding]:
    vocab_of: dict[str, frozenset[str]] = {}
    cache: dict = {}
    by_section = scenarios_by_section(record)
    prose = [(s, letters(QUOTES.sub("，", s.text))[0]) for s in links.sentences]
    uses: dict[str, int] = {}
    step_texts: dict[str, set[str]] = {}
    for lk in links.links:
        step_texts.setdefault(lk.sentence.section, set()).add(letters(lk.text)[0])
    step_words = {sec: "\n".join(sorted(texts)) for sec, texts in step_texts.items()}
    out, seen = [], set()
    for s, text in prose:
        if s.section not in vocab_of:
            vocab_of[s.section] = _vocabulary(record, by_section.get(s.section, []), cache)
        vocab = vocab_of[s.section]
        if not vocab:
            continue
        hits = _near(text, vocab)
        for start, run, word in sorted(hits):
            # The guide's own term (used in two sentences), or words a scenario step repeats.
            if run not in uses:
                uses[run] = sum(run in t for t in {t for _, t in prose})
            if uses[run] > 1 or run in step_words.get(s.section, "") or (s.line, run) in seen:
                continue
            seen.add((s.line, run))
            out.append(Finding("name_near_miss", s.section,
                               f"指南中的「{run}」与界面上的「{word}」只差一个字",
                               guide_words=run, context=s.text, screen=f"界面显示「{word}」",
                               item=s.item, line=s.line, fix=Fix(s.line, run, word), extra={"closest": word}))
    return _one_per_run(out)


def _one_per_run(findings: list[Finding]) -> list[Finding]:
    """Overlapping runs of one line ("注册新帐", "注册新帐号") are one slip: keep the longest."""
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: -len(f.guide_words)):
        if any(o.line == f.line and (f.guide_words in o.guide_words or o.guide_words in f.guide_words
                                     or _overlap(o.guide_words, f.guide_words)) for o in out):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.line or 0)


def _overlap(a: str, b: str) -> bool:
    return any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(2, min(len(a), len(b))))
