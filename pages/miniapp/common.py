"""What every mini-program screen shares: the navigation bar, its messages, and the 详细信息 lists."""
import re

from playwright.sync_api import Page


class Screen:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = page.get_by_role("banner").get_by_role("heading")
        self.back_button = page.get_by_role("link", name="返回")
        self.alert = page.get_by_role("alert")
        self.notice = page.get_by_role("status")

    def fact(self, label: str):
        """The value beside a label in a 详细信息 card (a <dl>)."""
        return self.page.locator("dt", has_text=re.compile(f"^{re.escape(label)}$")).locator(
            "xpath=following-sibling::dd[1]")

    def field(self, label: str):
        return self.page.get_by_label(label, exact=True)
