"""Open Formulieren's submission statistics: digital volumes per form, matched to processes; hostile workbooks."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.importers import zaken
from tests.importers.builders import form_export, without_default_style
from tests.importers.test_zaken import PARKING, zaaktype
from tests.importers.zaken_server import ROOT, TOKEN, Behaviour, serve

EN = ("Public reference", "Form name (public)", "Form name (internal)", "Submitted on", "Registered on")
NL = ("Publieke referentie", "Formuliernaam (publiek)", "Formuliernaam (intern)", "Ingezonden op", "Geregistreerd op")
MAIN = """schema_version: 1
include: [imported.yaml]
organisation: {name: Gemeente Proef, type: gemeente, language: en, audit_date: 2026-11-01}
channels:
  - {id: www, name: www.proef.nl, type: website}
processes:
  - {id: melding, name: Melding openbare ruimte}
"""


def statistics(rows: list[tuple[Any, ...]], headings: tuple[str, ...] = EN,
               title: str = "Successfully registered submiss") -> bytes:
    """The export as Open Formulieren writes it (tablib: a title cut to 31 characters, text cells)."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = dt.datetime(2026, 1, 5, 9, 30)
    ws = book.active
    assert ws is not None
    ws.title = title
    ws.append(list(headings))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row(n: int, form: str, when: str, internal: str = "") -> tuple[str, ...]:
    return (f"OF-{n:06d}", form, internal, when, when)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "organisation.yaml").write_text(MAIN, encoding="utf-8")
    (tmp_path / "forms.zip").write_bytes(form_export("children-flow.zip", [], name="Parkeervergunning",
                                                     slug="parkeervergunning"))
    return tmp_path


def run(runner: CliRunner, folder: Path, *args: str) -> Any:
    return runner.invoke(app, ["import", *args, "--into", str(folder / "organisation.yaml"),
                               "--report", str(folder / "report.md")])


def test_submissions_become_the_digital_volume_of_the_forms_process(runner: CliRunner, folder: Path) -> None:
    rows = [row(1, "Parkeervergunning", "2025-01-03T09:00:00+01:00"),
            row(2, "Parkeervergunning", "2025-06-30T23:59:00+02:00"),
            row(3, "Parkeervergunning", "2024-12-31T12:00:00+01:00"),
            row(4, "Melding openbare ruimte", "2025-02-01T08:00:00+01:00"),
            row(5, "Hondenbelasting", "2025-02-01T08:00:00+01:00")]
    stats = folder / "submissions_2024-12-01_2025-12-31.xlsx"
    stats.write_bytes(statistics(rows))
    result = run(runner, folder, str(folder / "forms.zip"), str(stats), "--period", "2025")
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))
    [proc] = written["processes"]
    assert proc["refs"] == ["openforms:parkeervergunning"]
    assert proc["volume"] == {"year": 2025, "digital": 2, "source": ["formstats-submissions-2024-12-01-2025-12-31"]}
    assert proc["source"] == ["openforms-forms", "formstats-submissions-2024-12-01-2025-12-31"]
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert "parkeervergunning: 2 digital submissions in 2025 (Parkeervergunning)" in report
    assert "  volume:\n    year: 2025\n    digital: 1\n" in report  # the hand-written process: proposed
    assert 'form "Hondenbelasting" (1 submissions in 2025) belongs to no process' in report
    assert "1 submissions outside 2025 not counted" in report
    [register] = [s for s in written["sources"] if s["id"] == "formstats-submissions-2024-12-01-2025-12-31"]
    assert register["dated"] == dt.date(2026, 1, 5)  # the day the export was made, as the workbook says


def test_dutch_headings_and_the_year_from_the_dates(runner: CliRunner, folder: Path) -> None:
    stats = folder / "submissions_2025-01-01_2025-03-31.xlsx"
    stats.write_bytes(statistics([row(1, "Parkeervergunning", "2025-02-03T09:00:00+01:00")], NL,
                                 title="Aangemaakte registraties van 20"))
    result = run(runner, folder, str(folder / "forms.zip"), str(stats))
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))
    assert written["processes"][0]["volume"] == {"year": 2025, "digital": 1,
                                                 "source": ["formstats-submissions-2025-01-01-2025-03-31"]}
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert ("the export runs from 2025-01-01 to 2025-03-31, not the whole of 2025: the volume is that of part of "
            "the year") in report


