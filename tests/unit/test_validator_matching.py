"""Scenarios matched to a guide's sections by content (validator/matching.py), and claims looked for on the right
screens: another province's guide, numbered its own way, against the recorded whole run. No browser."""
import gzip
import json
import re

import pytest

from validator.analysis import analyse
from validator.claims import extract_claims
from validator.guide import parse_text
from validator.matching import match
from validator.uicheck import check_claims

from validator_records import FULL_RUN, GUIDE, full_run, full_run_data, report

# Another writer's guide to the same portal: its own numbering, wording and order. Its 1.3 is about real-name
# authentication, where the project's guide (and the scenarios' @guide-1.3 tags) has the login; its 三 is about
# something no scenario shows.
FOREIGN = """\
<!-- guide-title -->
某省企业 APEC 商务旅行卡系统账号注册指引

## 一、准备工作 {#s-1}

### （一）领取电子营业执照 {#s-1.1}

法定代表人完成实名认证后，选择企业登记地，在“可下载执照记录”中找到本企业，阅读并同意《执照下载声明》后下载执照。

### （二）填写企业信息 {#s-1.2}

请选择“企业注册地”，填写“企业联系电话”，选择“企业性质”和“所属行业”，填写“员工人数”，点击【下一步】。

### （三）实名认证 {#s-1.3}

使用微信小程序时，先输入微信支付密码，再进行人脸识别；使用支付宝小程序时，授权获取支付宝账号的实名信息，再授权采集人脸信息。

## 二、系统登录 {#s-2}

在登录页面选择企业账号登录，输入邮箱账号和密码，点击【确认】。

## 三、领卡 {#s-3}

审核通过后，持护照原件和在职证明到市外事办出入境窗口领取卡片，领卡时需本人签字确认。
"""


@pytest.fixture(scope="module")
def foreign():
    return parse_text(FOREIGN, "other-province.md")


@pytest.fixture(scope="module")
def matched(foreign, record):
    return match(foreign, record)


def names_for(found, record, section):
    return {sc.name for sc in record.scenarios if section in found.sections_of(sc)}


def test_a_section_is_matched_to_the_scenarios_that_showed_what_it_says(matched, record):
    enterprise = names_for(matched, record, "1.2")
    assert "企业信息填写有误时在字段旁提示且不丢失已填内容" in enterprise
    assert "微信小程序实名认证" not in enterprise and "企业账号登录" not in enterprise
    realname = names_for(matched, record, "1.3")
    assert {"微信小程序实名认证", "支付宝小程序实名认证"} <= realname
    assert "企业账号登录" in names_for(matched, record, "2")


def test_a_section_about_what_the_run_never_showed_stays_not_covered(foreign, record, matched):
    assert names_for(matched, record, "3") == set()
    analysis = analyse(foreign, record)
    assert [f.section for f in analysis.findings if f.kind == "not_covered"] == ["3"]


def test_a_same_numbered_tag_about_something_else_is_not_trusted(matched, record):
    login = next(sc for sc in record.scenarios if sc.name == "企业账号登录")
    assert ("1.3", None) in login.refs  # tagged @guide-1.3: the project's guide's login section
    assert "1.3" in matched.untrusted[id(login)]
    assert "1.3" not in matched.sections_of(login)
    assert matched.sections_of(login) == ["2"]


def test_the_project_guide_keeps_its_tags_as_they_are(record):
    found = match(parse_text(GUIDE.read_text(encoding="utf-8"), str(GUIDE)), record)
    assert found.own_guide and not found.untrusted and not found.unknown
    assert all(found.refs[id(sc)] == sc.refs for sc in record.scenarios)


def test_tags_naming_no_section_of_another_guide_are_one_summary_line(foreign, record):
    findings = analyse(foreign, record).findings
    assert [f.kind for f in findings if f.kind.startswith("tag")] == ["tags_not_in_guide"]
    summary = next(f for f in findings if f.kind == "tags_not_in_guide")
    assert summary.severity == "info" and summary.section is None
    assert summary.extra["unknown_tags"] > 100 and "1.2.1.3" in summary.extra["sections"]


