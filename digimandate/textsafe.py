"""Text from an organisation file made safe for a text output: one line, no control characters."""

from __future__ import annotations

import re

# The Unicode bidirectional controls, as escapes for a character class (of Python's re and of the Rust regex
# pydantic checks patterns with): the embeddings and overrides U+202A-U+202E and the isolates U+2066-U+2069.
# They reorder what is shown (a name reads otherwise than it is); an input that holds one is refused.
BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"

# Line breaks and tabs would let a name start a line of its own: in a GitHub Actions log such a line
# can be a workflow command (`::error ...`), in Markdown a heading, in JUnit a fake report line.
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
# What a terminal or an XML parser acts on instead of showing: C0 and C1 controls (ANSI escapes
# start with ESC or the one-byte CSI U+009B), DEL, bidirectional overrides that reorder what is
# shown, lone surrogates and the noncharacters XML 1.0 forbids.
_CONTROLS = re.compile(rf"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f{BIDI_CONTROLS}\ud800-\udfff\ufffe\uffff]")
_UNSAFE = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# A CI log obeys `::command::` at the start of a line (after spaces, which the runner trims, and a
# wrapped line may start anywhere in a name) and GitHub's older `##[command]` anywhere in a line. A word
# joiner (U+2060, invisible and never a break) between the two marks keeps the text as it reads.
_COMMANDS = re.compile(r"(?<=:)(?=:)|(?<=#)(?=#\[)")
_JOINER = "\u2060"


def one_line(text: str) -> str:
    """``text`` on one line and inert: breaks become a space, controls a visible escape, no log command."""
    if "::" in text or "##[" in text:
        text = _COMMANDS.sub(_JOINER, text)
    if _UNSAFE.search(text) is None:  # the common case: nothing more to do
        return text
    return _CONTROLS.sub(_visible, _BREAKS.sub(" ", text))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_START = re.compile(r"^([#+-]|\d+\.)(?=\s|$)")
_BACKTICKS = re.compile(r"`+")


def markdown_inline(text: str) -> str:
    """``text`` as literal Markdown within a line: no HTML, emphasis, link, code span or table cell, no line break."""
    text = one_line(" ".join(text.split()))  # a line break would end a table row or a list item
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown on one line, where it may start the line: no heading or list item either."""
    text = markdown_inline(text)
    if text.startswith("::"):  # at the start of a line, a GitHub workflow command when the document is printed in CI
        text = "\\" + text
    # a value that starts a line must not turn it into a heading, list item or numbered item
    return _MD_START.sub(lambda m: "\\" + m.group(1) if not m.group(1)[0].isdigit() else m.group(1)[:-1] + "\\.",
                         text)


def code_span(text: str) -> str:
    """``text`` as a Markdown code span on one line, whatever backticks it holds; HTML in it stays text."""
    text = one_line(text)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    # CommonMark strips one space from each end of a span; a backtick at an end would join the fence
    pad = " " if text[:1] == "`" or text[-1:] == "`" or (text[:1] == text[-1:] == " " and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def json_safe(text: str) -> str:
    """JSON text with C1 controls, DEL and line separators written as ``\\uXXXX``: the same value, safe to print.

    Only strings can hold these characters in JSON, and JSON's own escape keeps the value exact.
    """
    if "##[" in text:  # printed in a CI log, `##[command]` would be obeyed; `\\u005b` is the same `[`
        text = text.replace("##[", "##\\u005b")
    if text.isascii():  # known without a scan: of these characters only DEL can be in it
        if "\x7f" not in text:
            return text
    elif _utf8_clean(text):  # a regular expression scans a long text of any other kind slowly
        return text
    if _JSON_RAW.search(text) is None:
        return text
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# json.dumps escapes C0 controls already; these it writes raw (a lone surrogate cannot even be encoded as UTF-8).
_JSON_RAW = re.compile(rf"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]")


# The same characters in UTF-8 (a lone surrogate cannot be UTF-8), and `##[`. Each lead byte here (0x7f, 0xc2,
# 0xe2) is never a continuation byte, so a match is always the whole character.
_UTF8_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_UTF8_MARKS = re.compile(rb"\xe2(?:\x80[\xa8-\xae]|\x81[\xa6-\xa9])")
_UTF8_UNSAFE = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]|##\[")


def _escaped_utf8(match: re.Match[bytes]) -> bytes:
    found = match.group()
    if found == b"##[":
        return b"##\\u005b"
    return b"\\u%04x" % ord(found.decode("utf-8"))


def _utf8_clean(text: str) -> bool:
    """Whether ``text`` holds none of ``_JSON_RAW``'s characters, found in its UTF-8 at memory speed."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return b"\x7f" not in data and _UTF8_C1.search(data) is None and _UTF8_MARKS.search(data) is None


def json_safe_utf8(data: bytes) -> bytes:
    """``json_safe`` for JSON text in UTF-8: ``json_safe_utf8(text.encode())`` is ``json_safe(text).encode()``.

    (For every text UTF-8 can hold: a lone surrogate it cannot, and json_safe would write it as ``\\udXXX``.)

    Made for a large output: the common text, with none of these characters, is let through after a
    few scans at memory speed (each search starts at a fixed byte); only text that holds one is rewritten.
    """
    if b"\x7f" not in data and b"##[" not in data and (
            data.isascii() or (_UTF8_C1.search(data) is None and _UTF8_MARKS.search(data) is None)):
        return data
    return _UTF8_UNSAFE.sub(_escaped_utf8, data)
