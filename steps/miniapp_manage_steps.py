"""§1.2.1.3 1–2 添加授权/取消授权 and §1.2.1.2-1 证照管理员, on the phone; who is arranged as what."""
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from pages.miniapp.agents import AgentForm, AgentsPage
from pages.miniapp.authorizations import AuthorizationDetail, AuthorizationsPage, NewAuthorizationPage
from pages.miniapp.download import DownloadPage
from pages.miniapp.home import MiniappHome
from pages.miniapp.manage import AdministratorsPage, LicensePage

from .miniapp_common import ACTOR, BEIJING, Company, Member, phone_of

@given("企业有办事人，尚未授权", target_fixture="agent")
def unauthorized_agent(control, company: Company, agent: Member) -> Member:
    ids = control.add_agent(company.id, agent.person, authorized=False, downloaded=False)
    return Member(agent.person, agent.person_id, ids["agent_id"])


@given("企业有办事人，已获全业务授权并下载了执照", target_fixture="agent")
def downloaded_agent(control, company: Company, agent: Member) -> Member:
    ids = control.add_agent(company.id, agent.person)
    return Member(agent.person, agent.person_id, ids["agent_id"], ids["authorization_id"], ids["download_id"])


@given(parsers.parse("企业有办事人，已获 {minutes:d} 分钟后生效的全业务授权，尚未下载执照"), target_fixture="agent")
def future_agent(control, company: Company, agent: Member, now: datetime, minutes: int) -> Member:
    ids = control.add_agent(company.id, agent.person, downloaded=False, starts_at=now + timedelta(minutes=minutes))
    return Member(agent.person, agent.person_id, ids["agent_id"], ids["authorization_id"])


@given(parsers.parse("企业有办事人，已获全业务授权“{starts}”至“{ends}”并下载了执照"), target_fixture="agent")
def agent_with_window(control, company: Company, agent: Member, starts: str, ends: str) -> Member:
    window = {key: datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)
              for key, text in (("starts_at", starts), ("ends_at", ends))}
    ids = control.add_agent(company.id, agent.person, **window)
    return Member(agent.person, agent.person_id, ids["agent_id"], ids["authorization_id"], ids["download_id"])


@given(parsers.parse("该办事人还有一条精准授权“{matter}”"))
def another_grant(control, company: Company, agent: Member, matter: str) -> None:
    control.add_authorization(company.id, agent.agent_id, mode="精准授权", matters=[matter])


@given(parsers.parse("企业有{which}“下级授权”权限的证照管理员，已下载执照"), target_fixture="admin")
def administrator(control, company: Company, admin: Member, which: str) -> Member:
    ids = control.add_administrator(company.id, admin.person, can_subauthorize=which == "拥有")
    return Member(admin.person, admin.person_id, download_id=ids["download_id"])


@when("法定代表人在执照的【证照管理员】中添加证照管理员，有“下级授权”权限")
def appoint(legal_rep_phone: Page, company: Company, admin: Member) -> None:
    admins = MiniappHome(legal_rep_phone).show().open_license(company.enterprise.name).open_administrators()
    admins.add(admin.person.name, admin.person.id_number, admin.person.mobile, subauthorize=True)


@then("证照管理员列表中有该人员，并有“下级授权”权限")
def appointed(legal_rep_phone: Page, admin: Member) -> None:
    expect(AdministratorsPage(legal_rep_phone).administrator(admin.person.name)).to_contain_text("下级授权：有")


@when(parsers.parse("{actor:Actor}打开该企业的执照", extra_types=ACTOR))
def open_license(request, actor: str, company: Company) -> None:
    MiniappHome(phone_of(request, actor)).show().open_license(company.enterprise.name)


@then(parsers.parse("{actor:Actor}的执照页面{has}“授权管理”和“办事人管理”", extra_types=ACTOR))
def license_tools(request, actor: str, has: str) -> None:
    page = LicensePage(phone_of(request, actor))
    expect(page.license).to_be_visible()
    for link in (page.authorizations_link, page.agents_link):
        expect(link).to_have_count(1 if has == "有" else 0)


@when("证照管理员直接打开该企业的【办事人管理】")
def open_agents_directly(agent_phone: Page, company: Company) -> None:
    AgentsPage(agent_phone).open(company.id)


# §1's summary step quoted where the run begins it, so its order and words are checked (§1 scenario).
@when(parsers.parse("企业法人授权办事人使用执照：{actor:Actor}在执照的【授权管理】中添加授权，办事人不在列表中，先添加办事人",
                    extra_types=ACTOR), target_fixture="manager_phone")
@when(parsers.parse("{actor:Actor}在执照的【授权管理】中添加授权，办事人不在列表中，先添加办事人", extra_types=ACTOR),
      target_fixture="manager_phone")
def add_agent_then_authorize(request, actor: str, company: Company, agent: Member) -> Page:
    phone = phone_of(request, actor)
    grants = MiniappHome(phone).show().open_license(company.enterprise.name).open_authorizations()
    grants.add().add_agent_link.click()
    AgentForm(phone).save(agent.person.name, agent.person.id_number, agent.person.mobile)
    return phone


@when(parsers.parse("{actor:Actor}打开该企业的【授权管理】，点击“添加授权”", extra_types=ACTOR),
      target_fixture="manager_phone")
def open_new_authorization(request, actor: str, company: Company) -> Page:
    AuthorizationsPage(phone_of(request, actor)).open(company.id).add()
    return phone_of(request, actor)


@when(parsers.re(r"选择该办事人，授权方式“(?P<mode>[^”]+)”，(?:授权事项“(?P<matter>[^”]+)”，)?"
                 r"授权开始时间“(?P<starts>[^”]+)”，结束时间“(?P<ends>[^”]+)”，保存"))
def authorize(manager_phone: Page, agent: Member, mode: str, matter: str | None, starts: str, ends: str) -> None:
    NewAuthorizationPage(manager_phone).authorize(agent.person.name, mode, starts, ends, matter)


@then(parsers.parse("授权信息列表中该办事人的授权为“{summary}”，状态“{status}”"))
def grant_listed(manager_phone: Page, agent: Member, summary: str, status: str) -> None:
    grant = AuthorizationsPage(manager_phone).grant(agent.person.name)
    expect(grant).to_contain_text(summary)
    expect(grant).to_contain_text(status)


@then(parsers.parse("办事人的“可下载执照记录”中有该企业的“{mode}”"))
def agent_can_download(agent_phone: Page, company: Company, mode: str) -> None:
    expect(DownloadPage(agent_phone).record(company.enterprise.name)).to_contain_text(mode)


@when("法定代表人在授权信息列表中查看该办事人授权的详细信息，点击“取消授权”")
def cancel(legal_rep_phone: Page, company: Company, agent: Member) -> None:
    AuthorizationsPage(legal_rep_phone).open(company.id).details(agent.person.name).cancel()


@then(parsers.parse("授权详细信息中的状态为“{status}”"))
def detail_status(legal_rep_phone: Page, status: str) -> None:
    expect(AuthorizationDetail(legal_rep_phone).fact("状态")).to_have_text(status)


@then(parsers.parse("办事人手机上“我的执照”中该企业的执照显示“{badge}”"))
def agent_license_badge(agent_phone: Page, company: Company, badge: str) -> None:
    expect(MiniappHome(agent_phone).license(company.enterprise.name)).to_contain_text(badge)
