"""Marks that add up: a section shows its own result and the worst of its sub-sections, the headers give the
overall verdict and the findings by severity, and a partial run says which sections it did not run."""
import json
import re

import pytest

from validator_records import report, scenario, write_record


def fail_login(data):
    sc = scenario(data, "guide-1.3-1")
    sc["status"] = "failed"
    sc["steps"][-1]["status"] = "failed"
    sc["steps"][-1]["error"] = "AssertionError: 登录后没有进入首页"


@pytest.fixture(scope="module")
def failed_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rollup")
    code = report(write_record(folder, fail_login), folder / "guide")
    return code, folder / "guide"


def test_a_parent_section_shows_its_sub_sections_failure(failed_run):
    code, out = failed_run
    assert code == 1
    sections = {s["id"]: s for s in json.loads((out / "report.json").read_text(encoding="utf-8"))["sections"]}
    # §1 has text of its own (its four steps); §1.3 below it failed
    assert sections["1.3"]["own_mark"] == "failed"
    assert sections["1"]["subsections_mark"] == "failed"
    assert sections["1"]["mark"] == "failed"
    assert sections["1"]["own_mark"] != "failed"
    assert sections["1.3"]["subsections_mark"] is None  # no sub-sections: nothing to roll up


def test_the_summary_table_and_headings_show_both_marks(failed_run, capsys):
    _, out = failed_run
    html = (out / "illustrated-guide.html").read_text(encoding="utf-8")
    heading = re.search(r'<section id="s-1"><h2>(.*?)</h2>', html).group(1)
    assert "失败" in heading and "子节" in heading
    md = (out / "illustrated-guide.md").read_text(encoding="utf-8")
    line = next(l for l in md.splitlines() if l.startswith("## 1. 注册流程"))
    assert "子节" in line and "失败" in line


def test_terminal_summary_has_own_and_subsection_columns(tmp_path, capsys):
    report(write_record(tmp_path, fail_login), tmp_path / "guide")
    out = capsys.readouterr().out
    row = next(l for l in out.splitlines() if l.startswith("1 "))
    assert "失败" in row  # the worst of §1's sub-sections
    assert re.search(r"错误 error: \d+.*警告 warning: \d+.*提示 info: \d+", out)


def test_html_header_gives_the_overall_verdict_and_counts(failed_run):
    _, out = failed_run
    html = (out / "illustrated-guide.html").read_text(encoding="utf-8")
    head = html[:html.index("<section")]
    assert "不通过" in head
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    counts = data["summary"]["findings"]
    assert f"错误 {counts['error']}" in head and f"警告 {counts['warning']}" in head
    assert data["summary"]["verdict"] == "failed"


def only_login(data):
    data["scenarios"] = [s for s in data["scenarios"] if any(t.startswith("guide-1.3") for t in s["tags"])]
    data["selection"] = {"markexpr": "guide-1.3", "keyword": "", "args": []}


def test_a_partial_run_says_which_sections_it_did_not_run(tmp_path, capsys):
    code = report(write_record(tmp_path, only_login), tmp_path / "guide")
    out = capsys.readouterr().out
    data = json.loads((tmp_path / "guide" / "report.json").read_text(encoding="utf-8"))
    sections = {s["id"]: s for s in data["sections"]}
    assert data["summary"]["partial"] is True
    assert "1.1" in data["summary"]["not_run_sections"] and "1.3" not in data["summary"]["not_run_sections"]
    assert sections["1.1"]["mark"] == "not_run" and sections["1.1"]["mark_text"] == "未运行"
    assert sections["1.3"]["mark"] == "verified"
    assert not [f for f in data["findings"] if f["kind"] == "not_covered" and f["section"] == "1.1"]
    assert "未运行" in out and "1.1" in out.split("未运行")[-1]
    # what did not run is said, not failed: only the guide's invalid example (checked without a run) fails it
    assert code == 1 and {f["kind"] for f in data["findings"] if f["severity"] == "error"} == {"invalid_example"}


def test_a_full_run_leaves_an_uncovered_section_not_covered(tmp_path):
    report(write_record(tmp_path), tmp_path / "guide")
    data = json.loads((tmp_path / "guide" / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["partial"] is False and data["summary"]["not_run_sections"] == []
    assert {s["id"]: s["mark"] for s in data["sections"]}["1.2.1.1"] == "not_covered"


def only_first_login_item(data):
    data["scenarios"] = [s for s in data["scenarios"] if "guide-1.3-1" in s["tags"]]
    data["selection"] = {"markexpr": "guide-1.3-1", "keyword": "", "node_ids": [], "group": None}


def test_items_a_partial_run_left_out_are_not_run_not_uncovered(tmp_path):
    report(write_record(tmp_path, only_first_login_item), tmp_path / "guide")
    data = json.loads((tmp_path / "guide" / "report.json").read_text(encoding="utf-8"))
    login = {s["id"]: s for s in data["sections"]}["1.3"]
    items = {i["id"]: i["mark"] for i in login["items"]}
    assert items["1"] == "verified" and items["2"] == "not_run"
    assert not [f for f in data["findings"] if f["kind"] == "not_covered"]
