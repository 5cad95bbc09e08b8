"""The validator's own suggested patch leaves a guide that validates: a fix inside words a scenario step was
approved to verify re-approves that link in the same patch (the step kept), and only that link; a hand edit of the
guide, or a step gone from its scenario, still breaks it. Against the recorded whole run, no browser."""
import json
import shutil
import subprocess

import pytest

from validator.analysis import analyse
from validator.findings import Fix
from validator.guide import parse_guide, parse_text
from validator.patch import Edit, Manifest, Patch, Reapproval, by_hand, reapprove, suggest_patch

from validator_records import GUIDE, full_run, full_run_data, write_record
from illustrated_records import report

MANIFEST = GUIDE.with_suffix(".links.json")
GUIDE_NAME = "guide/hunan-apec-account-registration.md"
MANIFEST_NAME = "guide/hunan-apec-account-registration.links.json"
CUT = "被授权的经办人使用电子营业小程序扫描二维码"  # §1.2.2 item 3, line 111, as published and as the steps quote it
FULL = "被授权的经办人使用电子营业执照小程序扫描二维码"


@pytest.fixture(scope="module")
def published(record):
    return analyse(parse_guide(GUIDE), record)


@pytest.fixture(scope="module")
def patch(published):
    return suggest_patch(GUIDE.read_text(encoding="utf-8"), published.findings, GUIDE_NAME,
                         Manifest(MANIFEST.as_posix(), MANIFEST_NAME, MANIFEST.read_text(encoding="utf-8")))


def manifest_part(diff: str) -> str:
    return diff[diff.index(f"--- a/{MANIFEST_NAME}"):]


def applied(tmp_path, diff: str, with_manifest: bool = True):
    """A copy of the repository's guide (and its approved links) with the diff applied by `git apply`."""
    repo = tmp_path / "repo"
    (repo / "guide").mkdir(parents=True)
    shutil.copy(GUIDE, repo / "guide")
    if with_manifest:
        shutil.copy(MANIFEST, repo / "guide")
    (tmp_path / "fixes.diff").write_text(diff, encoding="utf-8")
    subprocess.run(["git", "apply", str(tmp_path / "fixes.diff")], cwd=repo, check=True)
    return repo / "guide" / GUIDE.name


def test_a_fix_inside_an_approved_link_re_approves_it_in_the_same_patch_with_its_step_kept(patch):
    part = manifest_part(patch.diff)
    assert f'-   "guide": "{CUT}",\n-   "sentence": "{CUT}",\n' \
           f'+   "guide": "{FULL}",\n+   "sentence": "{FULL}",\n' in part
    assert part.count(f'    "step": "{CUT}",\n') == 2  # both scenarios' step, unchanged context
    assert [(r.fixed["scenario"], r.fixed["step"], r.fixed["guide"]) for r in patch.reapproved] == [
        ("使用电子营业执照扫描二维码完成注册", CUT, FULL), ("已有账号的企业不能再次扫码注册", CUT, FULL)]


