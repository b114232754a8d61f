"""Hypothesis profiles and the number of examples per profile; strategies shared by the hostile-input tests."""

from __future__ import annotations

import os

from hypothesis import settings
from hypothesis import strategies as st

# Profiles: "ci" runs every property test with the number of examples it names; "dev" with a sixth of
# them (at least 10), to keep the suite fast wherever it runs (the README's test command, in CI too). .ci/run then runs the
# property tests again in "ci", as a step of its own; HYPOTHESIS_PROFILE=ci or --hypothesis-profile=ci
# chooses it anywhere.
settings.register_profile("ci", print_blob=True)
settings.register_profile("dev")
if settings.get_current_profile_name() == "default":  # not chosen with --hypothesis-profile
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "dev")


def examples(full: int) -> int:
    """How many examples a property test runs: ``full`` in the "ci" profile, a sixth in "dev"."""
    return full if settings.get_current_profile_name() == "ci" else max(full // 6, 10)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.dates(),
)
keys = st.text(min_size=1, max_size=12).filter(lambda k: k != "<<")
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(keys, inner, max_size=4)), max_leaves=25)
YAML_LIKE = list("ab: -[]{}&*!|>'\"#\n\t,?%@`0129.")
