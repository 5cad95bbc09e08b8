"""The findings' suggested fixes as one unified diff of the guide's Markdown, for a writer to review and apply
(`patch -p1 < guide-fixes.diff`, or `git apply`).

Only the checks that know the replacement suggest one (a typo the screen spells right, a name the guide spells
in full elsewhere, an example value the portal itself accepts); the rest of the findings need a writer's words.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .findings import Finding, Fix


@dataclass
class Patch:
    diff: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)  # a fix whose old words are no longer on its line


def apply_fixes(lines: list[str], fixes: list[Fix]) -> tuple[list[str], list[Fix]]:
    """The guide's lines with every fix made; the fixes that did not fit. Two findings suggesting the same edit
    (a typo seen as a missing label and as a second name) make it once."""
    out = list(lines)
    done: set[tuple[int, str, str]] = set()
    missed = []
    for fix in fixes:
        key = (fix.line, fix.old, fix.new)
        if key in done:
            continue
        index = fix.line - 1
        if not (0 <= index < len(out)) or fix.old not in out[index]:
            missed.append(fix)
            continue
        out[index] = out[index].replace(fix.old, fix.new, 1)
        done.add(key)
    return out, missed


def suggest_patch(guide_text: str, findings: list[Finding], guide_name: str) -> Patch:
    with_fix = [f for f in findings if f.fix is not None]
    lines = guide_text.splitlines(keepends=True)
    fixed, missed = apply_fixes(lines, [f.fix for f in with_fix])
    skipped = [f for f in with_fix if f.fix in missed]
    # git-style a/ b/ prefixes: `patch -p1` and `git apply` both take the guide's path from the repository root.
    name = guide_name.lstrip("/")
    diff = "".join(difflib.unified_diff(lines, fixed, fromfile=f"a/{name}", tofile=f"b/{name}"))
    return Patch(diff, [f for f in with_fix if f not in skipped], skipped)
