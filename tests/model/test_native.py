"""The C loader's vendored LibYAML sources (fast/) are the recorded release, unmodified, and its build names that release."""

from __future__ import annotations

import hashlib
import re
import sys
import types

import pytest

from tests.conftest import ROOT

FAST = ROOT / "fast"  # the C loader's own distribution, digimandate-cload
LIBYAML = FAST / "libyaml"


def recorded() -> dict[str, str]:
    """Path -> SHA-256 as listed in SOURCE.md."""
    text = (LIBYAML / "SOURCE.md").read_text(encoding="utf-8")
    return {path: digest for digest, path in re.findall(r"^([0-9a-f]{64})  (\S+)$", text, re.MULTILINE)}


def test_the_vendored_files_are_exactly_the_recorded_ones() -> None:
    sums = recorded()
    present = sorted(str(p.relative_to(LIBYAML)) for p in LIBYAML.rglob("*") if p.is_file() and p.name != "SOURCE.md")
    assert present == sorted(sums)
    for path, digest in sums.items():
        assert hashlib.sha256((LIBYAML / path).read_bytes()).hexdigest() == digest, path


def test_the_build_defines_the_vendored_version() -> None:
    title = (LIBYAML / "SOURCE.md").read_text(encoding="utf-8").splitlines()[0]
    version = re.search(r"^LIBYAML_VERSION = \((\d+), (\d+), (\d+)\)$", (FAST / "setup.py").read_text(), re.MULTILINE)
    assert version is not None
    assert title == f"# LibYAML {'.'.join(version.groups())}, vendored"


def test_the_build_compiles_every_vendored_source_and_no_dlopen_is_left() -> None:
    setup = (FAST / "setup.py").read_text(encoding="utf-8")
    names = sorted(p.stem for p in (LIBYAML / "src").glob("*.c"))
    assert names == ["api", "parser", "reader", "scanner"]
    assert all(f'"{name}"' in setup for name in names)
    native = (FAST / "cload.c").read_text(encoding="utf-8")
    assert "dlopen" not in native and "dlsym" not in native


def test_digimandate_itself_is_pure_python() -> None:
    # No C in the package and nothing that builds it: the C loader is the separate distribution in fast/.
    assert not (ROOT / "setup.py").exists()
    package = ROOT / "digimandate"
    assert not [p for p in package.rglob("*") if p.suffix in (".c", ".h", ".pyx")]
    assert "ext-modules" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_loader_expects_the_api_the_c_loader_declares() -> None:
    from digimandate.model.loader import CLOAD_API

    native = (FAST / "cload.c").read_text(encoding="utf-8")
    assert re.search(rf"^#define CLOAD_API {CLOAD_API}$", native, re.MULTILINE)


def test_a_c_loader_built_for_another_api_is_left_unused(monkeypatch: pytest.MonkeyPatch) -> None:
    from digimandate.model import loader

    def configure(*args: object) -> None:
        raise AssertionError("a C loader of another API must not be configured")

    other = types.ModuleType("digimandate_cload")
    other.API = loader.CLOAD_API + 1  # type: ignore[attr-defined]
    other.configure = configure  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "digimandate_cload", other)
    monkeypatch.delenv("DIGIMANDATE_PURE_PYTHON", raising=False)
    assert loader._configure_fast_loader() is None
    monkeypatch.setitem(sys.modules, "digimandate_cload", None)  # not installed
    assert loader._configure_fast_loader() is None
