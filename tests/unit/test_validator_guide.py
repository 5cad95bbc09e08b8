"""The guide's transcription parses into its sections, items, screenshot places and claims."""
from pathlib import Path

import pytest

from validator.claims import extract_claims
from validator.guide import item_number, parse_guide, parse_text
from validator.record import parse_tag
from validator.text import matches, names_image, normalize

GUIDE = Path(__file__).resolve().parents[2] / "guide" / "hunan-apec-account-registration.md"


@pytest.fixture(scope="module")
def guide():
    return parse_guide(GUIDE)


@pytest.fixture(scope="module")
def claims(guide):
    return extract_claims(guide)


def test_sections_keep_the_guides_numbers(guide):
    assert [s.id for s in guide.sections] == [
        "1", "1.1", "1.2", "1.2.1", "1.2.1.1", "1.2.1.2", "1.2.1.3", "1.2.2", "1.3"]
    assert guide.section("1.2.2").title == "1.2.2. APEC 商务旅行卡申请端账号注册"
    assert guide.title_lines == ["湖南省企业人员申请办理 APEC 商务", "旅行卡操作指南", "(系统账号注册)"]


@pytest.mark.parametrize("section, items", [
    ("1", ["1", "2", "3", "4"]),
    ("1.2.1.2", ["1", "2", "3", "3.1", "3.2", "4", "5", "6"]),
    ("1.2.1.3", ["1", "1.1", "1.2", "2", "3", "4", "5"]),
    ("1.2.2", ["1", "2", "3", "3.1", "3.2"]),
    ("1.3", ["1", "2", "3"]),
])
def test_numbered_items_nest_by_their_numbering_style(guide, section, items):
    assert [i.id for i in guide.section(section).items] == items


def test_screenshot_places_are_kept_where_the_images_stood(guide):
    slots = guide.slots()
    assert sum(1 for b in slots if b.kind == "screenshot") == 20
    assert [(b.section, b.item) for b in slots if b.kind == "screen"] == [("1.2.2", "3.1"), ("1.2.2", "3.2")]
    assert [(b.section, b.item) for b in slots if b.section == "1.3"] == [("1.3", "1"), ("1.3", "2"), ("1.3", "2")]


def test_the_transcription_keeps_the_guides_oddities_word_for_word():
    text = GUIDE.read_text(encoding="utf-8")
    for words in ("账户信息", "账号信息", "电子营业小程序", "9301fvfdwer3423fs32",
                  "hi@XXXXXX.com, ©2021 XXXXXXXXX.com, 北京ICP备XXXXXX号", "- 5) **删除办事人:**"):
        assert words in text


def test_prose_quotes_become_claims_with_their_position(claims):
    login = next(c for c in claims if c.words == "【登录】")
    assert (login.section, login.label, login.position) == ("1.1", "登录", "右上角")
    scan = next(c for c in claims if c.words == "‘电子营业执照扫码登录’")
    assert (scan.section, scan.item, scan.position) == ("1.3", "2", "右上角")
    confirm = next(c for c in claims if c.words == "【确认】")
    assert confirm.position is None


def test_a_transcribed_screen_claims_labels_placeholders_and_example_values(claims):
    screen = [(c.kind, c.words, c.field) for c in claims if c.source == "screen" and c.item == "3.1"]
    assert ("label", "*企业名称", None) in screen
    assert ("example", "中国移动", "企业名称") in screen
    assert ("example", "9301fvfdwer3423fs32", "统一社会信用代码") in screen
    assert ("placeholder", "请选择", "企业注册地") in screen
    assert ("label", "北京ICP备XXXXXX号", None) in screen
    assert not any(w in ("1", "2", "3", "1 2 3") for _, w, _ in screen)


def test_a_screens_word_for_a_picture_claims_an_image(claims):
    assert [(c.kind, c.words) for c in claims if c.kind == "image"] == [("image", "背景图片")]


@pytest.mark.parametrize("words, expected", [
    ("背景图片", True), ("企业logo", True), ("首页Banner", True), ("示意图", True), ("返回图标", True),
    ("上传图片", False), ("查看大图", False), ("企业信息", False), ("电子营业执照扫码", False),
])
def test_words_that_name_a_picture(words, expected):
    assert names_image(words) is expected


def test_headings_without_an_anchor_take_their_number():
    guide = parse_text("## 2.1. 新的一节\n\n1) 点击【下一步】\n")
    assert guide.sections[0].id == "2.1"
    assert guide.sections[0].items[0].ref == "2.1-1"


@pytest.mark.parametrize("tag, ref", [
    ("guide-1.3", ("1.3", None)), ("@guide-1.2.1.3-1.1", ("1.2.1.3", "1.1")),
    ("guide-1.2.2-3-1", ("1.2.2", "3.1")), ("guide-1.x", None), ("smoke", None)])
def test_section_tags(tag, ref):
    assert parse_tag(tag) == ref


@pytest.mark.parametrize("label, screen, loose, expected", [
    ("*企业名称", "企业名称", False, True),
    ("企业联系电话：", "*企业联系电话", False, True),
    ("中华人民共和国外交部 版权所有", "中华人民共和国外交部 版权所有 | 京ICP备06038296号", False, True),
    ("隐私政策", "我已阅读并同意《中国领事用户协议》和《隐私政策》", False, True),
    ("企业注册地", "企业注册地（省份）", False, True),
    ("联系电话", "企业联系电话", False, False),
    ("账户信息", "账号信息", False, False),
    ("下级授权", "仅拥有“下级授权”权限的证照管理员", True, True),
    ("登陆", "电子营业执照扫码登录", True, False),
])
def test_matching_labels_against_screen_texts(label, screen, loose, expected):
    assert matches(label, screen, loose) is expected


def test_normalize_folds_full_width_forms():
    assert normalize("＊统一社会信用代码：") == "统一社会信用代码"


@pytest.mark.parametrize("text, expected", [
    ("（1）输入企业信息", ("paren", "（1）", 1)),  # full-width brackets, as typed in Chinese text
    ("2）设置账号信息", ("half_paren", "2）", 2)),
    ("３．点击", ("dot", "３．", 3)),
    ("第一步：法定代表人搜索", ("step", "第一步", 1)),
    ("第十二步：登录", ("step", "第十二步", 12)),
    ("第二十步", ("step", "第二十步", 20)),
])
def test_another_provinces_numbering_opens_an_item(text, expected):
    assert item_number(text) == expected


@pytest.mark.parametrize("text", ["第一次登录时", "第步：", "第十十步：", "（a）", "12345678 是示例"])
def test_words_that_only_look_numbered_open_no_item(text):
    assert item_number(text) is None
