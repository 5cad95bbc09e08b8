"""Drift tests for the claims beyond quote marks: each edits a copy of the published guide as a writer would and
expects the finding at the edited section, against a whole recorded run (every scenario, every screen). No browser."""
import pytest

from validator.analysis import analyse
from validator.guide import parse_text
from validator.links import letters, link, scenarios_by_section, sentence_coverage
from validator.text import normalize

from validator_records import GUIDE, full_run, full_run_data


def run(text, record):
    # The guide's own path: its approved links (guide/*.links.json) apply to every revision.
    return analyse(parse_text(text, str(GUIDE)), record)


@pytest.fixture(scope="module")
def baseline(guide_text, record):
    return run(guide_text, record)


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the change must hit one place: {old!r}"
    return text.replace(old, new)


def new_findings(text, record, baseline, kind=None):
    before = {(f.kind, f.section, f.guide_words, f.message) for f in baseline.findings}
    return [f for f in run(text, record).findings
            if (f.kind, f.section, f.guide_words, f.message) not in before and (kind is None or f.kind == kind)]


def test_the_published_guide_keeps_its_six_findings_on_a_whole_run(baseline):
    assert [(f.kind, f.section, f.guide_words) for f in baseline.findings] == [
        ("inconsistent_name", "1.2.2", "电子营业小程序"),
        ("names_image", "1.2.2", "背景图片"),
        ("invalid_example", "1.2.2", "9301fvfdwer3423fs32"),
        ("placeholder_text", "1.2.2", "hi@XXXXXX.com, ©2021 XXXXXXXXX.com, 北京ICP备XXXXXX号"),
        ("label_missing", "1.2.2", "账户信息"),
        ("inconsistent_name", "1.2.2", "账户信息")]


# --- sentence-level links -------------------------------------------------------------------------------------

def test_each_numbered_step_of_the_registration_is_linked_to_the_step_that_quotes_it(guide_text, record):
    links = link(parse_text(guide_text, str(GUIDE)), record)
    rows = {row["text"]: row for row in sentence_coverage(links) if row["section"] == "1.2.2"}
    assert rows["选择注册新账号"]["linked"]
    assert any(s["step"] == "而且 选择注册新账号" and s["exact"] for s in rows["选择注册新账号"]["steps"])
    assert any(s["step"].endswith("进入 APEC 主页中, 选择登录") for s in rows["进入 APEC 主页中, 选择登录"]["steps"])


def test_a_reworded_sentence_breaks_its_link_with_both_wordings(guide_text, record, baseline):
    text = changed(guide_text, "被授权的经办人使用电子营业小程序扫描二维码", "被授权的经办人使用电子营业小程序拍摄二维码")
    got = new_findings(text, record, baseline, "link_broken")
    assert [f.section for f in got] == ["1.2.2"]
    assert "现在写「被授权的经办人使用电子营业小程序拍摄二维码」，场景验证的是「被授权的经办人使用电子营业小程序扫描二维码」" \
        in got[0].message


def test_a_step_reworded_in_the_gherkin_breaks_the_link_too(guide_text, record, baseline):
    data = full_run_data()
    for sc in data["scenarios"]:
        for st in sc["steps"]:
            if st["text"] == "选择注册新账号":
                st["text"] = "选择新用户注册"
    other = full_run(data)
    got = [f for f in run(guide_text, other).findings if f.kind == "link_broken"]
    assert got and all(f.section == "1.2.2" for f in got)
    assert any("已不再有验证它的步骤「选择注册新账号」" in f.message for f in got)


def test_a_harmless_rewording_keeps_the_links(guide_text, record, baseline):
    text = changed(guide_text, "授权信息保存成功后, 办事人", "授权信息保存成功之后, 办事人")
    assert new_findings(text, record, baseline) == []


def test_a_dropped_item_renumbers_the_rest_visibly(guide_text, record, baseline):
    text = changed(guide_text, "1.企业账号登录，输入正确的企业邮箱账号、密码，点击【确认】按钮，即可登录系统；\n\n<!-- screenshot -->\n\n"
                               "2.点击右上角", "1.点击右上角")
    got = new_findings(text, record, baseline, "link_renumbered")
    assert got and got[0].section == "1.3"
    assert "标记为第 2 条" in got[0].message and "现在在指南第 1 条" in got[0].message


