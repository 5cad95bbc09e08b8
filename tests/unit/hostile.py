"""Hostile form input for test_hostile_input.py: what to send, how to encode it, and what must never come back.
Where to send it, and in which session state, is hostile_targets.py.
"""
import urllib.parse
from functools import lru_cache
from html.parser import HTMLParser

from hypothesis import strategies as st

# --- what to send -----------------------------------------------------------------------------------------------
MARKUP = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "');alert(1);//", "'+alert(1)+'")
SQL = ("' OR 1=1 --", "'; DROP TABLE accounts; --")
ODD = ("\x00", "admin\x00", "\r\n\t\x0b\x0c\x1b\x7f", "\u202e\u200b\ufeff", " ", "")
NUMBERS = ("-1", "0", "1e9", "NaN", "0x10", "１２３", "9" * 40, "3.5")
NON_UTF8 = (b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"caf\xe9")
OVERSIZE = 100_000
DATES = ("0001-01-01 00:00", "9999-12-31T23:59")  # out of any datetime arithmetic's range once shifted to UTC
# 3,000 different CJK characters: no repeats, so the session cookie's zlib cannot shrink it (a run of one character
# compresses to almost nothing and would hide a value kept in the cookie)
LONG_TEXT = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
# Every one of these goes into every discovered field once (the sweep); hypothesis only samples them.
SWEEP = MARKUP + SQL + DATES + ("admin\x00", ODD[2], "9" * 40, "-1", "1e9", "１２３", LONG_TEXT, "中" * OVERSIZE,
                              NON_UTF8[0])
# Browsers keep a cookie of at most 4096 bytes (name, value and attributes); a bigger one is dropped silently.
MAX_COOKIE_BYTES = 4096

# A believable value by field name, so that validation gets past the first field and a hostile value next to
# valid ones can reach the store. Matched as substrings; every match is a candidate.
PLAUSIBLE = (("email", "new.owner@example.com"), ("username", "owner@example.com"), ("license_password", "123456"),
             ("password", "Passw0rd!"), ("mobile", "13700137000"), ("phone", "13700137000"),
             ("login", "handler_wang"), ("code", "123456"), ("employees", "10"), ("name", "张三"),
             ("id_number", "430121198001010010"))


def hostile_text() -> st.SearchStrategy[str]:
    # Repeated branches weigh more. Oversized values are few: parsing them is most of a request's time, and
    # the sweep already puts a 100k-character (300 kB UTF-8) value in every field.
    fixed = st.sampled_from(MARKUP + SQL + ODD + NUMBERS + DATES)
    anything = st.text(max_size=30)  # any code point, control characters and NUL included
    return st.one_of(
        fixed, fixed, anything, anything,
        st.tuples(st.text(max_size=8), st.sampled_from(MARKUP + SQL), st.text(max_size=8)).map("".join),
        st.sampled_from("A<'\x00").map(lambda char: char * OVERSIZE),
    )


def hostile_value() -> st.SearchStrategy[str | bytes]:
    return st.one_of(hostile_text(), st.sampled_from(NON_UTF8), st.binary(min_size=1, max_size=16))


def believable(name: str, known: set[str]) -> list[str]:
    """Values the page offers for the field, then guesses from its name."""
    return sorted(known) + [value for key, value in PLAUSIBLE if key in name]


def plausible(name: str, known: set[str]) -> st.SearchStrategy[str]:
    candidates = believable(name, known)
    return st.sampled_from(candidates) if candidates else hostile_text()


@st.composite
def hostile_form(draw, shape) -> list[tuple[str, str | bytes]]:
    """Half the time one field is hostile and the rest plausible (so later validation and storage run); otherwise
    every field is chaos: omitted, hostile, repeated with several values, or plausible. Plus unexpected fields."""
    names = sorted(shape.fields)
    if shape.guessed:  # a few of every field name seen anywhere, not all forty
        names = draw(st.lists(st.sampled_from(names), max_size=4, unique=True)) if names else []
    victim = draw(st.sampled_from(names)) if names and draw(st.booleans()) else None
    pairs = []
    for name in names:
        if victim:
            how = "hostile" if name == victim else "plausible"
        else:
            how = draw(st.sampled_from(("omit", "hostile", "repeated", "plausible")))
        if how == "hostile":
            pairs.append((name, draw(hostile_value())))
        elif how == "repeated":
            pairs += [(name, value) for value in draw(st.lists(hostile_value(), min_size=2, max_size=3))]
        elif how == "plausible":
            pairs.append((name, draw(plausible(name, shape.fields[name]))))
    extra_name = st.text(min_size=1, max_size=12).filter(lambda name: name != "csrf_token")
    return pairs + draw(st.lists(st.tuples(extra_name, hostile_value()), max_size=2))


def describe(pairs) -> list:
    """A form as a failure message shows it: long values abridged."""
    return [(name, value if len(value) <= 40 else f"{value[:4]!r}... ({len(value)})") for name, value in pairs]


def urlencoded(pairs) -> tuple[bytes, str]:
    # urllib.parse.urlencode(pairs), each name and value quoted once per run: the sweep sends the same 100,000
    # characters to every field, and quoting them is a loop in Python.
    body = "&".join(f"{_quoted(name)}={_quoted(value)}" for name, value in pairs)
    return body.encode("ascii"), "application/x-www-form-urlencoded"


@lru_cache(maxsize=1024)
def _quoted(text: str | bytes) -> str:
    return urllib.parse.quote_plus(text)  # bytes as they are, so non-UTF-8 arrives as such


def multipart(pairs, files: set[str]) -> tuple[bytes, str]:
    """Built by hand: the test client would not send raw non-UTF-8 bytes as an ordinary field."""
    boundary = "hostile-7d1f0c9e"
    chunks = []
    for name, value in pairs:
        data = value if isinstance(value, bytes) else value.encode("utf-8")
        head = f'Content-Disposition: form-data; name="{urllib.parse.quote(name)}"'
        if name in files:
            head += '; filename="photo.png"\r\nContent-Type: image/png'
        chunks.append(f"--{boundary}\r\n{head}\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(chunks) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


# --- what must never come back ----------------------------------------------------------------------------------
class _Executable(HTMLParser):
    """What a browser would run: <script> bodies, on* handlers and javascript: URLs, entities decoded as the
    browser decodes them (an escaped quote inside an onclick is a quote again by the time the script runs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or value.strip().lower().startswith("javascript:"):
                self.code.append(f"{tag} {name}={value}")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.code.append(data)


def injected_code(html: str) -> list[str]:
    """Executable snippets that carry a payload's alert(; the pages have none of their own."""
    parser = _Executable()
    parser.feed(html)
    parser.close()
    return [code[:200] for code in parser.code if "alert(" in code]


def unescaped_markup(html: str, sent: list) -> list[str]:
    return [p for p in MARKUP if p in html and any(isinstance(v, str) and p in v for v in sent)]
