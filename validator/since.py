"""Figures whose picture changed since the previous run (``report --previous OLD/report.json``): the pictures a
writer should look at again.

A figure is matched to the previous report's by its place in the guide (section, item, and its order among that
item's figures), not by number, so a figure added elsewhere does not shift the rest. Pictures are compared as the
visual baselines are: pixels that differ beyond anti-aliasing noise, over a small share of the picture, with the
QR codes (new on every run) left out. Read before this run's images are written: the previous report may live in
the same folder.
"""
from __future__ import annotations

import json
from pathlib import Path

from .analysis import Analysis
from .images import ImageStore
from .record import Shot

CHANNEL_THRESHOLD = 24  # as fixtures/visual.py: colour distance below which a pixel counts as unchanged
CHANGED_PIXELS_ALLOWED = 0.001
MASKED_ALT = ("二维码", "QR")  # pictures whose content is new on every run


def _key(section: str, item: str | None, nth: int) -> tuple[str, str, int]:
    return section, item or "", nth


def _keys(figures: list[tuple[str, str | None]]) -> list[tuple[str, str, int]]:
    seen: dict[tuple[str, str | None], int] = {}
    out = []
    for section, item in figures:
        seen[(section, item)] = seen.get((section, item), 0) + 1
        out.append(_key(section, item, seen[(section, item)]))
    return out


def previous_pictures(report_path: Path) -> dict[tuple[str, str, int], dict[str, Path]]:
    """Previous figure -> device -> its picture file, from a report.json (paths relative to that report)."""
    data = json.loads(report_path.read_text(encoding="utf-8"))
    figures = [f for f in data.get("figures", []) if isinstance(f, dict)]
    figures.sort(key=lambda f: f.get("slot") if isinstance(f.get("slot"), int) else 0)
    out = {}
    for key, fig in zip(_keys([(str(f.get("section", "")), f.get("item")) for f in figures]), figures):
        shots = {}
        for s in fig.get("screenshots") or []:
            if isinstance(s, dict) and isinstance(s.get("path"), str) and isinstance(s.get("device"), str):
                path = (report_path.parent / s["path"]).resolve()
                if path.is_relative_to(report_path.parent.resolve()) and path.is_file():
                    shots[s["device"]] = path
        out[key] = shots
    return out


NEW, CHANGED = "new", "changed"


def changed_figures(analysis: Analysis, images: ImageStore, previous: Path) -> dict[int, str]:
    """This run's figures whose picture differs from the previous run's at the same place ("changed"), or that had
    no picture there ("new"), by slot."""
    old = previous_pictures(previous)
    figures = sorted(analysis.figures.values(), key=lambda f: f.slot)
    changed: dict[int, str] = {}
    for key, fig in zip(_keys([(f.section, f.item) for f in figures]), figures):
        before = old.get(key, {})
        for shot in fig.shots:
            now = images.source(shot.screenshot)
            if now is None:
                continue
            if shot.device not in before:
                changed.setdefault(fig.slot, NEW)
            elif pictures_differ(before[shot.device], now, _masks(shot)):
                changed[fig.slot] = CHANGED
    return changed


def _masks(shot: Shot) -> list[tuple[float, float, float, float]]:
    return [shot.page_box(t) for t in shot.texts
            if t.get("kind") == "alt" and any(m in t.get("text", "") for m in MASKED_ALT)]


def pictures_differ(a: Path, b: Path, masks: list[tuple[float, float, float, float]] = ()) -> bool:
    from PIL import Image, ImageChops, ImageDraw

    try:
        with Image.open(a) as ia, Image.open(b) as ib:
            first, second = ia.convert("RGB"), ib.convert("RGB")
    except OSError:  # a picture that cannot be decoded cannot be vouched for as unchanged
        return True
    if first.size != second.size:
        return True
    for image in (first, second):
        draw = ImageDraw.Draw(image)
        for x, y, w, h in masks:
            draw.rectangle([x, y, x + w, y + h], fill=(0, 0, 0))
    distance = ImageChops.difference(first, second).convert("L")
    count = distance.point(lambda v: 255 if v > CHANNEL_THRESHOLD else 0).histogram()[255]
    return count / (first.width * first.height) > CHANGED_PIXELS_ALLOWED
