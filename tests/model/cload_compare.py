"""The C loader against the pure-Python builder, for tests/model/test_cload.py and the process it starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from digimandate.errors import InputError
from digimandate.model import loader
from digimandate.model.loader import Limits, LList, LMap

ROOT = Path(__file__).resolve().parents[2]  # as tests/conftest.py's, without importing pytest into that process


def python_build(raw: bytes, limits: Limits = Limits()) -> Any:
    """What the pure-Python builder makes of the bytes (or the InputError it raises)."""
    try:
        return loader._Builder("f.yaml", limits).build(raw)
    except InputError as exc:
        return exc


def describe(value: Any) -> Any:
    """Values with every position, file and type made visible, for an exact comparison."""
    if isinstance(value, LMap):
        return ("map", type(value), value.pos, value.src, list(value.spots),
                [(k, describe(v)) for k, v in value.items()])
    if isinstance(value, LList):
        return ("list", type(value), value.pos, value.src, list(value.spots), [describe(v) for v in value])
    return (type(value), value)


def assert_same(raw: bytes, limits: Limits = Limits()) -> bool:
    """Assert both paths agree; True when the C loader took the document itself."""
    fast = loader._fast_load(raw, "f.yaml", limits)
    slow = python_build(raw, limits)
    if fast is None:
        return False
    assert not isinstance(slow, InputError), f"C loader accepted what Python rejects: {slow}"
    assert describe(fast) == describe(slow)
    return True


YAML_FILES = sorted(
    p for p in [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("checklists/**/*.yaml"), *ROOT.glob("tests/data/*.yaml"),
                *ROOT.glob("digimandate/render/templates/*.yaml")]
)
