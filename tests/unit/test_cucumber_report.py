"""The Cucumber writer's choices on a small record: embed, link or leave out screenshots; say so when one is missing;
find a merged record's screenshots; read records written before lines were recorded."""
import base64
import json

from fixtures.cucumber import to_cucumber, write_cucumber

PNG = b"\x89PNG\r\n\x1a\n-fake"


def record(shot="screenshots/f/s/01-step-portal.png", **extra) -> dict:
    scenario = {
        "feature": "进入系统", "feature_file": "features/1.1-进入系统.feature", "name": "打开页面",
        "nodeid": "tests/test_scenarios.py::test_x", "tags": ["guide-1.1"], "line": 7, "status": "passed",
        "steps": [{"keyword": "假如", "text": "我打开页面", "line": 8, "status": "passed", "duration": 0.5,
                   "error": None, "shots": {"portal": {"screenshot": shot}}}],
        "feature_line": 3, "feature_tags": [{"name": "guide-1.1", "line": 2}], "scenario_tags": [],
        "example": None, "example_line": None, "keyword": "场景",
    }
    scenario.update(extra)
    return {"schema": 1, "scenarios": [scenario]}


def only_step(features: list[dict]) -> dict:
    return features[0]["elements"][0]["steps"][0]


def test_a_screenshot_is_embedded_as_png(tmp_path):
    (tmp_path / "screenshots/f/s").mkdir(parents=True)
    (tmp_path / "screenshots/f/s/01-step-portal.png").write_bytes(PNG)
    [embedding] = only_step(to_cucumber(record(), root=tmp_path))["embeddings"]
    assert embedding["mime_type"] == "image/png" and base64.b64decode(embedding["data"]) == PNG


def test_link_mode_writes_an_image_link_relative_to_the_report_or_to_a_base(tmp_path):
    [embedding] = only_step(to_cucumber(record(), root=tmp_path / "reports", out_folder=tmp_path / "ci",
                                        screenshots="link"))["embeddings"]
    assert embedding["mime_type"] == "text/html"
    assert 'src="../reports/screenshots/f/s/01-step-portal.png"' in base64.b64decode(embedding["data"]).decode()
    [based] = only_step(to_cucumber(record(), root=tmp_path, screenshots="link",
                                    link_base="https://ci.example/artifacts/"))["embeddings"]
    assert 'src="https://ci.example/artifacts/screenshots/f/s/01-step-portal.png"' in \
        base64.b64decode(based["data"]).decode()


def test_off_leaves_screenshots_out_and_a_missing_file_is_said(tmp_path):
    assert "embeddings" not in only_step(to_cucumber(record(), root=tmp_path, screenshots="off"))
    [note] = only_step(to_cucumber(record(), root=tmp_path))["embeddings"]
    assert note["mime_type"] == "text/plain" and "screenshot missing" in base64.b64decode(note["data"]).decode()


def test_a_merged_records_screenshots_are_found_under_the_records_common_folder(tmp_path):
    (tmp_path / "reports-2/screenshots").mkdir(parents=True)
    (tmp_path / "reports-2/screenshots/a.png").write_bytes(PNG)
    merged = record(shot="reports-2/screenshots/a.png")
    merged["merged_from"] = [str(tmp_path / "reports-1/run-record.json"), str(tmp_path / "reports-2/run-record.json")]
    write_cucumber(merged, tmp_path / "out/cucumber.json")
    features = json.loads((tmp_path / "out/cucumber.json").read_text(encoding="utf-8"))
    assert base64.b64decode(only_step(features)["embeddings"][0]["data"]) == PNG


def test_feature_tags_are_inherited_by_scenarios_and_an_outline_row_is_named_and_placed_by_its_row():
    row = record(example={"平台": "微信"}, example_line=28, keyword="场景大纲",
                 scenario_tags=[{"name": "guide-1.1-2", "line": 18}])
    [feature] = to_cucumber(row, screenshots="off")
    element = feature["elements"][0]
    assert feature["line"] == 3 and feature["tags"] == [{"name": "@guide-1.1", "line": 2}]
    assert element["name"] == "打开页面（平台=微信）" and element["line"] == 28
    assert element["tags"] == [{"name": "@guide-1.1", "line": 2}, {"name": "@guide-1.1-2", "line": 18}]


def test_a_record_from_before_lines_were_recorded_still_converts():
    old = record()
    for key in ("feature_line", "feature_tags", "scenario_tags", "example", "example_line", "keyword"):
        del old["scenarios"][0][key]
    [feature] = to_cucumber(old, screenshots="off")
    assert feature["line"] == 1 and feature["elements"][0]["tags"] == [{"name": "@guide-1.1", "line": 6}]
