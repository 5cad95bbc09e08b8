"""The matters an authorization may name: 大类 → 一级目录 → 二级目录 (guide §1.2.1.3).

Choose: the real catalogue is long and not public; these few entries stand for it. The guide's own path,
电子政务—外交—领事服务, is the one the APEC portal needs.
"""
from ..licenses import CONSULAR_SERVICE

SEPARATOR = "—"

CATALOG: dict[str, dict[str, list[str]]] = {
    "电子政务": {
        "外交": ["领事服务", "因公出国（境）"],
        "税务": ["涉税事项办理", "发票办理"],
        "人力资源社会保障": ["社会保险登记"],
    },
    "商务服务": {
        "金融": ["银行开户"],
        "招标投标": ["电子招标投标"],
    },
    "公共服务": {
        "公用事业": ["水电气报装"],
    },
}

assert CONSULAR_SERVICE == SEPARATOR.join(("电子政务", "外交", "领事服务"))


def path(category: str, first: str, second: str) -> str | None:
    """The matter for a chosen 大类/一级目录/二级目录, or None when the three do not belong together."""
    if second in CATALOG.get(category, {}).get(first, []):
        return SEPARATOR.join((category, first, second))
    return None


def first_levels() -> list[tuple[str, list[str]]]:
    """一级目录 grouped by 大类, for an <optgroup> select."""
    return [(category, list(firsts)) for category, firsts in CATALOG.items()]


def second_levels() -> list[tuple[str, list[str]]]:
    """二级目录 grouped by 一级目录."""
    return [(first, seconds) for firsts in CATALOG.values() for first, seconds in firsts.items()]
