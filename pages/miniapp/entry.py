"""The way in (guide §1.2.1.1): the host's search (应用商城, 微信, 支付宝) and the channel choice."""
from playwright.sync_api import Page

from .common import Screen

PLATFORMS = {"手机应用商城": "appstore", "微信": "wechat", "支付宝": "alipay"}


class HostSearch(Screen):
    """The phone's app store, or WeChat's / Alipay's search, finding the e-license app."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.search_box = page.get_by_role("searchbox", name="搜索")
        self.search_button = page.get_by_role("button", name="搜索")
        self.results = page.get_by_role("list", name="搜索结果")

    @staticmethod
    def path(platform: str) -> str:
        return f"/miniapp/launch/{PLATFORMS[platform]}"

    def open(self, platform: str) -> "HostSearch":
        self.page.goto(self.path(platform))
        return self

    def search(self, words: str) -> None:
        self.search_box.fill(words)
        self.search_button.click()

    def result(self, name: str):
        return self.results.get_by_role("link").filter(has_text=name)

    def open_result(self, name: str) -> None:
        self.result(name).click()


class ChannelEntry(Screen):
    """The mini-program's first screen: choose the channel, then authenticate."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.channels = page.get_by_role("navigation", name="渠道")
        self.how_to_get = page.get_by_role("list", name="获取方式")

    def open(self) -> "ChannelEntry":
        self.page.goto("/miniapp/")
        return self

    def channel(self, name: str):
        return self.channels.get_by_role("link", name=name, exact=True)

    def choose(self, name: str) -> None:
        self.channel(name).click()
