"""Hypothesis strategies shared by the hostile-input tests: YAML-able data of every kind."""

from __future__ import annotations

from hypothesis import strategies as st

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.dates(),
)
keys = st.text(min_size=1, max_size=12).filter(lambda k: k != "<<")
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(keys, inner, max_size=4)), max_leaves=25)
YAML_LIKE = list("ab: -[]{}&*!|>'\"#\n\t,?%@`0129.")
