"""The validator sees drift: a changed copy of the guide is reported at the changed section,
and labels the screens do show are not reported. No browser: the run is a recorded sample."""
import copy
import json
from pathlib import Path

import pytest

from validator.analysis import analyse
from validator.guide import parse_text
from validator.record import load_record
from validator.text import normalize, tokens

HERE = Path(__file__).resolve().parent
GUIDE = HERE.parents[1] / "guide" / "hunan-apec-account-registration.md"
SAMPLE = HERE / "data" / "run-record-sample.json"


@pytest.fixture(scope="module")
def guide_text():
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def record():
    return load_record(SAMPLE)


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the change must hit one place: {old!r}"
    return text.replace(old, new)


def run(text, record):
    return analyse(parse_text(text), record)


def found(analysis, kind, section=None):
    return [f for f in analysis.findings if f.kind == kind and (section is None or f.section == section)]


@pytest.fixture(scope="module")
def baseline(guide_text, record):
    return run(guide_text, record)


def test_the_real_guide_reports_its_known_faults(baseline):
    shown = [(f.kind, f.severity, f.guide_words) for f in baseline.findings
             if f.section == "1.2.2" and f.kind != "placeholder_text"]
    assert shown == [("inconsistent_name", "warning", "电子营业小程序"),
                     ("names_image", "info", "背景图片"),
                     ("invalid_example", "error", "9301fvfdwer3423fs32"),
                     ("label_missing", "error", "账户信息"),
                     ("inconsistent_name", "warning", "账户信息")]
    assert [f.severity for f in found(baseline, "placeholder_text")] == ["warning"]
    assert not found(baseline, "position_wrong") and not found(baseline, "field_not_in_guide")
    assert not found(baseline, "url_mismatch")


def line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if words in line)


def test_a_footer_of_stand_ins_is_one_finding_that_points_at_the_real_one(baseline, guide_text):
    footer = line_of(guide_text, "hi@XXXXXX.com")
    real = line_of(guide_text, "中华人民共和国外交部 版权所有")
    on_line = [f for f in baseline.findings if f.line == footer]
    assert [(f.kind, f.severity) for f in on_line] == [("placeholder_text", "warning")]
    f = on_line[0]
    pieces = ["hi@XXXXXX.com", "©2021 XXXXXXXXX.com", "北京ICP备XXXXXX号"]
    assert f.extra["pieces"] == pieces and all(f"「{p}」" in f.message for p in pieces)
    assert f"指南第 {real} 行" in f.message and "运行中的界面显示的是真实的页脚" in f.message
    # The evidence: the guide's real footer and the one the run's screen showed, on its screenshot.
    assert f"指南第 {real} 行写作「中华人民共和国外交部" in f.screen and "京ICP备06038296号" in f.screen
    assert f.screenshot and f.highlight is not None


def test_stand_ins_take_in_only_their_own_words(guide_text, record):
    # A renamed label on the same line as a stand-in stays an error of its own.
    analysis = run(changed(guide_text, "关于我们 中国领事 服务条款", "关于我们 中国领事XXX 服务须知"), record)
    line = line_of(guide_text, "关于我们 中国领事 服务条款")
    on_line = {(f.kind, f.severity, f.guide_words) for f in analysis.findings if f.line == line}
    assert on_line == {("placeholder_text", "warning", "关于我们 中国领事XXX 服务须知"),
                       ("label_missing", "error", "服务须知")}


def test_missing_words_of_one_line_are_one_finding(guide_text, record):
    analysis = run(changed(guide_text, "上一步 下一步", "返回 继续"), record)
    missing = [f for f in found(analysis, "label_missing") if f.line == line_of(guide_text, "上一步 下一步")]
    assert len(missing) == 1
    assert "「返回」「继续」" in missing[0].message and missing[0].extra["pieces"] == ["返回", "继续"]


def test_a_word_for_a_picture_is_information_not_drift(baseline, guide_text, record):
    image = found(baseline, "names_image")
    assert [(f.guide_words, f.severity) for f in image] == [("背景图片", "info")]
    assert "图片" in image[0].message and "不是文字标签" in image[0].message and image[0].screenshot
    assert "背景图片" not in [f.guide_words for f in found(baseline, "label_missing")]
    # Generic: any picture word; a button that acts on pictures is still a label.
    assert [f.guide_words for f in found(run(changed(guide_text, "背景图片", "企业logo"), record), "names_image")] \
        == ["企业logo"]
    uploaded = run(changed(guide_text, "背景图片", "上传图片"), record)
    assert not found(uploaded, "names_image")
    assert "上传图片" in [f.guide_words for f in found(uploaded, "label_missing")]


