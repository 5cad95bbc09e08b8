"""The evidence's page reader (fixtures/page_reader.py) takes its pictures over a CDP session of its own, encoded for
speed: the pictures must be Playwright's full-page screenshots pixel for pixel, on the desktop and on an emulated
phone (scale 3, touch), and the page must be left as it was (its emulation, its markup)."""
import io

import pytest
from illustrated_records import in_browser
from PIL import Image, ImageChops

from fixtures.page_reader import PageReader

DESKTOP = {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1}
PHONE = {"viewport": {"width": 390, "height": 664}, "screen": {"width": 390, "height": 844},
         "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
TALL = """<!doctype html><meta charset=utf-8><meta name=viewport content="width=device-width">
<body style="margin:0"><input autofocus value=企业名称><h1 style="height:1500px">企业账号注册</h1>
<p style="transition: color 5s">上一步 下一步</p><footer>版权所有</footer>"""
SHORT = """<!doctype html><meta charset=utf-8><meta name=viewport content="width=device-width">
<body><label>邮箱账号 <input autofocus></label><p>设置登录密码</p>"""
STATE = "() => [innerWidth, innerHeight, devicePixelRatio, navigator.maxTouchPoints, document.documentElement.outerHTML]"


def _pixels(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGBA")


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_readers_pictures_are_playwrights_full_page_screenshots_and_leave_the_page_as_it_was(device):
    def shoot(browser):
        context = browser.new_context(**device)
        results = []
        for html in (TALL, SHORT):
            page = context.new_page()
            page.set_content(html)
            before = page.evaluate(STATE)
            reader = PageReader(page, mobile=device.get("is_mobile", False))
            ours = reader.screenshot()
            after = page.evaluate(STATE)
            theirs = page.screenshot(full_page=True, animations="disabled", caret="hide", scale="css")
            again = reader.screenshot()  # a second picture, after Playwright's: the same again
            results.append((before, after, ours, theirs, again))
        context.close()
        return results

    tall, short = in_browser(shoot)
    assert _pixels(tall[2]).height > device["viewport"]["height"]  # the whole page, beyond the window
    for before, after, ours, theirs, again in (tall, short):
        assert after == before  # size, scale, touch and markup (the caret's style attribute too) as they were
        for picture in (ours, again):
            mine, playwrights = _pixels(picture), _pixels(theirs)
            assert mine.size == playwrights.size
            assert ImageChops.difference(mine, playwrights).getbbox() is None


def test_encoded_for_size_the_picture_is_smaller_with_the_same_pixels():
    """--screenshot-encoding size: zlib's default level, for CI that keeps the screenshots."""
    def shoot(browser):
        page = browser.new_context(**DESKTOP).new_page()
        page.set_content(TALL)
        fast, small = PageReader(page, fast=True).screenshot(), PageReader(page, fast=False).screenshot()
        page.context.close()
        return fast, small

    fast, small = in_browser(shoot)
    assert len(small) < len(fast)
    assert ImageChops.difference(_pixels(fast), _pixels(small)).getbbox() is None
