"""Form bodies parsed as Werkzeug parses them, with the percent-decoding done in C.

Werkzeug hands an urlencoded body to `urllib.parse.parse_qsl`, whose `unquote_to_bytes` turns each `%XX` into a byte
in a Python loop: a 100,000-character field of Chinese (300,000 escapes) takes tens of milliseconds, and the
hostile-input tests send thousands. Here a field of escapes alone, or else each run of escapes, is one
`bytes.fromhex`; the result is the same pairs, names, values, invalid escapes and replacement characters included
(tests/unit/test_form_parsing.py compares the two on random bodies)."""
import re
import string

from flask import Request
from werkzeug.formparser import FormDataParser

ASCII_RUN = re.compile("([\x00-\x7f]+)")  # as urllib.parse: only ASCII runs hold escapes
ESCAPES = re.compile(rb"(?:%[0-9A-Fa-f]{2})+")  # a stray % (not two hex digits after it) stays as it is
HEX_DIGITS = string.hexdigits.encode()


def unquote_to_bytes(data: bytes) -> bytes:
    n = len(data) // 3
    if n and len(data) % 3 == 0 and data.count(b"%") == n and data[::3] == b"%" * n:  # escapes only: %XX%XX…
        digits = data.replace(b"%", b"")
        if not digits.translate(None, HEX_DIGITS):
            return bytes.fromhex(digits.decode("ascii"))
    return ESCAPES.sub(lambda run: bytes.fromhex(run[0].replace(b"%", b"").decode("ascii")), data)


def unquote(text: str, encoding: str = "utf-8", errors: str = "replace") -> str:
    if "%" not in text:
        return text
    bits = ASCII_RUN.split(text)
    out = [bits[0]]
    for i in range(1, len(bits), 2):
        out.append(unquote_to_bytes(bits[i].encode("ascii")).decode(encoding, errors))
        out.append(bits[i + 1])
    return "".join(out)


def parse_qsl(body: str, errors: str = "replace") -> list[tuple[str, str]]:
    """urllib.parse.parse_qsl(body, keep_blank_values=True, errors=errors): '&' between fields, empty ones
    skipped, a name without '=' has the empty value, '+' is a space."""
    pairs = []
    for field in body.split("&") if body else []:
        if not field:
            continue
        name, _, value = field.partition("=")
        pairs.append((unquote(name.replace("+", " "), errors=errors), unquote(value.replace("+", " "), errors=errors)))
    return pairs


class PortalFormDataParser(FormDataParser):
    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        # the same call as Werkzeug's own (werkzeug.formparser.FormDataParser._parse_urlencoded)
        items = parse_qsl(stream.read().decode(), errors="werkzeug.url_quote")
        return stream, self.cls(items), self.cls()


class PortalRequest(Request):
    form_data_parser_class = PortalFormDataParser
