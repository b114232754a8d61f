"""Hostile and broken YAML gets one located, exact message; good YAML keeps its positions."""

from __future__ import annotations

import datetime
import time

import pytest

from digimandate.errors import InputError
from digimandate.model.loader import Limits, LList, LMap, load_bytes


def error_of(raw: bytes, limits: Limits = Limits(), lang: str = "en") -> str:
    with pytest.raises(InputError) as info:
        load_bytes(raw, "org.yaml", limits)
    return info.value.format(lang)  # type: ignore[arg-type]


def test_positions_of_keys_values_and_items() -> None:
    data = load_bytes(b"a: 1\nb:\n  - x\n  - {c: 2026-01-02}\n", "org.yaml").data
    assert data == {"a": 1, "b": ["x", {"c": datetime.date(2026, 1, 2)}]}
    assert (data.key_at("a"), data.key_at("b")) == ((1, 1), (2, 1))
    assert data.value_at("a") == (1, 4)
    items = data["b"]
    assert isinstance(items, LList) and [items.item_at(0), items.item_at(1)] == [(3, 5), (4, 5)]
    assert isinstance(items[1], LMap) and items[1].key_at("c") == (4, 6)


def test_positions_survive_long_lines() -> None:
    wide = b"a: [" + b"1, " * 30000 + b"2]\n"
    items = load_bytes(wide, "org.yaml").data["a"]
    assert items.item_at(30000) == (1, 90005)


def test_scalars_resolve_as_yaml_1_2_core() -> None:
    data = load_bytes(b"a: yes\nb: ~\nc: '3'\nd: 0.5\ne: !!str 12\nf: null\ng: on\nh: 190:20:30\ni: 1e3\n"
                      b"j: 0o17\nk: 0x1F\nl: True\nm: 1_000\nn: No\n", "org.yaml").data
    assert data == {"a": "yes", "b": None, "c": "3", "d": 0.5, "e": "12", "f": None, "g": "on", "h": "190:20:30",
                    "i": 1000.0, "j": 15, "k": 31, "l": True, "m": "1_000", "n": "No"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "org.yaml:1:1: error: the file is empty\n"
              "  hint: start from `digimandate init` for a commented example"),
        (b"# only a comment\n", "org.yaml:1:1: error: the file is empty\n"
                                "  hint: start from `digimandate init` for a commented example"),
        (b"- a\n- b\n", "org.yaml:1:1: error: expected a mapping (key: value) at the top, found list\n"
                        "  hint: an organisation file starts with `schema_version: 1` and `organisation:`"),
        (b"just text\n", "org.yaml:1:1: error: expected a mapping (key: value) at the top, found 'just text'\n"
                       "  hint: an organisation file starts with `schema_version: 1` and `organisation:`"),
        (b"a: [1, 2\n", "org.yaml:2:1: error: YAML syntax error: a comma or a closing square bracket was expected\n"
                        "  hint: check the indentation and the quotes around this line"),
        (b"a:\n\tb: 1\n", "org.yaml:2:1: error: YAML syntax error: found character that cannot start any token\n"
                          "  hint: YAML does not allow tabs for indentation; use spaces"),
        (b"a: 1\n\xff\xfe\n", "org.yaml:2:1: error: the file is not valid UTF-8 (byte 0xff cannot be decoded)\n"
                              "  hint: save the file as UTF-8 in your editor"),
        (b"d: 2026-02-30\n", "org.yaml:1:4: error: 2026-02-30 is not a valid date\n"
                             "  hint: write dates as YYYY-MM-DD, for example 2026-11-01"),
        (b"a: !!python/object/apply:os.system [ls]\n",
         "org.yaml:1:4: error: tag !!python/object/apply:os.system is not allowed\n"
         "  hint: remove the tag: only plain YAML values are read, never objects"),
        (b"a: !!python/name:os.system x\n",
         "org.yaml:1:4: error: tag !!python/name:os.system is not allowed\n"
         "  hint: remove the tag: only plain YAML values are read, never objects"),
        (b"a: !include other.yaml\n", "org.yaml:1:4: error: tag !include is not allowed\n"
                                      "  hint: remove the tag: only plain YAML values are read, never objects"),
        (b"a: 1\na: 2\n", "org.yaml:2:1: error: key `a` appears twice in this mapping (first at line 1)\n"
                          "  hint: keep one of them; YAML would silently drop the first"),
        (b"1: a\n", "org.yaml:1:1: error: key 1 is not text\n"
                    "  hint: keys are names such as `owner`; put quotes around them if needed"),
        (b"a: *nope\n", "org.yaml:1:4: error: alias *nope is not defined\n"
                        "  hint: define the anchor &nope before using it (and not inside itself)"),
        (b"a: &x [1, *x]\n", "org.yaml:1:11: error: alias *x is not defined\n"
                             "  hint: define the anchor &x before using it (and not inside itself)"),
        (b"base: &b {x: 1}\nc:\n  <<: *b\n", "org.yaml:3:3: error: merge keys (<<) are not supported\n"
                                             "  hint: write the keys out in full"),
        (b"a: 1\n---\nb: 2\n", "org.yaml:2:1: error: the file holds more than one YAML document\n"
                               "  hint: remove the `---` separator: one file describes one organisation"),
    ],
)
def test_bad_input_messages(raw: bytes, expected: str) -> None:
    assert error_of(raw) == expected


def test_dutch_message() -> None:
    assert error_of(b"", lang="nl") == (
        "org.yaml:1:1: fout: het bestand is leeg\n"
        "  tip: begin met `digimandate init` voor een voorbeeld met uitleg"
    )


def billion_laughs(levels: int = 12) -> bytes:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * 10)
        lines.append(f"l{i}: &l{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb_is_refused_fast() -> None:
    start = time.perf_counter()
    message = error_of(billion_laughs())
    assert time.perf_counter() - start < 2.0  # a bound on hanging, not a benchmark
    assert message == (
        "org.yaml:7:30: error: the document expands to more than 5000000 values (aliases included)\n"
        "  hint: aliases (*name) that repeat large parts are limited; write the parts out or use fewer aliases"
    )


def test_small_aliases_are_fine() -> None:
    data = load_bytes(b"a: &x {k: 1}\nb: *x\n", "org.yaml").data
    assert data["b"] == {"k": 1}


def test_size_limit() -> None:
    assert error_of(b"a: 1234567890\n", Limits(max_bytes=10)) == (
        "org.yaml:1:1: error: file is 14 bytes, more than the limit of 10 bytes\n"
        "  hint: split the organisation over several files or raise the limit with --max-bytes"
    )


def test_depth_limit() -> None:
    assert error_of(b"a: " + b"[" * 70 + b"]" * 70 + b"\n") == (
        "org.yaml:1:67: error: values are nested deeper than 64 levels\n"
        "  hint: the organisation model is never this deep; check the indentation"
    )


def test_bom_is_accepted() -> None:
    assert load_bytes(b"\xef\xbb\xbfa: 1\n", "org.yaml").data == {"a": 1}
