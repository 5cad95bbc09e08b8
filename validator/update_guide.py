"""Keep the guide's own pictures current (`report --update-guide`): each verified figure's fresh screenshot is
copied into a folder beside the guide and its place in the guide becomes an image link to it.

Only a figure whose item (or section) is verified and whose scenario passed is updated: a drifted or failed one
is the writer's to look at, so it keeps what it has and is listed. The guide stays readable by the validator:
a line of image links is a screenshot place as the marker was (validator.guide.IMAGE_LINE).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import Analysis
from .findings import MARKS
from .images import ImageStore
from .images import _ascii as ascii_name


@dataclass
class GuideUpdate:
    text: str
    folder: Path
    updated: list[int] = field(default_factory=list)  # figure numbers
    left: list[tuple[int, str]] = field(default_factory=list)  # figure number, why it was left alone
    files: dict[Path, Path] = field(default_factory=dict)  # copy -> source


def images_folder(guide_path: Path) -> Path:
    return guide_path.with_name(f"{guide_path.stem}-images")


def _figure_mark(analysis: Analysis, fig) -> str:
    res = next((r for r in analysis.sections if r.section.id == fig.section), None)
    if res is None:
        return "not_covered"
    item = next((i for i in res.items if i.item.id == fig.item), None) if fig.item else None
    if item is not None:
        return item.mark
    # A section-level figure answers for the section's own result, not its sub-sections'.
    return getattr(res, "own_mark", None) or res.mark


def plan_update(analysis: Analysis, images: ImageStore, guide_path: Path, guide_text: str) -> GuideUpdate:
    folder = images_folder(guide_path)
    lines = guide_text.split("\n")
    update = GuideUpdate(guide_text, folder)
    numbers = {slot: n for n, slot in enumerate(sorted(analysis.figures), 1)}
    blocks = {b.slot: b for b in analysis.guide.slots()}
    for slot, fig in sorted(analysis.figures.items()):
        block, n = blocks.get(slot), numbers[slot]
        if block is None or block.kind != "screenshot":
            continue  # a transcribed screen is the guide's text, not a picture
        mark = _figure_mark(analysis, fig)
        sources = [(s, images.source(s.screenshot)) for s in fig.shots]
        if not fig.shots or any(src is None for _, src in sources):
            update.left.append((n, fig.gap if not fig.shots else "截图文件缺失"))
        elif mark != "verified" or fig.scenario is None or fig.scenario.status != "passed":
            update.left.append((n, f"第 {fig.section} 节{f'第 {fig.item} 条' if fig.item else ''}"
                                   f"{MARKS.get(mark, mark)}，请先核对"))
        else:
            links = []
            step = f"{fig.step.keyword} {fig.step.text}" if fig.step else ""
            for shot, src in sources:
                name = f"fig-{n:02d}-{ascii_name(shot.device)}{src.suffix.lower() or '.png'}"
                update.files[folder / name] = src
                alt = f"图 {n} · 第 {fig.section} 节 · {step}".replace("[", "(").replace("]", ")")
                links.append(f"![{alt}]({folder.name}/{name})")
            indent = lines[block.line - 1][: len(lines[block.line - 1]) - len(lines[block.line - 1].lstrip())]
            lines[block.line - 1] = indent + " ".join(links)
            update.updated.append(n)
    update.text = "\n".join(lines)
    return update


def write_update(update: GuideUpdate, guide_path: Path) -> None:
    """The pictures first, then the guide: a guide never links a picture that is not there."""
    update.folder.mkdir(parents=True, exist_ok=True)
    for copy, src in update.files.items():
        shutil.copyfile(src, copy)
    guide_path.write_text(update.text, encoding="utf-8")
