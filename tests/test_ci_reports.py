"""The CI reports, read the way their consumers read them, from one real run under pytest-xdist: four scenarios of
two features (one an outline of two rows), one of them failing at its last step.

JUnit is read with junitparser, Cucumber JSON against the feature files' own lines, Allure's result files as the
Allure CLI reads them (when the `allure` extra is installed)."""
import base64
import fcntl
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from junitparser import JUnitXml, Properties

ROOT = Path(__file__).resolve().parent.parent
FAILING_STEP = "进入登录页面"
FAILING_SCENARIO = "打开领事 APEC 商务旅行卡页面并进入登录页面"
PNG = b"\x89PNG\r\n\x1a\n"


def _allure_installed() -> bool:
    try:
        import allure_pytest_bdd  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One child run for the whole test run. Under xdist each worker handed one of these tests builds this module
    fixture: the first runs the child, the others wait on the lock and read its folder and outcome (pytest-xdist's
    recipe for a fixture made once). Each worker still asserts the outcome itself."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's temporary folder, the workers' own ones inside it
    out = shared / "ci-reports"
    with open(shared / "ci-reports.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when this worker dies
        outcome = out / "outcome.json"
        if not outcome.exists():
            out.mkdir()
            result = _child_run(out)
            outcome.write_text(json.dumps({"returncode": result.returncode, "stdout": result.stdout,
                                           "stderr": result.stderr}), encoding="utf-8")
    result = json.loads(outcome.read_text(encoding="utf-8"))
    assert result["returncode"] == 1, result["stdout"][-3000:] + result["stderr"][-3000:]  # exactly the failure planted
    assert "1 failed, 3 passed" in result["stdout"], result["stdout"][-3000:]
    return out


def _child_run(out: Path) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-m", "guide-1.1 or guide-1.2.1.1", "-n", "2",
            "-q", "-p", "failing_step", f"--evidence-dir={out / 'evidence'}", f"--output={out / 'output'}",
            f"--junitxml={out / 'junit.xml'}", f"--cucumber-report={out / 'cucumber.json'}"]
    if _allure_installed():
        args += [f"--alluredir={out / 'allure'}"]  # "=": pytest must not take a folder for a test path
    env = {**os.environ, "APEC_FAIL_STEP": FAILING_STEP,
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "data"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)


def _properties(case) -> list[tuple[str, str]]:
    """A test case's <properties> (junitparser reads them as a child element of the case)."""
    found = case.child(Properties)
    return [(prop.name, prop.value) for prop in found] if found is not None else []


def _feature_lines(feature_file: str) -> list[str]:
    return (ROOT / "features" / Path(feature_file).name).read_text(encoding="utf-8").splitlines()


# JUnit


def test_junit_has_one_class_per_feature_with_tags_and_guide_sections_as_properties(run):
    cases = [case for suite in JUnitXml.fromfile(str(run / "junit.xml")) for case in suite]
    assert sorted({case.classname for case in cases}) == ["电子营业执照", "进入系统"]
    assert sum(case.classname == "电子营业执照" for case in cases) == 3
    for case in cases:
        props = _properties(case)
        assert ("feature", case.classname) in props
        tags = [value for name, value in props if name == "tag"]
        sections = [value for name, value in props if name == "guide_section"]
        if case.classname == "进入系统":
            assert tags == ["@guide-1.1"] and sections == ["1.1"]
        else:
            assert "@guide-1.2.1.1" in tags and sections == ["1.2.1.1"]
        assert not any(name.startswith("junit:") for name, _ in props)  # the private carriers are gone
    scenarios = [value for case in cases for name, value in _properties(case) if name == "scenario"]
    assert len(set(scenarios)) == 4  # outline rows are told apart


def test_junit_attachments_are_one_line_each_and_name_existing_files(run):
    cases = {case.name: case for suite in JUnitXml.fromfile(str(run / "junit.xml")) for case in suite}
    for name, case in cases.items():
        lines = (case.system_out or "").splitlines()
        assert lines, f"{name}: no attachments"
        paths = [re.fullmatch(r"\[\[ATTACHMENT\|(.+)\]\]", line).group(1) for line in lines]
        assert all((ROOT / path).is_file() for path in paths), paths
        assert any(path.endswith(".png") for path in paths)
    failed = [case for case in cases.values() if case.is_failure]
    assert len(failed) == 1
    assert any(line.endswith("portal.zip]]") for line in failed[0].system_out.splitlines())  # its trace


