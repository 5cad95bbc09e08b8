"""下载执照 (guide §1.2.1.2 4–6): 登记地 and the two record lists, 《执照下载声明》, 下载成功, 修改执照密码."""
from urllib.parse import unquote

from playwright.sync_api import Page

from .common import Screen


class DownloadPage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.place = page.get_by_label("登记地", exact=True)
        self.query_button = page.get_by_role("button", name="查询")
        self.downloadable = page.get_by_role("list", name="可下载执照记录")
        self.downloaded = page.get_by_role("list", name="已下载执照记录")

    def open(self, place: str | None = None) -> "DownloadPage":
        self.page.goto("/miniapp/download" + (f"?place={place}" if place else ""))
        return self

    def choose_place(self, place: str) -> None:
        self.place.select_option(place)
        self.query_button.click()
        self.page.wait_for_url(lambda url: unquote(url).endswith(f"place={place}"))

    def record(self, enterprise_name: str, kind: str = "可下载执照记录"):
        records = self.downloadable if kind == "可下载执照记录" else self.downloaded
        return records.get_by_role("listitem").filter(has_text=enterprise_name)

    def choose(self, enterprise_name: str) -> "StatementPage":
        self.record(enterprise_name).get_by_role("link").click()
        return StatementPage(self.page)


class StatementPage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.statement = page.get_by_role("region", name="《执照下载声明》")
        self.agreement = page.get_by_label("我已阅读并同意《执照下载声明》")
        self.license_password = page.get_by_label("执照密码")
        self.download_button = page.get_by_role("button", name="下载执照")

    def download(self, agree: bool = True, password: str | None = None) -> None:
        self.agreement.set_checked(agree)
        if password is not None:
            self.license_password.fill(password)
        self.download_button.click()


class DownloadDone(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.success = page.get_by_role("heading", name="执照下载成功")
        self.download_another = page.get_by_role("link", name="继续下载其他执照")
        self.change_password = page.get_by_role("link", name="修改执照密码")
        self.back_home = page.get_by_role("link", name="返回主页")


class PasswordPage(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.old_password = page.get_by_label("原执照密码")
        self.new_password = page.get_by_label("新执照密码", exact=True)
        self.confirmation = page.get_by_label("确认新执照密码")
        self.confirm_button = page.get_by_role("button", name="确认修改")

    def open(self) -> "PasswordPage":
        self.page.goto("/miniapp/password")
        return self

    def change(self, old: str, new: str, confirmation: str | None = None) -> None:
        self.old_password.fill(old)
        self.new_password.fill(new)
        self.confirmation.fill(new if confirmation is None else confirmation)
        self.confirm_button.click()
