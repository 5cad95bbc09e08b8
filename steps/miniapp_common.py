"""The e-license side shared by §1.2.1 and §1: who is who (an enterprise, its agent, its administrator), whose
phone is whose, the server clock, and what a phone says.

Actors are named in the steps as the guide names them; each has a phone fixture. An administrator (证照管理员) is
neither the legal representative nor an agent, but never appears beside an agent in a scenario, so their phone
is the second phone fixture.
"""
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.data import Enterprise, Person
from pages.miniapp.common import Screen

BEIJING = timezone(timedelta(hours=8))
PHONES = {"法定代表人": "legal_rep_phone", "办事人": "agent_phone", "证照管理员": "agent_phone"}
PEOPLE = {"办事人": "agent", "证照管理员": "admin"}
PAY_PASSWORD = "123456"  # what the control API gives every person unless told otherwise


def _actor(text: str) -> str:
    return text


_actor.pattern = "|".join(PHONES)
ACTOR = {"Actor": _actor}  # parsers.parse(..., extra_types=ACTOR): "{actor:Actor}" matches only the guide's actors


@dataclass
class Company:
    enterprise: Enterprise
    id: int
    legal_rep_id: int


@dataclass
class Member:
    """A person known to the e-license system and, once arranged, their place in the enterprise."""
    person: Person
    person_id: int
    agent_id: int | None = None
    authorization_id: int | None = None
    download_id: int | None = None


def phone_of(request, actor: str) -> Page:
    return request.getfixturevalue(PHONES[actor])


def person_id_of(request, actor: str) -> int:
    if actor == "法定代表人":
        return request.getfixturevalue("company").legal_rep_id
    return request.getfixturevalue(PEOPLE[actor]).person_id


def new_company(control, data_factory, claimed: bool, legal_rep: Person | None = None, **changes) -> Company:
    enterprise = data_factory.enterprise(legal_rep)
    enterprise = replace(enterprise, **changes)
    ids = control.add_enterprise(enterprise, claimed=claimed)
    return Company(enterprise, ids["id"], ids["legal_rep_id"])


# Defaults: scenarios that only need "a legal representative" or "an agent" get fresh ones; Givens override them.
@pytest.fixture
def company(control, data_factory) -> Company:
    return new_company(control, data_factory, claimed=False)


@pytest.fixture
def agent(control, data_factory) -> Member:
    person = data_factory.person()
    return Member(person, control.add_person(person))


@pytest.fixture
def admin(control, data_factory) -> Member:
    person = data_factory.person()
    return Member(person, control.add_person(person))


@given(parsers.parse("现在是北京时间 {moment}"), target_fixture="now")
def server_clock(control, moment: str) -> datetime:
    now = datetime.strptime(moment, "%Y-%m-%d %H:%M:%S" if moment.count(":") == 2 else "%Y-%m-%d %H:%M")
    now = now.replace(tzinfo=BEIJING)
    control.set_clock(now)
    return now


@given("企业的电子营业执照尚未领取", target_fixture="company")
def unclaimed(control, data_factory) -> Company:
    return new_company(control, data_factory, claimed=False)


@given("法定代表人已领取电子营业执照", target_fixture="company")
def claimed(control, data_factory) -> Company:
    return new_company(control, data_factory, claimed=True)


@given(parsers.parse("{actor:Actor}已在手机上登录电子营业执照小程序", extra_types=ACTOR))
@when(parsers.parse("{actor:Actor}在手机上登录电子营业执照小程序", extra_types=ACTOR))
def signed_in(request, control, actor: str) -> None:
    """Past real-name authentication, for scenarios not about it."""
    phone_of(request, actor).goto(control.phone_login_url(person_id_of(request, actor), "/miniapp/home"))


@given(parsers.parse("{actor:Actor}的手机上已登录本人实名的{host}", extra_types=ACTOR))
def phone_of_person(request, control, actor: str, host: str) -> None:
    """WeChat or Alipay on the phone belongs to this person; the mini-program has not authenticated them yet."""
    phone_of(request, actor).goto(control.phone_holder_url(person_id_of(request, actor), "/miniapp/"))


@then(parsers.parse("{actor:Actor}的手机上提示“{message}”", extra_types=ACTOR))
def phone_alert(request, actor: str, message: str) -> None:
    expect(Screen(phone_of(request, actor)).alert).to_have_text(message)


@then(parsers.parse("{actor:Actor}的手机上显示“{message}”", extra_types=ACTOR))
def phone_notice(request, actor: str, message: str) -> None:
    expect(Screen(phone_of(request, actor)).notice).to_have_text(message)
