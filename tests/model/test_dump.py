"""The dumper writes the same bytes with LibYAML's emitter as with PyYAML's, whatever the data."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digimandate.model import loader
from digimandate.model.loader import Dumper, dump
from tests.strategies import examples

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeDumper"), reason="PyYAML built without LibYAML")

# Text as organisation files and notas hold it, and the characters and words that make an emitter quote or fold
_WORDS = ["word", " ", "  ", "longerword", "a: b", "#x", " #", "- ", "ë", "–", "…", "'", '"', "yes", "null", "~",
          "1e3", "0o17", "0x1F", "12:30", "2026-01-01", "---", "...", "<<", "&a", "*a", "!", "|", ">", "%", "@", "`",
          ",", "[", "]", "{", "}", "?", "\xa0", "\ufeff", "\U0001f600", "\x85", "\u2028", "\t", "\n", "\x7f"]
text = st.one_of(st.text(max_size=30), st.lists(st.sampled_from(_WORDS), max_size=40).map("".join),
                 st.text(st.characters(max_codepoint=0x2100), min_size=60, max_size=200))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9), st.floats(allow_nan=False), text,
                    st.dates(), st.datetimes())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(text, inner, max_size=4)), max_leaves=20)
options = st.fixed_dictionaries({}, optional={"width": st.sampled_from([20, 80, 110, 10**6]),
                                              "default_flow_style": st.sampled_from([None, True, False])})


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(values, st.lists(values, max_size=4), st.dictionaries(text, values, max_size=5)), options)
def test_libyamls_emitter_writes_what_pyyamls_writes(data: Any, opts: dict[str, Any]) -> None:
    assert dump(data, **opts) == yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, **opts)


def test_only_data_both_emitters_write_alike_goes_to_libyaml() -> None:
    assert loader._alike({"paragraphs": [{"nr": 1, "text": "Één – “zo”…", "on": datetime.date(2026, 1, 2)}]})
    for data in ("text", {"": 1}, {"k" * 65: 1}, {"a": "x\ny"}, {"a": "\U0001f600"}, {"a": "\x85"},
                 {"a": datetime.datetime(2026, 1, 2)}, {"a": ("t",)}):
        assert not loader._alike(data), data
