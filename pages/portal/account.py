"""After login: the enterprise home, 【账号设置】 (账号信息) and 【经办人管理】."""
from playwright.sync_api import Page

from .chrome import Header


class AccountHome:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.header = Header(page)
        self.welcome = page.get_by_role("heading", name="欢迎")
        self.account_settings = page.get_by_role("navigation", name="功能").get_by_role("link", name="账号设置")


class AccountSettings:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = page.get_by_role("heading", name="账号设置")
        self.account_info = page.get_by_role("heading", name="账号信息")
        self.handler_management = page.get_by_role("link", name="经办人管理")

    def fact(self, label: str):
        return self.page.locator("dt", has_text=label).locator("xpath=following-sibling::dd[1]")

    def open_handler_management(self) -> "HandlerManagement":
        self.handler_management.click()
        return HandlerManagement(self.page)


class HandlerManagement:
    PATH = "/APEC/settings/handlers"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = page.get_by_role("heading", name="经办人管理")
        self.add_button = page.get_by_role("link", name="新增经办人")
        self.table = page.get_by_role("table", name="经办人列表")
        self.notice = page.get_by_role("status")

    def open(self) -> "HandlerManagement":
        self.page.goto(self.PATH)
        return self

    def row(self, name: str):
        return self.table.get_by_role("row").filter(has_text=name)

    def add(self, name: str, login: str, mobile: str, password: str) -> "HandlerForm":
        self.add_button.click()
        form = HandlerForm(self.page)
        form.save(name=name, login=login, mobile=mobile, password=password)
        return form

    def edit(self, name: str) -> "HandlerForm":
        self.table.get_by_role("link", name=f"编辑 {name}").click()
        return HandlerForm(self.page)

    def delete(self, name: str) -> None:
        self.page.once("dialog", lambda dialog: dialog.accept())
        self.table.get_by_role("button", name=f"删除 {name}").click()


class HandlerForm:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.name = page.get_by_label("经办人姓名", exact=True)
        self.login = page.get_by_label("登录账号", exact=True)
        self.mobile = page.get_by_label("手机号码", exact=True)
        self.password = page.get_by_label("登录密码", exact=True)
        self.save_button = page.get_by_role("button", name="保存")

    def save(self, name: str | None = None, login: str | None = None, mobile: str | None = None,
             password: str | None = None) -> None:
        for locator, value in ((self.name, name), (self.login, login), (self.mobile, mobile), (self.password, password)):
            if value is not None:
                locator.fill(value)
        self.save_button.click()
