"""The findings' suggested fixes as one unified diff of the guide's Markdown, for a writer to review and apply
(`patch -p1 < guide-fixes.diff`, or `git apply`).

Only the checks that know the replacement suggest one (a typo the screen spells right, a name the guide spells
in full elsewhere, an example value the portal itself accepts); the rest of the findings need a writer's words.

A fix inside words a scenario step was approved to verify would break that approved link (LNK001): the guide
changes, the step does not. The fix is the validator's own, so the patch re-approves the link with it: the
entry in the links manifest gets the fixed guide words and sentence and keeps its step, which still verifies
them. A hand edit of the guide, with the manifest untouched, still breaks the link.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field

from .approved_links import manifest_text
from .findings import Finding, Fix


@dataclass(frozen=True)
class Edit:
    """One fix made on its line: the line before it, and where its old words started there."""
    fix: Fix
    section: str | None
    before: str
    at: int

    @property
    def after(self) -> str:
        return self.before[:self.at] + self.fix.new + self.before[self.at + len(self.fix.old):]

    def moved(self, start: int, end: int) -> tuple[int, int]:
        """Where a span of the line stands after the edit: shifted when it follows the edit, grown over the
        new words when it overlaps them."""
        old_end, delta = self.at + len(self.fix.old), len(self.fix.new) - len(self.fix.old)
        if end <= self.at:
            return start, end
        if start >= old_end:
            return start + delta, end + delta
        return min(start, self.at), max(end, old_end) + delta


@dataclass
class Manifest:
    """The approved links the validation held the guide to. ``name``: its path as the patch names it (from where
    the guide's path is named), None when it is not under there, so a hunk for it would not apply."""
    path: str
    name: str | None
    text: str


@dataclass
class Reapproval:
    entry: dict  # as approved
    fixed: dict  # the same step, approved for the fixed guide words


@dataclass
class Patch:
    diff: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)  # a fix whose old words are no longer on its line
    fixed_guide: str = ""  # the guide as the patch leaves it
    reapproved: list[Reapproval] = field(default_factory=list)
    links_after: list[dict] | None = None  # the approved links as the patch leaves them (None: no manifest)
    manifest_in_diff: bool = False  # False with re-approvals: the writer approves them again by hand


def _edits(lines: list[str], fixes: list[tuple[Fix, str | None]]) -> tuple[list[str], list[Edit], list[Fix]]:
    out = list(lines)
    done: set[tuple[int, str, str]] = set()
    edits, missed = [], []
    for fix, section in fixes:
        key = (fix.line, fix.old, fix.new)
        if key in done:
            continue
        index = fix.line - 1
        if not (0 <= index < len(out)) or fix.old not in out[index]:
            missed.append(fix)
            continue
        edit = Edit(fix, section, out[index], out[index].index(fix.old))
        out[index] = edit.after
        edits.append(edit)
        done.add(key)
    return out, edits, missed


def apply_fixes(lines: list[str], fixes: list[Fix]) -> tuple[list[str], list[Fix]]:
    """The guide's lines with every fix made; the fixes that did not fit. Two findings suggesting the same edit
    (a typo seen as a missing label and as a second name) make it once."""
    out, _, missed = _edits(lines, [(f, None) for f in fixes])
    return out, missed


def reapprove(entry: dict, edit: Edit) -> dict | None:
    """The entry approved for the edited line's words, or None when the edit leaves its sentence alone (another
    line, another section, or outside the sentence on this line)."""
    sentence, words = entry.get("sentence"), entry["guide"]
    if entry.get("section") != edit.section:
        return None
    text = sentence or words
    start = edit.before.find(text)
    if start < 0:
        return None
    span = (start, start + len(text))
    inner = text.find(words) if sentence else 0
    if inner < 0:
        return None
    after, fixed = edit.after, dict(entry)
    w0, w1 = edit.moved(start + inner, start + inner + len(words))
    fixed["guide"] = after[w0:w1]
    if sentence:
        s0, s1 = edit.moved(*span)
        fixed["sentence"] = after[s0:s1]
    return fixed if fixed != entry else None  # an edit beside the sentence moves it but leaves its words


def _reapprove_all(manifest: Manifest, edits: list[Edit]) -> tuple[dict | None, list[Reapproval]]:
    """The manifest's data with every entry the edits touch re-approved, in place (the file's order kept)."""
    try:
        data = json.loads(manifest.text)
    except ValueError:
        return None, []
    if not isinstance(data, dict) or not isinstance(data.get("links"), list):
        return None, []
    changes: dict[int, Reapproval] = {}
    for edit in edits:  # in the order they were made: a second fix on a line sees the first one's words
        for n, entry in enumerate(data["links"]):
            if not (isinstance(entry, dict) and isinstance(entry.get("guide"), str)):
                continue
            fixed = reapprove(entry, edit)
            if fixed is not None:
                changes[n] = Reapproval(changes[n].entry if n in changes else entry, fixed)
                data["links"][n] = fixed
    return data, list(changes.values())


def suggest_patch(guide_text: str, findings: list[Finding], guide_name: str,
                  manifest: Manifest | None = None) -> Patch:
    with_fix = [f for f in findings if f.fix is not None]
    lines = guide_text.splitlines(keepends=True)
    fixed, edits, missed = _edits(lines, [(f.fix, f.section) for f in with_fix])
    skipped = [f for f in with_fix if f.fix in missed]
    # git-style a/ b/ prefixes: `patch -p1` and `git apply` both take the guide's path from the repository root.
    name = guide_name.lstrip("/")
    diff = "".join(difflib.unified_diff(lines, fixed, fromfile=f"a/{name}", tofile=f"b/{name}"))
    patch = Patch(diff, [f for f in with_fix if f not in skipped], skipped, "".join(fixed))
    if manifest is None:
        return patch
    data, patch.reapproved = _reapprove_all(manifest, edits)
    if data is None:
        return patch
    patch.links_after = [e for e in data["links"] if isinstance(e, dict) and isinstance(e.get("guide"), str)]
    if not patch.reapproved:
        return patch
    if manifest.name is not None:
        m = manifest.name.lstrip("/")
        patch.diff += "".join(difflib.unified_diff(manifest.text.splitlines(keepends=True),
                                                   manifest_text(data).splitlines(keepends=True),
                                                   fromfile=f"a/{m}", tofile=f"b/{m}"))
        patch.manifest_in_diff = True
    else:
        # Text before the first hunk is not read by `git apply` or `patch`: the writer reads it.
        patch.diff = "".join(f"# {line}\n" for line in by_hand(patch, manifest.path)) + patch.diff
    return patch


def by_hand(patch: Patch, manifest_path: str) -> list[str]:
    """What the writer must approve again when the manifest is not where the patch can change it."""
    out = [f"应用此补丁后，请重新批准以下链接（{manifest_path} 不在补丁所在的仓库内）："
           f" re-approve these links after applying (python -m validator.approved_links --write):"]
    for r in patch.reapproved:
        out.append(f"  {r.entry.get('feature_file')}「{r.entry.get('scenario')}」步骤「{r.entry.get('step')}」:"
                   f" 「{r.entry['guide']}」→「{r.fixed['guide']}」")
    # One line each, whatever the manifest holds: a line break would end the comment and start diff text.
    return ["".join(ch if ch.isprintable() else "?" for ch in line) for line in out]
