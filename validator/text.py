"""Normalizing and matching words: the guide's labels against what the browser showed.

The guide writes labels with decorations the screen does not carry (a leading "*", a trailing
colon, quote marks) and mixes full-width and ASCII punctuation, so both sides are normalized
before comparing. Findings always quote the guide's own words, never the normalized form.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

# Characters that decorate a label rather than belong to it.
DECORATION = "*＊“”‘’\"'【】《》「」"
# Parentheses too: a control named "企业注册地（省份）" is the guide's "企业注册地" field.
SEPARATORS = re.compile(r"[\s|｜,，、;；:：()（）]+")
BRACKETED = re.compile(r"《[^》]*》|【[^】]*】|“[^”]*”|‘[^’]*’")
# A field's value in a transcribed screen that asks ("请输入…", "请选择", "请再次输入…") is the
# input's placeholder, not an example value.
PLACEHOLDER_PREFIXES = ("请",)
# A writer's stand-in for text not yet known ("hi@XXXXXX.com"): not what any screen shows.
STAND_IN = re.compile(r"X{3,}|x{3,}")
# The real text a stand-in line stands for shares this many letter pairs with what is left of it
# ("北京ICP备…号" and "京ICP备06038296号"); one or two shared pairs are chance ("co" of any ".com").
STAND_IN_LIKENESS = 3
# A transcriber writes a word where the screenshot held a picture ("背景图片", "logo"): it names
# an image, so the screen is not expected to show those characters. A word that starts with an
# action ("上传图片") is a button's label and stays one.
IMAGE_NOUN = re.compile(r"(图片|图像|图标|图|logo|banner)$", re.IGNORECASE)
ACTION_PREFIXES = ("上传", "选择", "查看", "点击", "下载", "更换", "添加", "删除", "预览")


# Screens repeat the same header, footer and form texts shot after shot: memoize the comparisons.
@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """NFKC folds full-width ASCII; whitespace and decorations are dropped; colons trimmed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if ch not in DECORATION and not ch.isspace())
    return text.strip(":：")


@lru_cache(maxsize=200_000)
def tokens(text: str) -> tuple[str, ...]:
    """A screen text cut at separators and around bracketed names, each token normalized."""
    spaced = BRACKETED.sub(lambda m: f" {m.group(0)} ", text or "")
    return tuple(t for t in (normalize(p) for p in SEPARATORS.split(spaced)) if t)


@lru_cache(maxsize=500_000)
def matches(label: str, screen_text: str, loose: bool = False) -> bool:
    """True when the screen text is the label, or holds it as a run of whole tokens.

    Whole tokens keep a shortened label ("联系电话") from passing on a longer one
    ("企业联系电话"). ``loose`` also accepts a label of four or more characters inside
    running text: prose quotes name things a reader looks for inside sentences.
    """
    want = normalize(label)
    if not want:
        return False
    if want == normalize(screen_text):
        return True
    toks = tokens(screen_text)
    for start in range(len(toks)):
        run = ""
        for tok in toks[start:]:
            run += tok
            if run == want:
                return True
            if len(run) >= len(want):
                break
    return loose and len(want) >= 4 and want in normalize(screen_text)


def is_placeholder(text: str) -> bool:
    return normalize(text).startswith(PLACEHOLDER_PREFIXES)


def names_image(text: str) -> bool:
    word = normalize(text)
    return bool(IMAGE_NOUN.search(word)) and not word.startswith(ACTION_PREFIXES)


def has_stand_in(text: str) -> bool:
    return bool(STAND_IN.search(text or ""))


def stand_in_likeness(stand_in_line: str, text: str) -> int:
    """Letter pairs a text shares with what is left of a stand-in line once its X runs are gone."""
    return len(bigrams(STAND_IN.sub("", stand_in_line)) & bigrams(text))


@lru_cache(maxsize=100_000)
def bigrams(text: str) -> frozenset[str]:
    """Letter and digit pairs of the normalized text, for a likeness that ignores punctuation."""
    t = "".join(ch for ch in normalize(text) if ch.isalnum())
    return frozenset(t[i:i + 2] for i in range(len(t) - 1))


def closest(label: str, candidates: list[str], avoid: str = "") -> tuple[str, float] | None:
    """The candidate most like the label, to say what the screen showed instead.

    Likeness is one minus the edit distance over the longer length, so "所有事项" is as near to
    "全部事项" as to "授权事项"; ties go to a candidate that holds the label or is held by it (a
    label cut short or run on), then to one the guide's sentence does not itself name elsewhere
    (``avoid``: "对应授权事项是“所有事项”" speaks of 授权事项 apart from the label)."""
    best: tuple[str, float] | None = None
    best_key = None
    for cand in candidates:
        for piece in [cand, *tokens(cand)]:
            key = likeness_key(label, piece, avoid)
            if best_key is None or key > best_key:
                best, best_key = (piece.strip(), key[0]), key
    return best


def likeness_key(label: str, piece: str, avoid: str = "") -> tuple:
    """How like the label a screen text is, as a key that sorts the likest last (see ``closest``)."""
    want, got = normalize(label), normalize(piece)
    return (edit_likeness(want, got), bool(got) and (got in want or want in got),
            not (len(got) >= 2 and got in normalize(avoid)), -abs(len(got) - len(want)))


@lru_cache(maxsize=500_000)
def edit_likeness(a: str, b: str) -> float:
    """1 - Levenshtein distance / the longer length (1.0 for equal strings)."""
    if not a and not b:
        return 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / max(len(a), len(b))


def hamming_one(a: str, b: str) -> bool:
    """Same length, one character apart: "账号信息" and "账户信息"."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1
