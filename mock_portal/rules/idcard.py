"""居民身份证号 (resident identity card number), GB 11643-1999.

Layout: 6-digit area code, YYYYMMDD birth date, 3-digit sequence (odd = male), check character.
"""

from datetime import date

LENGTH = 18

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts full-width and other Unicode digits.
    return all("0" <= c <= "9" for c in text)


def check_character(first17: str) -> str:
    """The 18th character ("0"-"9" or upper-case "X") for the given first 17 digits."""
    if len(first17) != 17 or not _is_ascii_digits(first17):
        raise ValueError("first17 must be 17 ASCII digits")
    return _CHECK_CHARACTERS[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def birth_date(id_number: str) -> date:
    """The birth date encoded at positions 7-14; ValueError when it is not a real date."""
    digits = id_number[6:14]
    if len(digits) != 8 or not _is_ascii_digits(digits):
        raise ValueError("no YYYYMMDD birth date at positions 7-14")
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def is_valid(id_number: str) -> bool:
    """True for 17 digits with a real birth date and the right check character.

    Lower-case "x" is rejected: the standard prints the check character in upper case,
    and the portal should not silently accept what a clerk would send back.
    """
    if not isinstance(id_number, str) or len(id_number) != LENGTH:
        return False
    if not _is_ascii_digits(id_number[:17]):
        return False
    try:
        birth_date(id_number)
    except ValueError:
        return False
    return check_character(id_number[:17]) == id_number[17]
