"""§1.2.2 APEC 商务旅行卡申请端账号注册: scan, 企业信息, 账号信息, and each bad input."""
import re

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from pages.miniapp.scan import MiniappHome
from pages.portal.form import Form
from pages.portal.home import HomePage
from pages.portal.login import LoginPage
from pages.portal.qr import QrPanel
from pages.portal.register import AccountInfoStep, EnterpriseInfoStep, RegisterScanStep, RegistrationDone

from .common import Credentials, LicensedEnterprise, scan_portal_code

VALID_ENTERPRISE_INFO = {"region_province": "湖南省", "region_detail": "长沙市岳麓区麓谷大道 1 号",
                         "phone": "0731-88886666", "nature": "民营企业", "industry": "批发和零售业",
                         "employees": "120"}


@when("办事人（外事专办员）按提示进行账号注册：进入 APEC 主页中, 选择登录")  # §1's summary step, quoted
@when("进入 APEC 主页中, 选择登录")
def home_then_login(portal: Page) -> None:
    HomePage(portal).open().click_login()


@when("选择注册新账号")
def choose_register(portal: Page) -> None:
    LoginPage(portal).register_link.click()


@then("页面显示电子营业执照扫码二维码")
def qr_is_shown(portal: Page) -> None:
    step = RegisterScanStep(portal)
    expect(step.stepper.current).to_contain_text("电子营业执照扫码")
    expect(step.qr.image).to_be_visible()


@when("被授权的经办人使用电子营业小程序扫描二维码")
def agent_scans(portal: Page, agent_phone: Page, licensed: LicensedEnterprise) -> None:
    scan_portal_code(portal, agent_phone, licensed.enterprise.name)


@then("页面进入“企业信息”步骤，企业名称、统一社会信用代码、法人姓名已自动填写且不可修改")
def enterprise_step_prefilled(portal: Page, licensed: LicensedEnterprise) -> None:
    step = EnterpriseInfoStep(portal)
    expect(step.stepper.current).to_contain_text("企业信息")
    for field, value in ((step.enterprise_name, licensed.enterprise.name), (step.credit_code, licensed.enterprise.uscc),
                         (step.legal_rep_name, licensed.enterprise.legal_rep.name)):
        expect(field).to_have_value(value)
        expect(field).not_to_be_editable()


# The two Givens below arrange the scan through the control API: the scan through the phone has scenarios of its own,
# and doing it again before every check of a later step cost about two seconds a scenario.
@given("经办人已扫码进入“企业信息”步骤")
def at_enterprise_step(portal: Page, control, licensed: LicensedEnterprise) -> None:
    portal.goto(control.registration_url(licensed.enterprise_id))
    expect(EnterpriseInfoStep(portal).stepper.current).to_contain_text("企业信息")


@when("输入企业信息并点击【下一步】")
def fill_enterprise_info(portal: Page) -> None:
    step = EnterpriseInfoStep(portal)
    step.fill(**VALID_ENTERPRISE_INFO)
    step.go_next()


@given("经办人已扫码并填写企业信息，进入“账号信息”步骤")
def at_account_step(portal: Page, control, licensed: LicensedEnterprise) -> None:
    info = {("contact_phone" if key == "phone" else key): value for key, value in VALID_ENTERPRISE_INFO.items()}
    portal.goto(control.registration_url(licensed.enterprise_id, info))
    expect(AccountInfoStep(portal).stepper.current).to_contain_text("账号信息")


@when(parsers.re(r"企业信息中“(?P<label>[^”]+)”填写“(?P<value>[^”]*)”并点击【下一步】"), target_fixture="typed")
def enterprise_info_with(portal: Page, label: str, value: str) -> dict:
    step = EnterpriseInfoStep(portal)
    step.fill(**VALID_ENTERPRISE_INFO)
    Form(portal).set(label, value)
    typed = {"企业联系电话": VALID_ENTERPRISE_INFO["phone"], "员工人数": VALID_ENTERPRISE_INFO["employees"],
             "企业注册地（详细地址）": VALID_ENTERPRISE_INFO["region_detail"], label: value}
    step.go_next()
    return typed


@when("设置企业邮箱账号、设置登录密码并输入邮箱验证码", target_fixture="credentials")
def set_email_and_password(portal: Page, control, data_factory) -> Credentials:
    credentials = Credentials(data_factory.email(), data_factory.password())
    step = AccountInfoStep(portal)
    step.request_code(credentials.email)
    expect(step.notice).to_contain_text("验证码已发送")
    step.fill(credentials.email, credentials.password, credentials.password, latest_code(control, credentials.email))
    return credentials


def latest_code(control, email: str) -> str:
    return mailed_code(control, email, -1)


def mailed_code(control, email: str, which: int) -> str:
    """The code in one of the messages sent to this address: 0 the first, -1 the latest."""
    return re.search(r"\d{6}", control.mailbox(email)[which]["body"]).group()


@when("勾选同意《中国领事用户协议》和《隐私政策》并点击【立即注册】")
def agree_and_register(portal: Page) -> None:
    AccountInfoStep(portal).register(agree=True)


@then("注册成功")
def registration_succeeded(portal: Page, credentials: Credentials) -> None:
    """The success page names the account just made; that it logs in is the scenario's next step."""
    done = RegistrationDone(portal)
    expect(done.title).to_be_visible()
    expect(done.message).to_contain_text(credentials.email)


@when(parsers.parse("填写邮箱账号“{email}”、密码“{password}”、确认密码“{confirmation}”、邮箱验证码“{code}”并点击【立即注册】"),
      target_fixture="typed")
