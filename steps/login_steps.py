"""§1.3 系统登录: 企业账号登录, 扫码登录, 经办人账号登录 (with 【经办人管理】), wrong passwords and lock-out."""
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from pages.portal.account import AccountHome, AccountSettings, HandlerManagement
from pages.portal.login import LoginPage

from .common import Credentials, LicensedEnterprise, scan_portal_code

HANDLER = {"name": "李经办", "login": "li_jingban", "mobile": "13912345678", "password": "Handler#2026"}


@given("打开登录页面")
def open_login(portal: Page) -> None:
    LoginPage(portal).open()


@when("输入正确的企业邮箱账号、密码，点击【确认】按钮")
def log_in(portal: Page, credentials: Credentials) -> None:
    LoginPage(portal).log_in(credentials.email, credentials.password)


@then("登录系统")
def signed_in(portal: Page, licensed: LicensedEnterprise) -> None:
    home = AccountHome(portal)
    expect(home.welcome).to_contain_text(licensed.enterprise.name)
    expect(home.header.signed_in_as).to_contain_text(licensed.enterprise.name)


@when(parsers.parse("输入企业邮箱账号和错误的密码，点击【确认】按钮 {times:d} 次"))
def wrong_password(portal: Page, credentials: Credentials, times: int) -> None:
    login = LoginPage(portal)
    for _ in range(times):
        login.log_in(credentials.email, credentials.password + "x")
        expect(login.error).to_be_visible()


@then(parsers.parse("登录页面提示“{message}”"))
def login_error(portal: Page, message: str) -> None:
    expect(LoginPage(portal).error).to_have_text(message)


@then("仍停留在登录页面")
def still_on_login(portal: Page) -> None:
    expect(LoginPage(portal).confirm_button).to_be_visible()
    expect(AccountHome(portal).header.account_settings).to_have_count(0)


@when("点击右上角‘电子营业执照扫码登录’")
def switch_to_scan(portal: Page) -> None:
    LoginPage(portal).switch_to_scan_login()


@then("切换为扫码登录")
def scan_login_shown(portal: Page) -> None:
    login = LoginPage(portal)
    expect(login.qr.image).to_be_visible()
    expect(login.password_login_switch).to_be_visible()


@when("被授权的经办人使用电子营业执照小程序扫描二维码")
def agent_scans_to_log_in(portal: Page, agent_phone: Page, licensed: LicensedEnterprise) -> None:
    scan_portal_code(portal, agent_phone, licensed.enterprise.name)


@given("企业账号已登录系统")
def enterprise_signed_in(portal: Page, credentials: Credentials) -> None:
    LoginPage(portal).open().log_in(credentials.email, credentials.password)
    expect(AccountHome(portal).welcome).to_be_visible()


@when("在【账号设置】→【经办人管理】中新增经办人")
def add_handler(portal: Page) -> None:
    AccountHome(portal).account_settings.click()
    AccountSettings(portal).open_handler_management().add(**HANDLER)


@then("经办人列表中显示该经办人")
def handler_listed(portal: Page) -> None:
    expect(HandlerManagement(portal).row(HANDLER["name"])).to_contain_text(HANDLER["login"])


@when(parsers.parse("将该经办人的手机号码修改为“{mobile}”"))
def edit_handler(portal: Page, mobile: str) -> None:
    HandlerManagement(portal).edit(HANDLER["name"]).save(mobile=mobile)


@then(parsers.parse("经办人列表中该经办人的手机号码为“{mobile}”"))
def handler_mobile(portal: Page, mobile: str) -> None:
    expect(HandlerManagement(portal).row(HANDLER["name"])).to_contain_text(mobile)


@when("删除该经办人")
def delete_handler(portal: Page) -> None:
    HandlerManagement(portal).delete(HANDLER["name"])


@then("经办人列表中不再有该经办人")
def handler_gone(portal: Page) -> None:
    management = HandlerManagement(portal)
    expect(management.notice).to_contain_text("已删除经办人")
    expect(management.row(HANDLER["name"])).to_have_count(0)


@when("退出登录")
def log_out(portal: Page) -> None:
    AccountHome(portal).header.logout_button.click()


@when("经办人直接打开【经办人管理】的网址")
def handler_opens_management(portal: Page) -> None:
    HandlerManagement(portal).open()


@then("经办人看不到经办人列表，也不能新增经办人")
def management_refused(portal: Page) -> None:
    management = HandlerManagement(portal)
    expect(management.table).to_have_count(0)
    expect(management.add_button).to_have_count(0)


@given("企业账号已在【账号设置】→【经办人管理】中新增经办人")
def handler_exists(portal: Page, credentials: Credentials) -> None:
    enterprise_signed_in(portal, credentials)
    add_handler(portal)
    handler_listed(portal)
    AccountHome(portal).header.logout_button.click()


@when("选择经办人账号登录，输入经办人账号、密码，点击【确认】按钮")
def handler_logs_in(portal: Page) -> None:
    LoginPage(portal).open().log_in_as_handler(HANDLER["login"], HANDLER["password"])


@then("经办人登录系统")
def handler_signed_in(portal: Page, licensed: LicensedEnterprise) -> None:
    expect(AccountHome(portal).header.signed_in_as).to_contain_text("经办人 " + HANDLER["name"])
    expect(AccountHome(portal).welcome).to_contain_text(licensed.enterprise.name)
