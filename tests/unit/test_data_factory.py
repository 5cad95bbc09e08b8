"""Seeded test-data factory: always valid, reproducible per seed, unique within one factory."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.data import (
    EMAIL_DOMAIN,
    HUNAN_AREA_CODES,
    MAX_AGE,
    MIN_AGE,
    REFERENCE_DATE,
    DataFactory,
    Enterprise,
    Person,
    age_on,
)
from fixtures.factories import seed_for
from mock_portal.rules import fields, idcard, uscc

seeds = st.integers(0, 2**32 - 1)


def assert_valid_person(person: Person) -> None:
    assert person.name
    assert idcard.is_valid(person.id_number), person.id_number
    assert person.id_number[:6] in HUNAN_AREA_CODES
    assert MIN_AGE <= age_on(idcard.birth_date(person.id_number), REFERENCE_DATE) <= MAX_AGE
    assert re.fullmatch(r"1[3-9][0-9]{9}", person.mobile), person.mobile


@settings(max_examples=100, deadline=None)
@given(seeds)
def test_output_is_always_valid(seed):
    factory = DataFactory(seed)
    assert_valid_person(factory.person())

    enterprise = factory.enterprise()
    assert uscc.is_valid(enterprise.uscc), enterprise.uscc
    assert enterprise.uscc[:2] == "91"
    assert enterprise.uscc[2:8] in HUNAN_AREA_CODES
    assert enterprise.registration_place == "湖南省"
    assert_valid_person(enterprise.legal_rep)

    email = factory.email()
    assert email.isascii() and email.endswith("@" + EMAIL_DOMAIN)
    assert fields.email_error(email) is None, email
    password = factory.password()
    assert fields.password_error(password) is None, password
    assert fields.confirmation_error(password, password) is None
    assert fields.mobile_error(factory.mobile()) is None


@settings(max_examples=20, deadline=None)
@given(seeds)
def test_same_seed_gives_same_data(seed):
    def draw(factory: DataFactory) -> tuple:
        return (factory.person(), factory.enterprise(), factory.email(), factory.password(), factory.uscc())

    assert draw(DataFactory(seed)) == draw(DataFactory(seed))


def test_different_seeds_give_different_data():
    assert DataFactory(1).person() != DataFactory(2).person()


def test_values_are_unique_across_200_calls():
    factory = DataFactory(20260101)
    draws = {
        "name": [factory.name() for _ in range(200)],
        "id_number": [factory.id_number() for _ in range(200)],
        "mobile": [factory.mobile() for _ in range(200)],
        "email": [factory.email() for _ in range(200)],
        "password": [factory.password() for _ in range(200)],
        "uscc": [factory.uscc() for _ in range(200)],
        "enterprise name": [factory.enterprise().name for _ in range(200)],
    }
    for kind, values in draws.items():
        assert len(set(values)) == len(values), f"repeated {kind}"


def test_enterprise_takes_a_given_legal_rep():
    factory = DataFactory(7)
    rep = factory.person()
    enterprise = factory.enterprise(legal_rep=rep)
    assert isinstance(enterprise, Enterprise)
    assert enterprise.legal_rep is rep


def test_uscc_uses_a_given_area_code():
    code = DataFactory(7).uscc(area_code="430602")
    assert uscc.is_valid(code) and code[2:8] == "430602"


def test_age_on_counts_completed_years():
    assert age_on(REFERENCE_DATE.replace(year=2004), REFERENCE_DATE) == 22
    assert age_on(REFERENCE_DATE.replace(year=2004, day=2), REFERENCE_DATE) == 21


def test_seed_for_is_stable_and_tells_tests_apart():
    node = "tests/unit/test_data_factory.py::test_seed_for_is_stable_and_tells_tests_apart"
    assert seed_for(node) == seed_for(node) == 3239221865  # crc32, fixed forever
    assert seed_for(node) != seed_for(node + "[1]")