def test_digital_and_total_from_two_registers_make_one_volume(runner: CliRunner, folder: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAKEN_TOKEN", TOKEN)
    monkeypatch.setattr(zaken, "BACKOFF", 0.01)
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    page = {"count": 1, "next": None, "previous": None, "results": [zaaktype(PARKING, "ZT-PARK", "Parkeervergunning")]}
    (folder / "zaaktypen.json").write_text(json.dumps(page), encoding="utf-8")
    stats = folder / "submissions_2025-01-01_2025-12-31.xlsx"
    stats.write_bytes(statistics([row(i, "Parkeervergunning", "2025-05-01T10:00:00+02:00") for i in range(7)]))
    with serve(Behaviour(counts={PARKING: 10})) as base:
        result = run(runner, folder, str(folder / "zaaktypen.json"), str(stats), f"zaken:{base}{ROOT}",
                     "--period", "2025", "--token-env", "ZAKEN_TOKEN")
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))
    assert written["processes"][0]["volume"] == {"year": 2025, "total": 10, "digital": 7, "source": [
        "zaken-127-0-0-1-2025", "formstats-submissions-2025-01-01-2025-12-31"]}


def test_several_years_need_a_period(runner: CliRunner, folder: Path) -> None:
    stats = folder / "submissions.xlsx"
    stats.write_bytes(statistics([row(1, "Parkeervergunning", "2024-12-31T10:00:00+01:00"),
                                  row(2, "Parkeervergunning", "2025-01-01T10:00:00+01:00")]))
    result = run(runner, folder, str(stats))
    assert result.exit_code == 2
    assert result.stderr == ("submissions.xlsx: error: the submissions fall in more than one year (2024, 2025)\n"
                             "  hint: give the year to count with --period, for example --period 2025\n")


@pytest.mark.parametrize(("cells", "message"), [
    ([("OF-1", "Parkeervergunning", "", "=NOW()", "")],
     "s.xlsx:Successfully registered submiss!D2: error: a formula (=NOW()): only values are read\n"),
    ([("OF-1", "Parkeervergunning", "", "gisteren", "")],
     "s.xlsx:Successfully registered submiss!D2: error: not a date: gisteren\n"),
    ([("OF-1", "Parkeervergunning", "", None, None)],
     "s.xlsx:Successfully registered submiss!E2: error: a submission without a date of submission or registration\n"),
])
def test_a_hostile_workbook_is_refused_where_it_is_wrong(runner: CliRunner, folder: Path, cells: list[tuple[Any, ...]],
                                                         message: str) -> None:
    (folder / "s.xlsx").write_bytes(statistics(cells))
    result = run(runner, folder, str(folder / "s.xlsx"), "--period", "2025")
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert not (folder / "imported.yaml").exists() and not (folder / "report.md").exists()



def test_a_cell_far_to_the_right_is_not_read(runner: CliRunner, folder: Path) -> None:
    cells = [*row(1, "Parkeervergunning", "2025-01-03T09:00:00+01:00"), *[None] * 16_378, "=NOW()"]
    (folder / "s.xlsx").write_bytes(statistics([tuple(cells)]))
    result = run(runner, folder, str(folder / "forms.zip"), str(folder / "s.xlsx"), "--period", "2025")
    assert result.exit_code == 0, result.output
    [proc] = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))["processes"]
    assert proc["volume"]["digital"] == 1


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "niet gelezen: opmaakprofielen; alleen de waarden van de cellen tellen"),
    ("en", "not read: cell styles; only the values of the cells count")])
def test_what_openpyxl_warns_of_is_a_note_of_the_report_in_the_chosen_language(
        runner: CliRunner, folder: Path, lang: str, said: str) -> None:
    import warnings

    stats = folder / "submissions_2025-01-01_2025-12-31.xlsx"
    stats.write_bytes(without_default_style(statistics([row(1, "Parkeervergunning", "2025-02-03T09:00:00+01:00")])))
    with warnings.catch_warnings(record=True) as leaked:
        warnings.simplefilter("always")
        result = run(runner, folder, str(folder / "forms.zip"), str(stats), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert [str(w.message) for w in leaked] == []
    assert f"- `{stats.name}`: {said}\n" in (folder / "report.md").read_text(encoding="utf-8")
