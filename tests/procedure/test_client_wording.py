"""What the client reads in the nota, the reaction workbook and the information letter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from digimandate.i18n import Lang, spelled
from digimandate.i18n import counted as plural
from digimandate.render.doc import fmt
from digimandate.render.doc.common import counted
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


@pytest.mark.parametrize(("n", "lang", "said"), [(1, "nl", "één"), (3, "nl", "drie"), (12, "nl", "twaalf"),
                                                 (13, "nl", "13"), (1095, "nl", "1.095"), (0, "nl", "0"),
                                                 (2, "en", "two"), (1200, "en", "1,200")])
def test_a_count_in_running_text_is_a_word_up_to_twelve(n: int, lang: Lang, said: str) -> None:
    assert spelled(n, lang) == said
    assert fmt.spelled(n, lang) == said  # one helper, whichever module a document imports it from


def test_a_documents_count_with_its_noun_is_spelled_and_the_cli_keeps_figures() -> None:
    assert counted(3, "product", "nl") == "drie producten"
    assert counted(1, "product", "en") == "one product"
    assert counted(14, "product", "nl") == "14 producten"
    assert plural(3, "doc_noun_product", "nl") == "3 producten"
