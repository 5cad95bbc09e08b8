"""办事人管理 (guide §1.2.1.3 3–5): the list, 添加办事人, 详细信息, 修改办事人, 删除办事人."""
from playwright.sync_api import Page

from .common import Screen


class AgentsPage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.add_link = page.get_by_role("link", name="添加办事人")
        self.agents = page.get_by_role("list", name="办事人列表")

    def open(self, enterprise_id: int) -> "AgentsPage":
        self.page.goto(f"/miniapp/enterprises/{enterprise_id}/agents")
        return self

    def agent(self, name: str):
        return self.agents.get_by_role("listitem").filter(has_text=name)

    def add(self) -> "AgentForm":
        self.add_link.click()
        return AgentForm(self.page)

    def details(self, name: str) -> "AgentDetail":
        self.agent(name).get_by_role("link", name="详细信息").click()
        return AgentDetail(self.page)


class AgentForm(Screen):
    """添加办事人 and 修改办事人 share the form."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.name = page.get_by_label("姓名", exact=True)
        self.id_number = page.get_by_label("证件号码", exact=True)
        self.mobile = page.get_by_label("手机号", exact=True)
        self.save_button = page.get_by_role("button", name="保存")

    def save(self, name: str | None = None, id_number: str | None = None, mobile: str | None = None) -> None:
        """Fills what is given (a locked field is left alone unless given) and saves."""
        for field, value in ((self.name, name), (self.id_number, id_number), (self.mobile, mobile)):
            if value is not None:
                field.fill(value)
        self.save_button.click()


class AgentDetail(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.card = page.get_by_role("region", name="办事人详细信息")
        self.edit_link = page.get_by_role("link", name="修改办事人")
        self.delete_button = page.get_by_role("button", name="删除办事人")

    def edit(self) -> AgentForm:
        self.edit_link.click()
        return AgentForm(self.page)

    def delete(self) -> None:
        self.delete_button.click()