def test_labels_the_screens_show_are_not_reported(baseline, record):
    reported = {normalize(f.guide_words) for f in found(baseline, "label_missing")}
    for shown in ("登录", "确认", "电子营业执照扫码登录", "企业名称", "统一社会信用代码", "账号信息",
                  "请输入邮箱账号", "我已阅读并同意《中国领事用户协议》和《隐私政策》", "中华人民共和国外交部 版权所有",
                  "可下载执照记录", "执照下载声明", "下级授权", "全业务授权", "全部事项", "请选择", "请输入"):
        assert normalize(shown) not in reported
    # And whatever is reported is truly absent from the screens of its section.
    for f in found(baseline, "label_missing"):
        screens = {t for sc in record.for_section(f.section) for st in sc.steps
                   for sh in st.shots.values() for s in sh.strings() for t in tokens(s)}
        assert normalize(f.guide_words) not in screens


@pytest.mark.parametrize("old, new, section, words", [
    ("点击右上角【登录】按钮", "点击右上角【登陆】按钮", "1.1", "【登陆】"),
    ("选择授权方式为“全业务授权”, 对应", "选择授权方式为“全部业务授权”, 对应", "1.2.1.3", "“全部业务授权”"),
    ("*邮箱账号: 请输入邮箱账号", "*邮箱地址: 请输入邮箱账号", "1.2.2", "*邮箱地址"),
    ("*确认密码: 请输入再次确认密码", "*确认密码: 请再次输入密码", "1.2.2", "请再次输入密码"),
])
def test_a_renamed_label_is_reported_at_its_section(guide_text, record, old, new, section, words):
    analysis = run(changed(guide_text, old, new), record)
    assert words in [f.guide_words for f in found(analysis, "label_missing", section)]


def test_a_renamed_label_says_what_the_screen_showed(guide_text, record):
    analysis = run(changed(guide_text, "点击右上角【登录】按钮", "点击右上角【登陆】按钮"), record)
    finding = next(f for f in found(analysis, "label_missing", "1.1"))
    assert finding.screen == "界面显示「登录」" and finding.screenshot and finding.severity == "error"


@pytest.mark.parametrize("line, field", [("*法人姓名: 张三", "法人姓名"), ("员工人数: 请输入", "员工人数")])
def test_a_dropped_field_is_reported_at_its_section(guide_text, record, line, field):
    analysis = run(changed(guide_text, line + "\n", ""), record)
    reported = [normalize(f.screen) for f in found(analysis, "field_not_in_guide", "1.2.2")]
    assert reported == [field]


def test_fields_dropped_from_one_screen_are_one_finding(guide_text, record):
    text = changed(changed(guide_text, "*法人姓名: 张三\n", ""), "员工人数: 请输入\n", "")
    dropped = found(run(text, record), "field_not_in_guide", "1.2.2")
    assert len(dropped) == 1 and "法人姓名」「员工人数」" in dropped[0].message
    assert [normalize(x) for x in dropped[0].screen.split("；")] == ["法人姓名", "员工人数"]


def test_a_moved_position_word_is_reported_at_its_section(guide_text, record):
    text = changed(guide_text, "点击右上角【登录】按钮", "点击【登录】按钮")
    text = changed(text, "点击【确认】按钮", "点击右上角【确认】按钮")
    analysis = run(text, record)
    wrong = found(analysis, "position_wrong")
    assert [(f.section, f.guide_words) for f in wrong] == [("1.3", "右上角【确认】")]
    assert wrong[0].highlight is not None and "底部" not in wrong[0].message


def test_a_changed_position_word_is_reported(guide_text, record):
    analysis = run(changed(guide_text, "点击右上角【登录】按钮", "点击左下角【登录】按钮"), record)
    assert [f.section for f in found(analysis, "position_wrong")] == ["1.1"]


@pytest.mark.parametrize("old, new, reported", [
    ("9301fvfdwer3423fs32", "91350100M000100Y43", []),
    ("9301fvfdwer3423fs32", "91350100M000100Y44", ["91350100M000100Y44"]),
    ("*企业联系电话: 请输入", "*企业联系电话: 12345", ["9301fvfdwer3423fs32", "12345"]),
    ("*企业联系电话: 请输入", "*企业联系电话: 13800138000", ["9301fvfdwer3423fs32"]),
])
def test_example_values_are_judged_by_the_portals_rules(guide_text, record, old, new, reported):
    analysis = run(changed(guide_text, old, new), record)
    assert [f.guide_words for f in found(analysis, "invalid_example", "1.2.2")] == reported


