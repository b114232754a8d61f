"""The indented JSON writer against json.dumps, on every kind of JSON value."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digimandate.jsontext import indented_json
from tests.strategies import examples

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
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


def test_awkward_text_and_nesting() -> None:
    value = {"a\n\"b\"": ["\u2028", "é", "\x01", [], {}, [[1.5, None, True]]], "": {"k": {"l": ()}}}
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert indented_json([{1: "non-text key"}]) == '[\n  {\n    "1": "non-text key"\n  }\n]'


def test_refuses_what_json_dumps_refuses() -> None:
    with pytest.raises(TypeError, match=r"^Object of type date is not JSON serializable$"):
        indented_json({"a": [{"b": date(2026, 11, 1)}]})
