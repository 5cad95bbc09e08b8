"""`validator import`: a guide as writers have it (plain text or Word .docx) into the transcription conventions.

The wording is kept line for line; the importer only adds what the validator reads: an anchor ``{#s-N}`` on each
numbered heading, a ``<!-- screenshot -->`` line where a picture stood, a ```` ```screen ```` block around a
screenshot the writer typed out as text, and the title block. Pictures of a .docx are written beside the output
(``GUIDE-images/``) and linked where they stood. A plain text brings its pictures in a folder beside it
(``SOURCE-images/``, or ``SOURCE_files/`` as Word's "save as web page" names it): in the order of the numbers in their
names they fill the text's picture places (its runs of empty lines), one for one, and are written and linked the same
way. The validator compares each with today's screen of its place (pictures.py).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .guide import SCREENSHOT_MARK, TITLE_MARK, item_number

# "1.2.1. 标题" (a trailing dot optional on two levels and more); a lone "1. 标题" is decided by the outline below.
DECIMAL = re.compile(r"^(\d+(?:\.\d+)+)\.?\s*\S")
DECIMAL_TOP = re.compile(r"^(\d+)\.\s*\S")
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
CN_DIGITS = "一二三四五六七八九十"
CN_TOP = re.compile(rf"^([{CN_DIGITS}]+)、")  # 一、
CN_SUB = re.compile(rf"^[（(]([{CN_DIGITS}]+)[）)]")  # （一） or (一)
STEP = re.compile(r"^[（(]?(\d+)[)）]")  # 1) 1） (1) （1）: a numbered step, a heading only when Word styles it one

# A typed-out screen: at least this many short lines in a row, one empty line apart, none a sentence.
SCREEN_MIN_LINES = 5
SCREEN_MAX_CHARS = 60
SENTENCE_MARKS = ("。", "，", "；")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
PICTURE_FOLDERS = ("{stem}-images", "{stem}_files")

HEADER = """<!--
Imported with `python -m validator import` from {source}; the wording is the writer's, line for line.
Headings carry the section number as an anchor {{#s-N}}. A "screenshot" comment line or an image link marks a place
where a picture stood (text: three or more empty lines, or a line of only a space; five held two; .docx: a picture).
A fenced block with the info string "screen" is a screenshot typed out as text (5+ short lines, one empty line apart).
-->
"""


class ImportError_(ValueError):
    """Input the importer cannot read: one line, naming the file."""


@dataclass
class Text:
    line: str
    heading_level: int | None = None  # a .docx paragraph styled "Heading N": Word numbers it itself


@dataclass
class Gap:
    empty: int  # lines in the run
    spaced: bool  # one of them holds only spaces: the writer's mark of a picture


@dataclass
class Picture:
    link: str
    target: Path
    blob: bytes


def import_guide(source: Path, out: Path) -> tuple[int, int]:
    """Write the transcription of ``source`` to ``out``; (sections, screenshot places)."""
    if not source.is_file():
        raise ImportError_(f"import: {source} does not exist or is not a file")
    images = out.with_name(out.stem + "-images")
    beside: list[Picture] = []
    if _is_docx(source):
        tokens = _docx_tokens(source, images)
    elif source.suffix.lower() in (".docx", ".docm", ".doc"):
        raise ImportError_(f"import: {source} is not a Word .docx file (not a zip package)")
    else:
        try:
            tokens = _text_tokens(source.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise ImportError_(f"import: {source} is neither UTF-8 text nor a .docx (byte {exc.start})") from None
        beside = _pictures_beside(source, images)
    unfilled = list(beside)
    text, sections, places = render(tokens, source.name, unfilled)
    if not sections:
        raise ImportError_(f"import: {source} has no numbered headings (1. / 1.2. / 一、 / （一）): nothing to anchor")
    empty_places = text.split("\n").count(SCREENSHOT_MARK)
    if beside and (unfilled or empty_places):  # a picture in the wrong place would be compared with the wrong screen
        raise ImportError_(f"import: {len(beside)} pictures beside {source} but "
                           f"{len(beside) - len(unfilled) + empty_places} picture places in its text; they pair one "
                           "for one, in order")
    pictures = [t for t in tokens if isinstance(t, Picture)] + beside
    for picture in pictures:  # written only once the guide is accepted
        picture.target.parent.mkdir(parents=True, exist_ok=True)
        picture.target.write_bytes(picture.blob)
    out.write_text(text, encoding="utf-8")
    return sections, places


def _pictures_beside(source: Path, images: Path) -> list[Picture]:
    """A plain text's pictures, from the first picture folder beside it, ordered by the numbers in their names."""
    for pattern in PICTURE_FOLDERS:
        folder = source.with_name(pattern.format(stem=source.stem))
        if folder.is_dir():
            files = sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PICTURE_SUFFIXES),
                           key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)])
            out = []
            for n, file in enumerate(files, 1):
                target = images / f"picture-{n}{file.suffix.lower()}"
                out.append(Picture(f"![图 {n}]({images.name}/{target.name})", target, file.read_bytes()))
            return out
    return []


