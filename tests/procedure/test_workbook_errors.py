"""Returned workbooks: every wrong cell of every row named in one run, each at its cell with a hint, exit 2."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import AuditFolders
from tests.importers.builders import with_extension

EPOCH = "1795000000"


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audit_folders: AuditFolders) -> Callable[[str], Path]:
    """The audit folder after the request and the nota in a language, and the working folder there."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    return lambda lang: audit_folders.copy(
        tmp_path, *([step, "organisation.yaml", "--no-config", "--lang", lang] for step in ("uitvraag", "bevindingen")),
        epoch=EPOCH)


@pytest.fixture
def nl(made: Callable[[str], Path]) -> Path:
    return made("nl")


@pytest.fixture
def en(made: Callable[[str], Path]) -> Path:
    return made("en")


def refused(lang: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["import", *args, "--lang", lang])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return str(result.output)


def _paragraph(folder: Path, entity: str, path: str) -> int:
    paragraphs = yaml.safe_load((folder / "bevindingen.yaml").read_text(encoding="utf-8"))["paragraphs"]
    return int(next(p["nr"] for p in paragraphs if p["entity"] == entity and p["path"] == path))


def _row_of(ws: object, nr: int) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == nr)  # type: ignore[attr-defined]


def _fill(ws: object, row: int, **cells: object) -> None:
    for col, value in cells.items():
        ws[f"{col}{row}"] = value  # type: ignore[index]


# Reactions: every wrong cell of a row --------------------------------------------------------------

def test_every_wrong_cell_of_one_reaction_row_is_named(nl: Path) -> None:
    book = load_workbook(nl / "reacties.xlsx")
    ws = book["Reacties"]
    _fill(ws, 2, A="twee", C="Anders.", D="klacht", H="gisteren", I="misschien")
    book.save(nl / "in.xlsx")
    last = ws.max_row - 1
    assert refused("nl", "in.xlsx", "--into", "organisation.yaml") == (
        "in.xlsx:Reacties!A2: fout: alinea twee staat niet in de nota van bevindingen\n"
        f"  tip: de nota telt de alinea's 1 tot en met {last}; laat de kolom nr staan zoals hij is\n"
        "in.xlsx:Reacties!D2: fout: klacht is geen van de keuzes\n"
        "  tip: kies uit: feitelijke correctie, aanvulling, nuance, onenigheid, factual correction, addition, "
        "disagreement\n"
        "in.xlsx:Reacties!H2: fout: geen datum: gisteren\n"
        "  tip: schrijf een datum als 2026-11-12 of 12-11-2026, of gebruik een datumcel\n"
        "in.xlsx:Reacties!I2: fout: misschien is geen van de keuzes\n"
        "  tip: kies uit: overgenomen, deels overgenomen, niet overgenomen, adopted, partly adopted, not adopted\n")
    assert not (nl / "reacties-verwerkt.md").exists()


def test_an_adopted_correction_names_its_wrong_value_and_its_missing_date_and_the_next_rows(nl: Path) -> None:
    nr = _paragraph(nl, "processes/parkeervergunning", "department")
    book = load_workbook(nl / "reacties.xlsx")
    ws = book["Reacties"]
    row = _row_of(ws, nr)
    _fill(ws, row, C="Het is een ander team.", D="correctie", F="Parkeerzaken", G="teamleider", I="overgenomen")
    _fill(ws, row + 1, C="Klopt niet.", D="", I="deels")
    book.save(nl / "in.xlsx")
    assert refused("nl", "in.xlsx", "--into", "organisation.yaml") == (
        f"in.xlsx:Reacties!F{row}: fout: geen afdeling in het organisatiebestand heet Parkeerzaken\n"
        "  tip: schrijf de naam zoals het organisatiebestand hem noemt (bedoelt u Burgerzaken?); voeg wat ontbreekt "
        "eerst toe aan het bestand\n"
        f"in.xlsx:Reacties!H{row}: fout: een overgenomen correctie heeft een datum nodig\n"
        "  tip: vul de datum van de reactie in: die wordt de datum van de bron van de nieuwe waarde\n"
        f"in.xlsx:Reacties!D{row + 1}: fout: een reactie heeft een soort nodig\n"
        "  tip: kies de soort uit de lijst van de cel: feitelijke correctie, aanvulling, nuance of onenigheid\n"
        f"in.xlsx:Reacties!J{row + 1}: fout: een reactie die niet of deels is overgenomen, heeft een motivering nodig\n"
        "  tip: het rapport verantwoordt elke reactie die niet is overgenomen, met de reden\n")
    assert not (nl / "organisation.reacties.yaml").exists()


