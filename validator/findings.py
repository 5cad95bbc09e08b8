"""Findings, their severities and the marks a section or finding gets in the reports."""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field

from .text import normalize

SEVERITIES = ("error", "warning", "info")
SEVERITY_TEXTS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Rule:
    """What a kind of finding is for CI: a stable code (tracked, suppressed and diffed by), a severity, and the
    mark it gives its section in the reader's eyes."""
    code: str
    severity: str
    mark: str | None  # None: a note on the run as a whole that marks no section, so its card shows no mark


# kind -> rule. Codes never change meaning: RUN the run itself, COV coverage, UI the screens, NAM naming within the
# guide, EX example values, NUM rules stated as numbers, PH placeholders, REC the run record's own trustworthiness.
RULES: dict[str, Rule] = {
    "scenario_failed": Rule("RUN001", "error", "failed"),
    "step_undefined": Rule("RUN002", "error", "failed"),
    "nothing_ran": Rule("RUN003", "error", "failed"),
    "label_missing": Rule("UI001", "error", "drift"),
    "url_mismatch": Rule("UI002", "error", "drift"),
    "position_wrong": Rule("UI003", "warning", "drift"),
    "field_not_in_guide": Rule("UI004", "warning", "drift"),
    # A transcriber's word for a picture ("背景图片") is not on the screen as text, and need not be.
    "names_image": Rule("UI005", "info", "drift"),
    "position_unchecked": Rule("UI006", "info", "drift"),
    "invalid_example": Rule("EX001", "error", "drift"),
    "example_unchecked": Rule("EX002", "info", "drift"),
    "inconsistent_name": Rule("NAM001", "warning", "drift"),
    "placeholder_text": Rule("PH001", "warning", "drift"),
    "not_covered": Rule("COV001", "warning", "not_covered"),
    "tag_unknown_section": Rule("COV002", "warning", "not_covered"),
    "screen_not_shown": Rule("COV003", "warning", "not_covered"),
    # Another writer's guide: the scenarios' tags name sections of the project's own guide (one line, matching.py).
    # The scenarios were matched by content instead: it leaves nothing uncovered (a section none covers is COV001).
    "tags_not_in_guide": Rule("COV004", "info", None),
    # A screenshot path leaving the record's folder, or a file that is not a PNG: not shown, and said so.
    "screenshot_refused": Rule("REC001", "warning", "drift"),
    # Claims beyond quote marks (links.py, names.py, order.py, behaviour.py, channels.py).
    "link_broken": Rule("LNK001", "error", "drift"),
    "link_renumbered": Rule("LNK002", "error", "drift"),
    "name_near_miss": Rule("UI007", "error", "drift"),
    "order_steps": Rule("ORD001", "error", "drift"),
    "order_first_then": Rule("ORD002", "error", "drift"),
    "order_fields": Rule("ORD003", "warning", "drift"),
    "behaviour_contradicted": Rule("BEH001", "error", "drift"),
    "channel_unknown": Rule("EXT001", "error", "drift"),
    "catalogue_mismatch": Rule("EXT002", "error", "drift"),
    # Rules stated as numbers (numbers.py): against the run's screens, else only the portal's documented rule.
    "number_contradicted": Rule("NUM001", "error", "drift"),
    "number_unconfirmed": Rule("NUM002", "info", "drift"),
    # A writer's own picture (an imported guide's) that today's screen of its place no longer matches (pictures.py).
    "picture_stale": Rule("PIC001", "warning", "drift"),
}
# Findings about the run rather than the guide's text: which scenario and step is part of what they are.
RUN_KINDS = {"scenario_failed", "step_undefined", "tag_unknown_section", "screenshot_refused"}
KINDS: dict[str, tuple[str, str | None]] = {kind: (r.severity, r.mark) for kind, r in RULES.items()}

MARKS = {
    "verified": "已验证",
    "drift": "与界面不符",
    "failed": "失败",
    "not_covered": "未覆盖",
    "not_run": "未运行",  # a partial run (-m, -k) left the section out: not a gap of the suite
}
MARK_ORDER = ("failed", "drift", "not_covered", "not_run", "verified")


def worst(marks) -> str | None:
    """The worst of some marks, None when there are none."""
    marks = set(marks)
    return next((m for m in MARK_ORDER if m in marks), None)


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
class Fix:
    """A suggested edit of one guide line, made by the check that knows the replacement (as a linter's fix)."""
    line: int
    old: str  # the guide's words on that line
    new: str

    @property
    def text(self) -> str:
        return f"将「{self.old}」改为「{self.new}」"


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
    fix: Fix | None = None  # a suggested edit of the guide, when the check knows the replacement

    @property
    def code(self) -> str:
        return RULES[self.kind].code

    @property
    def severity(self) -> str:
        return RULES[self.kind].severity

    @property
    def mark(self) -> str | None:
        return RULES[self.kind].mark

    def identity(self) -> str:
        """What the finding is, without where the guide's lines happen to fall: its rule, section, the guide's
        words and the guide line they stand in (normalized), and for a run finding the scenario and step."""
        run = self.kind in RUN_KINDS  # a check of the guide names whichever shot it compared: not part of it
        parts = (self.kind, self.section or "", normalize(self.guide_words), normalize(self.context),
                 self.scenario or "" if run else "", self.step or "" if run else "", self.extra.get("subject", ""))
        return "\x1f".join(parts)

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(code=self.code, severity=self.severity, mark=self.mark, mark_text=MARKS.get(self.mark))
        if self.fix is not None:
            data["fix"]["text"] = self.fix.text
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
    head.fix = None  # one replacement per piece does not make one for the row


def _subject(f: Finding) -> str:
    m = SUBJECT.search(f.message)
    return m.group(0) if m else f"「{f.guide_words}」"


def give_ids(findings: list[Finding]) -> list[Finding]:
    """Each finding's id is its rule code and a digest of what it is ("UI001-3f2a9c1b"): the same defect has the
    same id in every run, partial runs and revisions of the guide that leave its line alone. Two findings that are
    the same thing twice (one label missing on two identical lines of a section) are told apart by order: -2, -3."""
    seen: dict[str, int] = {}
    for f in findings:
        digest = hashlib.sha1(f.identity().encode("utf-8")).hexdigest()[:8]
        base = f"{f.code}-{digest}"
        seen[base] = seen.get(base, 0) + 1
        f.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
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
