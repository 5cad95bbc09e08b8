"""Findings, their severities and the marks a section or finding gets in the reports."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")

# kind -> (severity, mark). The mark groups findings the way a reader of the guide sees them.
KINDS: dict[str, tuple[str, str]] = {
    "scenario_failed": ("error", "failed"),
    "step_undefined": ("error", "failed"),
    "nothing_ran": ("error", "failed"),
    "label_missing": ("error", "drift"),
    "url_mismatch": ("error", "drift"),
    "invalid_example": ("error", "drift"),
    "position_wrong": ("warning", "drift"),
    "field_not_in_guide": ("warning", "drift"),
    "inconsistent_name": ("warning", "drift"),
    "placeholder_text": ("warning", "drift"),
    "not_covered": ("warning", "not_covered"),
    "tag_unknown_section": ("warning", "not_covered"),
    "screen_not_shown": ("warning", "not_covered"),
    "example_unchecked": ("info", "drift"),
    # A transcriber's word for a picture ("背景图片") is not on the screen as text, and need not be.
    "names_image": ("info", "drift"),
    "position_unchecked": ("info", "drift"),
    # Claims beyond quote marks (links.py, names.py, order.py, behaviour.py, channels.py).
    "link_broken": ("error", "drift"),
    "link_renumbered": ("error", "drift"),
    "name_near_miss": ("error", "drift"),
    "order_steps": ("error", "drift"),
    "order_first_then": ("error", "drift"),
    "order_fields": ("warning", "drift"),
    "behaviour_contradicted": ("error", "drift"),
    "channel_unknown": ("error", "drift"),
    "catalogue_mismatch": ("error", "drift"),
}

MARKS = {
    "verified": "已验证",
    "drift": "与界面不符",
    "failed": "失败",
    "not_covered": "未覆盖",
}
MARK_ORDER = ("failed", "drift", "not_covered", "verified")


@dataclass
class Highlight:
    """An element's box on a screenshot, in the screenshot's viewport pixels."""
    x: float
    y: float
    width: float
    height: float
    viewport_width: float
    viewport_height: float


@dataclass
class Finding:
    kind: str
    section: str | None
    message: str  # Chinese, for the reader of the guide
    guide_words: str = ""  # the guide's exact words
    context: str = ""  # the guide line they stand in
    screen: str = ""  # what the screen showed
    item: str | None = None
    line: int | None = None
    screenshot: str | None = None  # relative to the run record's folder
    device: str | None = None  # whose screen the screenshot is
    scenario: str | None = None
    step: str | None = None
    highlight: Highlight | None = None
    id: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return KINDS[self.kind][0]

    @property
    def mark(self) -> str:
        return KINDS[self.kind][1]

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(severity=self.severity, mark=self.mark, mark_text=MARKS[self.mark])
        return data


# Kinds whose findings on one line of the guide are one finding: a transcribed screen line is one
# row of the screen (a footer, a stepper), and the writer fixes the row at once.
MERGED_ON_LINE = ("label_missing", "field_not_in_guide")
SUBJECT = re.compile(r"「[^」]*」")


def merge_same_line(findings: list[Finding]) -> list[Finding]:
    """Findings of one kind on one guide line become the first of them, quoting every subject."""
    out: list[Finding] = []
    heads: dict[tuple, list[Finding]] = {}
    for f in findings:
        if f.kind not in MERGED_ON_LINE or f.line is None:
            out.append(f)
            continue
        group = heads.setdefault((f.kind, f.section, f.line), [])
        if not group:
            out.append(f)
        group.append(f)
    for group in heads.values():
        if len(group) > 1:
            _merge_into(group[0], group[1:])
    return out


def _merge_into(head: Finding, rest: list[Finding]) -> None:
    group = [head, *rest]
    subjects = [_subject(f) for f in group]
    head.message = head.message.replace(subjects[0], "".join(dict.fromkeys(subjects)), 1)
    pieces = list(dict.fromkeys(f.guide_words for f in group if f.guide_words))
    head.guide_words = "、".join(pieces)
    screens = list(dict.fromkeys(f.screen for f in group if f.screen))
    if len(screens) > 1:  # say which subject each screen text answers, unless it names it already
        screens = list(dict.fromkeys(f.screen if s[1:-1] in f.screen else f"{s}{f.screen}"
                                     for s, f in zip(subjects, group) if f.screen))
    head.screen = "；".join(screens)
    head.extra["pieces"] = pieces
    head.extra["merged"] = len(group)


def _subject(f: Finding) -> str:
    m = SUBJECT.search(f.message)
    return m.group(0) if m else f"「{f.guide_words}」"


def number(findings: list[Finding]) -> list[Finding]:
    for n, f in enumerate(findings, 1):
        f.id = f"F{n:03d}"
    return findings


def parse_severities(text: str | None) -> set[str]:
    """"error,warning" -> {"error", "warning"}; "none" or "" -> nothing fails on findings."""
    if not text or text.strip().lower() == "none":
        return set()
    wanted = {s.strip().lower() for s in text.split(",") if s.strip()}
    unknown = wanted - set(SEVERITIES)
    if unknown:
        raise ValueError(f"unknown severity: {', '.join(sorted(unknown))}")
    return wanted
