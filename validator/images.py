"""Screenshots the reports show: copied beside the reports, or embedded as data URIs.

Copies get short ASCII names ("images/017-portal.png"): a writer pastes the Markdown into
another document, and Chinese file names travel badly through mail and document tools.
"""
from __future__ import annotations

import base64
import shutil
from pathlib import Path

from .analysis import Analysis
from .screenshots import why_refused


class ImageStore:
    def __init__(self, analysis: Analysis, out_dir: Path) -> None:
        self.record = analysis.record
        self.guide_path = analysis.guide.path  # a writer's own pictures lie beside the guide (pictures.py)
        self.out_dir = out_dir
        self.copied: dict[str, str] = {}
        self._data: dict[str, str | None] = {}

    def source(self, relative: str | None) -> Path | None:
        """The screenshot's file, unless it is missing or was refused (outside the record's folder, not a PNG)."""
        if not relative or relative in self.record.refused:
            return None
        if why_refused(self.record.folder, relative):  # a path no vetting saw is vetted here
            self.record.refused[relative] = why_refused(self.record.folder, relative)
            return None
        path = self.record.resolve(relative)
        return path if path and path.is_file() else None

    def refused(self, relative: str | None) -> str | None:
        return self.record.refused.get(relative) if relative else None

    def copy(self, relative: str | None, device: str) -> str | None:
        """The copy's path relative to the output folder, or None when the shot has no file."""
        if not relative:
            return None
        if relative in self.copied:
            return self.copied[relative]
        src = self.source(relative)
        if src is None:
            return None
        name = f"images/{len(self.copied) + 1:03d}-{_ascii(device)}.png"  # vetted as a PNG by its bytes
        (self.out_dir / "images").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, self.out_dir / name)
        self.copied[relative] = name
        return name

    def data_uri(self, relative: str | None) -> str | None:
        if not relative:
            return None
        if relative not in self._data:
            src = self.source(relative)
            if src is None:
                self._data[relative] = None
            else:
                self._data[relative] = "data:image/png;base64," + base64.b64encode(src.read_bytes()).decode()
        return self._data[relative]


def _ascii(text: str) -> str:
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in ".-_") else "-" for ch in text)
    return "-".join(p for p in cleaned.split("-") if p) or "shot"
