"""The suite's copy of a loaded file (tests/conftest.py) is the data the loader builds, positions and all."""

from __future__ import annotations

import pytest

from digimandate.errors import InputError
from digimandate.model import loader
from digimandate.model.loader import Limits
from tests.conftest import EXAMPLES, _build
from tests.model.cload_compare import describe


def test_a_copy_of_a_loaded_file_is_the_data_the_loader_builds() -> None:
    raw = (EXAMPLES / "large-municipality.yaml").read_bytes()
    built = describe(_build(loader._Builder("f.yaml", Limits()), raw))
    assert describe(loader._Builder("f.yaml", Limits()).build(raw)) == built  # built, or a copy
    assert describe(loader._Builder("f.yaml", Limits()).build(raw)) == built  # a copy


def test_a_file_kept_with_one_limit_is_refused_with_a_smaller_one() -> None:
    raw = (EXAMPLES / "large-municipality.yaml").read_bytes()
    loader._Builder("f.yaml", Limits()).build(raw)
    loader._Builder("f.yaml", Limits()).build(raw)
    with pytest.raises(InputError) as caught:
        loader._Builder("f.yaml", Limits(max_nodes=100)).build(raw)
    assert [(p.key, p.args) for p in caught.value.problems] == [("too_many_nodes", {"limit": 100})]
