"""The portal honours §1.2.1.3 at every scan (registration, scan login), and the §1 flow's portal side."""
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from pages.miniapp.scan import ScanConfirmPage, ScanPage
from pages.portal.account import AccountHome
from pages.portal.login import LoginPage
from pages.portal.qr import QrPanel
from pages.portal.register import EnterpriseInfoStep

from .common import INITIAL_LICENSE_PASSWORD, Credentials
from .miniapp_common import ACTOR, Company, Member, phone_of

DAY = 86400
# How each situation is arranged: the authorization it starts from, then what happens to it.
GRANTS = {"未获授权": None, "全业务授权": {}, "授权尚未生效": {"starts_after": timedelta(days=1)},
          "精准授权不含领事服务": {"mode": "精准授权", "matters": ["电子政务—税务—发票办理"]},
          "精准授权领事服务": {"mode": "精准授权", "matters": ["电子政务—外交—领事服务"]}}
AFTERWARDS = {"授权已过期": lambda control, ids: control.advance_clock(366 * DAY),  # the clock moves, no waiting
              "授权已取消": lambda control, ids: control.cancel_authorization(ids["authorization_id"]),
              "办事人已删除": lambda control, ids: control.delete_agent(ids["agent_id"]),
              "执照已失效": lambda control, ids: control.invalidate_download(ids["download_id"])}


def arrange_situation(control, company: Company, agent: Member, now: datetime, situation: str) -> dict:
    grant = dict(GRANTS.get(situation) or {})
    if "starts_after" in grant:
        grant["starts_at"] = now + grant.pop("starts_after")
    ids = control.add_agent(company.id, agent.person, authorized=situation != "未获授权", **grant)
    AFTERWARDS.get(situation, lambda control, ids: None)(control, ids)
    return ids


@given(parsers.parse("办事人的授权情形为“{situation}”"), target_fixture="agent")
def agent_in_situation(control, company: Company, agent: Member, now: datetime, situation: str) -> Member:
    ids = arrange_situation(control, company, agent, now, situation)
    return Member(agent.person, agent.person_id, ids["agent_id"], ids["authorization_id"], ids["download_id"])


@given("企业已注册中国领事服务网账号", target_fixture="credentials")
def registered(control, data_factory, company: Company) -> Credentials:
    credentials = Credentials(data_factory.email(), data_factory.password())
    control.add_account(company.id, credentials.email, credentials.password)
    return credentials


@given("打开登录页面并切换为电子营业执照扫码登录")
def scan_login_page(portal: Page) -> None:
    LoginPage(portal).open().switch_to_scan_login()


@when(parsers.parse("{actor:Actor}用手机扫描电脑上的二维码并确认", extra_types=ACTOR))
def scan(request, portal: Page, actor: str, company: Company) -> None:
    """Both screens settle before the step's screenshots: the portal (it polls) moves on, or shows the refusal."""
    confirm = scan_and_confirm(request, portal, actor, company, INITIAL_LICENSE_PASSWORD)
    qr = QrPanel(portal)
    (qr.image.wait_for(state="detached") if confirm.success.is_visible() else qr.refusal.wait_for())


@when(parsers.parse("{actor:Actor}用手机扫描电脑上的二维码，输入执照密码“{password}”并确认", extra_types=ACTOR))
def scan_with_password(request, portal: Page, actor: str, company: Company, password: str) -> None:
    """The license password is the phone's to check: a wrong one is not sent to the portal, which changes only
    when the scan succeeds."""
    confirm = scan_and_confirm(request, portal, actor, company, password)
    if confirm.success.is_visible():
        QrPanel(portal).image.wait_for(state="detached")


def scan_and_confirm(request, portal: Page, actor: str, company: Company, password: str) -> ScanConfirmPage:
    """The phone reads the code from the portal's own pixels and confirms with this enterprise's license, if any;
    it returns once the phone has the server's answer."""
    confirm = ScanPage(phone_of(request, actor)).open().read(QrPanel(portal).picture())
    confirm.confirm_with_what_is_on_the_phone(company.enterprise.name, password)
    confirm.success.or_(confirm.error).wait_for()
    return confirm


@then(parsers.parse("电脑上仍停留在扫码登录，并提示“{message}”"))
def login_refused(portal: Page, message: str) -> None:
    login = LoginPage(portal)
    expect(login.qr.refusal).to_have_text("扫码未通过：" + message)
    expect(login.qr.image).to_be_visible()


@then("电脑上进入“企业信息”步骤，显示该企业的名称")
def enterprise_step(portal: Page, company: Company) -> None:
    step = EnterpriseInfoStep(portal)
    expect(step.stepper.current).to_contain_text("企业信息")
    expect(step.enterprise_name).to_have_value(company.enterprise.name)


@then("电脑上登录系统，显示该企业的名称")
def signed_in_portal(portal: Page, company: Company) -> None:
    expect(AccountHome(portal).header.signed_in_as).to_contain_text(company.enterprise.name)


@when(parsers.parse("{minutes:d} 分钟过去，授权生效"))
def minutes_pass(control, minutes: int) -> None:
    control.advance_clock(minutes * 60)


@when("完成注册，登录系统：用注册的邮箱账号和密码登录系统")  # §1's summary step, quoted
@when("用注册的邮箱账号和密码登录系统")
def log_in(portal: Page, credentials: Credentials) -> None:
    LoginPage(portal).open().log_in(credentials.email, credentials.password)
