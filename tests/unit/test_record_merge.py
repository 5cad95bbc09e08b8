"""One guide from a split run: several groups' run records merged (validator.merge and `validator report`)."""
import json
from pathlib import Path

import pytest

from validator.cli import main
from validator.merge import MergeError, load_records

HERE = Path(__file__).resolve().parent
GUIDE = HERE.parents[1] / "guide" / "hunan-apec-account-registration.md"
SAMPLE = HERE / "data" / "run-record-sample.json"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def sample(ids: bool = True) -> dict:
    """The sample record; with ids, each scenario has the nodeid and line the harness writes today."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for line, sc in enumerate(data["scenarios"] if ids else [], start=3):
        sc.update(nodeid=f"tests/test_scenarios.py::test_{sc['name']}", line=line)
    return data


def write_group(folder: Path, data: dict, marker: str) -> Path:
    """A group's record as CI downloads it: its own folder, screenshots relative to it. Each PNG ends with the
    group's marker, so a test can tell which group's file a merged path reaches."""
    for sc in data["scenarios"]:
        for st in sc["steps"]:
            for shot in st["shots"].values():
                path = folder / shot["screenshot"]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(PNG + marker.encode())
    record = folder / "run-record.json"
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return record


def split(tmp_path: Path, first: int = 3) -> tuple[Path, Path]:
    """The sample's scenarios in two groups, downloaded into reports-1/ and reports-2/."""
    one, two = sample(), sample()
    one["scenarios"], two["scenarios"] = one["scenarios"][:first], two["scenarios"][first:]
    two["started_at"] = "2000-01-01T00:00:00+00:00"
    return write_group(tmp_path / "reports-1", one, "g1"), write_group(tmp_path / "reports-2", two, "g2")


def shots(record):
    return [shot for sc in record.scenarios for st in sc.steps for shot in st.shots.values()]


def test_two_groups_make_one_record_with_every_scenario(tmp_path):
    merged = load_records(list(split(tmp_path)))
    assert [s.name for s in merged.record.scenarios] == [s["name"] for s in sample()["scenarios"]]
    assert merged.warnings == []
    assert merged.record.started_at == "2000-01-01T00:00:00+00:00"  # the earliest group's start
    assert merged.data["merged_from"] == [(tmp_path / f"reports-{n}" / "run-record.json").as_posix() for n in (1, 2)]


def test_screenshots_resolve_to_their_own_groups_files(tmp_path):
    merged = load_records(list(split(tmp_path)))
    names = [s.name for s in merged.record.scenarios]
    assert shots(merged.record)
    for sc in merged.record.scenarios:
        group = "g1" if names.index(sc.name) < 3 else "g2"
        for st in sc.steps:
            for shot in st.shots.values():
                assert not Path(shot.screenshot).is_absolute()
                path = merged.record.resolve(shot.screenshot)
                assert path.is_file(), shot.screenshot
                assert path.read_bytes().endswith(group.encode()), shot.screenshot


def test_a_visual_diff_moves_with_its_screenshot(tmp_path):
    two = sample()
    shot = next(iter(two["scenarios"][0]["steps"][0]["shots"].values()))
    shot["visual"] = {"status": "changed", "message": "", "diff": shot["screenshot"].replace(".png", ".diff.png")}
    one = sample()
    one["scenarios"], two["scenarios"] = one["scenarios"][1:], two["scenarios"][:1]
    merged = load_records([write_group(tmp_path / "reports-1", one, "g1"), write_group(tmp_path / "reports-2", two, "g2")])
    moved = next(iter(merged.data["scenarios"][0]["steps"][0]["shots"].values()))
    assert moved["visual"]["diff"] == moved["screenshot"].replace(".png", ".diff.png")
    assert moved["visual"]["diff"].startswith("reports-2/")


def test_a_single_record_is_read_as_it_is(tmp_path):
    record = write_group(tmp_path / "reports", sample(), "g1")
    merged = load_records([record])
    assert merged.record.path == record
    assert [s.screenshot for s in shots(merged.record)] == \
        [sh["screenshot"] for sc in sample()["scenarios"] for st in sc["steps"] for sh in st["shots"].values()]


def test_records_of_different_schemas_are_refused(tmp_path):
    one, two = split(tmp_path)
    data = json.loads(two.read_text(encoding="utf-8"))
    data["schema"] = 2
    two.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MergeError, match="different schema") as refused:
        load_records([one, two])
    assert str(one) in str(refused.value) and str(two) in str(refused.value)


