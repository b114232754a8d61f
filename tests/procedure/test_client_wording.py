"""What the client reads in the nota, the reaction workbook and the information letter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES
from tests.procedure.test_audit_steps import EPOCH, ok


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An audit folder with the small municipality as its organisation file, and the working folder there."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "organisation.yaml")
    return tmp_path


def test_the_reaction_workbook_shows_the_client_only_its_own_sheet_in_dutch(folder: Path) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "nl")
    book = load_workbook(folder / "reacties.xlsx")
    assert [ws.title for ws in book.worksheets if ws.sheet_state == "visible"] == ["Reacties"]
    assert book["digimandate"].sheet_state == "veryHidden"
    ws = book["Reacties"]
    heads = [c.value for c in ws[1]]
    assert "besluit onderzoeker" in heads and "besluit auditor" not in heads
    texts = [str(ws.cell(r, 2).value) for r in range(2, ws.max_row + 1)]
    # the organisation's own facts stand without its name before them
    assert not [x for x in texts if x.startswith("Gemeente Dijkveld: ")]
    assert "De koers is door geen bestuursorgaan vastgesteld." in texts


def test_a_workbook_returned_with_the_former_decision_heading_still_reads(folder: Path) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "nl")
    book = load_workbook(folder / "reacties.xlsx")
    ws = book["Reacties"]
    heads = [c.value for c in ws[1]]
    ws.cell(1, heads.index("besluit onderzoeker") + 1).value = "besluit auditor"
    ws.cell(2, heads.index("reactie") + 1).value = "Klopt niet."
    ws.cell(2, heads.index("soort") + 1).value = "nuance"
    ws.cell(2, heads.index("besluit onderzoeker") + 1).value = "overgenomen"
    book.save(folder / "reacties-ingevuld.xlsx")
    ok("import", "reacties-ingevuld.xlsx", "--into", "organisation.yaml")
    assert "Klopt niet." in (folder / "reacties.yaml").read_text(encoding="utf-8")
