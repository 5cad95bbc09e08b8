"""The reports (HTML, JSON, Markdown) and the exit codes of `python -m validator report`."""
import json
import re
from pathlib import Path

import pytest

from validator.cli import main

HERE = Path(__file__).resolve().parent
GUIDE = HERE.parents[1] / "guide" / "hunan-apec-account-registration.md"
SAMPLE = HERE / "data" / "run-record-sample.json"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def write_record(folder: Path, change=None) -> Path:
    """The sample record in its own folder, with a tiny PNG for every screenshot it names."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    if change:
        change(data)
    for sc in data["scenarios"]:
        for st in sc["steps"]:
            for shot in st["shots"].values():
                path = folder / shot["screenshot"]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(PNG)
    record = folder / "run-record.json"
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return record


def report(record: Path, out: Path, *extra: str) -> int:
    return main(["report", "--record", str(record), "--guide", str(GUIDE), "--out", str(out),
                 "--formats", "html,json,md", *extra])


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    code = report(write_record(folder), folder / "guide")
    return code, folder / "guide"


def test_the_real_guide_fails_on_its_errors(outputs):
    code, _ = outputs
    assert code == 1


def test_json_report_carries_what_ci_needs(outputs):
    _, out = outputs
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["exit_code"] == 1 and data["summary"]["fail_on"] == ["error"]
    assert [s["id"] for s in data["sections"]][:2] == ["1", "1.1"]
    marks = {s["id"]: s["mark_text"] for s in data["sections"]}
    assert marks["1.1"] == "已验证" and marks["1.2.1.1"] == "未覆盖" and marks["1.2.2"] == "与界面不符"
    for f in data["findings"]:
        assert {"severity", "section", "guide_words", "screen", "screenshot", "message", "mark"} <= f.keys()
        if f["screenshot"]:
            assert (out / f["screenshot"]).is_file() and not Path(f["screenshot"]).is_absolute()


def test_html_stands_alone_and_keeps_the_guides_prose_in_order(outputs):
    _, out = outputs
    html = (out / "illustrated-guide.html").read_text(encoding="utf-8")
    sources = re.findall(r'src="([^"]*)"', html)
    assert sources and all(s.startswith("data:image/") for s in sources)
    text = re.sub(r"<[^>]+>", "", html[html.index("<section"):])  # the body, after the overview table
    pos = 0
    for words in ("1.1. 进入系统", "(推荐使用谷歌浏览器)", "1.2.1.3. 授权他人使用执照", "3. 被授权的经办人使用",
                  "电子营业小程序", "1) 输入企业信息:", "9301fvfdwer3423fs32", "1.3. 系统登录", "3. 经办人账号登录"):
        pos = text.find(words, pos)
        assert pos >= 0, words
    for mark in ("已验证", "与界面不符", "未覆盖"):
        assert mark in text
    assert 'id="F001"' in html and 'href="#F001"' in html


def test_markdown_links_images_beside_it(outputs):
    _, out = outputs
    md = (out / "illustrated-guide.md").read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert links and all((out / link).is_file() and not link.startswith("/") for link in links)
    assert "### 1.1. 进入系统 `已验证`" in md and "9301fvfdwer3423fs32" in md


def test_fail_on_chooses_which_severities_fail(tmp_path):
    record = write_record(tmp_path)
    assert report(record, tmp_path / "a", "--fail-on", "none") == 0
    assert report(record, tmp_path / "b", "--fail-on", "warning") == 1


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.update(scenarios=[]), 3),
    (lambda d: [s.update(status="skipped") for s in d["scenarios"]], 3),
    (lambda d: d["scenarios"][0]["steps"][0].update(status="undefined"), 3),
    (lambda d: d["scenarios"][0].update(status="failed"), 1),
])
def test_exit_codes_never_pass_an_empty_or_broken_run(tmp_path, change, expected):
    assert report(write_record(tmp_path, change), tmp_path / "out", "--fail-on", "none") == expected


def test_missing_inputs_are_a_usage_error(tmp_path):
    assert report(tmp_path / "nope.json", tmp_path / "out") == 2
    assert main(["report", "--record", str(write_record(tmp_path)), "--fail-on", "fatal"]) == 2
