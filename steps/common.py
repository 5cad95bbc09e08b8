"""Arrangement shared by every feature: an enterprise with its license claimed and an authorized agent, the
phones signed in, and the scan that carries a QR code's pixels from the portal to a phone."""
from dataclasses import dataclass

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then

from fixtures.data import Enterprise, Person
from pages.miniapp.scan import MiniappHome
from pages.portal.form import Form
from pages.portal.qr import QrPanel

INITIAL_LICENSE_PASSWORD = "123456"


@dataclass
class LicensedEnterprise:
    """An enterprise whose legal representative claimed the license and authorized an agent (guide §1.2.1)."""
    enterprise: Enterprise
    enterprise_id: int
    agent: Person
    agent_person_id: int


@dataclass
class Credentials:
    email: str
    password: str


@given("企业已领取电子营业执照并授权办事人使用执照", target_fixture="licensed")
def licensed_enterprise(control, data_factory) -> LicensedEnterprise:
    enterprise = data_factory.enterprise()
    ids = control.add_enterprise(enterprise, claimed=True)
    agent = data_factory.person()
    agent_ids = control.add_agent(ids["id"], agent)
    return LicensedEnterprise(enterprise, ids["id"], agent, agent_ids["person_id"])


@given("办事人已在手机上通过电子营业执照小程序实名认证")
def agent_signed_in_on_phone(agent_phone: Page, control, licensed: LicensedEnterprise) -> None:
    agent_phone.goto(control.phone_login_url(licensed.agent_person_id))


@given("企业已注册 APEC 系统账号", target_fixture="credentials")
def registered_account(control, data_factory, licensed: LicensedEnterprise) -> Credentials:
    credentials = Credentials(data_factory.email(), data_factory.password())
    control.add_account(licensed.enterprise_id, credentials.email, credentials.password)
    return credentials


def scan_portal_code(portal: Page, phone: Page, enterprise_name: str, password: str = INITIAL_LICENSE_PASSWORD,
                     picture: bytes | None = None) -> None:
    """The phone reads the code from the portal's own pixels: an unreadable code fails here, as on a real phone.
    Then it waits until the portal, which polls, has taken in the phone's answer, so the step's screenshots show
    the settled screens on both devices."""
    qr = QrPanel(portal)
    picture = picture or qr.picture()
    confirm = MiniappHome(phone).open().scan().read(picture)
    confirm.confirm(enterprise_name, password)
    confirm.success.or_(confirm.error).wait_for()
    if confirm.success.is_visible():
        qr.image.wait_for(state="detached")
    else:
        qr.refusal.wait_for()


def expect_error_beside(field, message: str) -> None:
    """An error "beside its field" on any screen: the field is marked invalid and the message describes it."""
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(message)


@then(parsers.parse("“{label}”旁提示“{message}”"))
def error_beside_field(portal: Page, label: str, message: str) -> None:
    expect_error_beside(Form(portal).field(label), message)


@then(parsers.parse("手机上提示“{message}”"))
def phone_shows(agent_phone: Page, message: str) -> None:
    expect(agent_phone.get_by_role("alert")).to_have_text(message)
