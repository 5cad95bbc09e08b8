"""Rules the guide states as numbers (二维码5分钟内有效, 密码8-20位, 至少三种, 输错5次) against the run's screens and
the portal's own rules.

Each number is read with its topic (QR validity, code validity, password length, ...). The screens of the run
are read the same way: a guide number that a screen of the same topic contradicts is an error, with the screen's
words as evidence; a number no screen states is compared with the portal's rule, imported from where it lives,
and a disagreement there is only a hint (the screens are the evidence, the mock's constants are its model).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mock_portal.rules.limits import CODE_TTL, LOCK_DURATION, MAX_CODE_ATTEMPTS, MAX_FAILED_LOGINS, QR_TTL
from mock_portal.rules.fields import PASSWORD_MAX_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH

from .findings import Finding, Fix
from .guide import Guide
from .record import RunRecord

# The portal's rules by topic: what a number of that topic must be.
PORTAL_RULES: dict[str, int] = {
    "qr_minutes": int(QR_TTL.total_seconds() // 60),
    "code_minutes": int(CODE_TTL.total_seconds() // 60),
    "code_attempts": MAX_CODE_ATTEMPTS,
    "login_attempts": MAX_FAILED_LOGINS,
    "lock_minutes": int(LOCK_DURATION.total_seconds() // 60),
    "password_min": PASSWORD_MIN_LENGTH,
    "password_max": PASSWORD_MAX_LENGTH,
    "password_classes": PASSWORD_MIN_CLASSES,
}
TOPIC_TEXTS = {
    "qr_minutes": "二维码有效时间（分钟）", "code_minutes": "邮箱验证码有效时间（分钟）",
    "code_attempts": "验证码可输错次数", "login_attempts": "登录密码可输错次数", "lock_minutes": "锁定时间（分钟）",
    "password_min": "密码最短位数", "password_max": "密码最长位数", "password_classes": "密码至少包含的字符种类",
}

DIGITS = "0-9０-９"
CN = "一二两三四五六七八九十"
NUM = f"[{DIGITS}]+|[{CN}]+"
CN_VALUES = {c: n for n, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
# Topics a screen states as what is left ("请1分钟后再试"): a lower bound of the rule, not the rule.
COUNTED_DOWN = {"lock_minutes"}
SENTENCE = re.compile(r"[^。；;！!？?\n]+")

# (topic chooser, pattern): each pattern's groups named by role; "n" a number, "lo"/"hi" a range.
VALIDITY = re.compile(rf"(?P<n>{NUM})\s*分钟(?:之?内)?(?:有效|失效|过期)|有效期(?:为|是)?\s*(?P<n2>{NUM})\s*分钟")
LOCK = re.compile(rf"(?:锁定|冻结)\s*(?P<n>{NUM})\s*分钟|(?:请|需)?(?P<n2>{NUM})\s*分钟后(?:再试|重试|再次尝试|解锁)")
# "输错5次", and as other provinces word it, "输错密码5次" / "输错验证码5次".
ATTEMPTS = re.compile(rf"(?:输错|错误|输入错误|失败|尝试)(?:密码|验证码)?(?:超过|达到|满)?\s*(?P<n>{NUM})\s*次"
                      rf"|(?P<n2>{NUM})\s*次(?:输错|错误|输入错误|失败)")
REMAINING = re.compile(rf"还可(?:以)?尝试\s*(?P<n>{NUM})\s*次")
LENGTH_RANGE = re.compile(rf"(?P<lo>{NUM})\s*(?:-|–|—|~|～|至|到)\s*(?P<hi>{NUM})\s*位")
LENGTH_MIN = re.compile(rf"(?:至少|不少于|最少|不低于)\s*(?P<n>{NUM})\s*位|(?P<n2>{NUM})\s*位(?:以上|及以上)")
LENGTH_MAX = re.compile(rf"(?:不超过|最多|不多于|不高于)\s*(?P<n>{NUM})\s*位")
CLASSES = re.compile(rf"(?:至少|不少于|最少)(?:包含|包括|含有|含)?\s*(?P<n>{NUM})\s*(?:种|类)"
                     rf"|(?P<n2>{NUM})\s*(?:种|类)(?:或|及)以上")


@dataclass(frozen=True)
class Number:
    topic: str
    value: int
    words: str  # the number as written ("5", "五")
    start: int  # where the number stands in ``text``
    text: str  # the sentence it stands in, as the guide wrote it


def value_of(words: str) -> int | None:
    words = words.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if words.isdigit():
        return int(words)
    if len(words) == 1:
        return CN_VALUES.get(words)
    if words.startswith("十") and len(words) == 2:
        return 10 + CN_VALUES.get(words[1], 0)
    if len(words) == 2 and words.endswith("十"):
        return CN_VALUES.get(words[0], 0) * 10
    if len(words) == 3 and words[1] == "十":
        return CN_VALUES.get(words[0], 0) * 10 + CN_VALUES.get(words[2], 0)
    return None


def numbers_in(text: str) -> list[Number]:
    """The rule numbers of one text, each with its topic; a number whose topic the text does not say is left out."""
    out: list[Number] = []
    for m in SENTENCE.finditer(text):
        out += _sentence_numbers(m.group(0))
    return out


def _sentence_numbers(s: str) -> list[Number]:
    found: list[tuple[str, re.Match, str]] = []
    for m in VALIDITY.finditer(s):
        topic = _validity_topic(s[:m.start()]) or _validity_topic(s)
        if topic:
            found.append((topic, m, "n"))
    for m in LOCK.finditer(s):
        found.append(("lock_minutes", m, "n"))
    if any(w in s for w in ("密码", "验证码", "登录", "账号", "锁定")):
        counted = REMAINING.sub(lambda m: "＃" * len(m.group(0)), s)  # "还可尝试4次" is what is left, not the limit
        for m in ATTEMPTS.finditer(counted):
            found.append(("code_attempts" if "验证码" in s else "login_attempts", m, "n"))
    if "密码" in s and "执照密码" not in s:
        for m in LENGTH_RANGE.finditer(s):
            found += [("password_min", m, "lo"), ("password_max", m, "hi")]
        found += [("password_min", m, "n") for m in LENGTH_MIN.finditer(s)]
        found += [("password_max", m, "n") for m in LENGTH_MAX.finditer(s)]
        found += [("password_classes", m, "n") for m in CLASSES.finditer(s)]
    out, lead = [], len(s) - len(s.lstrip())
    for topic, m, group in found:
        if topic != "password_classes" and "执照密码" in s:
            continue  # the license password's rules are the phone app's, not the portal's
        name = group if m.group(group) is not None else f"{group}2"
        words = m.group(name) if name in m.groupdict() else None
        value = value_of(words) if words else None
        if value is not None:
            out.append(Number(topic, value, words, m.start(name) - lead, s.strip()))
    return out


def _validity_topic(words: str) -> str | None:
    qr, code = words.rfind("二维码"), words.rfind("验证码")
    if qr < 0 and code < 0:
        return None
    return "qr_minutes" if qr > code else "code_minutes"


@dataclass
class Screens:
    """What the run's screens state, by topic: values stated outright (二维码5分钟内有效), and lower bounds that a
    message implies ("还可尝试4次": at least 5 tries; "请15分钟后再试": a lock of at least 15 minutes)."""
    exact: dict[str, dict[int, str]]
    at_least: dict[str, tuple[int, str]]


def screen_evidence(record: RunRecord) -> Screens:
    screens = Screens({}, {})
    seen: set[str] = set()
    for scenario in record.scenarios:
        for step in scenario.steps:
            for shot in step.shots.values():
                for text in shot.strings():
                    if text not in seen and any(ch.isdigit() or ch in CN for ch in text):
                        seen.add(text)
                        _read_screen_text(text.strip(), screens)
    return screens


def _read_screen_text(text: str, screens: Screens) -> None:
    for n in numbers_in(text):
        if n.topic in COUNTED_DOWN:  # the minutes left, not the lock's length
            _raise_bound(screens, n.topic, n.value, text)
        else:
            screens.exact.setdefault(n.topic, {}).setdefault(n.value, text)
    for m in REMAINING.finditer(text):
        value = value_of(m.group("n"))
        if value is not None:
            _raise_bound(screens, "code_attempts" if "验证码" in text else "login_attempts", value + 1, text)


def _raise_bound(screens: Screens, topic: str, value: int, text: str) -> None:
    if value > screens.at_least.get(topic, (0, ""))[0]:
        screens.at_least[topic] = (value, text)


def number_findings(guide: Guide, record: RunRecord) -> list[Finding]:
    screens = screen_evidence(record)
    out: list[Finding] = []
    for block in guide.blocks():
        if block.kind != "paragraph":
            continue  # a transcribed screen is checked as a screen (its labels), not as the guide's own rule
        judged = [(n, _judge(n, block, screens)) for n in numbers_in(block.text)]
        judged = [(n, f) for n, f in judged if f is not None]
        for n, f in judged:
            # One fix per sentence, every wrong number of it corrected ("6-16位" -> "8-20位"): two fixes of
            # one sentence would not both apply.
            same = [(m, g.extra["right"]) for m, g in judged if m.text == n.text and m.start != n.start]
            f.fix = Fix(block.line, n.text, _corrected(n.text, [(n, f.extra["right"]), *same]))
            out.append(f)
    return out


def _judge(n: Number, block, screens: Screens) -> Finding | None:
    shown = screens.exact.get(n.topic, {})
    bound, bound_text = screens.at_least.get(n.topic, (None, ""))
    rule, what = PORTAL_RULES[n.topic], TOPIC_TEXTS[n.topic]
    if n.value in shown:
        return None  # a screen says the same
    right, evidence = None, ""
    if shown:  # the screen's value that is the portal's rule, else the first one shown
        right = rule if rule in shown else next(iter(shown))
        evidence = shown[right]
    elif bound is not None and n.value < bound:
        right, evidence = (rule if rule >= bound else bound), bound_text
    elif bound is not None and n.value == bound:
        return None  # the first message after one wrong try, or the lock's first minute
    if right is not None:
        return Finding("number_contradicted", block.section,
                       f"指南写{what}为「{n.words}」，界面显示「{evidence}」", guide_words=n.text,
                       context=block.text, screen=evidence, item=block.item, line=block.line,
                       extra={"subject": n.topic, "right": right})
    if n.value != rule:
        return Finding("number_unconfirmed", block.section,
                       f"指南写{what}为「{n.words}」，运行的界面未能确认；门户的规则是 {rule}",
                       guide_words=n.text, context=block.text, item=block.item, line=block.line,
                       extra={"subject": n.topic, "right": rule})
    return None


def _corrected(text: str, corrections: list[tuple[Number, int]]) -> str:
    """The sentence with its numbers replaced, each written as the guide wrote it (digits or Chinese)."""
    for n, value in sorted(corrections, key=lambda c: -c[0].start):
        words = str(value) if n.words[0].isdigit() else _chinese(value)
        text = text[:n.start] + words + text[n.start + len(n.words):]
    return text


def _chinese(value: int) -> str:
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
