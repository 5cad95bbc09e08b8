"""The reports (HTML, JSON, Markdown) and the exit codes of `python -m validator report`."""
import json
import re
from pathlib import Path

import pytest

from validator.analysis import analyse
from validator.cli import main
from validator.guide import parse_text
from validator.html import _Page
from validator.record import load_record
from validator.findings import Highlight
from validator.html_parts import Pictures
from validator.boxes import Box
from validator.record import Shot
from validator_records import GUIDE, PNG, SAMPLE, report, write_record


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
    first = json.loads((out / "report.json").read_text(encoding="utf-8"))["findings"][0]["id"]
    assert f'id="{first}"' in html and f'href="#{first}"' in html


def test_reports_say_which_items_only_sub_sections_cover(outputs):
    # The sample has no scenario for §1 as a whole: its four steps count through §1.1–§1.3 only.
    _, out = outputs
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    sections = {s["id"]: s for s in data["sections"]}
    first = sections["1"]
    assert first["items_by_source"] == {"own": [], "subsections": ["1", "2", "3", "4"], "none": []}
    assert {i["covered_by"] for i in first["items"]} == {"subsections"}
    assert first["items"][0]["own_scenarios"] == [] and "企业账号登录" in first["items"][0]["subsection_scenarios"]
    assert sections["1.3"]["items"][0]["covered_by"] == "own"
    assert sections["1.3"]["items"][0]["own_scenarios"] == ["企业账号登录"]
    html = (out / "illustrated-guide.html").read_text(encoding="utf-8")
    body = re.sub(r'src="[^"]*"', "", html)
    part = body[body.index('<section id="s-1" '):body.index('<section id="s-1.1" ')]
    assert part.count('class="source subsections"') == 4 and "仅由子节场景覆盖" in part
    # A section without sub-sections has only its own scenarios: nothing to tell apart there.
    assert 'class="source' not in body[body.index('<section id="s-1.3" '):]


def test_html_marks_a_picture_word_and_refers_stand_ins_to_one_finding(outputs):
    _, out = outputs
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    image = next(f for f in data["findings"] if f["kind"] == "names_image")
    stand_in = next(f for f in data["findings"] if f["kind"] == "placeholder_text")
    html = (out / "illustrated-guide.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="claim image"[^>]*>背景图片</span><sup class="ref"><a href="#'
                     + image["id"], html)
    for piece in stand_in["extra"]["pieces"]:
        assert re.search(f'>{re.escape(piece)}</span><sup class="ref"><a href="#{stand_in["id"]}"', html)


def test_a_words_reference_goes_to_the_finding_about_it():
    # A stand-in and a renamed label on one line: each word points at its own finding only.
    text = GUIDE.read_text(encoding="utf-8").replace("关于我们 中国领事 服务条款", "关于我们 中国领事XXX 服务须知")
    analysis = analyse(parse_text(text), load_record(SAMPLE))
    line = next(n for n, l in enumerate(text.split("\n"), 1) if "中国领事XXX" in l)
    page = _Page(analysis, images=None)
    assert [f.kind for f in page.refs(line, "服务须知")] == ["label_missing"]
    assert [f.kind for f in page.refs(line, "中国领事XXX")] == ["placeholder_text"]


def test_a_box_below_a_window_sized_screenshot_is_not_drawn_off_it(tmp_path):
    # An older record's screenshot is the window only: a footer below it gets a note instead of a box off the image.
    (tmp_path / "shot.png").write_bytes(PNG)  # 1×1, as a 1280-wide viewport: 1 px stands for 1280 px
    images = type("Store", (), {"data_uri": lambda self, rel: "data:image/png;base64,",
                                "source": lambda self, rel: tmp_path / rel, "refused": lambda self, rel: None})()
    pictures = Pictures(images, {"shot.png": Shot("portal", "shot.png", "", {"width": 1280, "height": 1280}, "", [])})
    inside = pictures.shot("shot.png", "portal", [Box(0, 600, 1280, 20, "error", "x")])
    below = pictures.shot("shot.png", "portal", [Box(0, 1300, 1280, 20, "error", "x")])
    assert 'class="hl error"' in inside and "截图范围外" not in inside
    assert 'class="hl error"' not in below and "截图范围外" in below


def test_markdown_links_images_beside_it(outputs):
    _, out = outputs
    md = (out / "illustrated-guide.md").read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert links and all((out / link).is_file() and not link.startswith("/") for link in links)
    assert "### 1.1. 进入系统 `已验证`" in md and "9301fvfdwer3423fs32" in md
    assert "- (1) 企业法人使用电子营业执照 APP 或小程序领取电子营业执照; `已验证` `仅由子节场景覆盖`" in md


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
