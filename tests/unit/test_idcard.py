"""居民身份证号 check character and birth date (GB 11643-1999)."""

from datetime import date

import pytest

from mock_portal.rules import idcard

VALID = "11010519491231002X"
REPLACEMENTS = "0123456789X" + "xA ０"  # last one is a full-width zero


def with_check(first17: str) -> str:
    return first17 + idcard.check_character(first17)


def test_public_example_is_valid():
    assert idcard.is_valid(VALID)
    assert idcard.check_character(VALID[:17]) == "X"
    assert idcard.birth_date(VALID) == date(1949, 12, 31)


@pytest.mark.parametrize("position", range(idcard.LENGTH))
def test_every_single_character_change_is_caught(position):
    for char in REPLACEMENTS:
        if char == VALID[position]:
            continue
        mutated = VALID[:position] + char + VALID[position + 1:]
        assert not idcard.is_valid(mutated), f"{mutated!r} ({char!r} at position {position + 1}) passed"


def test_lower_case_x_is_invalid():
    assert not idcard.is_valid(VALID.lower())


@pytest.mark.parametrize(
    "birth",
    [
        "19490230",  # 30 February
        "19000229",  # 1900 is not a leap year
        "19491301",  # month 13
        "19490001",  # month 0
        "19491200",  # day 0
        "19490431",  # 31 April
        "00000101",  # year 0
    ],
)
def test_impossible_birth_date_is_invalid(birth):
    number = with_check("110105" + birth + "002")
    assert not idcard.is_valid(number)
    with pytest.raises(ValueError):
        idcard.birth_date(number)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [("20000229", date(2000, 2, 29)), ("19800101", date(1980, 1, 1))],
)
def test_real_birth_dates_are_read(birth, expected):
    number = with_check("430102" + birth + "123")
    assert idcard.is_valid(number)
    assert idcard.birth_date(number) == expected


@pytest.mark.parametrize(
    "number",
    # "110105491231002" is the 15-digit first-generation form, which the portal does not accept.
    ["", VALID[:17], VALID + "0", "110105491231002", VALID * 2],
)
def test_wrong_length_is_invalid(number):
    assert not idcard.is_valid(number)


@pytest.mark.parametrize("value", [None, 11010519491231002])
def test_non_strings_are_invalid(value):
    assert not idcard.is_valid(value)


@pytest.mark.parametrize(
    "first17",
    ["", "1101051949123100", "11010519491231002X", "1101051949123100X", "１1010519491231002"],
)
def test_check_character_rejects_bad_input(first17):
    with pytest.raises(ValueError):
        idcard.check_character(first17)
