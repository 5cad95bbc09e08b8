"""The mock parses urlencoded forms as Werkzeug does with urllib.parse, only faster (mock_portal/forms.py): the same
pairs for any body, escapes valid or not, UTF-8 or not, Chinese typed or escaped."""
import urllib.parse

import werkzeug.urls  # noqa: F401  (registers the "werkzeug.url_quote" decoding error handler Werkzeug parses with)
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_portal import forms

SPECIAL = "%&=+0123456789abcdefABCDEFgz \x00\x7f\x80é中"
# Bodies made of pieces: any characters, the characters that mean something in a form, and escapes of any bytes,
# UTF-8 or not (an escaped Chinese character, half of one, a lone 0xFF), and escapes gone wrong.
piece = st.one_of(
    st.text(max_size=8),
    st.text(alphabet=SPECIAL, max_size=12),
    st.binary(max_size=8).map(lambda data: "".join(f"%{b:02X}" for b in data)),
    st.binary(max_size=8).map(lambda data: "".join(f"%{b:02x}" for b in data)),
    st.text(max_size=4).map(lambda text: urllib.parse.quote(text, safe="")),
    # shaped like escapes and only some of them are: "%4g", "%%41", "%zz"
    st.lists(st.text(alphabet="0123456789abcdefABCDEFgz%", min_size=2, max_size=2), max_size=6).map(
        lambda pairs: "".join("%" + pair for pair in pairs)),
)
bodies = st.lists(piece, max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(body=bodies, errors=st.sampled_from(["werkzeug.url_quote", "replace"]))
def test_the_portals_form_parsing_gives_what_urllib_gives(body, errors):
    assert forms.parse_qsl(body, errors=errors) == urllib.parse.parse_qsl(body, keep_blank_values=True,
                                                                          errors=errors)


@given(data=st.binary(max_size=40), text=st.text(alphabet=SPECIAL, max_size=20))
def test_escapes_are_decoded_as_urllib_decodes_them(data, text):
    escaped = urllib.parse.quote_from_bytes(data, safe="") + text
    assert forms.unquote_to_bytes(escaped.encode()) == urllib.parse.unquote_to_bytes(escaped)


def test_a_long_chinese_field_is_parsed_whole():
    value = "湖南省长沙市" * 20_000
    body = "a=1&address=" + urllib.parse.quote(value) + "&b"
    assert forms.parse_qsl(body) == [("a", "1"), ("address", value), ("b", "")]
