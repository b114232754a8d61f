"""The vendored LibYAML sources are the recorded release, unmodified, and the build names that release."""

from __future__ import annotations

import hashlib
import re

from tests.conftest import ROOT

LIBYAML = ROOT / "digimandate" / "model" / "_native" / "libyaml"


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
    version = re.search(r"^LIBYAML_VERSION = \((\d+), (\d+), (\d+)\)$", (ROOT / "setup.py").read_text(), re.MULTILINE)
    assert version is not None
    assert title == f"# LibYAML {'.'.join(version.groups())}, vendored"


def test_the_build_compiles_every_vendored_source_and_no_dlopen_is_left() -> None:
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    names = sorted(p.stem for p in (LIBYAML / "src").glob("*.c"))
    assert names == ["api", "parser", "reader", "scanner"]
    assert all(f'"{name}"' in setup for name in names)
    native = (ROOT / "digimandate" / "model" / "_native" / "cload.c").read_text(encoding="utf-8")
    assert "dlopen" not in native and "dlsym" not in native
