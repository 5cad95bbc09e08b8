"""Screenshots a run record names are untrusted: the record is an artifact from another machine. A path is shown
only when, after symlinks, it stays inside the record's own folder and the file is a PNG by its bytes; otherwise the
figure says the screenshot was refused and a warning finding names the path."""
from __future__ import annotations

from pathlib import Path

from .findings import Finding
from .record import RunRecord

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
REFUSED_TEXT = "截图被拒绝"


def why_refused(folder: Path, relative: str) -> str | None:
    """None for a PNG inside the folder, or a missing file (reported as missing, as before); else the reason."""
    root = folder.resolve()
    path = (folder / relative).resolve()  # an absolute "relative" path replaces the folder: caught below
    if path != root and root not in path.parents:
        return "路径在运行记录的文件夹之外"
    if not path.exists():
        return None
    if not path.is_file():
        return "不是文件"
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(PNG_MAGIC))
    except OSError as exc:
        return f"无法读取（{exc.strerror}）"
    return None if head == PNG_MAGIC else "不是 PNG 图片"


def vet_screenshots(record: RunRecord) -> list[Finding]:
    """Mark every refused path on the record (record.refused) and say each once, with the first step that used it."""
    findings: list[Finding] = []
    folder = record.folder
    seen: dict[str, str | None] = {}
    for sc in record.scenarios:
        for st in sc.steps:
            for shot in st.shots.values():
                rel = shot.screenshot
                if not rel or rel in seen:
                    continue
                reason = seen[rel] = why_refused(folder, rel)
                if reason:
                    record.refused[rel] = reason
                    findings.append(Finding(
                        "screenshot_refused", None, f"运行记录中的截图「{rel}」被拒绝：{reason}",
                        screen=rel, scenario=sc.name, step=f"{st.keyword} {st.text}", device=shot.device,
                        extra={"subject": rel, "reason": reason}))
    return findings
