"""扫一扫 on the phone: read the portal's code from a picture, choose the license, confirm."""
from playwright.sync_api import Page

from .home import MiniappHome  # noqa: F401  (its older home: steps import it from here)


class ScanPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = page.get_by_role("heading", name="扫一扫")
        self.album = page.get_by_label("从相册选择二维码")
        self.error = page.get_by_role("alert")

    def open(self) -> "ScanPage":
        self.page.goto("/miniapp/scan")
        return self

    def read(self, picture: bytes) -> "ScanConfirmPage":
        """The camera cannot be driven headless; choosing the photo from the album is the same decode."""
        with self.page.expect_navigation():  # the album input sends its form as soon as a picture is chosen
            self.album.set_input_files(files=[{"name": "qr.png", "mimeType": "image/png", "buffer": picture}])
        return ScanConfirmPage(self.page)


class ScanConfirmPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.request = page.get_by_text("中国领事服务网", exact=True)
        self.licenses = page.get_by_role("group", name="选择执照")
        self.license_password = page.get_by_label("执照密码")
        self.confirm_button = page.get_by_role("button", name="确认")
        self.error = page.get_by_role("alert")
        self.success = page.get_by_role("heading", name="扫码成功")

    def license(self, enterprise_name: str):
        return self.page.get_by_role("radio", name=enterprise_name)

    def confirm(self, enterprise_name: str, password: str) -> None:
        self.license(enterprise_name).check()
        self.license_password.fill(password)
        self.confirm_button.click()

    def confirm_with_what_is_on_the_phone(self, enterprise_name: str, password: str) -> None:
        """As `confirm`, but a phone without that license confirms anyway: the refusal is the server's to give."""
        self.confirm_button.wait_for()
        if self.license(enterprise_name).count():
            self.license(enterprise_name).check()
        self.license_password.fill(password)
        self.confirm_button.click()
