"""The concept report follows ambtelijk wederhoor: not written while the officials may still react to the nota."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES

EPOCH = "1795000000"  # 18 November 2026: the nota's reply period runs to 9 December


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An audit folder whose nota van bevindingen was issued on 18 November 2026."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "organisation.yaml")
    result = CliRunner().invoke(app, ["bevindingen", "organisation.yaml", "--no-config", "--lang", "nl"])
    assert result.exit_code == 0, result.output
    return tmp_path


def concept(*args: str, lang: str = "nl") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["report", "organisation.yaml", "--no-config", "--stage", "concept",
                                      "-o", "concept.md", "--lang", lang, *args])
    return result.exit_code, result.output


def test_a_concept_within_the_reply_period_is_refused_at_the_nota(folder: Path) -> None:
    for day in ("2026-11-18", "2026-12-09"):  # the day of the nota, and the last day to react
        assert concept("--date", day) == (2, (
            f"dossier.yaml:4:9: fout: steps[0].date: het conceptrapport is gedateerd {day}, terwijl de termijn om "
            "te reageren op de nota van bevindingen van 2026-11-18 loopt tot en met 2026-12-09 en er nog geen "
            "reacties zijn vastgelegd\n"
            "  tip: het concept verwerkt de reacties van ambtelijk wederhoor: importeer ze eerst (digimandate import "
            "reacties.xlsx --into organisation.yaml), of geef het concept met --date een datum na 2026-12-09 als er "
            "geen reacties komen\n"))
    assert not (folder / "concept.md").exists()
    assert concept("--lang", "en", lang="en")[1].startswith(
        "dossier.yaml:4:9: error: steps[0].date: the draft report is dated 2026-11-18, while the period to react to "
        "the statement of facts of 2026-11-18 runs to 2026-12-09 and no reactions are recorded yet\n")


def test_a_concept_after_the_reply_period_needs_no_reactions(folder: Path) -> None:
    code, output = concept("--date", "2026-12-10")
    assert code == 0, output
    assert (folder / "concept.md").is_file()


def test_a_concept_within_the_period_once_the_reactions_are_recorded(folder: Path) -> None:
    book = load_workbook(folder / "reacties.xlsx")
    book.save(folder / "ingevuld.xlsx")  # returned as sent: no reaction, but the reactions are recorded
    result = CliRunner().invoke(app, ["import", "ingevuld.xlsx", "--into", "organisation.yaml", "--lang", "nl"])
    assert result.exit_code == 0, result.output
    code, output = concept("--date", "2026-11-30")
    assert code == 0, output
    assert (folder / "concept.md").is_file()
