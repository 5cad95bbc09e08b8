"""Parse the guide's Markdown transcription into sections, numbered items and blocks.

The transcription keeps the guide word for word, so the parser reads its conventions rather than
general Markdown: headings with an anchor ``{#s-1.2.2}``, a ``<!-- screenshot -->`` line where a
screenshot stood, and a ```` ```screen ```` block where the guide transcribed a screenshot as text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#s-([\d.]+)\})?\s*$")
NUMBERED_TITLE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
NUMBERED_ID = re.compile(r"^\d+(?:\.\d+)*$")
SCREENSHOT_MARK = "<!-- screenshot -->"
# A screenshot place the writer (or `report --update-guide`) has filled: a line of only image links.
IMAGE_LINE = re.compile(r"^(?:!\[[^\]\n]*\]\([^)\s]+\)\s*)+$")
TITLE_MARK = "<!-- guide-title -->"

# Item numbering styles, in the order the guide mixes them: "(1)", "1)", "1." and "①".
ITEM_STYLES = [
    ("paren", re.compile(r"^\((\d+)\)")),
    ("half_paren", re.compile(r"^(\d+)\)")),
    ("dot", re.compile(r"^(\d+)\.(?!\d)")),
    ("circled", re.compile(r"^([\u2460-\u2473])")),
]


@dataclass
class Block:
    kind: str  # paragraph | screenshot | screen
    text: str  # exact source text; for a screen, its lines joined by "\n"
    line: int  # 1-based line in the Markdown file
    section: str
    item: str | None = None
    slot: int | None = None  # index among all screenshot places of the guide


@dataclass
class Item:
    id: str  # "3.1" for the first sub-item of item 3
    label: str  # as written: "3)", "①", "(1)"
    section: str
    line: int

    @property
    def ref(self) -> str:
        return f"{self.section}-{self.id}"


@dataclass
class Section:
    id: str
    title: str
    level: int
    line: int
    blocks: list[Block] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass
class Guide:
    path: str
    title_lines: list[str]
    sections: list[Section]

    def section(self, section_id: str) -> Section | None:
        """The first section with that id (from an index: checks ask once per claim)."""
        index = self.__dict__.get("_by_id")
        if index is None or len(index) > len(self.sections):
            index = self.__dict__["_by_id"] = {}
            for s in reversed(self.sections):
                index[s.id] = s
        return index.get(section_id)

    def blocks(self):
        for s in self.sections:
            yield from s.blocks

    def slots(self) -> list[Block]:
        return [b for b in self.blocks() if b.slot is not None]


def is_within(child: str, parent: str) -> bool:
    """'1.2.1' is within '1.2' and within itself; '1.20' is not within '1.2'."""
    return child == parent or child.startswith(parent + ".")


def has_subsections(guide: Guide, section: Section) -> bool:
    """Whether another section lies within this one (from a set built once: renderers ask for every section)."""
    parents = guide.__dict__.get("_parents")
    if parents is None or guide.__dict__.get("_parents_for") != len(guide.sections):
        parents = set()
        for o in guide.sections:
            parts = o.id.split(".")
            parents.update(".".join(parts[:n]) for n in range(1, len(parts)))
        counts: dict[str, int] = {}
        for o in guide.sections:
            counts[o.id] = counts.get(o.id, 0) + 1
        parents.update(sid for sid, n in counts.items() if n > 1)  # a repeated id lies within its twin
        guide.__dict__["_parents"], guide.__dict__["_parents_for"] = parents, len(guide.sections)
    return section.id in parents


# Full-width digits and brackets as writers type them in Chinese text ("（1）", "2）", "３."): one character for one, so
# a label keeps its length.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９（）．", "0123456789().")
_CHINESE_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}
STEP_ITEM = re.compile(r"^第([一二三四五六七八九十]{1,3})步")  # 第一步：, 第十二步: another province's steps


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as a number; None for anything else."""
    if not text or any(c not in _CHINESE_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def item_number(text: str) -> tuple[str, str, int] | None:
    """(style, label, number) when a paragraph opens a numbered item."""
    bare = text.lstrip(" -").lstrip()
    folded = bare.translate(_HALF_WIDTH)
    for style, pattern in ITEM_STYLES:
        m = pattern.match(folded)
        if m:
            raw = m.group(1)
            number = ord(raw) - 0x2460 + 1 if style == "circled" else int(raw)
            return style, bare[:m.end()], number
    m = STEP_ITEM.match(bare)
    if m and chinese_number(m.group(1)):
        return "step", m.group(0), chinese_number(m.group(1))
    return None


class _ItemStack:
    """Nests items by style: the first style met in a section is level 1, a new style nests
    under the current item, a style already on the stack closes the deeper levels."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = []

    def push(self, style: str, number: int) -> str:
        styles = [s for s, _ in self.stack]
        if style in styles:
            del self.stack[styles.index(style):]
        self.stack.append((style, number))
        return ".".join(str(n) for _, n in self.stack)


class GuideError(ValueError):
    """A guide file that is not a transcription the validator can read: one line, naming the file."""


def parse_guide(path: str | Path) -> Guide:
    """The guide at ``path``, refused (GuideError) unless it follows the transcription's conventions: a guide
    with no numbered section would otherwise pass any run, so a wrong --guide in CI would pass the gate."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GuideError(f"guide {path} is not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise GuideError(f"guide {path} is empty")
    guide = parse_text(text, str(path))
    if not any(NUMBERED_ID.match(s.id) for s in guide.sections):
        raise GuideError(f"guide {path} has no numbered sections: a transcription's headings look like "
                         "'### 1.2. 账号注册 {#s-1.2}' (see the comment at the top of the published guide)")
    return guide


def parse_text(text: str, path: str = "<guide>") -> Guide:
    lines = text.split("\n")
    guide = Guide(path=path, title_lines=[], sections=[])
    current: Section | None = None
    stack = _ItemStack()
    item_id: str | None = None
    slot = 0
    i = 0
    while i < len(lines):
        line, lineno = lines[i], i + 1
        stripped = line.strip()
        if stripped == TITLE_MARK:
            i += 1
            while i < len(lines) and lines[i].strip():
                guide.title_lines.append(lines[i])
                i += 1
            continue
        if stripped.startswith("<!--") and stripped != SCREENSHOT_MARK:
            i = _skip_comment(lines, i)
            continue
        heading = HEADING.match(line)
        if heading:
            hashes, title, anchor = heading.groups()
            number = NUMBERED_TITLE.match(title)
            sid = anchor or (number.group(1) if number else title)
            current = Section(id=sid, title=title, level=len(hashes), line=lineno)
            guide.sections.append(current)
            stack, item_id = _ItemStack(), None
            i += 1
            continue
        if current is None or not stripped:
            i += 1
            continue
        if stripped == SCREENSHOT_MARK or IMAGE_LINE.match(stripped):
            current.blocks.append(Block("screenshot", "", lineno, current.id, item_id, slot))
            slot += 1
            i += 1
            continue
        if stripped.startswith("```screen"):
            end = i + 1
            while end < len(lines) and not lines[end].strip().startswith("```"):
                end += 1
            body = "\n".join(lines[i + 1:end])
            current.blocks.append(Block("screen", body, lineno + 1, current.id, item_id, slot))
            slot += 1
            i = end + 1
            continue
        numbered = item_number(line)
        if numbered:
            style, label, number = numbered
            item_id = stack.push(style, number)
            current.items.append(Item(item_id, label, current.id, lineno))
        current.blocks.append(Block("paragraph", line, lineno, current.id, item_id))
        i += 1
    return guide


def _skip_comment(lines: list[str], i: int) -> int:
    while i < len(lines) and "-->" not in lines[i]:
        i += 1
    return i + 1