def test_every_wrong_cell_of_one_reaction_row_is_named_in_english(en: Path) -> None:
    book = load_workbook(en / "reacties.xlsx")
    ws = book["Reactions"]
    _fill(ws, 2, A=0, C="Not so.", D="complaint", H="yesterday", I="perhaps")
    book.save(en / "in.xlsx")
    last = ws.max_row - 1
    assert refused("en", "in.xlsx", "--into", "organisation.yaml") == (
        "in.xlsx:Reactions!A2: error: paragraph 0 is not in the statement of facts\n"
        f"  hint: the statement numbers its paragraphs 1 to {last}; keep the column no as it is\n"
        "in.xlsx:Reactions!D2: error: complaint is not one of the choices\n"
        "  hint: choose from: feitelijke correctie, aanvulling, nuance, onenigheid, factual correction, addition, "
        "disagreement\n"
        "in.xlsx:Reactions!H2: error: not a date: yesterday\n"
        "  hint: write a date as 2026-11-12 or 12-11-2026, or use a date cell\n"
        "in.xlsx:Reactions!I2: error: perhaps is not one of the choices\n"
        "  hint: choose from: overgenomen, deels overgenomen, niet overgenomen, adopted, partly adopted, not adopted\n")


# The information request: every wrong cell of the workbook ------------------------------------------

def _rows_by_key(ws: object) -> dict[str, int]:
    return {str(ws.cell(r, 11).value): r for r in range(2, ws.max_row + 1)}  # type: ignore[attr-defined]


def test_every_wrong_cell_of_a_request_is_named_in_sheet_order_with_a_hint(nl: Path) -> None:
    book = load_workbook(nl / "uitvraag.xlsx")
    ws = book["Uitvraag"]
    rows = _rows_by_key(ws)
    online, total = rows["processes/parkeervergunning#status_online"], rows["processes/melding-openbare-ruimte#volume.total"]
    _fill(ws, total, F="1.250 stuks", G="document", H="x" * 5001, J="1-12-2026")
    _fill(ws, online, F='=IF(TRUE,"ja","nee")', G="interview", J="1-12-2026")
    _fill(ws, 2, K="processes/verdwenen#status_online", F="ja")
    book.save(nl / "in.xlsx")
    assert refused("nl", "in.xlsx", "--into", "organisation.yaml") == (
        "in.xlsx:Uitvraag!K2: fout: onbekende vraag processes/verdwenen#status_online: die hoort niet bij dit "
        "organisatiebestand\n"
        "  tip: laat de kolom kenmerk staan zoals digimandate hem schreef, en importeer in het bestand waarvoor de "
        "uitvraag is gemaakt\n"
        f'in.xlsx:Uitvraag!F{online}: fout: een formule (=IF(TRUE,"ja","nee")): alleen waarden worden gelezen\n'
        "  tip: kopieer de kolom en plak hem als waarden\n"
        f"in.xlsx:Uitvraag!F{total}: fout: geen getal: 1.250 stuks\n"
        "  tip: schrijf alleen het getal, zoals 1250 of 12,5; laat de cel leeg als het niet bekend is\n"
        f"in.xlsx:Uitvraag!H{total}: fout: de cel bevat meer dan 5000 tekens\n"
        "  tip: kort de tekst in; een lang stuk hoort in een bron, die de kolom bron noemt\n")
    assert not (nl / "organisation.uitvraag.yaml").exists()
    assert not (nl / "uitvraag-verwerkt.md").exists()


