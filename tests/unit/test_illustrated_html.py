"""The illustrated guide as a documentation writer reads it: evidence boxes for what was checked, findings beside
their sentence with links both ways, severity and filters, pictures that enlarge, failure detail, phone width."""
import json
import re

import pytest

from illustrated_records import in_browser, report, write_record

REPO = "https://git.example.cn/docs/apec/blob/main"


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    report(write_record(folder), folder / "guide", "--repo-url", REPO)
    out = folder / "guide"
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return (out / "illustrated-guide.html").read_text(encoding="utf-8"), data, out


def finding(data, kind):
    return next(f for f in data["findings"] if f["kind"] == kind)


def test_each_checked_word_links_to_its_box_and_the_box_back_to_the_word(guide):
    html, data, _ = guide
    claims = [c for s in data["sections"] if s["id"] == "1.2.2" for c in s["claims"] if c["status"] == "verified"]
    assert len(claims) > 20
    boxes = dict(re.findall(r'<a class="hl ok" id="(b\d+-\d+)" href="#l(\d+)"', html))
    assert len(boxes) >= len(claims) - 2  # the URL claim has no box; the rest are drawn
    for anchor, line in boxes.items():
        assert f'href="#{anchor}"' in html and f'id="l{line}"' in html


def test_a_finding_stands_right_after_the_sentence_it_concerns(guide):
    html, data, _ = guide
    cut = finding(data, "inconsistent_name")  # 电子营业小程序, in item 3 of §1.2.2
    sentence = html.index(f'id="l{cut["line"]}"')
    card = html.index(f'id="{cut["id"]}"')
    next_block = html.index('<figure', sentence)
    assert sentence < card < next_block


def test_word_and_finding_link_both_ways_and_the_line_links_to_the_repository(guide):
    html, data, _ = guide
    f = finding(data, "label_missing")
    card = html[html.index(f'id="{f["id"]}"'):]
    card = card[:card.index("</dl>")]
    assert re.search(f'<sup class="ref"><a href="#{f["id"]}"[^>]*>{f["code"]}</a></sup>', html)  # from the word
    assert f'href="#l{f["line"]}"' in card  # back to it
    assert f'href="{REPO}/guide/hunan-apec-account-registration.md#L{f["line"]}">指南第 {f["line"]} 行</a>' in card


def test_the_summary_gives_each_finding_its_severity(guide):
    html, data, _ = guide
    summary = html[html.index('<table class="summary"'):html.index("</table>")]
    for f in data["findings"]:
        label = {"error": "错误", "warning": "警告", "info": "提示"}[f["severity"]]
        assert f'<a class="fid {f["severity"]}" href="#{f["id"]}"' in summary and f"{f['id']} {label}" in summary


def test_the_page_has_no_script_and_no_external_asset(guide):
    html, _, _ = guide
    assert "<script" not in html.lower() and "<link" not in html.lower() and "@import" not in html
    assert all(src.startswith("data:image/") for src in re.findall(r'src="([^"]*)"', html))
    assert not re.search(r"url\((?!data:)", html)


def test_a_suggested_fix_is_on_its_card(guide):
    html, data, _ = guide
    typo = next(f for f in data["findings"] if f["kind"] == "label_missing" and "账户信息" in f["guide_words"])
    assert typo["fix"] == {"line": typo["line"], "old": "账户信息", "new": "账号信息", "text": "将「账户信息」改为「账号信息」"}
    card = html[html.index(f'id="{typo["id"]}"'):]
    assert "将「账户信息」改为「账号信息」" in card[:card.index("</dl>")]


def test_filters_zoom_and_phone_width_work_without_scripts(guide):
    _, data, out = guide
    url = (out / "illustrated-guide.html").as_uri()
    errors = [f["id"] for f in data["findings"] if f["severity"] == "error"]
    warnings = [f["id"] for f in data["findings"] if f["severity"] == "warning"]

    def look(browser):
        seen = {}
        page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
        page.goto(url + "#only-error")
        seen["error shown"] = all(page.locator(f"[id='{i}']").is_visible() for i in errors)
        seen["warning hidden"] = not any(page.locator(f"[id='{i}']").is_visible() for i in warnings)
        page.goto(url + "#only-verified")
        seen["drifted section hidden"] = not page.locator("[id='s-1.2.2']").is_visible()
        page.goto(url + "#z1")
        box = page.locator("#z1").bounding_box()
        seen["enlarged"] = box["width"] >= 1270 and box["height"] >= 890
        page.close()
        phone = browser.new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)
        phone.goto(url)
        pair = phone.locator(".screen-pair").first
        left, right = pair.locator(":scope > div").nth(0).bounding_box(), pair.locator(":scope > div").nth(1).bounding_box()
        seen["stacked"] = right["y"] >= left["y"] + left["height"] - 1 and right["width"] > 300
        seen["no sideways scroll"] = phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.close()
        return seen

    assert in_browser(look) == {"error shown": True, "warning hidden": True, "drifted section hidden": True,
                                "enlarged": True, "stacked": True, "no sideways scroll": True}
