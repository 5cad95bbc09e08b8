"""统一社会信用代码 (unified social credit code), GB 32100-2015.

Layout: 1 registering authority, 2 kind, 3-8 GB/T 2260 area code, 9-17 organization code (GB 11714,
its own check character at position 17), 18 check character over positions 1-17.
"""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I O S V Z
LENGTH = 18

# 3**i mod 31 for positions 1-17, as printed in the standard.
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
ORGANIZATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 characters (values are indexes into CHARSET)."""
    if len(first17) != 17 or any(c not in CHARSET for c in first17):
        raise ValueError("first17 must be 17 characters from the USCC charset")
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def _org_value(char: str) -> int:
    # GB 11714 values letters A=10 … Z=35 by alphabet position, unlike GB 32100,
    # whose values skip the five forbidden letters.
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def organization_check_character(first8: str) -> str:
    """The 9th character of a GB 11714 organization code for its first 8 characters."""
    if len(first8) != 8 or not all(c.isdigit() or "A" <= c <= "Z" for c in first8):
        raise ValueError("first8 must be 8 characters from 0-9 and A-Z")
    remainder = 11 - sum(_org_value(c) * w for c, w in zip(first8, ORGANIZATION_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def is_valid(code: str) -> bool:
    """True for an 18-character upper-case code whose both check characters hold.

    The GB 11714 check on positions 9-17 holds on all three public examples in DOMAIN.md,
    so it is enforced too; lower case is rejected rather than normalised (callers decide).
    """
    if not isinstance(code, str) or len(code) != LENGTH or any(c not in CHARSET for c in code):
        return False
    if check_character(code[:17]) != code[17]:
        return False
    return organization_check_character(code[8:16]) == code[16]
