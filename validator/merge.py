"""Several run records as one: a suite split across machines (pytest-split) leaves one record per group, and the
guide is built once from all of them.

Each record's screenshot paths are relative to its own folder (reports-1/, reports-2/ once CI has downloaded the
groups' artifacts). The merged record is anchored at the folders' common parent, and every path is rewritten
relative to it, so "screenshots/x.png" from reports-2/ becomes "reports-2/screenshots/x.png" and still resolves.

A scenario found in more than one record is kept once: the copy that says most wins (failed over passed over
skipped), so a failure is never hidden by a passing copy; on a tie the record given first wins. Each duplicate is
reported as a warning, since split groups are disjoint and a duplicate means the split or the inputs overlap.
"""
from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .record import RunRecord, record_from_data
from .record_schema import read_record_data

# Higher wins when one scenario comes twice.
STATUS_WEIGHT = {"failed": 3, "passed": 2, "skipped": 1}


class MergeError(ValueError):
    """The records cannot be one run (different schemas or portals)."""


@dataclass
class Merged:
    record: RunRecord
    data: dict  # the merged record as JSON data, paths relative to record.folder
    warnings: list[str] = field(default_factory=list)


def load_records(paths: list[Path]) -> Merged:
    """One record as it is; several merged. Raises OSError or ValueError (MergeError) on bad input."""
    paths = _distinct(paths)
    if not paths:
        raise MergeError("no run record given")
    read = [(path, read_record_data(path)) for path in paths]
    if len(read) == 1:
        path, data = read[0]
        return Merged(record_from_data(data, path), data)
    _same("schema", read)
    _same("base_url", read)
    folder = Path(os.path.commonpath([os.path.abspath(path.parent) for path in paths]))
    kept: dict[tuple, tuple[Path, dict]] = {}
    warnings = []
    for path, data in read:
        prefix = Path(os.path.relpath(os.path.abspath(path.parent), folder)).as_posix()
        for scenario in data.get("scenarios", []):
            scenario = _rebased(scenario, prefix)
            key = _key(scenario)
            if key in kept:
                first_path, first = kept[key]
                winner = path if _weight(scenario) > _weight(first) else first_path
                warnings.append(f"scenario {scenario.get('nodeid') or scenario.get('name')!r} is in both {first_path} "
                                f"and {path}; kept the {_status(scenario if winner == path else first)} copy "
                                f"from {winner}")
                if winner == first_path:
                    continue
            kept[key] = (path, scenario)
    scenarios = sorted((s for _, s in kept.values()),
                       key=lambda s: (s.get("feature_file") or "", s.get("line") or 0, s.get("nodeid") or ""))
    first = read[0][1]
    data = {"schema": first.get("schema"), "started_at": min(d.get("started_at", "") for _, d in read),
            "base_url": first.get("base_url", ""), "merged_from": [p.as_posix() for p in paths],
            "scenarios": scenarios}
    return Merged(record_from_data(data, folder / "run-record.json"), data, warnings)


def _distinct(paths: list[Path]) -> list[Path]:
    """The same file named twice (a glob and an explicit path) is read once."""
    seen, out = set(), []
    for path in map(Path, paths):
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


def _same(key: str, read: list[tuple[Path, dict]]) -> None:
    values = {json.dumps(data.get(key)) for _, data in read}
    if len(values) > 1:
        listed = "; ".join(f"{path}: {key} {data.get(key, 'missing')}" for path, data in read)
        raise MergeError(f"run records with different {key} cannot be merged into one guide ({listed})")


def _key(scenario: dict) -> tuple:
    # nodeid is unique per test (outline rows included); older or hand-made records fall back to place and name
    return (scenario["nodeid"],) if scenario.get("nodeid") else (
        scenario.get("feature_file"), scenario.get("line"), scenario.get("name"))


def _status(scenario: dict) -> str:
    return scenario.get("status") or "unknown"


def _weight(scenario: dict) -> int:
    return STATUS_WEIGHT.get(scenario.get("status"), 0)


def _rebased(scenario: dict, prefix: str) -> dict:
    if prefix == ".":
        return scenario

    def move(relative):
        return posixpath.normpath(posixpath.join(prefix, relative)) if relative else relative

    def shot_moved(shot: dict) -> dict:
        moved = dict(shot, screenshot=move(shot.get("screenshot")))
        if shot.get("visual"):  # a visual mismatch's diff image lies beside its screenshot
            moved["visual"] = dict(shot["visual"], diff=move(shot["visual"].get("diff")))
        return moved

    out = dict(scenario, steps=[dict(step, shots={device: shot_moved(shot)
                                                  for device, shot in (step.get("shots") or {}).items() if shot})
                                for step in scenario.get("steps", [])])
    if "trace" in out:
        out["trace"] = move(out["trace"])
    if "traces" in out:
        out["traces"] = [move(t) for t in out["traces"]]
    return out