# --- unquoted names and near misses ----------------------------------------------------------------------------

def test_an_unquoted_name_one_letter_off_names_the_screen_text(guide_text, record, baseline):
    text = changed(guide_text, "2. 选择注册新账号", "2. 选择注册新帐号")
    got = new_findings(text, record, baseline, "name_near_miss")
    assert [(f.section, f.guide_words, f.extra["closest"]) for f in got] == [("1.2.2", "注册新帐号", "注册新账号")]


@pytest.mark.parametrize("line, name, slip, section", [
    # §1.1's screens show 商务旅行卡 only in a heading ("领事 APEC 商务旅行卡") and in sentences
    ("打开领事 APEC 商务旅行卡页面", "商务旅行卡", "商务旅游卡", "1.1"),
    # §1.2.1.3's only inside a message ("您没有“下级授权”权限，不能授权他人使用执照"); the guide quotes it, so
    # the name is unquoted here for the prose check to read it
    ("- 3) 添加办事人: 法定代表人或者拥有“下级授权”权限", "下级授权", "下极授权", "1.2.1.3"),
])
def test_a_name_the_screen_shows_only_inside_a_longer_text_is_checked(guide_text, record, baseline, line, name, slip,
                                                                      section):
    screens = {s for _, _, shot in record.shots_for(scenarios_by_section(record)[section]) for s in shot.strings()}
    assert any(name in s for s in screens) and not any(letters(normalize(s))[0] == name for s in screens), \
        f"the premise: §{section}'s screens show {name} only inside longer texts"
    right = line.replace(f"“{name}”", name)
    assert new_findings(changed(guide_text, line, right), record, baseline, "name_near_miss") == []
    text = changed(guide_text, line, right.replace(name, slip))
    got = new_findings(text, record, baseline, "name_near_miss")
    assert [(f.code, f.section, f.guide_words, f.extra["closest"]) for f in got] == [("UI007", section, slip, name)]
    fix, lines = got[0].fix, text.splitlines()
    assert (fix.old, fix.new) == (slip, name) and slip in lines[fix.line - 1]
    lines[fix.line - 1] = lines[fix.line - 1].replace(fix.old, fix.new)  # the fix applied gives the right wording
    assert lines == changed(guide_text, line, right).splitlines()


def test_the_guide_s_own_terms_are_not_near_misses(baseline):
    # 证照管理人员 (used four times) is the guide's word for 证照管理员: DOMAIN.md equates them.
    assert not [f for f in baseline.findings if f.kind == "name_near_miss"]


def test_a_quoted_label_cut_short_is_missing_and_the_hint_names_the_whole_label(guide_text, record, baseline):
    text = changed(guide_text, "‘电子营业执照扫码登录’", "‘电子营业执照扫码’")
    got = new_findings(text, record, baseline, "label_missing")
    assert [f.section for f in got] == ["1.3"] and got[0].screen == "界面显示「电子营业执照扫码登录」"


@pytest.mark.parametrize("old, new, section, shown", [
    ("点击右上角【登录】按钮", "点击右上角【登陆】按钮", "1.1", "登录"),
    ("对应授权事项是“全部事项”", "对应授权事项是“所有事项”", "1.2.1.3", "全部事项"),
    ("点击【确认】按钮", "点击【确认登录】按钮", "1.3", "确认"),
])
def test_the_hint_names_the_likest_screen_text(guide_text, record, baseline, old, new, section, shown):
    got = new_findings(changed(guide_text, old, new), record, baseline, "label_missing")
    assert [(f.section, f.screen) for f in got] == [(section, f"界面显示「{shown}」")]


# --- order -----------------------------------------------------------------------------------------------------

def test_numbered_steps_in_another_order_than_the_scenario_walks(guide_text, record, baseline):
    text = changed(guide_text, "1. 进入 APEC 主页中, 选择登录\n\n<!-- screenshot -->\n\n2. 选择注册新账号",
                   "1. 选择注册新账号\n\n<!-- screenshot -->\n\n2. 进入 APEC 主页中, 选择登录")
    got = new_findings(text, record, baseline, "order_steps")
    assert [f.section for f in got] == ["1.2.2"] and "先做第 2 条" in got[0].message


