"""What a writer takes away besides the pages: failure detail, the Markdown with locations and marked words, the
suggested fixes as a patch that removes their findings, the guide's own pictures brought up to date, and the
figures whose picture changed since the previous run."""
import json
import re
import shutil
import subprocess

import pytest

from illustrated_records import GUIDE, png, report, write_record
from validator.analysis import analyse
from validator.guide import parse_guide, parse_text
from validator.patch import suggest_patch
from validator.record import load_record

PLAYWRIGHT_ERROR = """AssertionError: Locator expected to contain text '验证码已发送'
Actual value: 验证码已发出至 a@example.com，10分钟内有效
Call log:
  - Expect "to_contain_text" get_by_role("status") with timeout 5000ms
  - waiting for get_by_role("status")
    14 × locator resolved to <p role="status" class="notice">验证码已发出至 a@example.com，10分钟内有效</p>"""


def fail_registration(data):
    """The registration scenario fails at its last step, as a Playwright expect does, with a trace kept."""
    sc = next(s for s in data["scenarios"] if "guide-1.2.2" in s["tags"])
    sc["status"], sc["error"] = "failed", PLAYWRIGHT_ERROR
    sc["traces"] = ["traces/注册/portal.zip"]
    step = [st for st in sc["steps"] if st["shots"]][-1]
    step["status"], step["error"] = "failed", PLAYWRIGHT_ERROR
    shot = step["shots"].get("portal") or next(iter(step["shots"].values()))
    shot["texts"].append({"text": "验证码已发出至 a@example.com，10分钟内有效", "role": "status", "kind": "text",
                          "x": 300, "y": 370, "width": 600, "height": 38})


def test_a_failed_scenario_shows_expected_actual_the_element_and_the_trace(tmp_path):
    report(write_record(tmp_path, fail_registration), tmp_path / "out")
    html = (tmp_path / "out" / "illustrated-guide.html").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    failed = next(f for f in data["findings"] if f["kind"] == "scenario_failed")
    card = html[html.index(f'id="{failed["id"]}"'):]
    card = card[:card.index('<div class="finding', 10) if '<div class="finding' in card[10:] else len(card)]
    assert "<dt>期望</dt><dd><code>to contain text &#x27;验证码已发送&#x27;</code>" in card
    assert "<dt>实际</dt><dd><code>验证码已发出至 a@example.com，10分钟内有效</code>" in card
    assert 'get_by_role(&quot;status&quot;)' in card
    assert re.search(r'<a class="hl error"[^>]*title="失败的检查所看的元素', card)
    trace = f"{tmp_path.as_posix()}/traces/注册/portal.zip"
    assert f"<code>playwright show-trace {trace}</code>" in card


def test_markdown_keeps_each_findings_location_and_marks_the_drifted_words(tmp_path):
    report(write_record(tmp_path), tmp_path / "out", "--repo-url", "https://git.example.cn/apec/blob/main")
    md = (tmp_path / "out" / "illustrated-guide.md").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    cut = next(f for f in data["findings"] if f["kind"] == "inconsistent_name" and f["line"] == 111)
    assert f"被授权的经办人使用<mark>电子营业小程序</mark><sup>[{cut['code']}](#{cut['id']})</sup>扫描二维码" in md
    assert f'<a id="{cut["id"]}"></a>' in md
    assert ("位置：第 1.2.2 节第 3 条 · [指南第 111 行]"
            "(https://git.example.cn/apec/blob/main/guide/hunan-apec-account-registration.md#L111)") in md
    # a transcribed screen stays a code block; its drifted line follows, its words marked
    assert "电子营业执照扫码 企业信息 <mark>账户信息</mark>" in md and "```text\n中国领事服务网" in md


def fixable(findings):
    return sorted((f.kind, f.guide_words) for f in findings if f.fix is not None)


