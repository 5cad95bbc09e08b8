"""领事 APEC 商务旅行卡 home page."""
from playwright.sync_api import Page

from .chrome import Footer, Header

PATH = "/APEC/"


class HomePage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.header = Header(page)
        self.footer = Footer(page)
        self.title = page.get_by_role("heading", name="领事 APEC 商务旅行卡")
        self.welcome = page.get_by_text("中国领事欢迎您")

    def open(self) -> "HomePage":
        self.page.goto(PATH)
        return self

    def click_login(self):
        from .login import LoginPage
        self.header.login_button.click()
        return LoginPage(self.page)