def test_the_summary_line_marks_nothing_uncovered_in_the_reports(tmp_path):
    """COV004 says the scenarios were matched by content: nothing is left uncovered by it, so its card shows no
    未覆盖 badge (a section no scenario covers has its own COV001)."""
    (tmp_path / "run-record.json").write_bytes(gzip.decompress(FULL_RUN.read_bytes()))
    (tmp_path / "other-province.md").write_text(FOREIGN, encoding="utf-8")
    assert report(tmp_path / "run-record.json", tmp_path / "out", "--fail-on", "none",
                  guide=tmp_path / "other-province.md") == 0
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    summary = next(f for f in data["findings"] if f["code"] == "COV004")
    assert (summary["severity"], summary["mark"], summary["mark_text"]) == ("info", None, None)
    html = (tmp_path / "out" / "illustrated-guide.html").read_text(encoding="utf-8")
    card = re.search(rf'<div class="finding [^"]*" id="{summary["id"]}">.*?</h6>', html).group(0)
    assert "场景的 @guide 标签是按另一份指南的章节编写的" in card
    assert 'class="mark' not in card and "未覆盖" not in card and "m-" not in card
    md = (tmp_path / "out" / "illustrated-guide.md").read_text(encoding="utf-8")
    line = next(ln for ln in md.splitlines() if f'<a id="{summary["id"]}">' in ln)
    assert f"**{summary['id']} · 提示** 场景的 @guide 标签" in line and "未覆盖" not in line


def test_a_slip_in_a_tag_of_the_project_guide_is_still_warned_of_per_tag(record):
    text = GUIDE.read_text(encoding="utf-8").replace("### 1.3. 系统登录 {#s-1.3}", "### 1.4. 系统登录 {#s-1.4}")
    findings = analyse(parse_text(text, str(GUIDE)), record).findings
    unknown = [f for f in findings if f.kind == "tag_unknown_section"]
    assert unknown and {f.section for f in unknown} == {"1.3"}
    assert not [f for f in findings if f.kind == "tags_not_in_guide"]
    # the renumbered section is covered by what its scenarios showed, though no tag names it
    assert not [f for f in findings if f.kind == "not_covered" and f.section == "1.4"]


def test_the_project_guide_gives_its_findings_and_ids(record):
    analysis = analyse(parse_text(GUIDE.read_text(encoding="utf-8"), str(GUIDE)), record)
    assert [f.id for f in analysis.findings] == ["NAM001-afa1d4e5", "UI005-e3ad22de", "EX001-e375918c",
                                                 "PH001-001f393b", "UI001-8dd004a5", "NAM001-b3fe392f"]


# --- claims against the right screens -----------------------------------------------------------------------------

def test_a_label_the_run_showed_elsewhere_is_not_missing(record):
    # §1.1's one scenario opens the portal; 可下载执照记录 is on the phone's download page, other scenarios'.
    anchor = "点击右上角【登录】按钮进入登录页面。"
    guide_text = GUIDE.read_text(encoding="utf-8")

    def status(sentence, held):
        guide = parse_text(guide_text.replace(anchor, anchor + sentence), str(GUIDE))
        results, _ = check_claims(guide, record, extract_claims(guide), held)
        return next(r.status for r in results if r.claim.section == "1.1" and "执照记录" in r.claim.label)

    # looked for where the section's scenarios went, then on every screen of the run
    assert status("领取执照时在“可下载执照记录”中选择企业。", held=lambda section: False) == "verified"
    assert status("领取执照时在“可领取执照记录”中选择企业。", held=lambda section: False) == "missing"
    # held to the section's own scenarios (the tags of the project's guide)
    assert status("领取执照时在“可下载执照记录”中选择企业。", held=lambda section: True) == "missing"


