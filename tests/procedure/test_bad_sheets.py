"""Returned workbooks are untrusted: wrong columns, unknown paragraphs, formulas and size are located errors, exit 2."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES, AuditFolders

EPOCH = "1795000000"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audit_folders: AuditFolders) -> Path:
    """The small municipality's audit folder after the request and the nota, and the working folder there."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    return audit_folders.copy(tmp_path, *([step, "organisation.yaml", "--no-config", "--lang", "nl"]
                                          for step in ("uitvraag", "bevindingen")), epoch=EPOCH)


def refused(*args: str) -> str:
    result = CliRunner().invoke(app, ["import", *args, "--lang", "nl"])
    assert result.exit_code == 2, result.output
    return str(result.output)


def test_a_renamed_column_is_named_with_the_columns_allowed(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    book["Uitvraag"]["F1"] = "antwoorden"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        'in.xlsx:Uitvraag!F1: fout: onbekende kolom "antwoorden" in werkblad Uitvraag\n'
        '  tip: bedoel je "antwoord"? Houd de kolomnamen van het sjabloon aan\n'
        'in.xlsx:Uitvraag!1:1: fout: kolom "antwoord" ontbreekt in werkblad Uitvraag\n'
        "  tip: houd elke kolom van het sjabloon, ook als hij leeg blijft\n")


def test_a_paragraph_the_nota_does_not_have_is_refused(folder: Path) -> None:
    book = load_workbook(folder / "reacties.xlsx")
    ws = book["Reacties"]
    row = ws.max_row + 1
    ws.cell(row, 1).value = 999
    ws.cell(row, 3).value = "Dit klopt niet."
    ws.cell(row, 4).value = "nuance"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        f"in.xlsx:Reacties!A{row}: fout: alinea 999 staat niet in de nota van bevindingen\n"
        f"  tip: de nota telt de alinea's 1 tot en met {row - 2}; laat de kolom nr staan zoals hij is\n")


def test_a_formula_is_refused_never_evaluated(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Uitvraag"]
    ws["F2"] = '=HYPERLINK("http://example.org","ja")'
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        'in.xlsx:Uitvraag!F2: fout: een formule (=HYPERLINK("http://example.org","ja")): alleen waarden worden gelezen\n'
        "  tip: kopieer de kolom en plak hem als waarden\n")


def test_a_workbook_over_the_size_limit_is_not_read(folder: Path) -> None:
    size = (folder / "uitvraag.xlsx").stat().st_size
    assert refused("uitvraag.xlsx", "--into", "organisation.yaml", "--max-bytes", "1000") == (
        f"uitvraag.xlsx:1:1: fout: bestand is {size} bytes, meer dan de grens van 1000 bytes\n"
        "  tip: verdeel de organisatie over meer bestanden of verhoog de grens met --max-bytes\n")


def test_an_answer_without_its_date_is_refused(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Uitvraag"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 11).value == "processes/parkeervergunning#status_online")
    ws.cell(row, 6).value, ws.cell(row, 7).value = "ja", "interview"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        f"in.xlsx:Uitvraag!J{row}: fout: bij een antwoord hoort ook datum\n"
        "  tip: een feit geldt pas als vastgesteld met zijn bron: soort, wie en wanneer\n")


def test_a_choice_outside_the_list_names_the_choices(folder: Path) -> None:
    book = load_workbook(folder / "reacties.xlsx")
    ws = book["Reacties"]
    ws["C2"], ws["D2"], ws["H2"] = "Anders.", "klacht", dt.date(2026, 12, 1)
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        "in.xlsx:Reacties!D2: fout: klacht is geen van de keuzes\n"
        "  tip: kies uit: feitelijke correctie, aanvulling, nuance, onenigheid, factual correction, addition, "
        "disagreement\n")


