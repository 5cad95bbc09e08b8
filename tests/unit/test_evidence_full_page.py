"""Evidence that shows what was checked: a step's screenshot is the whole page, so text below the window (a wizard's
上一步/下一步, the footer) is in the picture that vouches for it, and its box lands on it."""
from pathlib import Path

from illustrated_records import in_browser

from fixtures.evidence import _capture
from validator.record import Shot

PAGE = """<!doctype html><meta charset=utf-8><body style="margin:0">
<h1 style="height:1200px;margin:0">企业账号注册</h1>
<p id=buttons style="margin:0;height:40px">上一步 下一步</p>
<footer style="height:1760px">中华人民共和国外交部 版权所有</footer></body>"""


class _Config:
    def getoption(self, name, default=None):
        return {"--visual": "off"}.get(name, default)


def test_a_step_screenshot_is_the_whole_page_and_boxes_land_in_it(tmp_path):
    path = tmp_path / "01-step-portal.png"

    def capture(browser):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_content(PAGE)
        page.evaluate("window.scrollTo(0, 600)")  # a click scrolled the page, as a step does
        shot = {"screenshot": "01-step-portal.png", "url": page.url, "viewport": page.viewport_size}
        _capture(_Config(), {"_last": {}}, "portal", page, path, shot)
        return shot

    shot = in_browser(capture)
    from PIL import Image
    with Image.open(path) as image:
        width, height = image.size
    assert (width, height) == (1280, 3000)  # the page, not the 800-pixel window
    assert shot["scroll"] == {"x": 0, "y": 600}
    buttons = next(t for t in shot["texts"] if t["text"] == "上一步 下一步")
    assert buttons["y"] == 600  # window pixels, as the position checks (右上角) read them
    record_shot = Shot("portal", shot["screenshot"], "", shot["viewport"], "", shot["texts"], shot["scroll"])
    x, y, w, h = record_shot.page_box(buttons)
    assert (x, y) == (0, 1200) and y + h <= height  # where it is in the picture
