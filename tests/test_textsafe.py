"""Text from the organisation file made safe for text outputs."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digimandate.textsafe import code_span, json_safe, json_safe_utf8, markdown_inline, markdown_text, one_line
from tests.strategies import examples


def test_one_line_turns_breaks_into_a_space_and_shows_other_controls() -> None:
    assert one_line("a\r\n::error::x") == "a :\u2060:error:\u2060:x"
    assert one_line("a\u2028b\u2029c\x85d\te") == "a b c d e"
    assert one_line("\x1b[31mred\x00\x07\x7f\x9b") == "\\x1b[31mred\\x00\\x07\\x7f\\x9b"
    assert one_line("\u202eevil\ufffe") == "\\u202eevil\\ufffe"


def test_one_line_leaves_ordinary_text_alone() -> None:
    text = "Gemeente 's-Hertogenbosch · Ĳsselstein | *x* <b>"
    assert one_line(text) is text


def test_json_safe_keeps_the_value_and_escapes_what_a_terminal_would_act_on() -> None:
    value = {"name": "a\x9b31mb\u2028c\x7f"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert text == '{"name": "a\\u009b31mb\\u2028c\\u007f"}'
    assert json.loads(text) == value


@pytest.mark.parametrize("text", ["plain.zip", "a`b", "``x``", "`", "<img src=x onerror=alert(1)>", " x ",
                                  "x\n## heading\n<script>", "##[error]x `y` ``z``"])
def test_a_code_span_holds_any_text_as_it_is(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").renderInline(code_span(text))
    inner = html.removeprefix("<code>").removesuffix("</code>")
    assert html.startswith("<code>") and html.endswith("</code>") and "<code>" not in inner
    assert inner == one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def test_markdown_text_stays_text_on_one_line() -> None:
    assert markdown_inline("a_b *c* [x](y) <b> `z`\n# h") == "a\\_b \\*c\\* \\[x\\](y) &lt;b&gt; \\`z\\` # h"
    assert markdown_text("# h") == "\\# h" and not markdown_text("::error::x").startswith("::")
    assert markdown_inline("- x") == "- x"  # within a line a dash is a dash


@settings(max_examples=examples(300))
@given(st.text(alphabet=st.one_of(st.sampled_from("\x7f\x80\x85\x9f\xa0\xc2\xe2é€\u2027\u2028\u2029\u202a\u202e"
                                                  "\u202f\u2065\u2066\u2069\u206a\u2060\u2010#[\"\\"),
                                  st.characters(exclude_categories=["Cs"]))))
def test_json_safe_utf8_escapes_exactly_what_json_safe_escapes(text: str) -> None:
    assert json_safe_utf8(text.encode("utf-8")) == json_safe(text).encode("utf-8")


@pytest.mark.parametrize("char", ["\x7f", "\x80", "\x9f", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066",
                                  "\u2069", "\ud800", "\udfff"])
@pytest.mark.parametrize("around", ["", "é", "€", "\U0001f600"])
def test_json_safe_finds_every_unsafe_character_in_text_of_any_kind(char: str, around: str) -> None:
    # ASCII text, and text of one, two and four bytes a character, are each checked their own way
    text = f"a{around}b{char}c"
    assert json_safe(text) == f"a{around}b\\u{ord(char):04x}c"
    safe = f"a{around}b\u2027\u202f\xa0c"
    assert json_safe(safe) is safe


def test_json_safe_utf8_lets_safe_text_through_untouched() -> None:
    data = "Gemeente 's-Hertogenbosch · Ĳsselstein – “x” #[ ## [".encode()
    assert json_safe_utf8(data) is data
    assert json_safe_utf8(b"a##[b\x7f\xc2\x85\xe2\x80\xae") == b"a##\\u005bb\\u007f\\u0085\\u202e"


def test_the_bidirectional_controls_are_the_embeddings_overrides_and_isolates() -> None:
    import re

    from digimandate.textsafe import BIDI_CONTROLS

    found = [f"U+{c:04X}" for c in range(0x2000, 0x2100) if re.fullmatch(f"[{BIDI_CONTROLS}]", chr(c))]
    assert found == ["U+202A", "U+202B", "U+202C", "U+202D", "U+202E", "U+2066", "U+2067", "U+2068", "U+2069"]
    assert one_line("a\u2066b\u2069\u200fc") == "a\\u2066b\\u2069\u200fc"  # a mark (U+200F) is no control
