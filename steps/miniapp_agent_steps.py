"""§1.2.1.3 3–5 办事人管理: 添加办事人, 修改办事人 (and its lock), 删除办事人."""
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from pages.miniapp.agents import AgentDetail, AgentForm, AgentsPage
from pages.miniapp.authorizations import AuthorizationsPage

from .common import expect_error_beside
from .miniapp_common import Company, Member


@when(parsers.parse("法定代表人在【办事人管理】中添加办事人，证件号码“{id_number}”、手机号“{mobile}”"))
def add_agent_with(legal_rep_phone: Page, company: Company, data_factory, id_number: str, mobile: str) -> None:
    AgentsPage(legal_rep_phone).open(company.id).add().save(data_factory.name(), id_number, mobile)


@then(parsers.parse("手机上“{label}”旁提示“{message}”"))
def phone_field_error(legal_rep_phone: Page, label: str, message: str) -> None:
    expect_error_beside(AgentForm(legal_rep_phone).field(label), message)


@when(parsers.parse("法定代表人将该办事人的手机号修改为“{mobile}”"))
def edit_mobile(legal_rep_phone: Page, company: Company, agent: Member, mobile: str) -> None:
    AgentsPage(legal_rep_phone).open(company.id).details(agent.person.name).edit().save(mobile=mobile)


@then(parsers.parse("办事人详细信息中的手机号为“{mobile}”"))
def agent_mobile(legal_rep_phone: Page, mobile: str) -> None:
    expect(AgentDetail(legal_rep_phone).fact("手机号")).to_have_text(mobile)


@when("法定代表人打开该办事人的“修改办事人”")
def open_edit(legal_rep_phone: Page, company: Company, agent: Member) -> None:
    AgentsPage(legal_rep_phone).open(company.id).details(agent.person.name).edit()


@then(parsers.parse("证件号码和手机号不能修改，并提示“{message}”"))
def locked(legal_rep_phone: Page, message: str) -> None:
    form = AgentForm(legal_rep_phone)
    for field in (form.id_number, form.mobile):
        expect(field).not_to_be_editable()
        expect(field).to_have_accessible_description(message)


@when("法定代表人在办事人详细信息中点击“删除办事人”")
def delete(legal_rep_phone: Page, company: Company, agent: Member) -> None:
    AgentsPage(legal_rep_phone).open(company.id).details(agent.person.name).delete()


@when("法定代表人打开授权信息列表")
def open_grants(legal_rep_phone: Page, company: Company) -> None:
    AuthorizationsPage(legal_rep_phone).open(company.id)


@then(parsers.parse("该办事人的 {count:d} 条授权状态均为“{status}”"))
def all_grants(legal_rep_phone: Page, agent: Member, count: int, status: str) -> None:
    grants = AuthorizationsPage(legal_rep_phone).grant(agent.person.name)
    expect(grants).to_have_count(count)
    for i in range(count):
        expect(grants.nth(i)).to_contain_text(status)
