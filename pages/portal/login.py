"""登录: 企业账号登录, 电子营业执照扫码登录 (top right), 经办人账号登录."""
from playwright.sync_api import Page

from .chrome import Header
from .qr import QrPanel

PATH = "/APEC/login"


class LoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.header = Header(page)
        self.box = page.get_by_role("region", name="用户登录").or_(page.get_by_role("region", name="电子营业执照扫码登录"))
        self.enterprise_tab = page.get_by_role("tab", name="企业账号登录")
        self.handler_tab = page.get_by_role("tab", name="经办人账号登录")
        self.email = page.get_by_label("邮箱账号", exact=True)
        self.handler_login = page.get_by_label("经办人账号", exact=True)
        self.password = page.get_by_label("密码", exact=True)
        self.confirm_button = page.get_by_role("button", name="确认")
        self.scan_login_switch = page.get_by_role("link", name="电子营业执照扫码登录")
        self.password_login_switch = page.get_by_role("link", name="账号密码登录")
        self.register_link = page.get_by_role("link", name="注册新账号")
        self.error = page.locator(".form-error")
        self.qr = QrPanel(page)

    def open(self) -> "LoginPage":
        self.page.goto(PATH)
        return self

    def choose_tab(self, tab) -> None:
        if tab.get_attribute("aria-selected") != "true":  # the tabs are links: a click reloads the page
            tab.click()

    def log_in(self, email: str, password: str) -> None:
        self.choose_tab(self.enterprise_tab)
        self.email.fill(email)
        self.password.fill(password)
        self.confirm_button.click()

    def log_in_as_handler(self, login: str, password: str) -> None:
        self.choose_tab(self.handler_tab)
        self.handler_login.fill(login)
        self.password.fill(password)
        self.confirm_button.click()

    def switch_to_scan_login(self) -> QrPanel:
        self.scan_login_switch.click()
        return self.qr
