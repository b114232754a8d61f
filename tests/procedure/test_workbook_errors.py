"""Returned workbooks: every wrong cell of every row named in one run, each at its cell with a hint, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES

EPOCH = "1795000000"


def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "organisation.yaml")
    for step in ("uitvraag", "bevindingen"):
        result = CliRunner().invoke(app, [step, "organisation.yaml", "--no-config", "--lang", lang])
        assert result.exit_code == 0, result.output
    return tmp_path


@pytest.fixture
def nl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _folder(tmp_path, monkeypatch, "nl")


@pytest.fixture
def en(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _folder(tmp_path, monkeypatch, "en")


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
        f"in.xlsx:Reacties!H{row}: fout: bij een antwoord hoort ook datum\n"
        "  tip: een feit geldt pas als vastgesteld met zijn bron: soort, wie en wanneer\n"
        f"in.xlsx:Reacties!D{row + 1}: fout: bij een antwoord hoort ook soort\n"
        "  tip: een feit geldt pas als vastgesteld met zijn bron: soort, wie en wanneer\n"
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