def test_fixes_outside_approved_links_leave_the_manifest_alone(patch):
    # The credit code, the stand-in footer and the typo stand in transcribed screens, which no step quotes.
    changed = [line for line in manifest_part(patch.diff).splitlines()
               if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    assert len(changed) == 8 and all("电子营业" in line for line in changed)
    only_outside = [f for f in patch.applied if f.fix.line != 111]
    assert len(only_outside) == 4
    other = suggest_patch(GUIDE.read_text(encoding="utf-8"), only_outside, GUIDE_NAME,
                          Manifest(MANIFEST.as_posix(), MANIFEST_NAME, MANIFEST.read_text(encoding="utf-8")))
    assert other.reapproved == [] and MANIFEST_NAME not in other.diff


def test_the_guide_with_the_patch_and_its_manifest_applied_keeps_only_the_background_picture_info(
        tmp_path, patch, record):
    guide = applied(tmp_path, patch.diff)
    assert json.loads(guide.with_suffix(".links.json").read_text(encoding="utf-8"))["links"] == patch.links_after
    after = analyse(parse_guide(guide), record)
    assert [f.id for f in after.findings] == ["UI005-e3ad22de"]
    assert after.verdict({"error"}) == "passed"


def test_the_guide_hunks_alone_leave_the_broken_link_the_patch_used_to_leave(tmp_path, published, record):
    guide_only = suggest_patch(GUIDE.read_text(encoding="utf-8"), published.findings, GUIDE_NAME)
    guide = applied(tmp_path, guide_only.diff, with_manifest=False)  # the repository's manifest, untouched
    after = analyse(parse_guide(guide), record)
    broken = [f for f in after.findings if f.code == "LNK001"]
    assert [(f.line, f.message) for f in broken] == [
        (111, f"指南第 111 行现在写「{FULL}」，场景验证的是「{CUT}」")]


def test_a_hand_edit_after_the_re_approval_still_breaks_the_link(patch, record):
    edited = patch.fixed_guide.replace(FULL, "被授权的经办人使用电子营业执照小程序拍摄二维码")
    after = analyse(parse_text(edited, str(GUIDE)), record, approved=patch.links_after)
    assert any(f.code == "LNK001" and f.line == 111 and "场景验证的是「" + FULL + "」" in f.message
               for f in after.findings)


def test_a_re_approved_link_whose_step_left_its_scenario_still_breaks(patch):
    data = full_run_data()
    for sc in data["scenarios"]:
        sc["steps"] = [st for st in sc["steps"] if st["text"] != CUT]
    after = analyse(parse_text(patch.fixed_guide, str(GUIDE)), full_run(data), approved=patch.links_after)
    assert any(f.code == "LNK001" and f"已不再有验证它的步骤「{CUT}」" in f.message for f in after.findings)


ENTRY = {"feature_file": "f.feature", "scenario": "s", "step": "在微信中搜索电子营业小程序", "section": "1.2.2",
         "item": "3", "tagged": True}


@pytest.mark.parametrize("line, guide, sentence, old, new, want_guide, want_sentence", [
    # the fix inside the approved words: both follow it
    ("3. 使用电子营业小程序扫描二维码", "使用电子营业小程序扫描", "使用电子营业小程序扫描二维码", "电子营业小程序",
     "电子营业执照小程序", "使用电子营业执照小程序扫描", "使用电子营业执照小程序扫描二维码"),
    # in the sentence, outside the approved words: only the sentence changes
    ("3. 使用电子营业小程序扫描二维码", "扫描二维码", "使用电子营业小程序扫描二维码", "电子营业小程序",
     "电子营业执照小程序", "扫描二维码", "使用电子营业执照小程序扫描二维码"),
    # across the approved words' start: they grow over the new words
    ("3. 使用电子营业小程序扫描二维码", "营业小程序扫描二维码", "使用电子营业小程序扫描二维码", "电子营业小程序",
     "电子营业执照小程序", "电子营业执照小程序扫描二维码", "使用电子营业执照小程序扫描二维码"),
])
def test_a_re_approved_entry_takes_the_fixed_words(line, guide, sentence, old, new, want_guide, want_sentence):
    entry = dict(ENTRY, guide=guide, sentence=sentence)
    fixed = reapprove(entry, Edit(Fix(1, old, new), "1.2.2", line, line.index(old)))
    assert (fixed["guide"], fixed["sentence"], fixed["step"]) == (want_guide, want_sentence, ENTRY["step"])


@pytest.mark.parametrize("line, sentence, section", [
    ("进入首页。使用电子营业小程序扫描二维码", "进入首页", "1.2.2"),  # the fix is in the line's other sentence
    ("使用电子营业小程序扫描二维码", "使用电子营业小程序扫描二维码", "1.3"),  # the same words in another section
    ("打开电子营业小程序", "使用电子营业小程序扫描二维码", "1.2.2"),  # the entry's sentence is not on this line
])
def test_an_entry_the_fix_does_not_touch_is_left_alone(line, sentence, section):
    entry = dict(ENTRY, guide=sentence, sentence=sentence)
    old = "电子营业小程序"
    assert reapprove(entry, Edit(Fix(1, old, "电子营业执照小程序"), section, line, line.index(old))) is None


def test_report_writes_the_manifest_hunk_and_says_the_patched_guide_passes(tmp_path, capsys):
    record = write_record(tmp_path / "run", data=full_run_data())
    report(record, tmp_path / "out", "--suggest-patch")
    out = capsys.readouterr().out
    diff = (tmp_path / "out" / "guide-fixes.diff").read_text(encoding="utf-8")
    assert f"+++ b/{MANIFEST_NAME}" in diff and f'+   "guide": "{FULL}",' in diff
    assert f"重新批准 re-approved: 2 links in {MANIFEST_NAME}" in out
    assert "应用后 after applying: 结论 verdict 通过 passed (错误 error 0, 警告 warning 0, 提示 info 1)" in out


def test_a_manifest_outside_the_patch_s_reach_is_named_for_the_writer_to_re_approve(tmp_path, capsys):
    # A revision of the guide elsewhere is held to the repository's approved links, which its patch cannot reach.
    guide = tmp_path / "docs" / GUIDE.name
    guide.parent.mkdir()
    shutil.copy(GUIDE, guide)
    record = write_record(tmp_path / "run", data=full_run_data())
    report(record, tmp_path / "out", "--suggest-patch", guide=guide)
    out = capsys.readouterr().out
    diff = (tmp_path / "out" / "guide-fixes.diff").read_text(encoding="utf-8")
    assert "+++ b/" + MANIFEST_NAME not in diff
    assert diff.startswith("# 应用此补丁后，请重新批准以下链接")
    assert f"「{CUT}」→「{FULL}」" in diff and f"「{CUT}」→「{FULL}」" in out
    assert "应用后 after applying: 结论 verdict 不通过 failed (错误 error 1," in out
    assert "应用后新出现 new after applying: LNK001-" in out
    subprocess.run(["git", "apply", str(tmp_path / "out" / "guide-fixes.diff")], cwd=guide.parent, check=True)
    assert FULL in guide.read_text(encoding="utf-8")


def test_a_guide_elsewhere_with_its_own_links_gets_both_hunks_named_from_its_folder(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(GUIDE, docs)
    shutil.copy(MANIFEST, docs)
    record = write_record(tmp_path / "run", data=full_run_data())
    report(record, tmp_path / "out", "--suggest-patch", guide=docs / GUIDE.name)
    diff = (tmp_path / "out" / "guide-fixes.diff").read_text(encoding="utf-8")
    assert f"+++ b/{MANIFEST.name}" in diff and not diff.startswith("#")
    subprocess.run(["git", "apply", str(tmp_path / "out" / "guide-fixes.diff")], cwd=docs, check=True)
    after = analyse(parse_guide(docs / GUIDE.name), full_run())
    assert [f.id for f in after.findings] == ["UI005-e3ad22de"]


def test_the_links_to_re_approve_by_hand_stay_comment_lines_whatever_the_manifest_holds():
    entry = dict(ENTRY, scenario="s\n+++ b/guide/x.md\n@@ -1 +1 @@", guide=CUT, sentence=CUT)
    lines = by_hand(Patch("", reapproved=[Reapproval(entry, dict(entry, guide=FULL))]), "elsewhere.links.json")
    assert len(lines) == 2 and all("\n" not in line for line in lines)