def test_a_request_is_not_a_reaction_sheet_and_the_hand_written_file_stays(folder: Path) -> None:
    before = (folder / "organisation.yaml").read_bytes()
    shutil.copy(folder / "uitvraag.xlsx", folder / "in.xlsx")
    result = CliRunner().invoke(app, ["import", "in.xlsx", "--into", "organisation.yaml", "--lang", "nl"])
    assert result.exit_code == 0, result.output  # nothing answered: a new file with no changes, and the report
    assert (folder / "organisation.yaml").read_bytes() == before
    assert "Vastgelegd: 0 antwoorden, elk met de bron. Open gebleven: 46 vragen." in \
        (folder / "uitvraag-verwerkt.md").read_text(encoding="utf-8")


def test_a_workbook_names_no_file_outside_its_folder(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    book["digimandate"]["B2"] = "../../organisation.yaml"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx") == (
        "in.xlsx: fout: de werkmap noemt als organisatiebestand ../../organisation.yaml, geen bestandsnaam in deze map\n"
        "  tip: geef het organisatiebestand met --into\n")


def test_an_audit_workbook_has_no_dry_run(folder: Path) -> None:
    assert refused("uitvraag.xlsx", "--into", "organisation.yaml", "--dry-run") == (
        "fout: uitvraag.xlsx is een werkmap van het onderzoek; die wordt geïmporteerd in een nieuw "
        "organisatiebestand, zonder --dry-run\n")


def test_an_english_request_comes_back_in_english(folder: Path) -> None:
    for old in ("uitvraag.xlsx", "interviewleidraad.docx", "dossier.yaml"):
        (folder / old).unlink()
    result = CliRunner().invoke(app, ["uitvraag", "organisation.yaml", "--no-config", "--lang", "en"])
    assert result.exit_code == 0, result.output
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Request"]
    col = {str(c.value): i + 1 for i, c in enumerate(ws[1])}
    assert list(col) == ["no", "role", "subject", "question", "choices", "answer", "source type", "source",
                         "provided by", "date", "key"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["key"]).value == "channels/balie#promotes_digital")
    assert ws.cell(row, col["role"]).value == "customer contact centre"
    assert ws.cell(row, col["choices"]).value == "yes, no"
    for name, value in (("answer", "yes"), ("source type", "observation"), ("date", "12-11-2026")):
        ws.cell(row, col[name]).value = value
    book.save(folder / "in.xlsx")
    result = CliRunner().invoke(app, ["import", "in.xlsx", "--into", "organisation.yaml", "--lang", "en"])
    assert result.exit_code == 0, result.output
    written = (folder / "organisation.uitvraag.yaml").read_text(encoding="utf-8")
    assert "  - id: observation-customer-contact-centre-2026-11-12\n    type: observation\n" \
           "    title: Observation at customer contact centre\n" in written
    # the channel written on one line in the file stays on one line, with the answer and its source
    assert "  - {id: balie, name: Balie gemeentehuis, type: counter, owner: burgerzaken, assisted_digital: false, " \
           "promotes_digital: true, source: [observation-customer-contact-centre-2026-11-12]}\n" in written


@pytest.mark.parametrize(("name", "sheet"), [("reacties.xlsx", "Reacties"), ("uitvraag.xlsx", "digimandate")])
def test_a_cell_far_to_the_right_is_refused_before_the_sheet_is_read(folder: Path, name: str, sheet: str) -> None:
    book = load_workbook(folder / name)
    book[sheet]["XFD1"] = "x"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        f"in.xlsx:{sheet}: fout: het werkblad loopt door tot kolom XFD: te breed om te lezen\n"
        "  tip: verwijder de lege kolommen rechts van de tabel (ook een enkele cel ver weg telt mee)\n")


@pytest.mark.parametrize(("nr", "shown"), [("²", "²"), ("9" * 5000, "9" * 20 + "…"), ("٣", "٣")])
def test_a_paragraph_number_that_is_no_plain_number_is_not_in_the_nota(folder: Path, nr: str, shown: str) -> None:
    book = load_workbook(folder / "reacties.xlsx")
    ws = book["Reacties"]
    last = ws.max_row - 1
    ws.cell(2, 1).value = nr
    ws.cell(2, 3).value = "Dit klopt niet."
    ws.cell(2, 4).value = "nuance"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        f"in.xlsx:Reacties!A2: fout: alinea {shown} staat niet in de nota van bevindingen\n"
        f"  tip: de nota telt de alinea's 1 tot en met {last}; laat de kolom nr staan zoals hij is\n")


