"""The mini-program's home page: 扫一扫, 下载执照, 修改执照密码 and 我的执照."""
from playwright.sync_api import Page

from .common import Screen
from .manage import LicensePage


class MiniappHome(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.greeting = page.get_by_text("您好，")
        self.scan_button = page.get_by_role("link", name="扫一扫")
        self.download_link = page.get_by_role("link", name="下载执照")
        self.password_link = page.get_by_role("link", name="修改执照密码")
        self.licenses = page.get_by_role("list", name="我的执照")

    def open(self) -> "MiniappHome":
        self.page.goto("/miniapp/home")
        return self

    def show(self) -> "MiniappHome":
        """Home, without loading it again when the phone is already there."""
        return self if self.page.url.endswith("/miniapp/home") else self.open()

    def scan(self):
        from .scan import ScanPage  # scan.py re-exports this class for older imports, so not at the top
        self.scan_button.click()
        return ScanPage(self.page)

    def license(self, enterprise_name: str):
        return self.licenses.get_by_role("listitem").filter(has_text=enterprise_name)

    def open_license(self, enterprise_name: str) -> LicensePage:
        self.license(enterprise_name).get_by_role("link").click()
        return LicensePage(self.page)