def test_the_suggested_patch_applied_with_git_removes_the_findings_it_fixes(tmp_path):
    record = load_record(write_record(tmp_path / "run"))
    before = analyse(parse_guide(GUIDE), record).findings
    assert len(fixable(before)) == 5  # the cut name, the credit code, the stand-in footer, the typo twice
    patch = suggest_patch(GUIDE.read_text(encoding="utf-8"), before, "guide/hunan-apec-account-registration.md")
    assert "-电子营业执照扫码 企业信息 账户信息\n+电子营业执照扫码 企业信息 账号信息\n" in patch.diff
    (tmp_path / "repo" / "guide").mkdir(parents=True)
    shutil.copy(GUIDE, tmp_path / "repo" / "guide")
    (tmp_path / "fixes.diff").write_text(patch.diff, encoding="utf-8")
    subprocess.run(["git", "apply", str(tmp_path / "fixes.diff")], cwd=tmp_path / "repo", check=True)
    after = analyse(parse_guide(tmp_path / "repo" / "guide" / GUIDE.name), record).findings
    assert fixable(after) == []
    assert {f.kind for f in before} - {f.kind for f in after} == {
        "invalid_example", "placeholder_text", "label_missing", "inconsistent_name"}


def test_update_guide_links_this_runs_pictures_and_leaves_drifted_ones(tmp_path):
    record = write_record(tmp_path / "run")
    guide = tmp_path / "docs" / GUIDE.name
    guide.parent.mkdir()
    shutil.copy(GUIDE, guide)
    slots_before = len(parse_guide(guide).slots())
    assert report(record, tmp_path / "out", "--update-guide", guide=guide) == 1
    text = guide.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert links and all((guide.parent / link).is_file() for link in links)
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    first = next(f for f in data["figures"] if f["screenshots"])  # figure 1, §1.1: verified
    fresh = (tmp_path / "out" / first["screenshots"][0]["path"]).read_bytes()
    assert (guide.parent / links[0]).read_bytes() == fresh
    # §1.2.2 item 3 holds the cut name: its picture is the writer's to check, so its marker stays
    lines = text.split("\n")
    item3 = next(n for n, l in enumerate(lines) if l.startswith("3. 被授权的经办人使用电子营业小程序"))
    assert "<!-- screenshot -->" in lines[item3 + 2]
    assert len(parse_guide(guide).slots()) == slots_before  # still read as the same screenshot places


def test_figures_whose_picture_changed_since_the_previous_run_are_marked(tmp_path):
    old = write_record(tmp_path / "old")
    assert report(old, tmp_path / "old" / "guide") == 1
    new = write_record(tmp_path / "new")
    data = json.loads(new.read_text(encoding="utf-8"))
    login = next(s for s in data["scenarios"] if s["name"] == "企业账号登录")
    changed = {sh["screenshot"] for st in login["steps"] for sh in st["shots"].values()}
    for rel in changed:
        png(tmp_path / "new" / rel, 1280, 1000, (200, 30, 30))
    report(new, tmp_path / "new" / "guide", "--previous", str(tmp_path / "old" / "guide" / "report.json"))
    html = (tmp_path / "new" / "guide" / "illustrated-guide.html").read_text(encoding="utf-8")
    marked = re.findall(r'<figure id="(fig-\d+)">(?:(?!</figure>).)*自上次运行以来有变化', html, re.S)
    report_data = json.loads((tmp_path / "new" / "guide" / "report.json").read_text(encoding="utf-8"))
    expected = [f"fig-{n}" for n, fig in enumerate(report_data["figures"], 1) if fig["scenario"] == "企业账号登录"]
    assert expected and marked == expected
    md = (tmp_path / "new" / "guide" / "illustrated-guide.md").read_text(encoding="utf-8")
    assert md.count("自上次运行以来有变化") == len(expected)


@pytest.mark.parametrize("kind, old, new", [
    ("inconsistent_name", "电子营业小程序", "电子营业执照小程序"),
    ("label_missing", "账户信息", "账号信息"),
])
def test_a_check_that_knows_the_replacement_suggests_it(kind, old, new):
    analysis = analyse(parse_text(GUIDE.read_text(encoding="utf-8")), load_record(GUIDE.parents[1] / "tests" / "unit"
                                                                                  / "data" / "run-record-sample.json"))
    fixes = [(f.fix.old, f.fix.new) for f in analysis.findings if f.kind == kind and f.fix]
    assert (old, new) in fixes