def test_every_wrong_cell_of_a_request_is_named_in_english(en: Path) -> None:
    book = load_workbook(en / "uitvraag.xlsx")
    ws = book["Request"]
    rows = _rows_by_key(ws)
    online, total = rows["processes/parkeervergunning#status_online"], rows["processes/melding-openbare-ruimte#volume.total"]
    _fill(ws, online, F="perhaps", G="talk", J="yesterday")
    _fill(ws, total, F="many", G="document")
    book.save(en / "in.xlsx")
    assert refused("en", "in.xlsx", "--into", "organisation.yaml") == (
        f'in.xlsx:Request!F{online}: error: expected yes or no, found "perhaps"\n'
        "  hint: leave the cell empty when it is not known\n"
        f"in.xlsx:Request!G{online}: error: talk is not one of the choices\n"
        "  hint: choose from: document, interview, waarneming, register, gegevens, observation, data\n"
        f"in.xlsx:Request!J{online}: error: not a date: yesterday\n"
        "  hint: write a date as 2026-11-12 or 12-11-2026, or use a date cell\n"
        f"in.xlsx:Request!F{total}: error: not a number: many\n"
        "  hint: write only the number, such as 1250 or 12.5; leave the cell empty if it is not known\n"
        f"in.xlsx:Request!J{total}: error: an answer needs date too\n"
        "  hint: a fact counts as established only with its source: kind, who and when\n")


# What the organisation model refuses of an answer: at the answer's cell ------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_answer_the_model_refuses_is_named_at_its_cell(made: Callable[[str], Path], lang: str) -> None:
    folder = made(lang)
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Uitvraag" if lang == "nl" else "Request"]
    rows = _rows_by_key(ws)
    adopted, year = rows["governance#governance.vision.evaluated_on"], rows["processes/melding-openbare-ruimte#volume.year"]
    _fill(ws, adopted, F="2030-01-01", G="document", H="Collegebesluit", J=dt.date(2026, 11, 12))
    _fill(ws, year, F=1800, G="document", H="Jaarverslag", J=dt.date(2026, 11, 12))
    book.save(folder / "in.xlsx")
    out = refused(lang, "in.xlsx", "--into", "organisation.yaml")
    sheet = ws.title
    assert out == {
        "nl": f"in.xlsx:{sheet}!F{adopted}: fout: 2030-01-01 ligt na de peildatum 2026-11-01\n"
              "  tip: wat hier staat is al gebeurd: corrigeer de datum, of de peildatum (organisation.audit_date)\n"
              f"in.xlsx:{sheet}!F{year}: fout: 1800 valt buiten het bereik: >= 1900\n"
              "  tip: een jaar ligt tussen 1900 en 2100: controleer het jaar\n",
        "en": f"in.xlsx:{sheet}!F{adopted}: error: 2030-01-01 is after the reference date 2026-11-01\n"
              "  hint: what this records has happened already: correct the date, or the reference date "
              "(organisation.audit_date)\n"
              f"in.xlsx:{sheet}!F{year}: error: 1800 is out of range: >= 1900\n"
              "  hint: a year lies between 1900 and 2100: check the year\n",
    }[lang]
    assert "organisation.uitvraag.yaml" not in out
    assert not (folder / "organisation.uitvraag.yaml").exists()


