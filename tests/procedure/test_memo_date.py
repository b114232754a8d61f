"""A memo of an audit run in steps is dated as the report it presents, so that its dates follow the report's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES

EPOCH = "1795000000"  # 18 November 2026: the day the nota is issued, and "today" for every command here
REACTIE = EXAMPLES / "audit" / "small-municipality.reactie.yaml"
NAWOORD = EXAMPLES / "audit" / "small-municipality.nawoord.md"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An audit folder with a nota of 18 November and a concept report of 14 December 2026."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "organisation.yaml")
    for args in (["bevindingen", "--date", "2026-11-18"],
                 ["report", "-o", "concept.md", "--stage", "concept", "--date", "2026-12-14"]):
        result = CliRunner().invoke(app, [args[0], "organisation.yaml", "--no-config", *args[1:]])
        assert result.exit_code == 0, result.output
    return tmp_path


def memo(*args: str) -> tuple[str, str]:
    """The memo written, and what the run said."""
    result = CliRunner().invoke(app, ["memo", "organisation.yaml", "--no-config", "--lang", "nl", "-o", "memo.md",
                                      "--force", *args])
    assert result.exit_code == 0, result.output
    return Path("memo.md").read_text(encoding="utf-8"), result.output


def test_a_memo_is_dated_as_the_concept_it_presents(folder: Path) -> None:
    text, said = memo()
    assert "| **Datum** | 14 december 2026 |" in text  # not 18 November, the day the command ran
    assert "gedateerd 2026-12-14, de datum van het conceptrapport in dossier.yaml; --date geeft een andere datum\n" in said
    proposal, _ = memo("--audience", "college")
    assert "| **Datum** | 14 december 2026 |" in proposal
    # the follow-up the memo plans is the one the concept plans, from the same reference date
    concept = (folder / "concept.md").read_text(encoding="utf-8")
    assert "vervolgonderzoek op 15 september 2027" in concept and "vervolgonderzoek op 15 september 2027" in text


def test_a_date_given_wins(folder: Path) -> None:
    text, said = memo("--date", "2026-12-21")
    assert "| **Datum** | 21 december 2026 |" in text and "gedateerd" not in said


def test_with_the_response_the_memo_is_dated_as_the_definitief(folder: Path) -> None:
    result = CliRunner().invoke(app, ["report", "organisation.yaml", "--no-config", "-o", "definitief.md", "--stage",
                                      "definitief", "--reactie", str(REACTIE), "--nawoord", str(NAWOORD), "--date",
                                      "2027-02-03"])
    assert result.exit_code == 0, result.output
    text, said = memo("--audience", "college", "--reactie", str(REACTIE))
    assert "| **Datum** | 3 februari 2027 |" in text
    assert "gedateerd 2027-02-03, de datum van het definitieve rapport in dossier.yaml" in said


def test_outside_an_audit_folder_a_memo_is_dated_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(app, ["memo", str(EXAMPLES / "small-municipality.yaml"), "--no-config", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "| **Datum** | 18 november 2026 |" in result.stdout and result.stderr == ""
