"""The sample run record in a folder of its own, with real PNG screenshots of the viewport's size, for the tests of
what a documentation writer reads (HTML, Markdown, PDF, patch, updated guide)."""
from __future__ import annotations

import json
import threading
from pathlib import Path

from validator.cli import main

HERE = Path(__file__).resolve().parent
GUIDE = HERE.parents[1] / "guide" / "hunan-apec-account-registration.md"
SAMPLE = HERE / "data" / "run-record-sample.json"


def png(path: Path, width: int, height: int, colour=(255, 255, 255)) -> None:
    from PIL import Image
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), colour).save(path)


def write_record(folder: Path, change=None, colour=(255, 255, 255)) -> Path:
    """The sample record; every screenshot a blank PNG as large as its viewport, full page."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    if change:
        change(data)
    for sc in data["scenarios"]:
        for st in sc["steps"]:
            for shot in st["shots"].values():
                if shot.get("screenshot"):
                    vp = shot.get("viewport") or {"width": 1280, "height": 800}
                    png(folder / shot["screenshot"], vp["width"], vp["height"] + 200, colour)
    record = folder / "run-record.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return record


def report(record: Path, out: Path, *extra: str, guide: Path = GUIDE) -> int:
    return main(["report", "--record", str(record), "--guide", str(guide), "--out", str(out),
                 "--formats", "html,json,md", *extra])


def in_browser(work):
    """Run work(browser) with a Chromium of its own, in a thread: pytest-playwright's event loop refuses the sync
    API in the test's own thread."""
    from playwright.sync_api import sync_playwright

    from validator.pdf import chromium_executable
    result, failure = [], []

    def run() -> None:
        try:
            with sync_playwright() as p:
                exe = chromium_executable(p.chromium.executable_path)
                browser = p.chromium.launch(executable_path=exe) if exe else p.chromium.launch()
                try:
                    result.append(work(browser))
                finally:
                    browser.close()
        except BaseException as error:  # re-raised in the test's thread
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]
