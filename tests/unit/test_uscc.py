"""统一社会信用代码 check characters (GB 32100-2015 with the GB 11714 organization check)."""

import pytest

from mock_portal.rules import uscc

VALID = ["91350100M000100Y43", "91110000100006485K", "9144030071526726XG"]
# Every character a user might slip in: the whole charset, the five forbidden letters, lower case, blanks.
REPLACEMENTS = uscc.CHARSET + "IOSVZ" + "aimxy" + " -０"


@pytest.mark.parametrize("code", VALID)
def test_public_examples_are_valid(code):
    assert uscc.is_valid(code)
    assert uscc.check_character(code[:17]) == code[17]
    assert uscc.organization_check_character(code[8:16]) == code[16]


@pytest.mark.parametrize("code", VALID)
@pytest.mark.parametrize("position", range(uscc.LENGTH))
def test_every_single_character_change_is_caught(code, position):
    for char in REPLACEMENTS:
        if char == code[position]:
            continue
        mutated = code[:position] + char + code[position + 1:]
        assert not uscc.is_valid(mutated), f"{mutated!r} ({char!r} at position {position + 1}) passed"


@pytest.mark.parametrize(
    "code",
    [
        "",
        VALID[0][:17],
        VALID[0] + "0",
        VALID[0][1:],
        VALID[0] * 2,
        " " + VALID[0],
    ],
)
def test_wrong_length_is_invalid(code):
    assert not uscc.is_valid(code)


@pytest.mark.parametrize("letter", "IOSVZ")
def test_forbidden_letters_are_refused(letter):
    first17 = "91430102MA" + letter + "00000"
    with pytest.raises(ValueError):
        uscc.check_character(first17 + "0")
    assert not uscc.is_valid(first17 + "00")


@pytest.mark.parametrize("code", VALID)
def test_lower_case_is_invalid(code):
    assert not uscc.is_valid(code.lower())


@pytest.mark.parametrize("value", [None, 91350100, b"91350100M000100Y43"], ids=["None", "int", "bytes"])
def test_non_strings_are_invalid(value):
    assert not uscc.is_valid(value)


def test_organization_check_is_enforced_on_its_own():
    # Outer check recomputed, so only the organization check character is wrong.
    first16 = VALID[1][:16]
    wrong = "6" if VALID[1][16] != "6" else "7"
    first17 = first16 + wrong
    assert not uscc.is_valid(first17 + uscc.check_character(first17))


@pytest.mark.parametrize(
    ("first8", "expected"),
    [
        ("M000100Y", "4"),
        ("10000648", "5"),
        ("10000004", "0"),  # 11 - 0 → "0"
        ("10000018", "X"),  # 11 - 1 → "X"
    ],
)
def test_organization_check_character(first8, expected):
    assert uscc.organization_check_character(first8) == expected


@pytest.mark.parametrize("first17", ["", "9135010", "91350100M000100Y4X", "91350100m000100Y4"])
def test_check_character_rejects_bad_input(first17):
    with pytest.raises(ValueError):
        uscc.check_character(first17)


def test_weights_are_powers_of_three_mod_31():
    assert uscc.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