def test_on_the_project_guide_a_label_is_held_to_its_tagged_scenarios_screens(record):
    # The tags are the writers' explicit link: §1.1's scenario never shows the phone's download page.
    anchor = "点击右上角【登录】按钮进入登录页面。"
    text = GUIDE.read_text(encoding="utf-8").replace(anchor, anchor + "领取执照时在“可下载执照记录”中选择企业。")
    findings = analyse(parse_text(text, str(GUIDE)), record).findings
    assert [(f.section, f.guide_words) for f in findings if f.kind == "label_missing" and f.section == "1.1"] == \
        [("1.1", "“可下载执照记录”")]


def test_a_position_is_checked_on_the_screens_of_the_matched_scenarios(record):
    text = FOREIGN.replace("点击【确认】。", "点击左下角【确认】。")
    findings = analyse(parse_text(text, "other-province.md"), record).findings
    wrong = [f for f in findings if f.kind == "position_wrong"]
    assert [(f.section, f.guide_words) for f in wrong] == [("2", "左下角【确认】")]


# --- items listed in order ----------------------------------------------------------------------------------------

LISTED = """\
## 一、填写注册信息 {#s-1}

扫码成功后，按以下顺序填写：

1) 填写企业信息：选择企业注册地、企业性质、所属行业，填写企业联系电话、员工人数，点击【下一步】。

2) 设置账号信息：填写邮箱账号、密码、确认密码，点击【获取验证码】，填写邮箱验证码。
"""


def test_items_listed_in_the_order_the_screens_show_them_pass(record):
    findings = analyse(parse_text(LISTED, "listed.md"), record).findings
    assert not [f for f in findings if f.kind.startswith("order")]


def swapped(text: str) -> str:
    """The two items in the other order, each keeping its place's number."""
    first, second = text.split("\n\n")[2], text.split("\n\n")[3].rstrip("\n")
    return text.replace(first, "@@").replace(second, first.replace("1)", "2)")).replace(
        "@@", second.replace("2)", "1)"))


def test_items_listed_out_of_the_order_the_screens_show_them_are_reported(record):
    found = [f for f in analyse(parse_text(swapped(LISTED), "listed.md"), record).findings if f.kind == "order_steps"]
    assert [(f.section, f.item) for f in found] == [("1", "1")]
    assert "设置账号信息" in found[0].guide_words


def test_an_unordered_list_is_not_held_to_an_order(record):
    unordered = swapped(LISTED).replace("按以下顺序填写：", "需要填写以下信息：")
    assert unordered.index("设置账号信息") < unordered.index("填写企业信息")
    findings = analyse(parse_text(unordered, "listed.md"), record).findings
    assert not [f for f in findings if f.kind == "order_steps"]


def test_a_partial_run_on_another_guide_says_not_run_not_not_covered():
    data = full_run_data()
    data["scenarios"] = [s for s in data["scenarios"] if any(t.startswith("guide-1.3") for t in s["tags"])]
    data["selection"] = {"markexpr": "guide-1.3", "keyword": "", "args": []}
    # the feature files' tags name the project's guide's sections; "1.3" is another section in this guide
    analysis = analyse(parse_text(FOREIGN, "other-province.md"), full_run(data), tagged={"1.3", "1.3-1", "1.3-2"})
    assert not [f for f in analysis.findings if f.kind == "not_covered"]
    assert {"1.2", "1.3", "3"} <= set(analysis.not_run) and "2" not in analysis.not_run


def test_the_json_report_says_how_each_section_found_its_scenarios(foreign, record):
    from validator.report import build_report
    data = build_report(analyse(foreign, record), {"error"}, {})
    assert data["summary"]["matching"]["tags_are_this_guides"] is False
    enterprise = next(s for s in data["sections"] if s["id"] == "1.2")
    assert enterprise["matched_by"] == "content"
    assert any("企业注册地" in terms for terms in enterprise["matched_on"].values())
    own = build_report(analyse(parse_text(GUIDE.read_text(encoding="utf-8"), str(GUIDE)), record), {"error"}, {})
    assert {s["matched_by"] for s in own["sections"]} == {"tags"}
