"""What changed since an earlier report (`report --previous OLD.json`): findings new in this one, resolved since
that one, and unchanged. Ids are derived from what a finding is, so an id in both reports is the same defect."""
from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from .findings import Finding
from .record_schema import MAX_RECORD_BYTES

PREVIOUS_SCHEMA = {"type": "object", "required": ["findings"], "properties": {
    "findings": {"type": "array", "items": {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string"}, "message": {"type": "string"}, "severity": {"type": "string"}}}}}}


class PreviousError(ValueError):
    pass


def load_previous(path: Path) -> dict:
    """An earlier report.json; PreviousError (one line, naming the file) when it is not one."""
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            raise PreviousError(f"previous report {path} is too large to be a report")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PreviousError(f"previous report {path} cannot be read: {exc.strerror}") from None
    except (ValueError, RecursionError) as exc:
        raise PreviousError(f"previous report {path} is not JSON ({type(exc).__name__})") from None
    error = best_match(Draft202012Validator(PREVIOUS_SCHEMA).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "$"
        raise PreviousError(f"previous report {path} is not a validator report.json: at {where}: "
                            f"{error.message[:120]}")
    return data


def compare(previous: dict, findings: list[Finding], previous_path: str) -> dict:
    old = {f["id"]: f for f in previous["findings"]}
    now = [f.id for f in findings]
    return {
        "previous": previous_path,
        "new": [i for i in now if i not in old],
        "resolved": [i for i in old if i not in set(now)],
        "unchanged": [i for i in now if i in old],
        "resolved_findings": [{k: old[i].get(k) for k in ("id", "code", "severity", "section", "message")}
                              for i in old if i not in set(now)],
    }
