"""实名认证 screens (guide §1.2.1.2 2–3): WeChat, Alipay, the APP, face recognition and the failure page.

A flow method goes through every check; one the server refuses stops the step there with the screen's message,
unless the caller names it as the check expected to fail."""
from playwright.sync_api import Page

from .common import Screen

# The checks a flow passes through, as the guide names them (§1.2.1.2-3).
STAGE_PAY_PASSWORD, STAGE_IDENTITY, STAGE_FACE = "微信支付密码", "实名信息核验", "人脸识别"


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
        self.passed = page.get_by_text("您好，")  # the mini-program's home greets the authenticated person

    def fetched_info(self, host: str):
        """The card showing the name and ID number fetched from the WeChat / Alipay account."""
        return self.page.get_by_role("heading", name=f"已获取{host}账号的实名信息")

    def _reach(self, step) -> None:
        """Waits for the next screen of the flow. The failure page instead stops the step here, with its message,
        so a failed check is never left to surface later as a missing button."""
        step.or_(self.failed).first.wait_for()
        if self.failed.is_visible():
            raise RealNameFailed(self.alert.inner_text())

    def enter_pay_password(self, password: str) -> None:
        self.pay_password.fill(password)
        self.pay_confirm.click()

    def authenticate_with_wechat(self, pay_password: str, failing: str | None = None) -> None:
        """The WeChat flow; `failing` names the check the server is expected to refuse: the flow stops there."""
        self._stages([(STAGE_PAY_PASSWORD, lambda: self.enter_pay_password(pay_password), self.confirm_info),
                      (STAGE_IDENTITY, self.confirm_info.click, self.start_face),
                      (STAGE_FACE, self.start_face.click, self.passed)], failing)

    def authenticate_with_alipay(self, failing: str | None = None) -> None:
        self._stages([(STAGE_IDENTITY, self.agree_info.click, self.agree_face),
                      (STAGE_FACE, self.agree_face.click, self.passed)], failing)

    def authenticate_with_app(self, name: str, id_number: str) -> None:
        self.name.fill(name)
        self.id_number.fill(id_number)
        self.to_face.click()
        self._reach(self.start_face)
        self.start_face.click()
        self._reach(self.passed)

    def _stages(self, stages, failing: str | None) -> None:
        """Each stage acts, then waits for the next screen; after the failing stage the Then step looks."""
        for stage, act, next_screen in stages:
            act()
            if stage == failing:
                return
            self._reach(next_screen)


class RealNameFailed(AssertionError):
    """The server refused a real-name check the step expected to pass."""

    def __init__(self, screen_message: str) -> None:
        super().__init__(f"实名认证未通过: {' '.join(screen_message.split())}")