# Warnings: in the chosen language, never openpyxl's English -----------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_part_of_a_returned_workbook_not_read_is_said_in_the_chosen_language(
        made: Callable[[str], Path], lang: str) -> None:
    import warnings

    folder = made(lang)
    shutil.copy(folder / "uitvraag.xlsx", folder / "in.xlsx")
    with_extension(folder / "in.xlsx", "xl/worksheets/sheet1.xml")
    with warnings.catch_warnings(record=True) as leaked:
        warnings.simplefilter("always")
        result = CliRunner().invoke(app, ["import", "in.xlsx", "--into", "organisation.yaml", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert [str(w.message) for w in leaked] == []
    assert result.output.splitlines()[0] == {
        "nl": "waarschuwing: in.xlsx: niet gelezen: uitbreidingen van Excel, zoals keuzelijsten; alleen de waarden "
              "van de cellen tellen",
        "en": "warning: in.xlsx: not read: Excel extensions, such as drop-down lists; only the values of the cells "
              "count"}[lang]


def test_wrong_cells_and_answers_the_model_refuses_are_named_in_one_run(nl: Path) -> None:
    book = load_workbook(nl / "uitvraag.xlsx")
    ws = book["Uitvraag"]
    rows = _rows_by_key(ws)
    online, year = rows["processes/parkeervergunning#status_online"], rows["processes/melding-openbare-ruimte#volume.year"]
    _fill(ws, online, F="misschien", G="interview", J=dt.date(2026, 11, 12))
    _fill(ws, year, F=1800, G="document", H="Jaarverslag", J=dt.date(2026, 11, 12))
    book.save(nl / "in.xlsx")
    assert refused("nl", "in.xlsx", "--into", "organisation.yaml") == (
        f'in.xlsx:Uitvraag!F{online}: fout: verwacht ja of nee, gevonden: "misschien"\n'
        "  tip: laat de cel leeg als het niet bekend is\n"
        f"in.xlsx:Uitvraag!F{year}: fout: 1800 valt buiten het bereik: >= 1900\n"
        "  tip: een jaar ligt tussen 1900 en 2100: controleer het jaar\n")


def test_a_wrong_reaction_and_a_correction_the_model_refuses_are_named_in_one_run(nl: Path) -> None:
    nr = _paragraph(nl, "processes/parkeervergunning", "volume.year")
    book = load_workbook(nl / "reacties.xlsx")
    ws = book["Reacties"]
    row = _row_of(ws, nr)
    _fill(ws, row, C="Het jaar klopt niet.", D="correctie", F=1850, G="teamleider", H=dt.date(2026, 12, 1),
          I="overgenomen")
    _fill(ws, 2, C="Anders.", D="klacht")
    book.save(nl / "in.xlsx")
    assert refused("nl", "in.xlsx", "--into", "organisation.yaml") == (
        "in.xlsx:Reacties!D2: fout: klacht is geen van de keuzes\n"
        "  tip: kies uit: feitelijke correctie, aanvulling, nuance, onenigheid, factual correction, addition, "
        "disagreement\n"
        f"in.xlsx:Reacties!F{row}: fout: 1850 valt buiten het bereik: >= 1900\n"
        "  tip: een jaar ligt tussen 1900 en 2100: controleer het jaar\n")
    assert not (nl / "organisation.reacties.yaml").exists()


def test_a_reaction_without_its_kind_and_a_correction_without_its_date_are_named_in_english(en: Path) -> None:
    nr = _paragraph(en, "processes/parkeervergunning", "volume.year")
    book = load_workbook(en / "reacties.xlsx")
    ws = book["Reactions"]
    row = _row_of(ws, nr)
    _fill(ws, row, C="The year is 2024.", D="factual correction", F=2024, I="adopted")
    _fill(ws, 2, C="Not so.")
    book.save(en / "in.xlsx")
    assert refused("en", "in.xlsx", "--into", "organisation.yaml") == (
        "in.xlsx:Reactions!D2: error: a reaction needs a kind\n"
        "  hint: pick the kind from the cell's list: factual correction, addition, nuance or disagreement\n"
        f"in.xlsx:Reactions!H{row}: error: an adopted correction needs a date\n"
        "  hint: fill in the date of the reaction: it becomes the date of the new value's source\n")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_answer_in_a_row_added_to_the_request_is_named_not_lost(made: Callable[[str], Path], lang: str) -> None:
    folder = made(lang)
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Uitvraag" if lang == "nl" else "Request"]
    row = ws.max_row + 1
    _fill(ws, row, D="Hoeveel formulieren?", F="12", G="document", J="1-12-2026")
    book.save(folder / "in.xlsx")
    assert refused(lang, "in.xlsx", "--into", "organisation.yaml") == {
        "nl": f"in.xlsx:Uitvraag!F{row}: fout: een antwoord in een rij zonder vraag van de uitvraag: het wordt "
              "niet gelezen\n"
              "  tip: zet het antwoord in de rij van zijn vraag; voeg geen rijen toe en laat de kolom kenmerk staan\n",
        "en": f"in.xlsx:Request!F{row}: error: an answer in a row without a question of the request: it is not read\n"
              "  hint: put the answer in the row of its question; add no rows and keep the column key as it is\n"}[lang]
