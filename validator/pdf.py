"""Print the illustrated guide to PDF with Chromium, so the PDF is exactly the HTML on paper."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

# Where a distribution's Chromium lives when Playwright's own build was never downloaded (the headless shell
# first, as the harness does).
SYSTEM_CHROMIUM = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


# Screenshots are PNG, right for the HTML (sharp text, click to enlarge) and heavy on paper: printed, a picture is at
# most this wide in pixels (about 150 dpi across the A4 text width) and JPEG-compressed, which keeps the PDF small.
PRINT_IMAGE_WIDTH = 1100
# The pictures are decoded all at once (Chromium decodes off the main thread), drawn and encoded one by one, and their
# JPEGs decoded all at once again before printing.
PRINT_IMAGES_SCRIPT = """async (maxWidth) => {
  const pictures = Array.from(document.images).filter((img) => img.src.startsWith("data:image/png"));
  await Promise.all(pictures.map((img) => img.decode().catch(() => null)));
  const printed = [];
  for (const img of pictures) {
    if (!img.naturalWidth) continue;
    const scale = Math.min(1, maxWidth / img.naturalWidth);
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    img.src = canvas.toDataURL("image/jpeg", 0.82);
    printed.push(img.decode().catch(() => null));
  }
  await Promise.all(printed);
}"""


def chromium_executable(bundled: str) -> str | None:
    """None to let Playwright use its bundled browser; else a system Chromium to launch."""
    if bundled and os.path.exists(bundled):
        return None
    override = os.environ.get("APEC_CHROMIUM")
    if override:
        return override
    for name in SYSTEM_CHROMIUM:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("no Chromium: run `playwright install chromium` or install a system chromium")


def write_pdf(html_path: Path, pdf_path: Path) -> None:
    """In a thread of its own: Playwright's sync API refuses to start where an asyncio loop already runs, as it
    does inside a pytest session that drives a browser too."""
    failure: list[BaseException] = []

    def work() -> None:
        try:
            _print(html_path, pdf_path)
        except BaseException as error:  # re-raised in the caller's thread
            failure.append(error)

    thread = threading.Thread(target=work, name="pdf")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _print(html_path: Path, pdf_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        executable = chromium_executable(p.chromium.executable_path)
        browser = p.chromium.launch(executable_path=executable) if executable else p.chromium.launch()
        try:
            page = browser.new_page()
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            page.evaluate(PRINT_IMAGES_SCRIPT, PRINT_IMAGE_WIDTH)
            # tagged: a structure tree (headings, figures, lists) for screen readers and reflow; outline: the
            # headings, section and finding alike, as bookmarks.
            page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True,
                     tagged=True, outline=True,
                     display_header_footer=True, header_template="<span></span>",
                     footer_template="<div style='font-size:8px;width:100%;text-align:center;color:#888'>"
                                     "<span class='pageNumber'></span> / <span class='totalPages'></span></div>",
                     margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
        finally:
            browser.close()
