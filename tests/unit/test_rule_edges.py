"""Edges of the rule modules that mutmut showed untested (README, *Mutation check*): an authorization's time window
and matters, the matter catalogue, scans by holders, who may appoint, and the check-digit helpers called directly."""
from datetime import datetime, timedelta, timezone

import pytest

from mock_portal import arrange
from mock_portal.licenses import (CHOOSE_LICENSE, CONSULAR_SERVICE, EXPIRED, FULL, INVALIDATED, NOT_PERMITTED, PRECISE,
                                  Authorization)
from mock_portal.miniapp import catalog
from mock_portal.miniapp.roles import ADMINISTRATOR, LEGAL_REP as LEGAL_REP_TITLE, NOT_HOLDING, Role, role_of
from mock_portal.rules import fields, idcard, uscc

START = datetime(2026, 3, 1, 1, 0, tzinfo=timezone.utc)
END = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
SECOND = timedelta(seconds=1)


def window(mode: str = FULL, matters: tuple = ("全部事项",), cancelled_at=None) -> Authorization:
    return Authorization(1, mode, list(matters), START, END, cancelled_at)


@pytest.mark.parametrize("moment, effective, status", [
    (START - SECOND, False, "未生效"),
    (START, True, "已生效"),
    (END - SECOND, True, "已生效"),
    (END, False, "已过期"),  # in effect up to, not including, its end time
])
def test_an_authorization_is_in_effect_from_its_start_up_to_its_end(moment, effective, status):
    assert window().is_effective_at(moment) is effective
    assert window().status_at(moment) == status


def test_a_cancelled_authorization_is_not_in_effect_and_a_deleted_agents_has_lapsed():
    cancelled = window(cancelled_at=START)
    assert not cancelled.is_effective_at(START + SECOND)
    assert cancelled.status_at(START + SECOND) == "已取消"
    assert window().status_at(START + SECOND, agent_deleted=True) == "已失效"


@pytest.mark.parametrize("mode, matters, covers", [
    (FULL, ("全部事项",), True),
    (PRECISE, (CONSULAR_SERVICE,), True),
    (PRECISE, ("电子政务—税务—发票办理", CONSULAR_SERVICE), True),
    (PRECISE, ("电子政务—外交—因公出国（境）",), False),
])
def test_only_a_full_or_a_consular_authorization_covers_the_portal(mode, matters, covers):
    assert window(mode, matters).covers_consular_service() is covers


@pytest.mark.parametrize("category, first, second, matter", [
    ("电子政务", "外交", "领事服务", CONSULAR_SERVICE),
    ("商务服务", "金融", "银行开户", "商务服务—金融—银行开户"),
    ("电子政务", "税务", "领事服务", None),  # a second level of another first level
    ("商务服务", "外交", "领事服务", None),  # a first level of another category
    ("", "", "", None),
])
def test_a_matter_is_a_path_through_the_catalogue(category, first, second, matter):
    assert catalog.path(category, first, second) == matter


def test_the_catalogue_groups_levels_for_the_phones_selects():
    assert ("电子政务", ["外交", "税务", "人力资源社会保障"]) in catalog.first_levels()
    assert ("外交", ["领事服务", "因公出国（境）"]) in catalog.second_levels()


LEGAL_REP = ("张三", "430121198001010010", "13800138000")
OTHER = ("李四", "430102199001010024", "13900139000")


@pytest.fixture
def claimed(app, store):
    with app.app_context():
        rep = arrange.person(store, *LEGAL_REP)
        enterprise = arrange.enterprise(store, "湖南甲科技有限公司", "91430121MA4L0D6X7G", rep, claimed=True)
        return enterprise, rep, arrange.person(store, *OTHER)


def test_an_administrator_scans_with_their_own_copy(app, store, claimed):
    enterprise, _, person = claimed
    with app.app_context():
        copy = arrange.administrator(store, enterprise, person)["download_id"]
    assert app.extensions["portal"].licenses.scan_refusal(copy, person) == (enterprise, None)


def test_a_holders_invalidated_copy_is_refused(app, store, claimed):
    enterprise, rep, _ = claimed
    licenses = app.extensions["portal"].licenses
    copy = licenses.downloads_of(rep)[0]["id"]
    arrange.invalidate_download(store, copy)
    assert licenses.scan_refusal(copy, rep) == (None, INVALIDATED)


def test_a_copy_neither_held_nor_authorized_is_refused(app, store, claimed):
    """A former administrator's copy: the appointment is gone, the copy is still on the phone."""
    enterprise, _, person = claimed
    with app.app_context():
        copy = arrange.administrator(store, enterprise, person)["download_id"]
    store.execute("DELETE FROM administrators WHERE enterprise_id = ?", (enterprise,))
    assert app.extensions["portal"].licenses.scan_refusal(copy, person) == (None, NOT_PERMITTED)


def test_a_phone_with_licenses_that_chose_none_is_asked_to_choose(app, store, claimed):
    _, rep, _ = claimed
    assert app.extensions["portal"].licenses.scan_refusal(0, rep) == (None, CHOOSE_LICENSE)


def test_a_full_authorization_scans(app, store, claimed):
    enterprise, _, person = claimed
    ids = arrange.authorized_agent(store, enterprise, person)
    assert app.extensions["portal"].licenses.scan_refusal(ids["download_id"], person) == (enterprise, None)


def test_only_the_legal_representative_may_appoint_administrators():
    assert Role(LEGAL_REP_TITLE, True, True).refusal(needs_appointing=True) is None
    assert Role(ADMINISTRATOR, True, True).refusal() is None  # managing agents is not appointing


def test_a_stranger_is_told_to_download_the_license_first(app, store, claimed):
    enterprise, _, person = claimed
    role = role_of(app.extensions["portal"].licenses, enterprise, person)
    assert role.refusal() == NOT_HOLDING and not role.may_manage_agents


@pytest.mark.parametrize("first8", ["AAAAAAAA", "ZZZZZZZZ", "0000000A"])
def test_an_organization_code_may_use_every_letter_from_a_to_z(first8):
    assert len(uscc.organization_check_character(first8)) == 1


@pytest.mark.parametrize("first8", ["0000000", "000000000", "0000000a", "0000000z", "0000000#"])
def test_an_organization_code_needs_8_digits_or_capitals(first8):
    with pytest.raises(ValueError):
        uscc.organization_check_character(first8)


def test_a_birth_date_in_full_width_digits_is_not_read():
    with pytest.raises(ValueError):
        idcard.birth_date("430121１９８００１０１0010")


@pytest.mark.parametrize("length, error", [(254, None), (255, fields.EMAIL_INVALID)])
def test_an_email_address_has_at_most_254_characters(length, error):
    domain = "@example.cn"
    assert fields.email_error("a" * (length - len(domain)) + domain) == error


@pytest.mark.parametrize("moment, outcome", [("start", None), ("end - 1 s", None), ("end", EXPIRED)])
def test_a_scan_is_accepted_from_the_start_second_and_refused_from_the_end_second(app, store, claimed, moment,
                                                                                    outcome):
    enterprise, _, person = claimed
    ids = arrange.authorized_agent(store, enterprise, person, starts_at=START, ends_at=END)
    store.set_clock({"start": START, "end - 1 s": END - SECOND, "end": END}[moment])
    expected = (None, outcome) if outcome else (enterprise, None)
    assert app.extensions["portal"].licenses.scan_refusal(ids["download_id"], person) == expected