def test_an_adopted_correction_of_an_entity_the_organisation_file_lacks_is_located(folder: Path) -> None:
    nota = folder / "bevindingen.yaml"
    text = nota.read_text(encoding="utf-8")
    nr = next(p["nr"] for p in yaml.safe_load(text)["paragraphs"]
              if p["entity"] == "processes/parkeervergunning" and p["path"] == "department")
    nota.write_text(text.replace("entity: processes/parkeervergunning\n", "entity: processes/nope\n"), encoding="utf-8")
    book = load_workbook(folder / "reacties.xlsx")
    ws = book["Reacties"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == nr)
    for col, value in ((3, "Het is het KCC."), (4, "correctie"), (6, "kcc"), (7, "teamleider"),
                       (8, dt.date(2026, 12, 15)), (9, "overgenomen")):
        ws.cell(row, col).value = value
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        f"in.xlsx:Reacties!F{row}: fout: processes/nope staat niet (meer) in het organisatiebestand\n"
        "  tip: het organisatiebestand is veranderd nadat de werkmap of de nota werd gemaakt; "
        "maak ze opnieuw met het huidige bestand\n")


@pytest.mark.parametrize("entry", [
    "{step: reacties, date: 2026-12-02, organisation: o.yaml, files: [], reactions: 2, changes: true}",
    "{step: reacties, date: 2026-12-02, organisation: o.yaml, files: [], pending: 1.5}",
    '{step: opzet, date: "\\e[31mRED\\n::error::pwn", organisation: o.yaml, files: []}',
    '{step: opzet, date: 2026-12-02, organisation: o.yaml, files: ["\\e]0;title\\a", {a: b}, 12]}',
    "{step: opzet, date: 2026-12-02, organisation: o.yaml, files: abc}",
    "{step: opzet, date: 2026-12-02, organisation: ../../../etc/passwd, files: []}",
    "{step: antwoorden, date: 2026-12-02, organisation: o.yaml, files: [], produced: /etc/passwd}",
    "{step: opzet, date: 2026-12-02, organisation: '-', files: []}",
])
def test_a_journal_not_as_the_tool_writes_it_is_refused(tmp_path: Path, entry: str) -> None:
    (tmp_path / "dossier.yaml").write_text(f"steps:\n- {entry}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert result.output == (f"error: {tmp_path / 'dossier.yaml'} is not a list of steps written by digimandate; "
                             "restore or remove it\n")


