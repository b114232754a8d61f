"""Every import records the sources it read as `register` sources and cites them on every entity it writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from digimandate.importers.api import Imported, ImportRequest, run_import
from digimandate.importers.report import as_json, markdown
from tests.importers.builders import EMAIL, UPL, ZGW, ZGW_API, form_export

NOV_1 = dt.date(2026, 11, 1)
MAIN = """schema_version: 1
include: [imported.yaml]
organisation: {name: Gemeente Proef, type: gemeente, language: en, audit_date: 2026-11-01}
sources:
  - {id: zgw-catalogi-api-zaaktype-response-zt-001, type: document, title: Een eigen bron met dezelfde naam}
"""


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Imported]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")  # obtained on 2026-11-01
    (tmp_path / "organisation.yaml").write_text(MAIN, encoding="utf-8")
    (tmp_path / "export.zip").write_bytes(form_export("children-flow.zip", [EMAIL, ZGW], name="Parkeervergunning",
                                                      slug="parkeervergunning"))
    imp = run_import(ImportRequest([str(tmp_path / "export.zip"), str(ZGW_API), f"upl:{UPL}"],
                             tmp_path / "organisation.yaml", internal=True))
    return tmp_path, imp


def test_each_source_read_is_a_register_source_with_its_dates(imported: tuple[Path, Imported]) -> None:
    _, imp = imported
    written = yaml.safe_load(imp.text)
    assert written["sources"] == [
        # dated: the export's own _meta.json
        {"id": "openforms-export", "type": "register", "title": "Open Formulieren: export.zip",
         "reference": "export.zip", "dated": dt.date(2025, 9, 12), "obtained": NOV_1},
        # the hand-written file has a source of that id already: the import's takes the next free one
        {"id": "zgw-catalogi-api-zaaktype-response-zt-001-2", "type": "register",
         "title": "ZGW zaaktypen: catalogi_api_zaaktype_response_ZT-001.json",
         "reference": "catalogi_api_zaaktype_response_ZT-001.json", "obtained": NOV_1},
        {"id": "upl-upl-actueel", "type": "register", "title": "UPL: UPL-actueel.csv", "reference": "UPL-actueel.csv",
         "obtained": NOV_1},
    ]


def test_every_entity_written_cites_the_sources_it_came_from(imported: tuple[Path, Imported]) -> None:
    _, imp = imported
    written = yaml.safe_load(imp.text)
    cited = {(section, e["id"]): e.get("source") for section in ("channels", "systems", "processes")
             for e in written.get(section, [])}
    assert cited == {
        ("channels", "website"): ["openforms-export"],
        ("systems", "mailbox-info-example-nl"): ["openforms-export"],
        ("systems", "zaaksysteem"): ["openforms-export"],
        # the form and the zaaktype are one process: both registers are cited
        ("processes", "test"): ["zgw-catalogi-api-zaaktype-response-zt-001-2", "openforms-export"],
    }


def test_the_report_names_the_source_each_file_became(imported: tuple[Path, Imported]) -> None:
    _, imp = imported
    report = markdown(imp, "en")
    assert ("Recorded as source `openforms-export` (register): export.zip; dated 2025-09-12, obtained 2026-11-01. "
            "Every entity from this source cites it (`source: [openforms-export]`).") in report
    assert "dated unknown, obtained 2026-11-01" in report
    data = as_json(imp, "en")
    assert '"register": {\n        "id": "upl-upl-actueel",' in data


def test_the_organisation_with_the_import_resolves_every_citation(imported: tuple[Path, Imported]) -> None:
    folder, imp = imported
    (folder / "imported.yaml").write_text(imp.text, encoding="utf-8")
    from digimandate.model.document import load_document

    doc = load_document(folder / "organisation.yaml")
    assert doc.sources_of("processes/test") == ("zgw-catalogi-api-zaaktype-response-zt-001-2", "openforms-export")
    assert doc.sources["openforms-export"].type == "register"
