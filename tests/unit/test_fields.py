"""Form-field validators: each returns None or the message shown beside the field."""

import pytest

from mock_portal.rules import fields


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zhang.san@example.com", None),
        ("li_si+apec@mail.example.cn", None),
        ("  wang@example.com  ", None),  # surrounding blanks are trimmed
        ("", fields.EMAIL_REQUIRED),
        (None, fields.EMAIL_REQUIRED),
        ("   ", fields.EMAIL_REQUIRED),
        ("zhangsan", fields.EMAIL_INVALID),
        ("zhangsan@", fields.EMAIL_INVALID),
        ("@example.com", fields.EMAIL_INVALID),
        ("zhang san@example.com", fields.EMAIL_INVALID),
        ("zhang@@example.com", fields.EMAIL_INVALID),
        ("zhang@example", fields.EMAIL_INVALID),
        ("zhang@example.c", fields.EMAIL_INVALID),
        ("zhang..san@example.com", fields.EMAIL_INVALID),
        (".zhang@example.com", fields.EMAIL_INVALID),
        ("zhang@example..com", fields.EMAIL_INVALID),
        ("张三@example.com", fields.EMAIL_INVALID),
        ("a" * 250 + "@example.com", fields.EMAIL_INVALID),  # over 254 characters
    ],
)
def test_email(value, expected):
    assert fields.email_error(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Abcdef1!", None),  # 8 characters, four classes
        ("Abcdefg1", None),  # upper, lower, digit
        ("abcdef1!", None),  # lower, digit, symbol
        ("ABCDEF1!", None),  # upper, digit, symbol
        ("Abcdefg!", None),  # upper, lower, symbol
        ("Abcdefghijklmnopqr1!", None),  # 20 characters
        ("Abcdef1", fields.PASSWORD_INVALID),  # 7 characters
        ("Abcdefghijklmnopqrs1!", fields.PASSWORD_INVALID),  # 21 characters
        ("abcdefgh1", fields.PASSWORD_INVALID),  # two classes: lower, digit
        ("ABCDEFGHij", fields.PASSWORD_INVALID),  # two classes: upper, lower
        ("12345678!@", fields.PASSWORD_INVALID),  # two classes: digit, symbol
        ("abcdefgh", fields.PASSWORD_INVALID),  # one class
        ("Abcd 1234", fields.PASSWORD_INVALID),  # a space is not a symbol
        ("Abcd密码1234", fields.PASSWORD_INVALID),  # nor is a Chinese character
        ("Ａbcdef1!", fields.PASSWORD_INVALID),  # full-width letter
        ("", fields.PASSWORD_REQUIRED),
        (None, fields.PASSWORD_REQUIRED),
    ],
)
def test_password(value, expected):
    assert fields.password_error(value) == expected


@pytest.mark.parametrize(
    ("password", "confirmation", "expected"),
    [
        ("Abcdef1!", "Abcdef1!", None),
        ("Abcdef1!", "Abcdef1?", fields.CONFIRMATION_MISMATCH),
        ("Abcdef1!", "abcdef1!", fields.CONFIRMATION_MISMATCH),
        ("Abcdef1!", "Abcdef1! ", fields.CONFIRMATION_MISMATCH),  # not trimmed, like the password
        ("", "Abcdef1!", fields.CONFIRMATION_MISMATCH),
        ("Abcdef1!", "", fields.CONFIRMATION_REQUIRED),
        ("Abcdef1!", None, fields.CONFIRMATION_REQUIRED),
    ],
)
def test_confirmation(password, confirmation, expected):
    assert fields.confirmation_error(password, confirmation) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", None),
        ("19912345678", None),
        ("0731-88888888", None),  # 长沙, 4-digit area code with hyphen
        ("073188888888", None),
        ("010-1234567", None),  # 3-digit area code, 7-digit number
        ("02112345678", None),
        ("", fields.MOBILE_REQUIRED),
        (None, fields.MOBILE_REQUIRED),
        ("12812345678", fields.MOBILE_INVALID),  # second digit 2
        ("1381234567", fields.MOBILE_INVALID),  # 10 digits
        ("138123456789", fields.MOBILE_INVALID),  # 12 digits
        ("+8613812345678", fields.MOBILE_INVALID),
        ("138-1234-5678", fields.MOBILE_INVALID),
        ("１３８１２３４５６７８", fields.MOBILE_INVALID),  # full-width digits
        ("0731-888888", fields.MOBILE_INVALID),  # 6-digit local number
        ("0731-888888888", fields.MOBILE_INVALID),  # 9-digit local number
        ("731-88888888", fields.MOBILE_INVALID),  # area code without leading 0
        ("0731--88888888", fields.MOBILE_INVALID),
    ],
)
def test_mobile(value, expected):
    assert fields.mobile_error(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),  # optional
        (None, None),
        ("1", None),
        ("250", None),
        ("9999999", None),  # 7 digits
        (" 30 ", None),
        ("0", fields.EMPLOYEES_INVALID),
        ("10000000", fields.EMPLOYEES_INVALID),  # 8 digits
        ("-5", fields.EMPLOYEES_INVALID),
        ("+5", fields.EMPLOYEES_INVALID),
        ("5.0", fields.EMPLOYEES_INVALID),
        ("1e3", fields.EMPLOYEES_INVALID),
        ("007", fields.EMPLOYEES_INVALID),
        ("1,000", fields.EMPLOYEES_INVALID),
        ("十", fields.EMPLOYEES_INVALID),
        ("１２", fields.EMPLOYEES_INVALID),  # full-width digits
    ],
)
def test_employees(value, expected):
    assert fields.employees_error(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("123456", None),
        ("000000", None),
        ("", fields.EMAIL_CODE_REQUIRED),
        (None, fields.EMAIL_CODE_REQUIRED),
        ("12345", fields.EMAIL_CODE_INVALID),
        ("1234567", fields.EMAIL_CODE_INVALID),
        ("12345a", fields.EMAIL_CODE_INVALID),
        ("１２３４５６", fields.EMAIL_CODE_INVALID),
    ],
)
def test_email_code(value, expected):
    assert fields.email_code_error(value) == expected