def test_text_that_starts_with_an_equals_sign_stays_text_and_is_read_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    name = '=HYPERLINK("http://example.org","klik")'
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    (tmp_path / "organisation.yaml").write_text(
        text.replace("name: Parkeervergunning aanvragen", f"name: '{name}'"), encoding="utf-8")
    for step in ("uitvraag", "bevindingen"):
        result = CliRunner().invoke(app, [step, "organisation.yaml", "--no-config", "--lang", "nl"])
        assert result.exit_code == 0, result.output
    for file in ("uitvraag.xlsx", "reacties.xlsx"):
        cells = [c for ws in load_workbook(tmp_path / file).worksheets for row in ws.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        assert any(isinstance(c.value, str) and c.value.startswith(name) for c in cells)
    result = CliRunner().invoke(app, ["import", "uitvraag.xlsx", "--into", "organisation.yaml", "--lang", "nl"])
    assert result.exit_code == 0, result.output


def test_a_column_heading_twice_is_refused_at_the_second(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    book["Uitvraag"]["L1"] = "antwoord"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        'in.xlsx:Uitvraag!L1: fout: kolom "antwoord" staat twee keer in werkblad Uitvraag\n'
        "  tip: houd één kolom met deze naam en zet alle waarden daarin\n")


def _adopted_correction(folder: Path) -> None:
    nota = yaml.safe_load((folder / "bevindingen.yaml").read_text(encoding="utf-8"))
    nr = next(p["nr"] for p in nota["paragraphs"]
              if p["entity"] == "processes/parkeervergunning" and p["path"] == "department")
    book = load_workbook(folder / "reacties.xlsx")
    ws = book["Reacties"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == nr)
    for col, value in ((3, "Het is het KCC."), (4, "correctie"), (6, "kcc"), (7, "teamleider"),
                       (8, dt.date(2026, 12, 15)), (9, "overgenomen")):
        ws.cell(row, col).value = value
    book.save(folder / "in.xlsx")


def test_the_nota_the_reactions_are_read_against_is_never_an_output(folder: Path) -> None:
    _adopted_correction(folder)
    before = (folder / "bevindingen.yaml").read_bytes()
    assert refused("in.xlsx", "--into", "organisation.yaml", "-o", "bevindingen.yaml", "--force") == (
        "fout: bevindingen.yaml wordt door deze run gelezen; uitvoer vervangt nooit invoer, ook niet met --force\n"
        "  tip: schrijf de uitvoer naar een ander bestand\n")
    assert (folder / "bevindingen.yaml").read_bytes() == before


def test_the_reactions_a_report_reads_are_never_its_output(folder: Path) -> None:
    (folder / "reacties.yaml").write_text("reactions: []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "organisation.yaml", "--no-config", "--stage", "concept", "--date",
                                      "2026-12-10", "--format", "md", "-o", "reacties.yaml", "--force", "--lang", "nl"])
    assert result.exit_code == 2, result.output
    assert result.output == (
        "fout: reacties.yaml wordt door deze run gelezen; uitvoer vervangt nooit invoer, ook niet met --force\n"
        "  tip: schrijf de uitvoer naar een ander bestand\n")
    assert (folder / "reacties.yaml").read_text(encoding="utf-8") == "reactions: []\n"


def test_a_hand_written_file_by_the_name_of_one_the_tool_keeps_is_not_replaced(folder: Path) -> None:
    (folder / "antwoorden.yaml").write_text("# my own notes\nnotes: precious\n", encoding="utf-8")
    assert refused("uitvraag.xlsx", "--into", "organisation.yaml") == (
        "fout: antwoorden.yaml bestaat al; het blijft ongemoeid\n"
        "  tip: voeg --force toe om het te vervangen, of kies een andere naam\n")
    assert (folder / "antwoorden.yaml").read_text(encoding="utf-8") == "# my own notes\nnotes: precious\n"
    (folder / "antwoorden.yaml").unlink()
    for _ in range(2):  # the file it wrote itself it replaces without --force
        result = CliRunner().invoke(app, ["import", "uitvraag.xlsx", "--into", "organisation.yaml"])
        assert result.exit_code == 0, result.output
        assert (folder / "antwoorden.yaml").read_text(encoding="utf-8").startswith("# Written by digimandate: ")
        for name in ("organisation.uitvraag.yaml", "uitvraag-verwerkt.md"):
            (folder / name).unlink()


@pytest.mark.parametrize("step", ["opzet", "uitvraag", "bevindingen"])
def test_a_step_does_not_read_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    monkeypatch.chdir(tmp_path)
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, [step, "-", "--no-config", "--lang", "en"], input=text)
    assert result.exit_code == 2, result.output
    assert result.output == (
        "error: a step of the audit reads the organisation file in its audit folder, not standard input (-)\n"
        "  hint: give the organisation file, for example `digimandate opzet organisation.yaml`\n")
    assert list(tmp_path.iterdir()) == []


def _rows_by_key(ws: object) -> dict[str, int]:
    return {str(ws.cell(r, 11).value): r for r in range(2, ws.max_row + 1)}  # type: ignore[attr-defined]


