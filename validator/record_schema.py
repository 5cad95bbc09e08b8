"""The run record's shape, checked before anything reads it: a record comes from another machine or another
group's artifact, and a wrong shape must be one clear line naming the field, not a traceback deep in a check.

Fields the harness writes and the validator reads are typed; others are allowed, so a newer harness can add some.
"""
from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

# A real record of the whole suite is about 3 MB; a record hundreds of times that is not a record.
MAX_RECORD_BYTES = 256 * 1024 * 1024

_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_NUM = {"type": "number"}
# Every element's box on every screen is most of a record; jsonschema took 2.1 s of 2.6 s on them for a 40,000-line
# guide's record, so they are checked by the plain loop in _check_boxes (same rules, same field paths).
BOX_FIELDS = {"text": (str,), "role": (str,), "placeholder": (str, type(None)),
              "x": (int, float), "y": (int, float), "width": (int, float), "height": (int, float)}
_SHOT = {"type": ["object", "null"], "properties": {
    "screenshot": _OPT_STR, "url": _STR, "aria": _OPT_STR,
    "viewport": {"type": ["object", "null"], "properties": {"width": _NUM, "height": _NUM}},
    "texts": {"type": ["array", "null"]}}}
_STEP = {"type": "object", "required": ["keyword", "text", "status"], "properties": {
    "keyword": _STR, "text": _STR, "error": _OPT_STR, "duration": _NUM,
    "status": {"enum": ["passed", "failed", "skipped", "undefined"]},
    "shots": {"type": ["object", "null"], "additionalProperties": _SHOT}}}
_SCENARIO = {"type": "object", "required": ["name", "status", "steps"], "properties": {
    "feature": _STR, "feature_file": _STR, "name": _STR, "nodeid": _STR, "line": {"type": "integer"},
    "tags": {"type": "array", "items": _STR}, "status": {"enum": ["passed", "failed", "skipped"]},
    "error": _OPT_STR, "duration": _NUM, "trace": _OPT_STR, "traces": {"type": "array", "items": _STR},
    "steps": {"type": "array", "items": _STEP}}}
RECORD_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "required": ["scenarios"],
    "properties": {
        "schema": {"type": "integer"}, "started_at": _STR, "base_url": _STR,
        "selection": {"type": ["object", "null"], "properties": {
            "markexpr": _STR, "keyword": _STR, "node_ids": {"type": "array", "items": _STR},
            "group": _OPT_STR}},
        "scenarios": {"type": "array", "items": _SCENARIO}},
}
_VALIDATOR = Draft202012Validator(RECORD_SCHEMA)


class RecordError(ValueError):
    """A run record that cannot be read as one: the message is one line and names the file and the field."""


def read_record_data(path: Path) -> dict:
    """The record's JSON, checked against RECORD_SCHEMA; RecordError (or OSError) otherwise."""
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        raise RecordError(f"run record {path} is {size // 2 ** 20} MB; a run record is at most "
                          f"{MAX_RECORD_BYTES // 2 ** 20} MB")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise RecordError(f"run record {path} is not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        raise RecordError(f"run record {path} is nested too deeply to be a run record") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"run record {path} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") \
            from None
    check_record(data, path)
    return data


def check_record(data, path: Path) -> None:
    try:
        error = best_match(_VALIDATOR.iter_errors(data))
    except RecursionError:
        raise RecordError(f"run record {path} is nested too deeply to be a run record") from None
    if error is None:
        problem = _check_boxes(data)
        if problem is None:
            return
        where, what = problem
    else:
        where, what = "/".join(str(p) for p in error.absolute_path) or "$", _what(error)
    raise RecordError(f"run record {path} does not have a run record's shape: at {where}: {what}")


def _type_name(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), type(value).__name__)


def _check_boxes(data: dict) -> tuple[str, str] | None:
    """(field path, what is wrong) for the first element box of the wrong shape, after the schema has passed."""
    for i, sc in enumerate(data["scenarios"]):
        for j, st in enumerate(sc["steps"]):
            for device, shot in (st.get("shots") or {}).items():
                for k, box in enumerate((shot or {}).get("texts") or ()):
                    where = f"scenarios/{i}/steps/{j}/shots/{device}/texts/{k}"
                    if not isinstance(box, dict):
                        return where, f"expected object, found {_type_name(box)}"
                    for name, types in BOX_FIELDS.items():
                        value = box.get(name)
                        if name in box and (not isinstance(value, types) or isinstance(value, bool)):
                            wanted = " or ".join(_type_name(t()) if t is not type(None) else "null" for t in types)
                            wanted = "number" if types == (int, float) else wanted
                            return f"{where}/{name}", f"expected {wanted}, found {_type_name(value)}"
    return None


def _what(error) -> str:
    """The rule broken, without echoing a large value (a record's value can be megabytes)."""
    found = type(error.instance).__name__.replace("dict", "object").replace("list", "array").replace("str", "string")
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, str) else " or ".join(error.validator_value)
        return f"expected {wanted}, found {found}"
    if error.validator == "enum":
        shown = json.dumps(error.instance, ensure_ascii=False)[:40]
        return f"{shown} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "required":
        return error.message.split(" is a required")[0] + " is required"
    return error.message.replace("\n", " ")[:160]
