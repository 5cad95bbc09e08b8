"""Chromium prints the illustrated guide; one small page keeps this the only browser test here."""
from validator.pdf import write_pdf


def test_a_chinese_page_prints_to_pdf(tmp_path):
    # no skip when Chromium is missing: the set-up installs one, and the PDF is one of the promised outputs
    html = tmp_path / "page.html"
    html.write_text("<!doctype html><meta charset=utf-8><h1>湖南省企业人员申请办理 APEC 商务旅行卡操作指南</h1>"
                    "<p><span class=mark>已验证</span></p>", encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    write_pdf(html, pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000
