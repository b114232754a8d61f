"""The importer registry: every source is one module with one IMPORTER; the command and its help follow it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.i18n import CATALOG
from digimandate.importers import registry
from digimandate.importers.api import ImportRequest, run_import
from digimandate.importers.common import Draft, Found, ImportContext, Note
from digimandate.importers.registry import Importer, ImportSource


def test_every_module_with_an_importer_is_registered_and_has_its_texts() -> None:
    found = registry.importers()
    assert set(found) == {"upl", "sheet", "zgw", "openforms", "zaken", "formstats"}
    for name, importer in found.items():
        assert importer.name == name
        assert f"imp_kind_{name}" in CATALOG and f"imp_about_{name}" in CATALOG
    assert [i.name for i in registry.sniffing()] == ["upl", "zgw", "formstats", "openforms", "sheet"]
    assert [n for n, i in found.items() if i.remote] == ["zaken"]


def _read(src: ImportSource, ctx: ImportContext) -> Found:
    name = src.text.split(":", 1)[1].strip()
    return Found([Draft("processes", "demo", {"name": name}, [f"demo:{name}"], src.name, "demo", src.name)],
                 [Note(src.name, "mapped", src.name, "imp_matched", {"entity": "processes/demo", "from": src.name})])


DEMO = Importer("demo", rank=5, order=5, read=_read, recognise=lambda src: src.text.startswith("DEMO:"), sniff=10)


@pytest.fixture
def with_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry with one more importer, as a new module would add it."""
    known = registry.importers()
    monkeypatch.setattr(registry, "importers", lambda: {**known, "demo": DEMO})
    monkeypatch.setitem(CATALOG, "imp_kind_demo", {"nl": "Demo", "en": "Demo"})
    monkeypatch.setitem(CATALOG, "imp_about_demo", {"nl": "een demobron", "en": "a demo source"})


@pytest.mark.usefixtures("with_demo")
def test_a_new_importer_is_recognised_read_and_cited(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("DEMO: Parkeren\n", encoding="utf-8")
    imp = run_import(ImportRequest([str(tmp_path / "x.txt")]))
    assert [(s.name, s.kind) for s in imp.sources] == [("x.txt", "demo")]
    assert "- id: demo\n  name: Parkeren\n  refs:\n  - demo:Parkeren\n" in imp.text
    assert imp.registers["x.txt"]["id"] == "demo-x"
    prefixed = run_import(ImportRequest([f"demo:{tmp_path / 'x.txt'}"]))
    assert prefixed.sources[0].kind == "demo"


@pytest.mark.usefixtures("with_demo")
def test_the_help_lists_the_registered_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    result = CliRunner().invoke(app, ["import", "--help"])
    assert result.exit_code == 0
    assert "demo: a demo source" in result.stdout
    assert "zaken: numbers of zaken" in result.stdout and "formstats: Open Formulieren's" in result.stdout
    assert "{importers}" not in result.stdout
