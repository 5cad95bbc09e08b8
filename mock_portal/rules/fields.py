"""Validators for the portal's form fields.

Each returns None when the value is fine, otherwise the short Chinese message shown beside the field.
Messages are module constants so tests and page checks can import the exact words.
Patterns are matched with re.ASCII: without it, \\d would also accept full-width and other Unicode digits.
"""

import re
import string

EMAIL_REQUIRED = "请输入邮箱账号"
EMAIL_INVALID = "请输入正确的邮箱账号"
PASSWORD_REQUIRED = "请输入密码"
PASSWORD_INVALID = "密码须为8-20位，且包含大写字母、小写字母、数字、符号中的至少三种"
CONFIRMATION_REQUIRED = "请输入再次确认密码"
CONFIRMATION_MISMATCH = "两次输入的密码不一致"
MOBILE_REQUIRED = "请输入企业联系电话"
MOBILE_INVALID = "请输入正确的联系电话"
EMPLOYEES_INVALID = "员工人数须为正整数"
EMAIL_CODE_REQUIRED = "请输入邮箱验证码"
EMAIL_CODE_INVALID = "请输入6位数字邮箱验证码"
REGION_DETAIL_TOO_LONG = "详细地址不能超过100个字符"

# Choose: the longest free-text field of 企业信息. Checked on the server, not only by the input's maxlength: the
# registration keeps 企业信息 in the session cookie, and a browser drops a cookie over 4 kB without a word.
REGION_DETAIL_MAX_LENGTH = 100

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 20
PASSWORD_MIN_CLASSES = 3
# Choose (DOMAIN.md): a "symbol" is ASCII punctuation; spaces, Chinese and other characters
# are refused outright so a password is always typeable on any keyboard.
PASSWORD_SYMBOLS = string.punctuation
_PASSWORD_CLASSES = (string.ascii_uppercase, string.ascii_lowercase, string.digits, PASSWORD_SYMBOLS)

EMAIL_MAX_LENGTH = 254  # RFC 5321 path limit
# Dots only between non-empty parts, on both sides of the @.
_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", re.ASCII
)
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}", re.ASCII)
# Leading zeros are refused: "007" people is a typing slip, not a head count.
_EMPLOYEES = re.compile(r"[1-9]\d{0,6}", re.ASCII)
_EMAIL_CODE = re.compile(r"\d{6}", re.ASCII)


def _text(value) -> str:
    # Form values arrive as str or None; surrounding blanks are not the user's intent.
    return "" if value is None else str(value).strip()


def _character_class(char: str) -> int | None:
    """Index of the password character class holding char, None for a refused character."""
    return next((i for i, cls in enumerate(_PASSWORD_CLASSES) if char in cls), None)


def email_error(value) -> str | None:
    email = _text(value)
    if not email:
        return EMAIL_REQUIRED
    if len(email) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(email):
        return EMAIL_INVALID
    return None


def password_error(value) -> str | None:
    # Not stripped: every character typed is part of the password.
    password = "" if value is None else str(value)
    if not password:
        return PASSWORD_REQUIRED
    if not PASSWORD_MIN_LENGTH <= len(password) <= PASSWORD_MAX_LENGTH:
        return PASSWORD_INVALID
    classes = {_character_class(c) for c in password}
    if None in classes or len(classes) < PASSWORD_MIN_CLASSES:
        return PASSWORD_INVALID
    return None


def confirmation_error(password, confirmation) -> str | None:
    if not confirmation:
        return CONFIRMATION_REQUIRED
    return CONFIRMATION_MISMATCH if confirmation != password else None


def mobile_error(value) -> str | None:
    """企业联系电话: a mainland mobile number or a landline with area code (hyphen optional)."""
    phone = _text(value)
    if not phone:
        return MOBILE_REQUIRED
    if _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return None
    return MOBILE_INVALID


def employees_error(value) -> str | None:
    """员工人数 is optional; when given, a positive whole number of at most 7 digits."""
    count = _text(value)
    if not count:
        return None
    return None if _EMPLOYEES.fullmatch(count) else EMPLOYEES_INVALID


def email_code_error(value) -> str | None:
    code = _text(value)
    if not code:
        return EMAIL_CODE_REQUIRED
    return None if _EMAIL_CODE.fullmatch(code) else EMAIL_CODE_INVALID


def region_detail_error(value) -> str | None:
    """企业注册地 (详细地址) is optional; at most REGION_DETAIL_MAX_LENGTH characters."""
    return REGION_DETAIL_TOO_LONG if len(_text(value)) > REGION_DETAIL_MAX_LENGTH else None