# Cucumber JSON


def test_cucumber_lines_point_at_the_feature_files(run):
    features = json.loads((run / "cucumber.json").read_text(encoding="utf-8"))
    assert len(features) == 2
    for feature in features:
        lines = _feature_lines(feature["uri"])
        assert lines[feature["line"] - 1].strip().startswith("功能:")
        assert feature["tags"] and all(tag["name"] in lines[tag["line"] - 1] for tag in feature["tags"])
        for element in feature["elements"]:
            row = lines[element["line"] - 1]
            assert row.strip().startswith("场景") or row.strip().startswith("|"), row
            assert all(tag["name"] in lines[tag["line"] - 1] for tag in element["tags"])
            assert {tag["name"] for tag in feature["tags"]} <= {tag["name"] for tag in element["tags"]}
            for step in element["steps"]:
                assert step["line"] > element["line"] or row.strip().startswith("|")
                assert lines[step["line"] - 1].strip().startswith(step["keyword"].strip())


def test_cucumber_outline_rows_have_distinct_names_and_their_rows_lines(run):
    features = json.loads((run / "cucumber.json").read_text(encoding="utf-8"))
    rows = [e for f in features for e in f["elements"] if e["keyword"] == "场景大纲"]
    assert len(rows) == 2
    assert len({e["name"] for e in rows}) == 2 and len({e["line"] for e in rows}) == 2
    assert any("平台=微信" in e["name"] for e in rows) and any("平台=支付宝" in e["name"] for e in rows)


def test_cucumber_embeds_each_steps_screenshots_as_png(run):
    record = json.loads((run / "evidence" / "run-record.json").read_text(encoding="utf-8"))
    shots = {(s["nodeid"], i): [(run / "evidence" / shot["screenshot"]).read_bytes() for shot in step["shots"].values()]
             for s in record["scenarios"] for i, step in enumerate(s["steps"])}
    features = json.loads((run / "cucumber.json").read_text(encoding="utf-8"))
    embedded = 0
    for element in (e for f in features for e in f["elements"]):
        for i, step in enumerate(element["steps"]):
            images = [base64.b64decode(e["data"]) for e in step.get("embeddings", []) if e["mime_type"] == "image/png"]
            assert images == shots[(element["id"], i)]
            embedded += len(images)
            if step["result"]["status"] == "failed":
                assert images and images[0].startswith(PNG) and "failed on purpose" in step["result"]["error_message"]
    assert embedded >= 15


# Allure


@pytest.mark.skipif(not _allure_installed(), reason="the allure extra is not installed (pip install -e .[allure])")
def test_allure_has_screenshots_under_steps_the_trace_labels_and_guide_links(run):
    folder = run / "allure"
    results = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*-result.json")]
    assert len(results) == 4
    for result in results:
        labels = {(label["name"], label["value"]) for label in result["labels"]}
        stories = {value for name, value in labels if name == "story"}
        assert ("feature", "进入系统") in labels or ("feature", "电子营业执照") in labels
        assert stories in ({"1.1. 进入系统"}, {"1.2.1.1. 电子营业执照"})
        assert any(name == "tag" and value.startswith("guide-") for name, value in labels)
        assert result["links"] and all(re.search(r"hunan-apec-account-registration\.md#L\d+$", link["url"])
                                       for link in result["links"])
        with_shots = [step for step in result["steps"] if step.get("attachments")]
        assert len(with_shots) >= len(result["steps"]) - 1  # a Given before any page opens has none
        for step in with_shots:
            for attachment in step["attachments"]:
                assert (folder / attachment["source"]).read_bytes().startswith(PNG)
    failed = [r for r in results if r["status"] == "failed"]
    assert [r["name"] for r in failed] == [FAILING_SCENARIO]
    traces = [a for a in failed[0].get("attachments", []) if a["source"].endswith(".zip")]
    assert traces and (folder / traces[0]["source"]).stat().st_size > 0
    assert failed[0]["steps"][-1]["status"] == "failed" and failed[0]["steps"][-1]["attachments"]