def test_records_of_different_portals_are_refused(tmp_path):
    one, two = split(tmp_path)
    data = json.loads(two.read_text(encoding="utf-8"))
    data["base_url"] = "https://staging.example.cn"
    two.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MergeError, match="different base_url"):
        load_records([one, two])


def test_a_duplicate_scenario_is_kept_once_and_a_failure_wins(tmp_path):
    whole, failed = sample(), sample()
    failed["scenarios"] = [dict(failed["scenarios"][0], status="failed")]
    one = write_group(tmp_path / "reports-1", whole, "g1")
    two = write_group(tmp_path / "reports-2", failed, "g2")
    merged = load_records([one, two])
    assert len(merged.record.scenarios) == len(whole["scenarios"])
    kept = merged.record.scenarios[0]
    assert kept.status == "failed"
    assert merged.record.resolve(kept.steps[0].shots["portal"].screenshot).read_bytes().endswith(b"g2")
    assert len(merged.warnings) == 1 and "failed copy" in merged.warnings[0] and str(two) in merged.warnings[0]


def test_a_duplicate_with_the_same_outcome_keeps_the_first_record_given(tmp_path):
    # records without nodeids (older harness) are matched by feature file, line and name
    one = write_group(tmp_path / "reports-1", sample(ids=False), "g1")
    two = write_group(tmp_path / "reports-2", sample(ids=False), "g2")
    merged = load_records([two, one])
    assert len(merged.record.scenarios) == len(sample()["scenarios"])
    assert all(merged.record.resolve(s.screenshot).read_bytes().endswith(b"g2") for s in shots(merged.record))
    assert len(merged.warnings) == len(sample()["scenarios"])


def test_the_same_file_named_twice_is_read_once(tmp_path):
    one, _ = split(tmp_path)
    merged = load_records([one, tmp_path / "reports-1" / ".." / "reports-1" / "run-record.json"])
    assert merged.warnings == [] and len(merged.record.scenarios) == 3


def report(*args: str) -> int:
    return main(["report", "--guide", str(GUIDE), "--formats", "html,json,md", "--fail-on", "none", *args])


def test_the_guide_from_a_glob_of_groups_equals_the_guide_from_one_record(tmp_path):
    split(tmp_path / "split")
    whole = write_group(tmp_path / "whole", sample(), "w")
    cucumber = tmp_path / "merged" / "cucumber.json"
    assert report("--record", str(tmp_path / "split" / "reports-*" / "run-record.json"),
                  "--out", str(tmp_path / "merged"), "--cucumber-report", str(cucumber)) == 0
    assert report("--record", str(whole), "--out", str(tmp_path / "single")) == 0
    merged, single = (json.loads((tmp_path / name / "report.json").read_text(encoding="utf-8"))
                      for name in ("merged", "single"))
    assert [(s["id"], s["mark_text"]) for s in merged["sections"]] == \
        [(s["id"], s["mark_text"]) for s in single["sections"]]
    assert [(f["kind"], f["section"], f["message"]) for f in merged["findings"]] == \
        [(f["kind"], f["section"], f["message"]) for f in single["findings"]]
    shown = [f["screenshot"] for f in merged["findings"] if f["screenshot"]]
    assert shown and all((tmp_path / "merged" / path).is_file() for path in shown)
    html = (tmp_path / "merged" / "illustrated-guide.html").read_text(encoding="utf-8")
    assert "截图文件缺失" not in (tmp_path / "merged" / "illustrated-guide.md").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") >= len(shown)
    features = json.loads(cucumber.read_text(encoding="utf-8"))
    assert sum(len(f["elements"]) for f in features) == len(sample()["scenarios"])


def test_repeated_record_options_are_merged(tmp_path):
    one, two = split(tmp_path)
    assert report("--record", str(one), "--record", str(two), "--out", str(tmp_path / "out")) == 0
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["record"] == f"{one.as_posix()}, {two.as_posix()}"


def test_the_report_refuses_mismatched_records_with_a_usage_error(tmp_path, capsys):
    one, two = split(tmp_path)
    data = json.loads(two.read_text(encoding="utf-8"))
    del data["schema"]
    two.write_text(json.dumps(data), encoding="utf-8")
    assert report("--record", str(one), "--record", str(two), "--out", str(tmp_path / "out")) == 2
    assert "different schema" in capsys.readouterr().err
    assert not (tmp_path / "out" / "report.json").exists()


def test_a_glob_that_matches_nothing_is_a_usage_error(tmp_path, capsys):
    assert report("--record", str(tmp_path / "reports-*" / "run-record.json"), "--out", str(tmp_path / "out")) == 2
    assert "no run record matches" in capsys.readouterr().err
