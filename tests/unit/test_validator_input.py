"""Bad input is one clear line on stderr naming the input, exit 2, and no traceback: an empty guide or one without
the transcription's conventions, a run record that fails its schema, an output folder that cannot be written."""
import json
import os

import pytest

from validator_records import GUIDE, report, sample, write_record


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = [l for l in err.splitlines() if l.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    assert lines[0].startswith("error:")
    return lines[0]


@pytest.mark.parametrize("text", ["", "\n\n", "# 某某指南\n\n正文一段，没有编号的章节，也没有截图标记。\n"],
                         ids=["empty", "blank", "plain-markdown"])
def test_a_guide_that_is_not_a_transcription_is_refused(tmp_path, capsys, text):
    guide = tmp_path / "guide.md"
    guide.write_text(text, encoding="utf-8")
    code = report(write_record(tmp_path / "run"), tmp_path / "out", guide=guide)
    line = one_error_line(capsys)
    assert code == 2
    assert str(guide) in line and "guide" in line
    assert not (tmp_path / "out" / "report.json").exists()


def test_a_guide_that_is_not_utf8_is_refused(tmp_path, capsys):
    guide = tmp_path / "guide.md"
    guide.write_bytes("## 1. 注册流程 {#s-1}\n".encode("gb18030"))
    assert report(write_record(tmp_path / "run"), tmp_path / "out", guide=guide) == 2
    assert str(guide) in one_error_line(capsys)


def bad_records():
    def deep(d):
        d["scenarios"][0]["steps"][0]["shots"]["portal"]["texts"][0]["x"] = "1;background:url(x)"
    return {
        "list-not-object": [1, 2, 3],
        "string-for-scenarios": dict(sample(), scenarios="全部通过"),
        "string-for-steps": (lambda d: (d["scenarios"][1].__setitem__("steps", "none"), d)[1])(sample()),
        "number-as-text": (lambda d: (deep(d), d)[1])(sample()),
        "status-unknown": (lambda d: (d["scenarios"][0].__setitem__("status", "<b>ok</b>"), d)[1])(sample()),
    }


EXPECTED_FIELD = {"list-not-object": "$", "string-for-scenarios": "scenarios",
                  "string-for-steps": "scenarios/1/steps",
                  "number-as-text": "scenarios/0/steps/0/shots/portal/texts/0/x",
                  "status-unknown": "scenarios/0/status"}


@pytest.mark.parametrize("name", list(EXPECTED_FIELD))
def test_a_record_of_the_wrong_shape_names_the_field(tmp_path, capsys, name):
    record = tmp_path / "run-record.json"
    record.write_text(json.dumps(bad_records()[name], ensure_ascii=False), encoding="utf-8")
    code = report(record, tmp_path / "out")
    line = one_error_line(capsys)
    assert code == 2
    assert str(record) in line and EXPECTED_FIELD[name] in line


def test_a_deeply_nested_record_is_refused(tmp_path, capsys):
    record = tmp_path / "run-record.json"
    record.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert report(record, tmp_path / "out") == 2
    line = one_error_line(capsys)
    assert str(record) in line and "nest" in line


def test_a_huge_record_is_refused_before_it_is_read(tmp_path, capsys):
    record = tmp_path / "run-record.json"
    with open(record, "wb") as out:  # sparse: costs no disk
        out.truncate(3 * 1024 ** 3)
    assert report(record, tmp_path / "out") == 2
    line = one_error_line(capsys)
    assert str(record) in line and "MB" in line


def test_a_record_that_is_not_json_is_refused(tmp_path, capsys):
    record = tmp_path / "run-record.json"
    record.write_text('{"schema": 1, "scenarios": [', encoding="utf-8")
    assert report(record, tmp_path / "out") == 2
    assert str(record) in one_error_line(capsys)


def test_one_bad_record_of_several_is_named(tmp_path, capsys):
    good = write_record(tmp_path / "reports-1")
    bad = tmp_path / "reports-2" / "run-record.json"
    bad.parent.mkdir()
    data = sample()
    data["scenarios"][0]["name"] = 3
    bad.write_text(json.dumps(data), encoding="utf-8")
    code = main_report([good, bad], tmp_path / "out")
    line = one_error_line(capsys)
    assert code == 2 and str(bad) in line and "scenarios/0/name" in line


def main_report(records, out):
    from validator.cli import main
    args = ["report", "--guide", str(GUIDE), "--out", str(out), "--formats", "json"]
    for r in records:
        args += ["--record", str(r)]
    return main(args)


def test_an_output_folder_that_cannot_be_written_is_refused(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code = report(write_record(tmp_path / "run"), blocker / "guide")
    line = one_error_line(capsys)
    assert code == 2 and str(blocker / "guide") in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_a_read_only_output_folder_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    assert report(write_record(tmp_path / "run"), out) == 2
    assert str(out) in one_error_line(capsys)
