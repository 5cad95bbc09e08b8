"""企业账号注册, the three-step wizard: 电子营业执照扫码 → 企业信息 → 账号信息 → 注册成功."""
from playwright.sync_api import Page

from .chrome import Header
from .qr import QrPanel

PATH = "/APEC/register"


class Stepper:
    def __init__(self, page: Page) -> None:
        self.root = page.get_by_role("list", name="注册步骤")
        self.current = self.root.locator("[aria-current=step]")

    def step(self, label: str):
        return self.root.get_by_role("listitem").filter(has_text=label)


class RegisterScanStep:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.header = Header(page)
        self.title = page.get_by_role("heading", name="企业账号注册")
        self.stepper = Stepper(page)
        self.qr = QrPanel(page)

    def open(self) -> "RegisterScanStep":
        self.page.goto(PATH)
        return self


class EnterpriseInfoStep:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.stepper = Stepper(page)
        self.enterprise_name = page.get_by_label("企业名称", exact=True)
        self.credit_code = page.get_by_label("统一社会信用代码", exact=True)
        self.legal_rep_name = page.get_by_label("法人姓名", exact=True)
        self.region_province = page.get_by_label("企业注册地（省份）")
        self.region_detail = page.get_by_label("企业注册地（详细地址）")
        self.contact_phone = page.get_by_label("企业联系电话", exact=True)
        self.nature = page.get_by_label("企业性质", exact=True)
        self.industry = page.get_by_label("所属行业", exact=True)
        self.employees = page.get_by_label("员工人数", exact=True)
        self.previous_button = page.get_by_role("link", name="上一步")
        self.next_button = page.get_by_role("button", name="下一步")

    def field(self, label: str):
        return self.page.get_by_label(label, exact=True)

    def fill(self, region_province: str, region_detail: str, phone: str, nature: str, industry: str,
             employees: str) -> None:
        self.region_province.select_option(region_province)
        self.region_detail.fill(region_detail)
        self.contact_phone.fill(phone)
        self.nature.select_option(nature)
        self.industry.select_option(industry)
        self.employees.fill(employees)

    def go_next(self) -> None:
        self.next_button.click()


class AccountInfoStep:
    PATH = PATH + "/account"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.stepper = Stepper(page)
        self.email = page.get_by_label("邮箱账号", exact=True)
        self.password = page.get_by_label("密码", exact=True)
        self.password_confirm = page.get_by_label("确认密码", exact=True)
        self.email_code = page.get_by_label("邮箱验证码", exact=True)
        self.send_code_button = page.get_by_role("button", name="获取验证码")
        self.agreement = page.get_by_label("我已阅读并同意《中国领事用户协议》和《隐私政策》", exact=True)
        self.previous_button = page.get_by_role("button", name="上一步")
        self.register_button = page.get_by_role("button", name="立即注册")
        self.notice = page.get_by_role("status")
        self.form_error = page.locator(".form-error")

    def field(self, label: str):
        return self.page.get_by_label(label, exact=True)

    def open(self) -> "AccountInfoStep":
        """By its address, as a user might from the browser's history: the portal decides which step shows."""
        self.page.goto(self.PATH)
        return self

    def request_code(self, email: str) -> None:
        self.email.fill(email)
        self.send_code_button.click()

    def fill(self, email: str, password: str, confirmation: str, code: str) -> None:
        self.email.fill(email)
        self.password.fill(password)
        self.password_confirm.fill(confirmation)
        self.email_code.fill(code)

    def register(self, agree: bool = True) -> None:
        self.agreement.set_checked(agree)
        self.register_button.click()


class RegistrationDone:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = page.get_by_role("heading", name="注册成功")
        self.message = page.get_by_text("已注册成功")
        self.login_button = page.get_by_role("link", name="去登录")
