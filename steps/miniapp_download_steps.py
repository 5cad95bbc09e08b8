"""§1.2.1.2 1, 4–6: the first claim, 登记地 and the record lists, 《执照下载声明》, the success page, the password."""
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from pages.miniapp.download import DownloadDone, DownloadPage, PasswordPage, StatementPage

from .miniapp_common import ACTOR, Company, Member, new_company, phone_of

HUNAN = "湖南省"


@given("企业有办事人，已获全业务授权，尚未下载执照", target_fixture="agent")
def authorized_not_downloaded(control, company: Company, agent: Member) -> Member:
    ids = control.add_agent(company.id, agent.person, downloaded=False)
    return Member(agent.person, agent.person_id, ids["agent_id"], ids["authorization_id"])


@given("法定代表人有两家尚未领取电子营业执照的企业", target_fixture="second_company")
def two_unclaimed(control, data_factory, company: Company) -> Company:
    return new_company(control, data_factory, claimed=False, legal_rep=company.enterprise.legal_rep)


@given("法定代表人在湖南省有一家已领取和一家尚未领取执照的企业，在广东省有一家尚未领取执照的企业",
       target_fixture="others")
def three_places(control, data_factory, company: Company) -> dict:
    rep = company.enterprise.legal_rep
    return {"已领取": new_company(control, data_factory, claimed=True, legal_rep=rep),
            "广东省": new_company(control, data_factory, claimed=False, legal_rep=rep, registration_place="广东省")}


@when(parsers.parse("{actor:Actor}在“可下载执照记录”中选择该企业", extra_types=ACTOR))
def choose_record(request, actor: str, company: Company) -> None:
    DownloadPage(phone_of(request, actor)).open(HUNAN).choose(company.enterprise.name)


@when(parsers.parse("{actor:Actor}在“可下载执照记录”中选择该企业，阅读并同意《执照下载声明》后下载", extra_types=ACTOR))
def download(request, actor: str, company: Company) -> None:
    DownloadPage(phone_of(request, actor)).open(HUNAN).choose(company.enterprise.name).download()


@when("法定代表人在“可下载执照记录”中选择第一家企业，阅读并同意《执照下载声明》后下载")
def download_first(legal_rep_phone: Page, company: Company) -> None:
    DownloadPage(legal_rep_phone).open(HUNAN).choose(company.enterprise.name).download()


@when("法定代表人在“可下载执照记录”中选择该企业，不同意《执照下载声明》就下载")
def download_without_agreeing(legal_rep_phone: Page, company: Company) -> None:
    DownloadPage(legal_rep_phone).open(HUNAN).choose(company.enterprise.name).download(agree=False)


@when("法定代表人完成首次领取")
def first_claim(control, company: Company) -> None:
    control.claim(company.id)


@then(parsers.parse("{actor:Actor}的手机上显示执照下载成功", extra_types=ACTOR))
def downloaded(request, actor: str) -> None:
    expect(DownloadDone(phone_of(request, actor)).success).to_be_visible()


@then("执照下载成功，可以继续下载其他执照、修改执照密码或返回主页")
def three_ways_on(legal_rep_phone: Page) -> None:
    done = DownloadDone(legal_rep_phone)
    for link in (done.success, done.download_another, done.change_password, done.back_home):
        expect(link).to_be_visible()


@when("选择继续下载其他执照")
def download_another(legal_rep_phone: Page) -> None:
    DownloadDone(legal_rep_phone).download_another.click()


@then("第一家企业在“已下载执照记录”中，“可下载执照记录”中还有第二家企业")
def lists_after_download(legal_rep_phone: Page, company: Company, second_company: Company) -> None:
    page = DownloadPage(legal_rep_phone)
    expect(page.record(company.enterprise.name, "已下载执照记录")).to_be_visible()
    expect(page.record(company.enterprise.name)).to_have_count(0)
    expect(page.record(second_company.enterprise.name)).to_be_visible()


@when(parsers.parse("{actor:Actor}打开“下载执照”，选择登记地“{place}”", extra_types=ACTOR))
def open_place(request, actor: str, place: str) -> None:
    DownloadPage(phone_of(request, actor)).open().choose_place(place)


@when(parsers.parse("法定代表人选择登记地“{place}”"))
def choose_place(legal_rep_phone: Page, place: str) -> None:
    DownloadPage(legal_rep_phone).choose_place(place)


@then("“可下载执照记录”中只有湖南省尚未领取执照的企业，“已下载执照记录”中有已领取的企业")
def hunan_lists(legal_rep_phone: Page, company: Company, others: dict) -> None:
    page = DownloadPage(legal_rep_phone)
    expect(page.downloadable.get_by_role("listitem")).to_have_count(1)
    expect(page.record(company.enterprise.name)).to_be_visible()
    expect(page.downloaded.get_by_role("listitem")).to_have_count(1)
    expect(page.record(others["已领取"].enterprise.name, "已下载执照记录")).to_be_visible()


@then("“可下载执照记录”中只有广东省的企业，“已下载执照记录”中没有湖南省的企业")
def guangdong_list(legal_rep_phone: Page, others: dict) -> None:
    page = DownloadPage(legal_rep_phone)
    expect(page.downloadable.get_by_role("listitem")).to_have_count(1)
    expect(page.record(others["广东省"].enterprise.name)).to_be_visible()
    expect(page.record(others["已领取"].enterprise.name, "已下载执照记录")).to_have_count(0)


@when(parsers.parse("在下载成功页选择修改执照密码，将“{old}”改为“{new}”"))
def change_password(legal_rep_phone: Page, old: str, new: str) -> None:
    DownloadDone(legal_rep_phone).change_password.click()
    PasswordPage(legal_rep_phone).change(old, new)


@when(parsers.parse("法定代表人下载第二家企业的执照，输入执照密码“{password}”"))
def download_second_with(legal_rep_phone: Page, second_company: Company, password: str) -> None:
    DownloadPage(legal_rep_phone).open(HUNAN).choose(second_company.enterprise.name).download(password=password)


@when(parsers.parse("输入修改后的执照密码“{password}”再下载"))
def retry_with(legal_rep_phone: Page, password: str) -> None:
    StatementPage(legal_rep_phone).download(password=password)


@when(parsers.parse("法定代表人修改执照密码，原执照密码“{old}”、新执照密码“{new}”、确认新执照密码“{confirmation}”"))
def change_password_with(legal_rep_phone: Page, old: str, new: str, confirmation: str) -> None:
    PasswordPage(legal_rep_phone).open().change(old, new, confirmation)