def test_one_name_for_one_element_is_not_reported(guide_text, record):
    text = changed(guide_text, "电子营业执照扫码 企业信息 账户信息", "电子营业执照扫码 企业信息 账号信息")
    text = changed(text, "使用电子营业小程序扫描", "使用电子营业执照小程序扫描")
    analysis = run(text, record)
    assert not found(analysis, "inconsistent_name")
    assert "账号信息" not in [f.guide_words for f in found(analysis, "label_missing")]


def test_a_section_without_scenarios_is_reported_not_dropped(baseline):
    assert [f.section for f in found(baseline, "not_covered") if f.item is None] == ["1.2.1.1"]
    result = next(r for r in baseline.sections if r.section.id == "1.2.1.1")
    assert result.mark == "not_covered"
    assert {r.status for r in result.claims} == {"unchecked"}


def test_items_left_out_beside_tagged_ones_are_reported(baseline):
    refs = {f"{f.section}-{f.item}" for f in found(baseline, "not_covered") if f.item}
    assert {"1.2.1.2-3.2", "1.2.1.3-2", "1.3-3"} <= refs
    assert "1.2.2-3.1" not in refs


def test_items_of_a_parent_section_say_whose_scenarios_cover_them(baseline, tmp_path, guide_text):
    # The sample has no scenario for §1 as a whole: its steps count only through §1.1–§1.3's.
    first = next(r for r in baseline.sections if r.section.id == "1")
    assert [(i.item.id, i.mark, i.coverage.source) for i in first.items] == [
        (n, "verified", "subsections") for n in ("1", "2", "3", "4")]
    assert not first.items[0].coverage.own and first.items[0].coverage.from_subsections
    # A section's own items stay "own".
    login = next(r for r in baseline.sections if r.section.id == "1.3")
    assert {i.coverage.source for i in login.items} == {"own", "none"}

    def walk_all(data):
        sc = next(s for s in data["scenarios"] if s["name"] == "经办人扫码注册企业账号")
        sc["tags"].append("guide-1")
    analysis = run(guide_text, load_record(raw_record(tmp_path, walk_all)))
    first = next(r for r in analysis.sections if r.section.id == "1")
    assert {i.coverage.source for i in first.items} == {"own"}
    assert [s.name for s in first.items[0].coverage.own] == ["经办人扫码注册企业账号"]
    assert "经办人扫码注册企业账号" not in [s.name for s in first.items[0].coverage.from_subsections]


def raw_record(tmp_path, change) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "run-record.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_failed_scenario_fails_its_section(tmp_path, guide_text):
    def fail_login(data):
        sc = next(s for s in data["scenarios"] if s["name"] == "企业账号登录")
        sc["status"], sc["steps"][-1]["status"] = "failed", "failed"
        sc["steps"][-1]["error"] = "AssertionError: 未登录"
    analysis = run(guide_text, load_record(raw_record(tmp_path, fail_login)))
    failed = found(analysis, "scenario_failed")
    assert [(f.section, f.scenario) for f in failed] == [("1.3", "企业账号登录")]
    assert next(r for r in analysis.sections if r.section.id == "1.3").mark == "failed"
    assert analysis.exit_code(set()) == 1


def test_a_renumbered_revision_reports_tags_that_point_nowhere(guide_text, record):
    text = changed(guide_text, "### 1.3. 系统登录 {#s-1.3}", "### 1.4. 系统登录 {#s-1.4}")
    analysis = run(text, record)
    assert {f.section for f in found(analysis, "tag_unknown_section")} == {"1.3"}
    # §1.4 is covered all the same: the scenarios whose tags name no section of it are matched by what they showed
    assert [f.section for f in found(analysis, "not_covered") if f.item is None] == ["1.2.1.1"]


def test_tags_that_point_nowhere_are_reported(tmp_path, guide_text):
    def retag(data):
        data["scenarios"][0]["tags"] = ["guide-1.1-9", "guide-one"]
    analysis = run(guide_text, load_record(raw_record(tmp_path, retag)))
    messages = " ".join(f.message for f in found(analysis, "tag_unknown_section"))
    assert "guide-1.1-9" in messages and "guide-one" in messages


def test_a_copy_of_the_record_is_independent(record):
    # Guard for the tests above: analysing never mutates the loaded record.
    before = copy.deepcopy([s.status for s in record.scenarios])
    assert before == ["passed"] * len(record.scenarios)