def test_first_then_turned_round(guide_text, record, baseline):
    text = changed(guide_text, "先输入微信支付密码，获取微信账号的实名信息，包括姓名和证件号码，再进行人脸识别",
                   "先进行人脸识别，获取微信账号的实名信息，包括姓名和证件号码，再输入微信支付密码")
    got = new_findings(text, record, baseline, "order_first_then")
    assert [f.section for f in got] == ["1.2.1.2"]


def test_a_transcribed_screen_s_fields_in_another_order(guide_text, record, baseline):
    text = changed(guide_text, "*统一社会信用代码: 9301fvfdwer3423fs32\n\n*法人姓名: 张三",
                   "*法人姓名: 张三\n\n*统一社会信用代码: 9301fvfdwer3423fs32")
    got = new_findings(text, record, baseline, "order_fields")
    assert [(f.section, f.guide_words) for f in got] == [("1.2.2", "*法人姓名、*统一社会信用代码")]
    assert got[0].screenshot and got[0].highlight is not None


# --- behaviour -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("则证件号码和手机号不能修改", "则证件号码和手机号可以修改"),
    ("该执照将被失效", "该执照仍然有效"),
    ("首次领取只能由法定代表人通过手机", "首次领取可以由办事人通过手机"),
])
def test_a_rule_turned_round_is_shown_beside_what_the_scenario_asserts(guide_text, record, baseline, old, new):
    got = new_findings(changed(guide_text, old, new), record, baseline, "behaviour_contradicted")
    assert got, "no behaviour finding"
    assert "现在写" in got[0].message and "场景验证的是" in got[0].message


# --- channels, catalogue, address ------------------------------------------------------------------------------

def test_a_channel_the_mini_program_does_not_offer(guide_text, record, baseline):
    got = new_findings(changed(guide_text, "2) 微信或支付宝搜索", "2) 微信或抖音搜索"), record, baseline,
                       "channel_unknown")
    assert [(f.section, f.guide_words) for f in got] == [("1.2.1.1", "抖音搜索")]


def test_a_channel_listed_with_a_locative_the_mini_program_does_not_offer(guide_text, record, baseline):
    """Another province's wording: "在微信、抖音中搜索" lists two channels, the second not offered."""
    got = new_findings(changed(guide_text, "2) 微信或支付宝搜索", "2) 在微信、抖音中搜索"), record, baseline,
                       "channel_unknown")
    assert [(f.section, f.guide_words) for f in got] == [("1.2.1.1", "抖音搜索")]
    assert not new_findings(changed(guide_text, "2) 微信或支付宝搜索", "2) 在微信、支付宝中搜索"), record, baseline,
                            "channel_unknown")


def test_a_catalogue_level_renamed(guide_text, record, baseline):
    got = new_findings(changed(guide_text, "(一级目录) 外交—", "(一级目录) 外事—"), record, baseline,
                       "catalogue_mismatch")
    assert [f.section for f in got] == ["1.2.1.3"] and "「外事」" in got[0].message


@pytest.mark.parametrize("url", ["https://consular.mfa.gov.com/APEC/", "https://consular.mfa.gov.cn/APEC/login/",
                                 "https://consular.mfa.gov.cn/apec/"])
def test_the_address_is_the_portal_s_host_and_whole_path(guide_text, record, baseline, url):
    got = new_findings(changed(guide_text, "https://consular.mfa.gov.cn/APEC/", url), record, baseline,
                       "url_mismatch")
    assert got and got[0].section == "1.1"


def test_another_deployment_sets_its_own_address(guide_text, record, monkeypatch):
    monkeypatch.setenv("APEC_PORTAL_URL", "https://apec.staging.example.cn/APEC/")
    got = [f for f in run(guide_text, record).findings if f.kind == "url_mismatch"]
    assert len(got) == 1 and "主机 consular.mfa.gov.cn" in got[0].message
