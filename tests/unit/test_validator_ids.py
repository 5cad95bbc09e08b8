"""Stable finding ids: derived from what a finding is, so the same defect keeps its id across runs, partial runs and
edits elsewhere in the guide; `report --previous OLD.json` lists new, resolved and unchanged findings."""
import json
import re

import pytest

from validator.analysis import analyse
from validator.guide import parse_text
from validator.record import load_record
from validator_records import GUIDE, SAMPLE, report, write_record


@pytest.fixture(scope="module")
def text():
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def record():
    return load_record(SAMPLE)


def ids(analysis) -> dict[tuple, str]:
    return {(f.kind, f.section, f.guide_words): f.id for f in analysis.findings}


def test_an_id_names_its_rule_and_is_not_a_sequence_number(text, record):
    a = analyse(parse_text(text), record)
    for f in a.findings:
        assert re.fullmatch(r"[A-Z]{2,4}\d{3}-[0-9a-f]{8}(-\d+)?", f.id), f.id
        assert f.id.startswith(f.code + "-")
    assert len({f.id for f in a.findings}) == len(a.findings)


def test_ids_survive_a_new_finding_earlier_and_shifted_lines(text, record):
    before = ids(analyse(parse_text(text), record))
    # a new faulty label early in §1.1, and blank lines that move every later line
    edited = text.replace("点击右上角【登录】按钮进入登录页面。",
                          "点击右上角【登录】按钮进入登录页面。点击【不存在的按钮】。\n\n\n", 1)
    after = ids(analyse(parse_text(edited), record))
    new = set(after.values()) - set(before.values())
    assert len(new) == 1
    for key, fid in before.items():
        assert after[key] == fid, key


def test_ids_survive_a_partial_run(text, tmp_path, record):
    full = ids(analyse(parse_text(text), record))
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["scenarios"] = [s for s in data["scenarios"] if "guide-1.2.2" in s["tags"]]
    partial_path = tmp_path / "run-record.json"
    partial_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial = ids(analyse(parse_text(text), load_record(partial_path)))
    shared = [k for k in partial if k[1] == "1.2.2"]
    assert shared
    for key in shared:
        assert partial[key] == full[key], key


def test_report_previous_lists_new_resolved_and_unchanged(tmp_path, text, capsys):
    record = write_record(tmp_path / "run")
    assert report(record, tmp_path / "old") == 1
    old = json.loads((tmp_path / "old" / "report.json").read_text(encoding="utf-8"))
    # the new revision fixes the typo 账户信息 and brings a new fault
    fixed = text.replace("账户信息", "账号信息").replace("点击右上角【登录】按钮", "点击右上角【登陆】按钮", 1)
    guide = tmp_path / "new.md"
    guide.write_text(fixed, encoding="utf-8")
    capsys.readouterr()
    report(record, tmp_path / "new", "--previous", str(tmp_path / "old" / "report.json"), guide=guide)
    out = capsys.readouterr().out
    new = json.loads((tmp_path / "new" / "report.json").read_text(encoding="utf-8"))
    changes = new["changes"]
    old_ids = {f["id"] for f in old["findings"]}
    new_ids = {f["id"] for f in new["findings"]}
    assert set(changes["new"]) == new_ids - old_ids and changes["new"]
    assert set(changes["resolved"]) == old_ids - new_ids and changes["resolved"]
    assert set(changes["unchanged"]) == old_ids & new_ids and changes["unchanged"]
    assert any("账户信息" in f["guide_words"] for f in old["findings"] if f["id"] in changes["resolved"])
    for word in ("新增 new", "已解决 resolved", "未变 unchanged"):
        assert word in out
    html = (tmp_path / "new" / "illustrated-guide.html").read_text(encoding="utf-8")
    assert "已解决" in html and all(fid in html for fid in changes["resolved"])


def test_report_previous_that_is_not_a_report_is_bad_input(tmp_path, capsys):
    bad = tmp_path / "old.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert report(write_record(tmp_path / "run"), tmp_path / "out", "--previous", str(bad)) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err
