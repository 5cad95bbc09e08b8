"""实名认证 screens (guide §1.2.1.2 2–3): WeChat, Alipay, the APP, face recognition and the failure page.

Each flow method goes as far as the server lets it: it stops at the failure page when a check fails."""
from playwright.sync_api import Page

from .common import Screen


class RealName(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.channel_tip = page.get_by_text("只有通过实名认证才可以下载执照")
        # WeChat
        self.pay_password = page.get_by_label("微信支付密码")
        self.pay_confirm = page.get_by_role("button", name="确定")
        self.confirm_info = page.get_by_role("button", name="确认信息，进行人脸识别")
        # Alipay
        self.info_request = page.get_by_role("form", name="授权获取实名信息")
        self.agree_info = page.get_by_role("button", name="同意授权", exact=True)
        self.agree_face = page.get_by_role("button", name="同意授权并开始人脸识别")
        # APP
        self.name = page.get_by_label("姓名", exact=True)
        self.id_number = page.get_by_label("证件号码", exact=True)
        self.to_face = page.get_by_role("button", name="下一步：人脸识别")
        # face recognition, and how it ends
        self.start_face = page.get_by_role("button", name="开始人脸识别")
        self.failed = page.get_by_role("heading", name="实名认证未通过")

    def fetched_info(self, host: str):
        """The card showing the name and ID number fetched from the WeChat / Alipay account."""
        return self.page.get_by_role("heading", name=f"已获取{host}账号的实名信息")

    def _next(self, step) -> bool:
        """Waits for the next step or the failure page; True when the flow may go on."""
        step.or_(self.failed).first.wait_for()
        return not self.failed.is_visible()

    def enter_pay_password(self, password: str) -> None:
        self.pay_password.fill(password)
        self.pay_confirm.click()

    def authenticate_with_wechat(self, pay_password: str) -> None:
        self.enter_pay_password(pay_password)
        if self._next(self.confirm_info):
            self.confirm_info.click()
            if self._next(self.start_face):
                self.start_face.click()

    def authenticate_with_alipay(self) -> None:
        self.agree_info.click()
        if self._next(self.agree_face):
            self.agree_face.click()

    def authenticate_with_app(self, name: str, id_number: str) -> None:
        self.name.fill(name)
        self.id_number.fill(id_number)
        self.to_face.click()
        if self._next(self.start_face):
            self.start_face.click()
