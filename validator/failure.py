"""What a writer needs from a failed scenario: what the step expected and what the screen showed, the failed
step's screenshot with the element it looked at, and the trace with the command that opens it.

Read from the run record's error text: Playwright's ``expect`` says "Locator expected to contain text 'X'" then
"Actual value: Y" and names its locator in the call log; a plain ``assert`` says "assert A == B".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .record import Scenario, Shot, Step
from .text import normalize

EXPECTED = re.compile(r"^(?:\w+Error: )?(?:Locator|Page)?\s*expected (.+?)\s*$", re.MULTILINE)
ACTUAL = re.compile(r"^(?:Actual value|Received(?: string| value)?):\s*(.*?)\s*$", re.MULTILINE)
ASSERT = re.compile(r"^(?:E\s+)?(?:AssertionError: )?assert (.+?) == (.+?)\s*$", re.MULTILINE)
LOCATOR = re.compile(r'^\s*-\s*(?:Expect "[^"]*"\s*|waiting for\s+)(\S.*?)(?: with timeout \d+ms)?\s*$', re.MULTILINE)
RESOLVED = re.compile(r"locator resolved to <[^>]*>([^<]{1,200})<", re.MULTILINE)


@dataclass
class Failure:
    scenario: Scenario
    step: Step | None
    expected: str = ""
    actual: str = ""
    locator: str = ""
    message: str = ""  # the error's first line
    shots: list[Shot] = field(default_factory=list)
    boxes: dict[str, dict] = field(default_factory=dict)  # device -> the text entry of the element looked at
    traces: list[str] = field(default_factory=list)

    def commands(self) -> list[str]:
        return [f"playwright show-trace {trace}" for trace in self.traces]


def read_failure(scenario: Scenario, traces: list[str] | None = None) -> Failure:
    step = next((st for st in scenario.steps if st.status == "failed"), None)
    error = (step.error if step and step.error else scenario.error) or ""
    failure = Failure(scenario, step, message=_first_line(error), traces=list(traces or []))
    m = EXPECTED.search(error)
    if m:
        failure.expected = m.group(1)
    m = ACTUAL.search(error)
    if m:
        failure.actual = m.group(1)
    m = ASSERT.search(error)
    if m and not failure.expected:
        failure.actual, failure.expected = m.group(1), m.group(2)
    m = LOCATOR.search(error)
    if m:
        failure.locator = m.group(1)
    shown = RESOLVED.search(error)
    shown_text = shown.group(1).strip() if shown else failure.actual
    if step is not None:
        failure.shots = sorted(step.shots.values(), key=lambda s: s.device != "portal")
        for shot in failure.shots:
            entry = _element(shot, shown_text)
            if entry is not None:
                failure.boxes[shot.device] = entry
    return failure


def _element(shot: Shot, text: str) -> dict | None:
    """The text entry the failed check looked at: the one showing what the error says the element showed."""
    want = normalize(text)
    if not want:
        return None
    exact = [t for t in shot.texts if normalize(t.get("text", "")) == want]
    return (exact or [t for t in shot.texts if want in normalize(t.get("text", ""))] or [None])[0]


def _first_line(error: str) -> str:
    for line in error.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""
