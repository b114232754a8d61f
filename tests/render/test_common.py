"""The indented JSON writer (orjson, and the Python writer where orjson would differ) against json.dumps."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digimandate import jsontext
from digimandate.jsontext import Lazy, indented_json, output_chunks, safe_json
from digimandate.textsafe import json_safe
from tests.strategies import examples

# Text with what the safe output escapes (C1 controls, separators, bidi marks, lone surrogates, `##[`) and
# what orjson and json.dumps might write differently: controls, quotes, backslashes, astral characters.
awkward_text = st.text(alphabet=st.one_of(
    st.sampled_from("\x00\x01\x1f\x7f\x80\x85\x9b\x9f\xa0é\u2028\u2029\u202a\u202e\u2066\u2069\u2060"
                    "\ud800\udfff\ufffe\uffff\U0001f600\"\\/#[:e-0."),
    st.characters(),
), max_size=12)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), awkward_text,
    st.floats(min_value=-1e-3, max_value=1e-3), st.integers(2**63 - 2, 2**64 + 1),
)
json_keys = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.none())
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(json_keys, inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=examples(300), deadline=None)
@given(json_values)
def test_writes_exactly_what_json_dumps_writes(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=examples(150), deadline=None)
@given(json_values, st.integers(0, 4))
def test_writes_a_nested_value_as_it_stands_in_a_larger_text(value: Any, level: int) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
    assert indented_json(value, level) == expected
    assert safe_json(value, level) == json_safe(expected)


def test_floats_that_orjson_writes_otherwise_are_written_as_json_dumps_writes_them() -> None:
    # orjson: 1e-5 or 0.00001 and null; json.dumps: 1e-05 and NaN (each part that holds one is written in Python)
    for value in (1e-5, -3.0892e-05, 9.34967110008656e-06, 5e-324, float("nan"), float("inf"), -float("inf")):
        wrapped = {"a": [1, {"b": value}], "c": "0.0000 e-1 null"}
        assert indented_json(wrapped) == json.dumps(wrapped, indent=2, ensure_ascii=False)
    for value in (0.0, -0.0, 1e-4, 0.1, 1e15, 1e16, 1.5e300, 1.7976931348623157e308, 123456789012345678.0):
        assert indented_json(value) == json.dumps(value) and jsontext._orjson(value, 0) is not None


def test_what_orjson_refuses_is_written_by_json_dumps_rules() -> None:
    class Text(str):
        pass

    for value in ({"a": "x\ud800y"}, [2**64], [-(2**63) - 1], {1: "a", False: "b", None: "c", 1.5: "d"},
                  {"k": Text("v")}, {Text("k"): 1}, [(1, (2,))]):
        assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert safe_json(["x\ud800y"]) == '[\n  "x\\ud800y"\n]'  # a lone surrogate never crashes: escaped

def test_awkward_text_and_nesting() -> None:
    value = {"a\n\"b\"": ["\u2028", "é", "\x01", [], {}, [[1.5, None, True]]], "": {"k": {"l": ()}}}
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert indented_json([{1: "non-text key"}]) == '[\n  {\n    "1": "non-text key"\n  }\n]'


def test_refuses_what_json_dumps_refuses() -> None:
    with pytest.raises(TypeError, match=r"^Object of type date is not JSON serializable$"):
        indented_json({"a": [{"b": date(2026, 11, 1)}]})


def materialised(value: Any) -> Any:
    """The data with every lazily made array made."""
    if isinstance(value, Lazy):
        return [materialised(v) for v in value.items]
    if isinstance(value, dict):
        return {k: materialised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [materialised(v) for v in value]
    return value


@st.composite
def with_lazy_arrays(draw: st.DrawFn) -> tuple[Any, Any]:
    """A value holding lazily made arrays (in dicts, lists and each other), and the same value made."""
    def build(depth: int) -> tuple[Any, Any]:
        kind = draw(st.sampled_from(["lazy", "dict", "list", "plain"] if depth < 3 else ["plain"]))
        if kind == "plain":
            value = draw(json_values)
            return value, value
        parts = [build(depth + 1) for _ in range(draw(st.integers(0, 7)))]
        if kind == "lazy":
            return Lazy(iter([p[0] for p in parts])), [p[1] for p in parts]
        if kind == "list":
            return [p[0] for p in parts], [p[1] for p in parts]
        names = draw(st.lists(st.text(max_size=4), min_size=len(parts), max_size=len(parts), unique=True))
        return dict(zip(names, [p[0] for p in parts], strict=True)), dict(zip(names, [p[1] for p in parts], strict=True))

    return build(0)


@settings(max_examples=examples(200), deadline=None)
@given(with_lazy_arrays(), st.sampled_from([1, 2, 3, 1000]))
def test_lazy_arrays_are_written_in_batches_exactly_as_json_dumps_writes_them_whole(
        pair: tuple[Any, Any], batch: int) -> None:
    lazy, made = pair
    original, jsontext.BATCH = jsontext.BATCH, batch
    try:
        text = "".join(output_chunks(lazy))
    finally:
        jsontext.BATCH = original
    assert text == json_safe(json.dumps(made, indent=2, ensure_ascii=False)) + "\n"


def test_a_batch_with_one_odd_item_writes_the_others_unchanged() -> None:
    items = [{"n": i, "m": "x\ud800" if i == 3 else "é\u2028##[", "f": 1e-7 if i == 5 else 0.5} for i in range(8)]
    text = "".join(output_chunks({"findings": Lazy(iter(items)), "after": None}))
    assert text == json_safe(json.dumps({"findings": items, "after": None}, indent=2, ensure_ascii=False)) + "\n"
    assert "\\ud800" in text and "\\u2028" in text and "##\\u005b" in text
