"""What the guide claims about the screens: quoted labels, positions, placeholders, example values.

Prose claims come from quote marks (【…】 “…” ‘…’ 《…》) and the one URL; a transcribed screen
(```screen) claims every label, button and placeholder it lists, and its field values are
example values. A word there that names a picture ("背景图片") claims an image, not a text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .guide import Block, Guide
from .text import is_placeholder, names_image, normalize

QUOTES = re.compile(r"【([^】\n]+)】|“([^”\n]+)”|‘([^’\n]+)’|《([^》\n]+)》")
URL = re.compile(r"<(https?://[^>\s]+)>")

# Where the guide places an element, as fractions of the viewport the element's box must lie in:
# (left, right, top, bottom). Kept in one place so the thresholds can be argued about here.
POSITION_REGIONS: dict[str, tuple[float, float, float, float]] = {
    "右上角": (2 / 3, 1.0, 0.0, 0.2),
    "左上角": (0.0, 1 / 3, 0.0, 0.2),
    "右下角": (2 / 3, 1.0, 0.8, 1.0),
    "左下角": (0.0, 1 / 3, 0.8, 1.0),
    "顶部": (0.0, 1.0, 0.0, 0.2),
    "底部": (0.0, 1.0, 0.8, 1.0),
}
# A position word counts for a quote when it stands right before it ("点击右上角【登录】").
POSITION_BEFORE = re.compile("(" + "|".join(POSITION_REGIONS) + r")的?$")


@dataclass
class Claim:
    kind: str  # label | placeholder | image | url | example
    words: str  # the guide's exact words, e.g. "【登录】", "*企业名称", "9301fvfdwer3423fs32"
    label: str  # what to look for on the screen (or the value, for an example)
    section: str
    item: str | None
    line: int
    context: str  # the line the words stand in
    source: str  # prose | screen
    slot: int | None = None  # the transcribed screen's slot
    position: str | None = None
    field: str | None = None  # for an example value: the field it fills

    @property
    def key(self) -> str:
        return f"{self.section}:{self.line}:{self.words}"


class ClaimList(list):
    """The guide's claims, with the claims of each transcribed screen at hand (asked for once per screen)."""

    def of_slot(self, slot: int | None) -> list[Claim]:
        index = self.__dict__.get("_slots")
        if index is None:
            index = self.__dict__["_slots"] = {}
            for c in self:
                index.setdefault(c.slot, []).append(c)
        return index.get(slot, [])


def of_slot(claims: list[Claim], slot: int | None) -> list[Claim]:
    return claims.of_slot(slot) if isinstance(claims, ClaimList) else [c for c in claims if c.slot == slot]


def extract_claims(guide: Guide) -> ClaimList:
    claims = ClaimList()
    for block in guide.blocks():
        if block.kind == "paragraph":
            claims.extend(_prose_claims(block))
        elif block.kind == "screen":
            claims.extend(_screen_claims(block))
    return claims


def _prose_claims(block: Block) -> list[Claim]:
    out = []
    for m in QUOTES.finditer(block.text):
        inner = next(g for g in m.groups() if g is not None)
        pos = POSITION_BEFORE.search(block.text[: m.start()])
        out.append(Claim("label", m.group(0), inner, block.section, block.item, block.line,
                         block.text, "prose", position=pos.group(1) if pos else None))
    for m in URL.finditer(block.text):
        out.append(Claim("url", m.group(1), m.group(1), block.section, block.item, block.line,
                         block.text, "prose"))
    return out


def _screen_claims(block: Block) -> list[Claim]:
    out = []
    for offset, line in enumerate(block.text.split("\n")):
        lineno = block.line + offset
        def add(kind: str, words: str, label: str | None = None, fld: str | None = None) -> None:
            out.append(Claim(kind, words, label if label is not None else words, block.section,
                             block.item, lineno, line, "screen", slot=block.slot, field=fld))
        stripped = line.strip()
        # Blank lines and the bare step numbers ("1 2 3") of the stepper claim nothing.
        if not stripped or re.fullmatch(r"[\d\s]+", stripped):
            continue
        if re.search(r"[:：]", stripped):
            parts = [p.strip() for p in re.split(r"[:：]", stripped)]
            labels, value = parts[:-1], parts[-1]
            for lab in labels:
                if lab:
                    add("label", lab)
            if value:
                fld = normalize(labels[-1]) if labels else None
                add("placeholder" if is_placeholder(value) else "example", value, fld=fld)
            continue
        for piece in _split_screen_line(stripped):
            add("placeholder" if is_placeholder(piece) else "image" if names_image(piece) else "label", piece)
    return out


def _split_screen_line(line: str) -> list[str]:
    """A transcribed line lists several elements: split at "|", then ", ", then spaces;
    a sentence with a bracketed name (the consent box) is one element."""
    if "|" in line:
        return [p.strip() for p in line.split("|") if p.strip()]
    if ", " in line:
        return [p.strip() for p in line.split(", ") if p.strip()]
    if "《" in line:
        return [line]
    return line.split()
