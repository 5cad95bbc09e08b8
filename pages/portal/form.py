"""Any portal form, by the guide's field labels: the error for a field is its accessible description."""
from playwright.sync_api import Page


class Form:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.alerts = page.get_by_role("alert")

    def field(self, label: str):
        return self.page.get_by_label(label, exact=True)

    def set(self, label: str, value: str) -> None:
        field = self.field(label)
        tag = field.evaluate("el => el.tagName")
        if tag == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
