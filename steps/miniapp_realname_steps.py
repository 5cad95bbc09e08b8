"""§1.2.1.1 where the app comes from, and §1.2.1.2 2–3 real-name authentication per channel."""
import re

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from pages.miniapp.download import DownloadPage
from pages.miniapp.entry import ChannelEntry, HostSearch
from pages.miniapp.home import MiniappHome
from pages.miniapp.realname import RealName

from .miniapp_common import ACTOR, PAY_PASSWORD, Company, phone_of

# How a check is made to fail: the control API decides the person's outcomes.
FAILING = {"微信支付密码": {"pay_password": "987654"}, "实名信息核验": {"realname_ok": False},
           "人脸识别": {"face_ok": False}}
ADVICE = "请到当地的市场监督部门下载电子营业执照"


def name_of(request, actor: str) -> str:
    if actor == "法定代表人":
        return request.getfixturevalue("company").enterprise.legal_rep.name
    return request.getfixturevalue({"办事人": "agent", "证照管理员": "admin"}[actor]).person.name


@given(parsers.parse("法定代表人打开{platform}"))
def open_host(legal_rep_phone: Page, control, company: Company, platform: str) -> None:
    legal_rep_phone.goto(control.phone_holder_url(company.legal_rep_id, HostSearch.path(platform)))


@when(parsers.parse("搜索“{words}”"))
def search(legal_rep_phone: Page, words: str) -> None:
    HostSearch(legal_rep_phone).search(words)


@then(parsers.parse("搜索结果中有“{name}”{kind}"))
def found(legal_rep_phone: Page, name: str, kind: str) -> None:
    expect(HostSearch(legal_rep_phone).result(name)).to_contain_text(kind)


@when(parsers.parse("打开搜索到的“{name}”"))
def open_found(legal_rep_phone: Page, name: str) -> None:
    HostSearch(legal_rep_phone).open_result(name)


@then(parsers.parse("进入“{channel}”的实名认证"))
def realname_of_channel(legal_rep_phone: Page, channel: str) -> None:
    expect(RealName(legal_rep_phone).channel_tip).to_contain_text(channel)


@when("输入法定代表人的姓名和证件号码并进行人脸识别")
def app_realname(legal_rep_phone: Page, company: Company) -> None:
    RealName(legal_rep_phone).authenticate_with_app(company.enterprise.legal_rep.name,
                                                    company.enterprise.legal_rep.id_number)


@then(parsers.parse("实名认证通过，{actor:Actor}进入小程序首页", extra_types=ACTOR))
def at_home(request, actor: str) -> None:
    expect(MiniappHome(phone_of(request, actor)).greeting).to_have_text(f"您好，{name_of(request, actor)}")


@when(parsers.parse("{actor:Actor}打开“下载执照”", extra_types=ACTOR))
def open_download(request, actor: str) -> None:
    DownloadPage(phone_of(request, actor)).open()


@then("手机上先要选择渠道进行实名认证：电子营业执照APP、微信小程序、支付宝小程序")
def channels_first(legal_rep_phone: Page) -> None:
    entry = ChannelEntry(legal_rep_phone)
    for channel in ("电子营业执照APP", "微信小程序", "支付宝小程序"):
        expect(entry.channel(channel)).to_be_visible()


@when(parsers.parse("{actor:Actor}选择“{channel}”", extra_types=ACTOR))
def choose_channel(request, actor: str, channel: str) -> None:
    ChannelEntry(phone_of(request, actor)).choose(channel)


@then("手机上要求先输入微信支付密码")
def asks_pay_password(legal_rep_phone: Page) -> None:
    expect(RealName(legal_rep_phone).pay_password).to_be_visible()


@when("输入微信支付密码")
def pay_password(legal_rep_phone: Page) -> None:
    RealName(legal_rep_phone).enter_pay_password(PAY_PASSWORD)


@then("手机上请求授权获取支付宝账号的实名信息（姓名、证件号码）")
def asks_for_info(legal_rep_phone: Page) -> None:
    expect(RealName(legal_rep_phone).info_request).to_contain_text("获取你的支付宝账号实名信息（姓名、证件号码）")


@when("同意授权")
def agree_info(legal_rep_phone: Page) -> None:
    RealName(legal_rep_phone).agree_info.click()


@then(parsers.parse("手机上显示获取到的{host}账号实名信息，包括姓名和证件号码"))
def fetched_info(legal_rep_phone: Page, company: Company, host: str) -> None:
    realname, rep = RealName(legal_rep_phone), company.enterprise.legal_rep
    expect(realname.fetched_info(host)).to_be_visible()
    expect(realname.fact("姓名")).to_have_text(rep.name)
    expect(realname.fact("证件号码")).to_have_text(re.compile(rf"^{rep.id_number[:4]}\*+{rep.id_number[-4:]}$"))


@when("确认实名信息")
def confirm_info(legal_rep_phone: Page) -> None:
    RealName(legal_rep_phone).confirm_info.click()


@then("手机上进入人脸识别")
def face_screen(legal_rep_phone: Page) -> None:
    expect(RealName(legal_rep_phone).title).to_have_text("人脸识别")


@when("进行人脸识别")
def face(legal_rep_phone: Page) -> None:
    RealName(legal_rep_phone).start_face.click()


@then("手机上请求授权采集人脸信息")
def asks_for_face(legal_rep_phone: Page) -> None:
    expect(RealName(legal_rep_phone).agree_face).to_be_visible()


@when("授权采集人脸信息并进行人脸识别")
def agree_face(legal_rep_phone: Page) -> None:
    RealName(legal_rep_phone).agree_face.click()


@given(parsers.parse("法定代表人的{stage}将不通过"))
def will_fail(control, company: Company, stage: str) -> None:
    control.set_outcomes(company.legal_rep_id, **FAILING[stage])


# §1's summary step quoted where the run begins it, so its order and words are checked (§1 scenario).
@when(parsers.parse("企业法人使用电子营业执照 APP 或小程序领取电子营业执照：{actor:Actor}在{host}小程序中进行实名认证",
                    extra_types=ACTOR))
@when(parsers.parse("{actor:Actor}在{host}小程序中进行实名认证", extra_types=ACTOR))
def authenticate(request, actor: str, host: str) -> None:
    """Every check must pass: a refused one fails this step with the phone's message."""
    authenticate_until(phone_of(request, actor), host, failing=None)


@when(parsers.parse("法定代表人在{host}小程序中进行实名认证，{stage}未通过"))
def authenticate_failing(legal_rep_phone: Page, host: str, stage: str) -> None:
    authenticate_until(legal_rep_phone, host, failing=stage)


def authenticate_until(phone: Page, host: str, failing: str | None) -> None:
    ChannelEntry(phone).choose(f"{host}小程序")
    realname = RealName(phone)
    if host == "微信":
        realname.authenticate_with_wechat(PAY_PASSWORD, failing)
    else:
        realname.authenticate_with_alipay(failing)


@then(parsers.parse("实名认证未通过，手机上提示“{reason}”，并建议到当地的市场监督部门下载电子营业执照"))
def realname_failed(legal_rep_phone: Page, reason: str) -> None:
    realname = RealName(legal_rep_phone)
    expect(realname.failed).to_be_visible()
    expect(realname.alert).to_have_text(re.compile(rf"^\s*{reason}\s*{ADVICE}\s*$"))