def fill_account_info(portal: Page, email: str, password: str, confirmation: str, code: str) -> dict:
    step = AccountInfoStep(portal)
    step.fill(email, password, confirmation, code)
    step.register(agree=True)
    return {"邮箱账号": email, "密码": password, "确认密码": confirmation, "邮箱验证码": code}


@then("我填写的内容都还在")
def nothing_lost(portal: Page, typed: dict) -> None:
    form = Form(portal)
    for label, value in typed.items():
        expect(form.field(label)).to_have_value(value)


@when("获取邮箱验证码", target_fixture="credentials")
def request_code(portal: Page, data_factory) -> Credentials:
    credentials = Credentials(data_factory.email(), data_factory.password())
    step = AccountInfoStep(portal)
    step.request_code(credentials.email)
    expect(step.notice).to_contain_text("验证码已发送")
    return credentials


@when("再次点击【获取验证码】")
def request_code_again(portal: Page) -> None:
    AccountInfoStep(portal).send_code_button.click()


@when(parsers.parse("{seconds:d} 秒后"))
def time_passes(control, seconds: int) -> None:
    control.advance_clock(seconds)


@when(parsers.parse("输入邮箱验证码“{code}”并点击【立即注册】"))
def register_with_code(portal: Page, credentials: Credentials, control, code: str) -> None:
    step = AccountInfoStep(portal)
    code = {"邮件中的验证码": -1, "第一封邮件中的验证码": 0}.get(code, code)
    code = mailed_code(control, credentials.email, code) if isinstance(code, int) else code
    step.fill(credentials.email, credentials.password, credentials.password, code)
    step.register(agree=True)


@when("不勾选同意协议，填写完整后点击【立即注册】")
def register_without_agreeing(portal: Page, control, data_factory) -> None:
    credentials = request_code(portal, data_factory)
    step = AccountInfoStep(portal)
    step.fill(credentials.email, credentials.password, credentials.password, latest_code(control, credentials.email))
    step.register(agree=False)


@then("页面提示验证码已发送")
def code_sent(portal: Page) -> None:
    expect(AccountInfoStep(portal).notice).to_contain_text("验证码已发送")


@when(parsers.parse("用密码“{password}”填写账号信息并点击【立即注册】"), target_fixture="credentials")
def register_with_password(portal: Page, control, data_factory, password: str) -> Credentials:
    credentials = request_code(portal, data_factory)
    credentials = Credentials(credentials.email, password)
    step = AccountInfoStep(portal)
    step.fill(credentials.email, password, password, latest_code(control, credentials.email))
    step.register(agree=True)
    return credentials


@when("直接打开“账号信息”步骤的网址")
def open_account_step_directly(portal: Page) -> None:
    AccountInfoStep(portal).open()


@then("页面仍在“企业信息”步骤")
def still_at_enterprise_step(portal: Page) -> None:
    expect(EnterpriseInfoStep(portal).stepper.current).to_contain_text("企业信息")


@then("各字段的提示文字为：")
def placeholders(portal: Page, datatable: list[list[str]]) -> None:
    form = Form(portal)
    for label, placeholder in datatable[1:]:
        expect(form.field(label)).to_have_attribute("placeholder", placeholder)


@then(parsers.parse("“邮箱验证码”旁提示需等待后再获取"))
def wait_before_resend(portal: Page) -> None:
    expect(Form(portal).field("邮箱验证码")).to_have_accessible_description(re.compile(r"验证码已发送，请\d+秒后再获取"))


@given("另一企业已用该邮箱注册账号", target_fixture="taken_email")
def email_taken(control, data_factory) -> str:
    other = data_factory.enterprise()
    ids = control.add_enterprise(other)
    email = data_factory.email()
    control.add_account(ids["id"], email, data_factory.password())
    return email


@when("用已注册的邮箱获取邮箱验证码")
def request_code_for_taken_email(portal: Page, taken_email: str) -> None:
    AccountInfoStep(portal).request_code(taken_email)


@given("打开“企业账号注册”页面")
def open_registration(portal: Page) -> None:
    RegisterScanStep(portal).open()
    expect(QrPanel(portal).image).to_be_visible()


@then("电脑上仍停留在“电子营业执照扫码”步骤")
def portal_still_on_scan(portal: Page) -> None:
    step = RegisterScanStep(portal)
    expect(step.stepper.current).to_contain_text("电子营业执照扫码")
    expect(step.qr.image).to_be_visible()


@then(parsers.parse("电脑上仍停留在“电子营业执照扫码”步骤，并提示“{message}”"))
def portal_stays_on_scan(portal: Page, message: str) -> None:
    step = RegisterScanStep(portal)
    expect(step.qr.refusal).to_have_text("扫码未通过：" + message)
    expect(step.stepper.current).to_contain_text("电子营业执照扫码")


@given("我用手机拍下电脑上的二维码", target_fixture="picture")
def take_picture(portal: Page) -> bytes:
    return QrPanel(portal).picture()


@when("二维码有效期（5分钟）已过")
def qr_expires(portal: Page, control) -> None:
    control.advance_clock(301)
    QrPanel(portal).expired_notice.wait_for()  # the page learns it by polling: let it settle before the screenshot


@then("电脑上提示二维码已过期")
def portal_says_expired(portal: Page) -> None:
    expect(QrPanel(portal).expired_notice).to_be_visible()


@when("经办人用手机扫描拍下的二维码")
def scan_picture(agent_phone: Page, picture: bytes) -> None:
    MiniappHome(agent_phone).open().scan().read(picture)


@when("经办人用手机扫描拍下的二维码并确认")
def scan_picture_and_confirm(portal: Page, agent_phone: Page, picture: bytes, licensed: LicensedEnterprise) -> None:
    scan_portal_code(portal, agent_phone, licensed.enterprise.name, picture=picture)