def _is_docx(path: Path) -> bool:
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as z:
        return "word/document.xml" in z.namelist()


def _text_tokens(text: str) -> list:
    tokens: list = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            tokens.append(Text(line))
        elif tokens and isinstance(tokens[-1], Gap):
            tokens[-1].empty += 1
            tokens[-1].spaced |= bool(line)
        else:
            tokens.append(Gap(1, bool(line)))
    return tokens


def _docx_tokens(source: Path, images: Path) -> list:
    import docx  # only a .docx needs it
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(source))
    except Exception as exc:  # a damaged package: python-docx raises several kinds
        raise ImportError_(f"import: {source} is not a readable .docx ({type(exc).__name__})") from None
    tokens: list = []
    count = 0
    for paragraph in document.paragraphs:
        if paragraph.text.strip():
            styled = HEADING_STYLE.match(paragraph.style.name if paragraph.style is not None else "")
            tokens += [Text(paragraph.text, int(styled.group(1)) if styled else None), Gap(1, False)]
        for blip in paragraph._element.iter(qn("a:blip")):
            part = document.part.related_parts.get(blip.get(qn("r:embed")))
            if part is None:
                continue
            count += 1
            target = images / f"picture-{count}{Path(part.partname).suffix}"
            link = f"![图 {count}]({images.name}/{target.name})"
            tokens += [Picture(link, target, part.blob), Gap(1, False)]
    return tokens


def render(tokens: list, source_name: str, beside: list[Picture] | None = None) -> tuple[str, int, int]:
    """The transcription's text, its number of sections and of screenshot places. ``beside``: a text's own pictures,
    taken from the front of the list by its picture places in order (what is left was not placed)."""
    lines = [t.line for t in tokens if isinstance(t, Text)]
    out: list[str] = [HEADER.format(source=source_name)]
    outline = _Outline(lines)
    screens = _screen_runs(tokens)
    line_of = {i: n for n, i in enumerate(i for i, t in enumerate(tokens) if isinstance(t, Text))}
    sections = places = 0
    seen_heading = False
    title_done = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i in screens:
            end = screens[i]
            body = [t.line if isinstance(t, Text) else "" for t in tokens[i:end]]
            out += ["```screen", *body, "```", ""]
            places += 1
            i = end
            continue
        if isinstance(token, Text):
            anchor = outline.anchor(line_of[i], token.line, token.heading_level)
            if anchor:
                depth, sid = anchor
                out += ["#" * min(depth + 1, 6) + f" {token.line.strip()} {{#s-{sid}}}", ""]
                sections += 1
                seen_heading = True
            elif not seen_heading and not title_done:
                # The first lines before any heading are the guide's title.
                block = [token.line]
                while i + 1 < len(tokens) and isinstance(tokens[i + 1], Text):
                    i += 1
                    block.append(tokens[i].line)
                out += [TITLE_MARK, *block, ""]
                title_done = True
            else:
                follows_text = i > 0 and isinstance(tokens[i - 1], Text)
                if follows_text and out and out[-1] == "":
                    out.pop()  # consecutive lines stay consecutive
                out += [token.line, ""]
        elif isinstance(token, Picture):
            out += [token.link, ""]
            places += 1
        elif isinstance(token, Gap) and seen_heading:
            marks = 2 if token.empty >= 5 else 1 if (token.empty >= 3 or token.spaced) else 0
            for _ in range(marks):
                out += [beside.pop(0).link if beside else SCREENSHOT_MARK, ""]
            places += marks
        i += 1
    return "\n".join(out).rstrip("\n") + "\n", sections, places


