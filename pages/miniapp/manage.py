"""A license on the phone and what its holder may do with it; 证照管理员 (guide §1.2.1.2-1)."""
from playwright.sync_api import Page

from .agents import AgentsPage
from .authorizations import AuthorizationsPage
from .common import Screen


class LicensePage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.license = page.get_by_role("region", name="电子营业执照")
        self.actions = page.get_by_role("navigation", name="执照管理")
        self.authorizations_link = page.get_by_role("link", name="授权管理")
        self.agents_link = page.get_by_role("link", name="办事人管理")
        self.administrators_link = page.get_by_role("link", name="证照管理员")

    def open_authorizations(self) -> AuthorizationsPage:
        self.authorizations_link.click()
        return AuthorizationsPage(self.page)

    def open_agents(self) -> AgentsPage:
        self.agents_link.click()
        return AgentsPage(self.page)

    def open_administrators(self) -> "AdministratorsPage":
        self.administrators_link.click()
        return AdministratorsPage(self.page)


class AdministratorsPage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.administrators = page.get_by_role("list", name="证照管理员列表")
        self.name = page.get_by_label("姓名", exact=True)
        self.id_number = page.get_by_label("证件号码", exact=True)
        self.mobile = page.get_by_label("手机号", exact=True)
        self.subauthorize = page.get_by_label("下级授权", exact=True)
        self.add_button = page.get_by_role("button", name="添加")

    def administrator(self, name: str):
        return self.administrators.get_by_role("listitem").filter(has_text=name)

    def add(self, name: str, id_number: str, mobile: str, subauthorize: bool) -> None:
        self.name.fill(name)
        self.id_number.fill(id_number)
        self.mobile.fill(mobile)
        self.subauthorize.set_checked(subauthorize)
        self.add_button.click()
