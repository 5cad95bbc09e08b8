"""Chromium prints the illustrated guide; one small page keeps this the only browser test here."""
import json
import re

from illustrated_records import in_browser, report, write_record
from validator.pdf import write_pdf


def test_a_chinese_page_prints_to_pdf(tmp_path):
    # no skip when Chromium is missing: the set-up installs one, and the PDF is one of the promised outputs
    html = tmp_path / "page.html"
    html.write_text("<!doctype html><meta charset=utf-8><h1>湖南省企业人员申请办理 APEC 商务旅行卡操作指南</h1>"
                    "<p><span class=mark>已验证</span></p>", encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    write_pdf(html, pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000


def outline_titles(pdf: bytes) -> list[str]:
    """The bookmarks' titles: Chromium writes each as UTF-16 in hex."""
    return [bytes.fromhex(h).decode("utf-16-be") for h in re.findall(rb"/Title <FEFF([0-9A-F]*)>", pdf)
            for h in [h.decode()]]


def test_the_pdf_is_tagged_and_bookmarks_every_heading_and_finding(tmp_path):
    report(write_record(tmp_path / "run"), tmp_path / "out", "--formats", "html,json,pdf")
    pdf = (tmp_path / "out" / "illustrated-guide.pdf").read_bytes()
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf  # tagged
    titles = outline_titles(pdf)
    for section in data["sections"]:
        assert any(t.startswith(section["title"]) for t in titles), section["title"]
    for f in data["findings"]:
        assert any(t.startswith(f"{f['id']} · ") for t in titles), f["id"]
    assert len(pdf) < 3_000_000


def test_on_paper_each_figure_and_screen_pair_fits_on_one_page_and_is_not_split(tmp_path):
    report(write_record(tmp_path / "run"), tmp_path / "out")
    url = (tmp_path / "out" / "illustrated-guide.html").as_uri()

    def measure(browser):
        # A4 less the print margins, in CSS pixels: 186 mm wide, 267 mm high.
        page = browser.new_page(viewport={"width": 703, "height": 1009})
        page.emulate_media(media="print")
        page.goto(url)
        return page.evaluate("""() => [...document.querySelectorAll('figure, .screen-pair')].map(el => ({
            h: el.getBoundingClientRect().height, avoid: getComputedStyle(el).breakInside}))""")

    blocks = in_browser(measure)
    assert blocks and all(b["avoid"] == "avoid" for b in blocks)
    assert max(b["h"] for b in blocks) <= 1009
