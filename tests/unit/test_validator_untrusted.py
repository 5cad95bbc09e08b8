"""A run record is an artifact from another machine: its screenshot paths must stay inside its own folder (after
symlinks) and name real PNGs, and nothing it says reaches the HTML or the Markdown unescaped."""
import base64
import json
import os

import pytest

from validator_records import PNG, report, scenario, write_record

SECRET = b"root:x:0:0:secret-marker:/root:/bin/bash\n"


def first_shot(data):
    return scenario(data, "guide-1.1")["steps"][0]["shots"]["portal"]


def hostile_path(tmp_path, name):
    """A record whose §1.1 screenshot is hostile, and the bytes it must not leak."""
    outside = tmp_path / "secret"
    outside.write_bytes(SECRET)
    folder = tmp_path / "a" / "b" / "run"
    folder.mkdir(parents=True)
    if name == "absolute":
        target = str(outside)
    elif name == "dotdot":
        target = "../../../secret"
    elif name == "symlink":
        link = folder / "screenshots" / "link.png"
        link.parent.mkdir(parents=True)
        os.symlink(outside, link)
        target = "screenshots/link.png"
    elif name == "symlinked-folder":
        (folder / "screenshots").symlink_to(tmp_path, target_is_directory=True)
        target = "screenshots/secret"
    elif name == "not-png":
        (folder / "shots").mkdir()
        (folder / "shots" / "x.png").write_bytes(SECRET)
        target = "shots/x.png"

    def change(data):
        first_shot(data)["screenshot"] = target
    return write_record(folder, change), target


@pytest.mark.parametrize("name", ["absolute", "dotdot", "symlink", "symlinked-folder", "not-png"])
def test_a_screenshot_outside_the_record_or_not_a_png_is_refused(tmp_path, name):
    record, target = hostile_path(tmp_path, name)
    out = tmp_path / "out"
    report(record, out)
    html = (out / "illustrated-guide.html").read_text(encoding="utf-8")
    md = (out / "illustrated-guide.md").read_text(encoding="utf-8")
    assert base64.b64encode(SECRET).decode()[:20] not in html
    for copy in (out / "images").glob("*"):
        assert copy.read_bytes() != SECRET and copy.read_bytes().startswith(b"\x89PNG")
    assert "截图被拒绝" in html and "截图被拒绝" in md
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    refused = [f for f in data["findings"] if f["kind"] == "screenshot_refused"]
    assert refused and refused[0]["severity"] == "warning" and target in refused[0]["message"]
    for fig in data["figures"]:
        for shot in fig["screenshots"]:
            assert shot["path"] is None or (out / shot["path"]).read_bytes() != SECRET


def test_a_good_png_inside_the_folder_is_shown(tmp_path):
    record = write_record(tmp_path / "run")
    report(record, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert not [f for f in data["findings"] if f["kind"] == "screenshot_refused"]
    html = (tmp_path / "out" / "illustrated-guide.html").read_text(encoding="utf-8")
    assert base64.b64encode(PNG).decode() in html and "截图被拒绝" not in html


SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
MD_LINK = "[点我](javascript:alert(1))"
MD_IMAGE = "![追踪](http://evil.example/t.png)"


def poisoned(data):
    login = scenario(data, "guide-1.1")
    login["name"] = f"从首页进入登录页面{SCRIPT}{MD_LINK}"
    login["status"] = "failed"
    login["steps"][-1]["status"] = "failed"
    login["steps"][-1]["error"] = f"AssertionError: {IMG} {MD_IMAGE}"
    login["steps"][0]["text"] = f"我打开领事 APEC 商务旅行卡页面{IMG}{MD_IMAGE}"
    for step in login["steps"]:
        for shot in step["shots"].values():
            shot["texts"].append({"text": f"登陆{SCRIPT}", "role": "text", "x": 1, "y": 1, "width": 5, "height": 5})
    registration = scenario(data, "guide-1.2.2")
    for step in registration["steps"]:
        for shot in step["shots"].values():
            for t in shot["texts"]:
                if t.get("text") == "账号信息":
                    t["text"] = f"账号信息{IMG}"
    data["base_url"] = f"http://x/{SCRIPT}"
    data["started_at"] = f"2026 {SCRIPT}"


@pytest.fixture(scope="module")
def poisoned_outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("poison")
    report(write_record(folder, poisoned), folder / "out")
    return folder / "out"


def test_nothing_from_a_record_reaches_the_html_unescaped(poisoned_outputs):
    html = (poisoned_outputs / "illustrated-guide.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "<img src=x" not in html and 'onerror="' not in html
    assert "&lt;script&gt;" in html  # shown, as text


def test_nothing_from_a_record_reaches_the_markdown_unescaped(poisoned_outputs):
    md = (poisoned_outputs / "illustrated-guide.md").read_text(encoding="utf-8")
    assert "<script" not in md.lower() and "<img" not in md.lower()
    assert "](javascript:" not in md and "](http://evil" not in md
    assert "&lt;script&gt;" in md or "\\<script" in md


def test_nothing_from_a_record_reaches_the_terminal_as_control_characters(tmp_path, capsys):
    def escape_codes(data):
        login = scenario(data, "guide-1.1")
        login["name"] = "清屏\x1b[2J\x1b]0;title\x07"
        login["status"] = "failed"
        login["steps"][-1]["status"] = "failed"
    report(write_record(tmp_path, escape_codes), tmp_path / "out")
    out = capsys.readouterr().out
    assert "清屏" in out and "\x1b" not in out and "\x07" not in out
