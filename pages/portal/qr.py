"""The QR code panel shared by 电子营业执照扫码 (registration) and 扫码登录."""
from playwright.sync_api import Page


class QrPanel:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.image = page.get_by_role("img", name="电子营业执照扫码二维码")
        self.tip = page.get_by_text("请被授权的经办人使用电子营业执照小程序扫描二维码")
        self.refusal = page.locator(".qr-refusal")
        self.expired_notice = page.get_by_text("二维码已过期")
        self.refresh_link = page.get_by_role("link", name="点击刷新")

    def picture(self) -> bytes:
        """The pixels a phone camera would see: a screenshot of the code as displayed."""
        self.image.wait_for(state="visible")
        return self.image.screenshot()
