"""Which guide sections the suite has scenarios for, read from the feature files' tags. A partial run (-m, -k)
leaves sections out; this tells "not run this time" from "no scenario covers it"."""
from __future__ import annotations

import re
from pathlib import Path

GUIDE_TAG = re.compile(r"@guide-(\d+(?:\.\d+)*)")


def tagged_sections(folder: Path) -> set[str] | None:
    """Section ids tagged in folder/**/*.feature; None when there are no feature files to read."""
    files = sorted(folder.rglob("*.feature")) if folder.is_dir() else []
    if not files:
        return None
    out: set[str] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lstrip().startswith("@"):
                out.update(GUIDE_TAG.findall(line))
    return out
