"""The header and footer every portal screen shares."""
from playwright.sync_api import Page


class Header:
    def __init__(self, page: Page) -> None:
        self.root = page.get_by_role("banner")
        self.site_name = self.root.get_by_text("中国领事服务网", exact=True)
        self.login_button = self.root.get_by_role("link", name="登录", exact=True)
        self.account_settings = self.root.get_by_role("link", name="账号设置", exact=True)
        self.logout_button = self.root.get_by_role("button", name="退出")
        self.signed_in_as = self.root.locator(".who")


class Footer:
    def __init__(self, page: Page) -> None:
        self.root = page.get_by_role("contentinfo")
        self.links = self.root.get_by_text("关于我们 | 中国领事 | 服务条款")
        self.copyright = self.root.get_by_text("中华人民共和国外交部 版权所有")
