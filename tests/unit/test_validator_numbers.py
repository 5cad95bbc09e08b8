"""Rules the guide states as numbers: a copy of the published guide is edited to state a number, right or wrong, and
checked against the whole recorded run (every screen). No browser."""
import pytest

from mock_portal.rules.fields import PASSWORD_MIN_LENGTH
from validator.analysis import analyse
from validator.guide import parse_text
from validator.numbers import numbers_in, screen_evidence

from validator_records import GUIDE

# The first sentence of §1.2.2; a rule sentence is added after it, as a writer would add one.
ANCHOR = "使用电子营业执照扫描二维码, 进行注册"
LOGIN = "1.企业账号登录，输入正确的企业邮箱账号、密码，点击【确认】按钮，即可登录系统；"


def number_findings_of(text, record):
    findings = analyse(parse_text(text, str(GUIDE)), record).findings
    return [f for f in findings if f.kind in ("number_contradicted", "number_unconfirmed")]


def added(text: str, anchor: str, sentence: str) -> str:
    assert text.count(anchor) == 1, f"the change must hit one place: {anchor!r}"
    return text.replace(anchor, anchor + ("" if anchor[-1] in "。；" else "。") + sentence)


def test_the_published_guide_states_no_number_the_check_reports(guide_text, record):
    assert number_findings_of(guide_text, record) == []


@pytest.mark.parametrize("anchor, sentence, section, screen, fixed", [
    (ANCHOR, "二维码10分钟内有效", "1.2.2", "二维码5分钟内有效", "二维码5分钟内有效"),
    (ANCHOR, "密码长度为6-20位，且至少包含三种字符", "1.2.2", "密码须为8-20位",
     "密码长度为8-20位，且至少包含三种字符"),
    (ANCHOR, "密码须为8-16位", "1.2.2", "密码须为8-20位", "密码须为8-20位"),
    (ANCHOR, "密码至少包含两种字符", "1.2.2", "至少三种", "密码至少包含三种字符"),
    (ANCHOR, "邮箱验证码30分钟内有效", "1.2.2", "10分钟内有效", "邮箱验证码10分钟内有效"),
    (LOGIN, "密码连续输错3次，账号将被锁定", "1.3", "还可尝试4次", "密码连续输错5次，账号将被锁定"),
])
def test_a_number_the_screens_contradict_is_an_error_at_its_section(guide_text, record, anchor, sentence, section,
                                                                      screen, fixed):
    got = number_findings_of(added(guide_text, anchor, sentence), record)
    assert [(f.kind, f.section, f.severity) for f in got] == [("number_contradicted", section, "error")]
    assert screen in got[0].screen
    assert got[0].fix is not None and got[0].fix.new == fixed and got[0].fix.old == sentence


@pytest.mark.parametrize("sentence", [
    "二维码5分钟内有效", "密码长度为8-20位，且至少包含三种字符", "邮箱验证码10分钟内有效",
    "密码连续输错5次，账号将被锁定15分钟", "二维码五分钟内有效",
])
def test_a_number_the_screens_show_is_no_finding(guide_text, record, sentence):
    assert number_findings_of(added(guide_text, ANCHOR, sentence), record) == []


def test_a_number_no_screen_confirms_is_only_a_hint_with_the_portals_rule(guide_text, record):
    got = number_findings_of(added(guide_text, LOGIN, "连续输错5次后账号将锁定30分钟"), record)
    assert [(f.kind, f.section, f.severity) for f in got] == [("number_unconfirmed", "1.3", "info")]
    assert got[0].fix.new == "连续输错5次后账号将锁定15分钟"


def test_the_screens_are_read_as_rules_and_bounds(record):
    screens = screen_evidence(record)
    assert PASSWORD_MIN_LENGTH in screens.exact["password_min"]
    assert screens.at_least["login_attempts"][0] == 5  # "还可尝试4次" after one wrong try


def test_numbers_of_a_screen_transcription_or_without_a_topic_are_not_rules():
    assert numbers_in("1 2 3") == []
    assert numbers_in("©2021 XXXXXXXXX.com, 北京ICP备06038296号") == []
    assert numbers_in("执照密码输错5次") == []  # the phone app's license password, not the portal's
    assert [(n.topic, n.value) for n in numbers_in("二维码十分钟内有效")] == [("qr_minutes", 10)]


def test_a_sentence_with_two_wrong_numbers_gets_one_fix_for_both(guide_text, record):
    got = number_findings_of(added(guide_text, ANCHOR, "密码长度为6-16位"), record)
    assert [f.extra["subject"] for f in got] == ["password_min", "password_max"]
    assert {f.fix.new for f in got} == {"密码长度为8-20位"}


@pytest.mark.parametrize("sentence, topic, value", [
    ("连续输错密码3次，账号将被锁定15分钟", "login_attempts", 3),  # another province's word order
    ("邮箱验证码输错验证码5次后失效", "code_attempts", 5),
    ("密码连续输错5次，账号将被锁定", "login_attempts", 5),
])
def test_attempt_counts_are_read_in_other_word_orders(sentence, topic, value):
    assert (topic, value) in [(n.topic, n.value) for n in numbers_in(sentence)]
