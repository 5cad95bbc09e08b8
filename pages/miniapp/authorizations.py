"""授权管理 (guide §1.2.1.3 1–2): 授权信息列表, 添加授权, 详细信息 with 取消授权."""
from playwright.sync_api import Page

from .common import Screen

class AuthorizationsPage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.add_link = page.get_by_role("link", name="添加授权")
        self.grants = page.get_by_role("list", name="授权信息列表")

    def open(self, enterprise_id: int) -> "AuthorizationsPage":
        self.page.goto(f"/miniapp/enterprises/{enterprise_id}/authorizations")
        return self

    def grant(self, agent_name: str):
        return self.grants.get_by_role("listitem").filter(has_text=agent_name)

    def add(self) -> "NewAuthorizationPage":
        self.add_link.click()
        return NewAuthorizationPage(self.page)

    def details(self, agent_name: str) -> "AuthorizationDetail":
        self.grant(agent_name).first.get_by_role("link", name="详细信息").click()
        return AuthorizationDetail(self.page)


class NewAuthorizationPage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.agent = page.get_by_label("办事人", exact=True)
        self.add_agent_link = page.get_by_role("link", name="添加办事人")
        self.modes = page.get_by_role("group", name="授权方式")
        self.category = page.get_by_label("大类", exact=True)
        self.first_level = page.get_by_label("一级目录", exact=True)
        self.second_level = page.get_by_label("二级目录", exact=True)
        self.starts_at = page.get_by_label("授权开始时间")
        self.ends_at = page.get_by_label("授权结束时间")
        self.save_button = page.get_by_role("button", name="保存")

    def choose_agent(self, name: str) -> None:
        """Options read "name（masked ID number）"; people pick by the name."""
        self.agent.select_option(self.agent.locator("option", has_text=name).get_attribute("value"))

    def authorize(self, agent_name: str, mode: str, starts: str, ends: str, matter: str | None = None) -> None:
        """matter: 大类—一级目录—二级目录, for 精准授权; times as people write them, 2026-03-01 09:00."""
        self.choose_agent(agent_name)
        self.modes.get_by_role("radio", name=mode).check()
        if matter:
            category, first, second = matter.split("—")
            self.category.select_option(category)
            self.first_level.select_option(first)
            self.second_level.select_option(second)
        self.starts_at.fill(starts)
        self.ends_at.fill(ends)
        self.save_button.click()


class AuthorizationDetail(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.card = page.get_by_role("region", name="授权详细信息")
        self.cancel_button = page.get_by_role("button", name="取消授权")

    def cancel(self) -> None:
        self.cancel_button.click()