def _screen_runs(tokens: list) -> dict[int, int]:
    """{first token: token after the run} for each typed-out screen."""
    runs: dict[int, int] = {}
    i = 0
    while i < len(tokens):
        j = i
        count = 0
        while j < len(tokens) and isinstance(tokens[j], Text) and _screen_like(tokens[j].line):
            count += 1
            nxt = j + 1
            if nxt + 1 < len(tokens) and isinstance(tokens[nxt], Gap) and tokens[nxt].empty == 1 \
                    and not tokens[nxt].spaced and isinstance(tokens[nxt + 1], Text) \
                    and _screen_like(tokens[nxt + 1].line):
                j = nxt + 1
            else:
                j = nxt
                break
        if count >= SCREEN_MIN_LINES:
            runs[i] = j
            i = j
        else:
            i += 1
    return runs


def _screen_like(line: str) -> bool:
    s = line.strip()
    return (len(s) <= SCREEN_MAX_CHARS and not any(m in s for m in SENTENCE_MARKS)
            and item_number(s) is None and not DECIMAL.match(s) and not CN_TOP.match(s) and not CN_SUB.match(s))


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (the numbers a guide's outline reaches)."""
    if "十" not in text:
        return CN_DIGITS.index(text) + 1
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (CN_DIGITS.index(ones) + 1 if ones else 0)


class _Outline:
    """Decides which numbered lines are headings, and their ids, in document order.

    "1.2." and deeper are headings; "一、" opens a top section and "（一）" a section under it. A lone "1. 标题" is
    a heading only when the next "N.M" line after it is its first subsection "1.1." (and no earlier "1." took it): otherwise it is a
    numbered step, as "1. 进入 APEC 主页中" inside §1.2.2 of the Hunan guide."""

    def __init__(self, lines: list[str]) -> None:
        self.top_lines: set[int] = set()
        claimed: set[int] = set()
        for n, line in enumerate(lines):
            m = DECIMAL_TOP.match(line.strip())
            if not m or DECIMAL.match(line.strip()):
                continue
            deeper = next(((k, d) for k, d in enumerate(map(DECIMAL.match, (x.strip() for x in lines[n + 1:])))
                           if d), None)
            if deeper and deeper[1].group(1) == f"{m.group(1)}.1" and n + 1 + deeper[0] not in claimed:
                self.top_lines.add(n)
                claimed.add(n + 1 + deeper[0])  # the first "1." before "1.1." heads it; later ones are its steps
        self.cn_top = 0
        self.counters: list[int] = []
        self.sections: list[int] = []  # the last heading that is not a step: the steps' parent

    def anchor(self, n: int, line: str, styled_level: int | None = None) -> tuple[int, str] | None:
        """(depth, id) when line ``n`` is a heading; called in document order."""
        found = self._numbered(n, line.strip())
        step = STEP.match(line.strip()) if found is None and styled_level else None
        if step and self.sections:
            # A step ("1)", "2）", "（3）") the writer styled as a heading: its number is in its text and it stands
            # under the section it follows, whatever level its style shows it at (Heading 1 is common).
            self.counters = self.sections + [int(step.group(1))]
            return len(self.counters), ".".join(map(str, self.counters))
        if found is None and styled_level:
            # A Word heading whose number is Word's own list numbering, not in its text: number it by the outline.
            kept = self.counters[:styled_level - 1] + [1] * (styled_level - 1 - len(self.counters))
            following = self.counters[styled_level - 1] + 1 if len(self.counters) >= styled_level else 1
            found = styled_level, ".".join(map(str, kept + [following]))
        if found:
            self.counters = self.sections = [int(x) for x in found[1].split(".")]
        return found

    def _numbered(self, n: int, s: str) -> tuple[int, str] | None:
        deep = DECIMAL.match(s)
        if deep:
            return deep.group(1).count(".") + 1, deep.group(1)
        if n in self.top_lines:
            return 1, DECIMAL_TOP.match(s).group(1)
        m = CN_TOP.match(s)
        if m:
            self.cn_top = _cn_number(m.group(1))
            return 1, str(self.cn_top)
        m = CN_SUB.match(s)
        if m and self.cn_top:
            return 2, f"{self.cn_top}.{_cn_number(m.group(1))}"
        return None