def test_every_wrong_answer_of_a_workbook_is_named_in_one_run(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Uitvraag"]
    rows = _rows_by_key(ws)
    online, total = rows["processes/parkeervergunning#status_online"], rows["processes/melding-openbare-ruimte#volume.total"]
    ws.cell(online, 6).value, ws.cell(online, 7).value = "misschien", "interview"  # no yes or no, and no date
    ws.cell(total, 6).value, ws.cell(total, 7).value = "veel", "gesprek"  # no number, no source type, no date
    ws.cell(total, 10).value = "gisteren"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        f'in.xlsx:Uitvraag!F{online}: fout: verwacht ja of nee, gevonden: "misschien"\n'
        "  tip: laat de cel leeg als het niet bekend is\n"
        f"in.xlsx:Uitvraag!J{online}: fout: bij een antwoord hoort ook datum\n"
        "  tip: een feit geldt pas als vastgesteld met zijn bron: soort, wie en wanneer\n"
        f"in.xlsx:Uitvraag!F{total}: fout: geen getal: veel\n"
        "  tip: schrijf alleen het getal, zoals 1250 of 12,5; laat de cel leeg als het niet bekend is\n"
        f"in.xlsx:Uitvraag!G{total}: fout: gesprek is geen van de keuzes\n"
        "  tip: kies uit: document, interview, waarneming, register, gegevens, observation, data\n"
        f"in.xlsx:Uitvraag!J{total}: fout: geen datum: gisteren\n"
        "  tip: schrijf een datum als 2026-11-12 of 12-11-2026, of gebruik een datumcel\n")
    assert not (folder / "organisation.uitvraag.yaml").exists()


def test_past_fifty_errors_the_rest_is_counted(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Uitvraag"]
    # 46 questions (neither the vision's recorded end date nor its moot date of adoption is asked), each answered
    # without source type and date: 112 errors
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 6).value = "x"
    book.save(folder / "in.xlsx")
    out = refused("in.xlsx", "--into", "organisation.yaml")
    assert out.count(": fout: ") == 51
    assert out.endswith("in.xlsx: fout: en nog 61 fouten die hier niet staan\n"
                        "  tip: verbeter de fouten hierboven en importeer opnieuw: dan volgen de andere\n")


def test_an_answer_the_organisation_model_refuses_is_located_at_its_cell(folder: Path) -> None:
    book = load_workbook(folder / "uitvraag.xlsx")
    ws = book["Uitvraag"]
    row = _rows_by_key(ws)["governance#governance.vision.evaluated_on"]
    for col, value in ((6, "2030-01-01"), (7, "document"), (8, "Collegebesluit"), (10, dt.date(2026, 11, 12))):
        ws.cell(row, col).value = value
    book.save(folder / "in.xlsx")
    out = refused("in.xlsx", "--into", "organisation.yaml")
    assert out.startswith(f"in.xlsx:Uitvraag!F{row}: fout: "), out
    assert "organisation.uitvraag.yaml" not in out
    assert not (folder / "organisation.uitvraag.yaml").exists()


def test_every_wrong_reaction_is_named_in_one_run(folder: Path) -> None:
    book = load_workbook(folder / "reacties.xlsx")
    ws = book["Reacties"]
    ws["C2"], ws["D2"], ws["H2"] = "Anders.", "klacht", dt.date(2026, 12, 1)
    ws["C3"], ws["D3"], ws["I3"] = "Klopt niet.", "nuance", "niet overgenomen"
    book.save(folder / "in.xlsx")
    assert refused("in.xlsx", "--into", "organisation.yaml") == (
        "in.xlsx:Reacties!D2: fout: klacht is geen van de keuzes\n"
        "  tip: kies uit: feitelijke correctie, aanvulling, nuance, onenigheid, factual correction, addition, "
        "disagreement\n"
        "in.xlsx:Reacties!J3: fout: een reactie die niet of deels is overgenomen, heeft een motivering nodig\n"
        "  tip: het rapport verantwoordt elke reactie die niet is overgenomen, met de reden\n")
