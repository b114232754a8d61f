"""One audit of an example run end to end: opzet, uitvraag filled and imported, nota, reactions imported, status."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.model.dossier import recorded_reactions
from tests.conftest import EXAMPLES, ROOT, AuditFolders

GOLDEN = ROOT / "tests" / "golden"
EPOCH = "1795000000"  # 2026-11-18


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An audit folder with the small municipality as its organisation file, and the working folder there."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "organisation.yaml")
    return tmp_path


# Steps that many tests take first: each sequence is run once and its folder copied (the audit_folders fixture)
NOTA = ("bevindingen", "organisation.yaml", "--no-config")
NOTA_NL = (*NOTA, "--lang", "nl")
REQUEST = ("uitvraag", "organisation.yaml", "--no-config")
CONCEPT = ("report", "organisation.yaml", "--no-config", "--stage", "concept", "--date", "2026-12-16",
           "-o", "concept.md")


@pytest.fixture
def prepared(folder: Path, audit_folders: AuditFolders) -> Callable[..., Path]:
    """Fill the audit folder as the steps given, taken on 18 November 2026, leave it."""
    return lambda *steps: audit_folders.copy(folder, *steps, epoch=EPOCH)


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    return result


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def columns(ws: Any) -> dict[str, int]:
    return {str(c.value): i + 1 for i, c in enumerate(ws[1])}


def fill_request(source: Path, target: Path, answers: dict[str, tuple[Any, str, str | None, str | None]]) -> None:
    """Answer questions by key: value, source type, source, provided by; all obtained on 12 November 2026."""
    book = load_workbook(source)
    ws = book["Uitvraag"]
    col = columns(ws)
    for r in range(2, ws.max_row + 1):
        key = ws.cell(r, col["kenmerk"]).value
        if key in answers:
            value, kind, reference, by = answers.pop(key)
            for name, cell in (("antwoord", value), ("brontype", kind), ("bron", reference), ("verstrekt door", by),
                               ("datum", dt.date(2026, 11, 12))):
                ws.cell(r, col[name]).value = cell
    assert answers == {}, "every answer has a question"
    book.save(target)


def fill_reactions(source: Path, target: Path, rows: dict[int, dict[str, Any]]) -> None:
    book = load_workbook(source)
    ws = book["Reacties"]
    col = columns(ws)
    for nr, values in rows.items():
        r = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == nr)
        for name, value in values.items():
            ws.cell(r, col[name]).value = value
    book.save(target)


def status() -> str:
    return ok("status", ".", "--lang", "nl")


def clock(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """Run the next steps on ``day``, as the audit's steps are taken on days of their own."""
    when = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.timestamp())))


def journal_dates(folder: Path) -> dict[str, dt.date]:
    """Each step's date as the journal records it (the last time it was taken)."""
    from digimandate.cli.procedure import read_journal

    return {entry["step"]: entry["date"] for entry in read_journal(folder)}


ANSWERS = {
    "governance#governance.vision.evaluated_on": ("2022-03-01", "document", "Collegebesluit 2022/31", "gemeentesecretaris"),
    "processes/melding-openbare-ruimte#owner": ("Teamleider Burgerzaken", "interview", None, "teamleider Burgerzaken"),
    "processes/melding-openbare-ruimte#volume.total": (1200, "interview", None, "teamleider Burgerzaken"),
    "processes/parkeervergunning#status_online": ("ja", "interview", None, None),
}


def test_an_audit_runs_step_by_step(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "nog geen stappen gezet (dossier.yaml ontbreekt)" in status()
    assert "Volgende stap: deel het normenkader vóór het veldwerk: digimandate opzet organisation.yaml" in status()

    # the plan before the first interview (24 September), prepared on the 4th and issued with --date
    clock(monkeypatch, "2026-09-04")
    ok("opzet", "organisation.yaml", "--no-config", "--date", "2026-09-07")
    opzet = (folder / "onderzoeksopzet.md").read_text(encoding="utf-8")
    assert opzet.startswith("# Onderzoeksopzet: Gemeente Dijkveld")
    assert "| **Datum** | 7 september 2026 |" in opzet
    assert "  [x] onderzoeksopzet uitgebracht: 2026-09-07 (onderzoeksopzet.md)\n" in status()
    # the same document in another format, made later, keeps the date it was issued on
    clock(monkeypatch, "2026-09-10")
    said = ok("opzet", "organisation.yaml", "--no-config", "-f", "html")
    assert "gedateerd 2026-09-07, zoals dossier.yaml deze stap vastlegde; --date geeft een andere datum" in said
    assert "<td>Datum</td><td>7 september 2026</td>" in (folder / "onderzoeksopzet.html").read_text(encoding="utf-8")

    clock(monkeypatch, "2026-09-14")
    ok("uitvraag", "organisation.yaml", "--no-config")
    assert "      46 vragen\n" in status()  # neither the moot date of adoption nor the recorded end date is asked
    assert (folder / "interviewleidraad.docx").stat().st_size > 0
    fill_request(folder / "uitvraag.xlsx", folder / "uitvraag-ingevuld.xlsx", dict(ANSWERS))
    clock(monkeypatch, "2026-11-13")
    said = ok("import", "uitvraag-ingevuld.xlsx", "--into", "organisation.yaml")
    assert "organisation.uitvraag.yaml geschreven" in said
    assert (folder / "organisation.yaml").read_bytes() == (EXAMPLES / "small-municipality.yaml").read_bytes()
    assert "      4 antwoorden vastgelegd, 42 open vragen\n" in status()  # of the 46 asked
    answered = (folder / "organisation.uitvraag.yaml").read_text(encoding="utf-8")
    for line in ("  - id: document-gemeentesecretaris-2026-11-12\n    type: document\n    title: Collegebesluit 2022/31\n"
                 "    reference: Collegebesluit 2022/31\n    provided_by: gemeentesecretaris\n    obtained: 2026-11-12\n",
                 # the vision cites its own sources already: the answer's source joins them, the comment stays on
                 # its line and the answer's fact comes under it
                 "    source: [visie, besluitenlijsten, document-gemeentesecretaris-2026-11-12]    # adopted by no body: not in "
                 "the decision lists of college and raad\n    evaluated_on: 2022-03-01\n",
                 "  owner: joyce\n", "  status_online: true\n",
                 # no one named in the row: the role the question was asked of provides it
                 "  provided_by: proceseigenaren\n"):
        assert line in answered

    # the nota after the peildatum (1 November) and the answers
    clock(monkeypatch, "2026-11-18")
    ok("bevindingen", "organisation.uitvraag.yaml", "--no-config")
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    golden("small-municipality.nl.bevindingen-na-uitvraag.md", nota)
    assert "| **Datum** | 18 november 2026 |\n| **Reageren uiterlijk** | 9 december 2026 |" in nota
    assert "nota van bevindingen uitgebracht: 2026-11-18" in status()
    assert "Volgende stap: laat reacties.xlsx invullen, beoordeel elke reactie en importeer: " in status()

    paragraph = next(line for line in nota.splitlines() if "De koers is het laatst geëvalueerd op 1 maart 2022." in line)
    nr = int(paragraph.split("\\.", 1)[0])
    # a fact not established stands under the heading of its product, as a recorded one does
    product = nota.split("## Niet aangetoonde feiten")[1].split("### Parkeervergunning aanvragen")[1]
    missing = next(line for line in product.splitlines() if "Niet aangetoond is wie de klantreis van het product ontwerpt." in line)
    gap = int(missing.split("\\.", 1)[0])
    fill_reactions(folder / "reacties.xlsx", folder / "reacties-ingevuld.xlsx", {
        nr: {"reactie": "Vastgesteld op 8 maart 2022.", "soort": "feitelijke correctie",
             "bron aangeboden": "Collegebesluit 2022/31", "juiste waarde": dt.date(2022, 3, 8), "namens": "gemeentesecretaris",
             "datum": dt.date(2026, 12, 1), "besluit onderzoeker": "overgenomen"},
        gap: {"reactie": "De adviseur ontwerpt ook dit formulier.", "soort": "aanvulling", "juiste waarde": "sanne",
              "namens": "teamleider Burgerzaken", "datum": dt.date(2026, 12, 2), "besluit onderzoeker": "niet overgenomen",
              "motivering": "Geen document dat dit aantoont."},
    })
    clock(monkeypatch, "2026-12-10")  # the day after the reply deadline
    ok("import", "reacties-ingevuld.xlsx", "--into", "organisation.uitvraag.yaml")
    proposal = (folder / "organisation.uitvraag.reacties.yaml").read_text(encoding="utf-8")
    assert "  value: '2022-03-08'\n" in (folder / "reacties.yaml").read_text(encoding="utf-8")  # a date cell, as a date
    assert "    evaluated_on: 2022-03-08\n" in proposal
    assert proposal.count("designer: sanne") == 1  # the one the file had: a reaction not adopted changes nothing
    report = (folder / "reacties-verwerkt.md").read_text(encoding="utf-8")
    assert "2 reacties: 1 overgenomen, 0 deels overgenomen, 1 niet overgenomen, 0 nog niet beoordeeld." in report
    assert f"| {gap} | aanvulling | De adviseur ontwerpt ook dit formulier. | niet overgenomen " \
           "| Geen document dat dit aantoont. |" in report
    reactions = recorded_reactions(folder)
    assert [(r.nr, r.kind, r.decision) for r in reactions] == [(nr, "correctie", "overgenomen"),
                                                               (gap, "aanvulling", "niet")]
    text = status()
    assert "      2 reacties, 1 voorgestelde wijziging van een feit\n" in text
    assert "Volgende stap: schrijf het conceptrapport voor bestuurlijk wederhoor: digimandate report " \
           "organisation.uitvraag.reacties.yaml\n" in text
    # the concept goes to the executive; its reactie and the nawoord make the report definitief
    clock(monkeypatch, "2026-12-16")
    ok("report", "organisation.uitvraag.reacties.yaml", "--no-config", "--stage", "concept", "-o", "conceptrapport.md")
    concept = (folder / "conceptrapport.md").read_text(encoding="utf-8")
    assert concept.startswith("**Concept · versie 0.1 · 16 december 2026**\n")
    # the report accounts for the officials' review: what came in, what was adopted and why not
    account = concept.split("## Verantwoording ambtelijk wederhoor\n", 1)[1].split("\n## ", 1)[0]
    assert ("Er kwamen twee reacties binnen; daarvan zijn er één overgenomen, 0 deels overgenomen en één niet "
            "overgenomen.") in account
    assert f"| {gap} | aanvulling | De adviseur ontwerpt ook dit formulier. | niet overgenomen |" in account
    text = status()
    assert "  [x] conceptrapport uitgebracht: 2026-12-16 (conceptrapport.md)\n" in text, text
    (folder / "bestuurlijke-reactie.yaml").write_text(
        "date: 2027-01-19\nby: Het college van Dijkveld\nresponses:\n"
        "  - {recommendation: 1, response: overgenomen}\n  - {recommendation: 2, response: deels}\n", encoding="utf-8")
    clock(monkeypatch, "2027-02-03")
    ok("report", "organisation.uitvraag.reacties.yaml", "--no-config", "--stage", "definitief",
       "--reactie", "bestuurlijke-reactie.yaml",
       "--nawoord", str(EXAMPLES / "audit" / "small-municipality.nawoord.md"), "-o", "eindrapport.md")
    final = (folder / "eindrapport.md").read_text(encoding="utf-8")
    assert final.startswith("**Definitief · versie 1.0 · 3 februari 2027**\n")
    assert "## Bestuurlijke reactie en nawoord" in final
    assert "Het college van Dijkveld reageerde op 19 januari 2027" in final
    text = status()
    assert "  [x] definitief rapport uitgebracht: 2027-02-03 (eindrapport.md, eindrapport.informatiebrief.md)\n" in text, text
    assert "Volgende stap" not in text, text
    # every step on a day of its own, in the order of the audit
    dates = journal_dates(folder)
    assert [dates[step] for step in ("opzet", "uitvraag", "antwoorden", "bevindingen", "reacties", "concept",
                                     "definitief")] == [
        dt.date(2026, 9, 7), dt.date(2026, 9, 14), dt.date(2026, 11, 13), dt.date(2026, 11, 18),
        dt.date(2026, 12, 10), dt.date(2026, 12, 16), dt.date(2027, 2, 3)]
    assert sorted(dates.values()) == list(dates.values())


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 regenerates"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["nl", "en"])
# each step on its own date: the plan before the interviews (24 and 25 September), the nota after the peildatum
@pytest.mark.parametrize(("step", "file", "day"), [("opzet", "onderzoeksopzet", "2026-09-07"),
                                                  ("uitvraag", "interviewleidraad", "2026-09-14"),
                                                  ("bevindingen", "nota-van-bevindingen", "2026-11-18")])
def test_golden(folder: Path, step: str, file: str, day: str, lang: str, fmt: str) -> None:
    ok(step, "organisation.yaml", "--no-config", "--lang", lang, "-f", fmt, "--date", day)
    golden(f"small-municipality.{lang}.{step}.{fmt}", (folder / f"{file}.{fmt}").read_text(encoding="utf-8"))


def test_the_nota_states_the_facts_the_mandate_and_process_findings_rest_on(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA_NL)
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    # the departmental mandate's reach and limits (M015-M017), the handling steps (P002), where forms land
    for line in ("Het mandaat geldt voor de afdeling Communicatie.",
                 "De houder werkt bij Communicatie.",  # one holder
                 "Voor een wijziging is toestemming nodig van de eigen leidinggevende, Klantcontactcentrum en ICT en "
                 "Informatiebeheer.",
                 'Stap 2 van de afhandeling, "Vergunning printen en opsturen", vraagt om printen.'):
        assert line in nota, line
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "en", "--force")
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    assert "A change needs the approval of their own manager, Klantcontactcentrum and ICT en Informatiebeheer." in nota


def test_the_reaction_sheet_names_each_fact_with_one_colon(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA_NL)
    ws = load_workbook(folder / "reacties.xlsx")["Reacties"]
    texts = [str(row[1]) for row in ws.iter_rows(min_row=2, values_only=True) if row[1]]
    assert "Niet aangetoond is wie ambtelijk opdrachtgever voor de dienstverlening is." in texts  # no name: the nota is about it
    assert 'Mandaat "website en e-formulieren" – plaatsvervanger van de houder: niet aangetoond.' in texts
    # a channel is named as it is written, not capitalised as a label
    assert "www.dijkveld.nl – tevredenheid of klachten gemeten: niet aangetoond." in texts
    assert "www.dijkveld.nl – Het kanaal valt onder de afdeling Communicatie." in texts
    assert not [text for text in texts if text.count(":") > 1 or text.startswith(("Www.", "Info@"))]
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "en", "--force")
    ws = load_workbook(folder / "reacties.xlsx").worksheets[0]
    texts = [str(row[1]) for row in ws.iter_rows(min_row=2, values_only=True) if row[1]]
    assert "It is not established who the senior sponsor of service delivery is." in texts


def test_a_step_never_overwrites_without_force(folder: Path) -> None:
    ok("opzet", "organisation.yaml", "--no-config")
    again = run("opzet", "organisation.yaml", "--no-config", "--lang", "en")
    assert again.exit_code == 2
    assert "onderzoeksopzet.md" in again.output
    ok("opzet", "organisation.yaml", "--no-config", "--force")
    assert status().count("onderzoeksopzet uitgebracht: 2026-11-18") == 1


def test_another_format_of_a_steps_document_needs_no_force(folder: Path) -> None:
    for step, book, document in (("uitvraag", "uitvraag.xlsx", "interviewleidraad"),
                                 ("bevindingen", "reacties.xlsx", "nota-van-bevindingen")):
        ok(step, "organisation.yaml", "--no-config", "-f", "docx")
        before = (folder / book).read_bytes()
        said = ok(step, "organisation.yaml", "--no-config", "-f", "md")
        assert f"{book} staat er al zo en blijft ongemoeid" in said
        assert (folder / book).read_bytes() == before  # the workbook sent out is not replaced
        assert (folder / f"{document}.md").is_file() and (folder / f"{document}.docx").is_file()
        again = run(step, "organisation.yaml", "--no-config", "-f", "md", "--lang", "nl")  # the same format: a file that is there
        assert again.exit_code == 2 and f"{document}.md bestaat al" in again.output


def test_a_workbook_filled_in_is_not_kept_as_the_same(prepared: Callable[..., Path]) -> None:
    folder = prepared(REQUEST)
    book = load_workbook(folder / "uitvraag.xlsx")
    book["Uitvraag"]["F2"] = "ja"
    book.save(folder / "uitvraag.xlsx")
    refused = run("uitvraag", "organisation.yaml", "--no-config", "-f", "md", "--lang", "nl")
    assert refused.exit_code == 2
    assert refused.output == ("fout: uitvraag.xlsx bestaat al; het blijft ongemoeid\n"
                              "  tip: voeg --force toe om het te vervangen, of kies een andere naam\n")
    assert not (folder / "interviewleidraad.md").exists()


def test_the_request_offers_every_source_type(folder: Path) -> None:
    ok("uitvraag", "organisation.yaml", "--no-config", "--lang", "nl")
    ws = load_workbook(folder / "uitvraag.xlsx")["Uitvraag"]
    lists = {str(v.sqref).split(":")[0][:1]: v.formula1 for v in ws.data_validations.dataValidation}
    assert lists["G"] == '"document,interview,waarneming,register,gegevens"'


def test_an_answer_may_name_someone_new_with_their_department(prepared: Callable[..., Path]) -> None:
    folder = prepared(REQUEST)
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", {
        "processes/melding-openbare-ruimte#owner": ("Piet de Vries, teamleider Openbare Ruimte (Ruimte en Vergunningen)",
                                                    "register", "Formatieplan 2026", "afdeling P&O"),
        "processes/melding-openbare-ruimte#designer": ("Piet de Vries (ruimte)", "data", "Formatieplan 2026",
                                                       "afdeling P&O"),
    })
    ok("import", "in.xlsx", "--into", "organisation.yaml")
    written = (folder / "organisation.uitvraag.yaml").read_text(encoding="utf-8")
    assert written.count("id: piet-de-vries") == 1  # named twice, added once
    assert "name: Piet de Vries" in written and "title: teamleider Openbare Ruimte" in written
    assert "owner: piet-de-vries" in written and "designer: piet-de-vries" in written
    assert "Piet de Vries" in (folder / "uitvraag-verwerkt.md").read_text(encoding="utf-8")
    assert "  type: register\n" in written and "  type: data\n" in written


def test_someone_new_without_a_department_is_refused_with_how_to_add_them(prepared: Callable[..., Path]) -> None:
    folder = prepared(REQUEST)
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", {
        "processes/melding-openbare-ruimte#owner": ("Piet de Vries", "interview", None, "teamleider")})
    result = run("import", "in.xlsx", "--into", "organisation.yaml", "--lang", "nl")
    assert result.exit_code == 2
    assert result.output.split(": fout: ", 1)[1] == (
        "niemand in het organisatiebestand heet Piet de Vries\n"
        "  tip: schrijf de naam of functie zoals het organisatiebestand hem noemt; iemand die er nog niet in staat, "
        "voegt de import toe met de afdeling erbij: Piet Jansen, teamleider (Burgerzaken)\n")


def test_the_new_organisation_file_keeps_the_hand_written_text_and_adds_only_the_answers(
        prepared: Callable[..., Path]) -> None:
    import difflib

    folder = prepared(REQUEST)
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", dict(ANSWERS))
    ok("import", "in.xlsx", "--into", "organisation.yaml")
    before = (folder / "organisation.yaml").read_text(encoding="utf-8")
    header, after = (folder / "organisation.uitvraag.yaml").read_text(encoding="utf-8").split("\n", 1)
    assert header.startswith("# Generated by digimandate from in.xlsx")
    # everything before the first line an answer changed is the file as written, byte for byte: the vision cites
    # its own source, which the answer about its evaluation extends
    assert after[:after.index("    source: [visie")] == before[:before.index("    source: [visie, besluitenlijsten]")]
    assert ("    source: [visie, besluitenlijsten, document-gemeentesecretaris-2026-11-12]    # adopted by no body: not "
            "in the decision lists of college and raad\n    evaluated_on: 2022-03-01\n") in after
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
    # the two lines an answer extended, each kept on one line
    assert removed == ["-     source: [visie, besluitenlijsten]    # adopted by no body: not in the decision lists of "
                       "college and raad", "-     source: [gesprek-burgerzaken]"]
    assert "    source: [gesprek-burgerzaken, interview-proceseigenaren-2026-11-12]\n" in after


def test_one_source_is_registered_once(prepared: Callable[..., Path]) -> None:
    folder = prepared(REQUEST)
    answers = {  # one decision, handed over by two people: one source
        "governance#governance.vision.evaluated_on": ("2022-03-01", "document", "Collegebesluit 2022/31", "griffier"),
        "processes/parkeervergunning#status_online": ("ja", "document", "Collegebesluit 2022/31", "teamleider")}
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", dict(answers))
    ok("import", "in.xlsx", "--into", "organisation.yaml")
    first = (folder / "organisation.uitvraag.yaml").read_text(encoding="utf-8")
    assert first.count("reference: Collegebesluit 2022/31") == 1
    # the same answers imported again into the file that has them: the register does not grow
    ok("import", "in.xlsx", "--into", "organisation.uitvraag.yaml", "-o", "twice.yaml", "--force")
    assert (folder / "twice.yaml").read_text(encoding="utf-8").count("reference: Collegebesluit 2022/31") == 1


def test_a_file_with_windows_line_ends_keeps_them(folder: Path) -> None:
    text = (folder / "organisation.yaml").read_bytes().replace(b"\n", b"\r\n")
    (folder / "organisation.yaml").write_bytes(text)
    ok("uitvraag", "organisation.yaml", "--no-config")
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", dict(ANSWERS))
    ok("import", "in.xlsx", "--into", "organisation.yaml")
    written = (folder / "organisation.uitvraag.yaml").read_bytes()
    assert b"\n" not in written.replace(b"\r\n", b"")  # every line ends as the file's lines end
    after = written.split(b"\r\n", 1)[1]
    assert after[:after.index(b"    source: [visie")] == text[:text.index(b"    source: [visie, besluitenlijsten]")]
    assert (b"    source: [visie, besluitenlijsten, document-gemeentesecretaris-2026-11-12]    # adopted by no body: not "
            b"in the decision lists of college and raad\r\n    evaluated_on: 2022-03-01\r\n") in after


def test_the_procedure_names_the_body_the_organisation_reports_to(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA_NL)
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    assert "Afgesproken is jaarlijks aan het college van B&W over de dienstverlening te rapporteren." in nota
    assert "De rapportage aan het college van B&W vermeldt het digitale gebruik niet." in nota
    assert "het bestuur" not in nota
    ok("opzet", "organisation.yaml", "--no-config", "--lang", "nl", "-f", "md")
    opzet = (folder / "onderzoeksopzet.md").read_text(encoding="utf-8")
    assert ("Het conceptrapport met conclusies en aanbevelingen gaat naar het college van B&W voor bestuurlijk "
            "wederhoor.") in opzet
    assert "Dragen het college van B&W en de directie de koers uit" in opzet
    # a water authority reports to its own executive, in the interview guide and the workbook alike
    text = (folder / "organisation.yaml").read_text(encoding="utf-8")
    (folder / "organisation.yaml").write_text(
        text.replace("type: gemeente", "type: waterschap").replace("    last_report: 2025-03-15\n", ""),
        encoding="utf-8")
    ok("uitvraag", "organisation.yaml", "--no-config", "--lang", "nl", "-f", "md")
    guide = (folder / "interviewleidraad.md").read_text(encoding="utf-8")
    assert "Op welke datum is het dagelijks bestuur voor het laatst geïnformeerd?" in guide
    assert "de laatste rapportage aan het dagelijks bestuur" in guide
    ws = load_workbook(folder / "uitvraag.xlsx")["Uitvraag"]
    assert "Op welke datum is het dagelijks bestuur voor het laatst geïnformeerd?" in [
        row[3] for row in ws.iter_rows(min_row=2, values_only=True)]


# The order of the steps' dates ---------------------------------------------------------------------

def test_a_concept_dated_before_its_nota_is_refused_at_the_journal(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA)  # 18 November 2026
    result = run("report", "organisation.yaml", "--no-config", "--lang", "en", "--stage", "concept",
                 "--date", "2026-11-10", "-o", "concept.md")
    assert result.exit_code == 2
    assert result.output == (
        "dossier.yaml:4:9: error: steps[0].date: the statement of facts is dated 2026-11-18, after the date of the "
        "draft report (2026-11-10)\n  hint: the draft report follows the statement of facts: give --date with "
        "2026-11-18 or later, or correct the date that is wrong\n")
    assert not (folder / "concept.md").exists() and "[x] conceptrapport" not in status()


def test_a_definitief_dated_before_its_concept_is_refused(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA, CONCEPT)
    (folder / "reactie.yaml").write_text("date: 2026-12-14\nresponses: []\n", encoding="utf-8")
    result = run("report", "organisation.yaml", "--no-config", "--lang", "nl", "--stage", "definitief",
                 "--reactie", "reactie.yaml", "--date", "2026-12-15", "-o", "rapport.md")
    assert result.exit_code == 2
    assert result.output == (
        "dossier.yaml:11:9: fout: steps[1].date: het conceptrapport is gedateerd 2026-12-16, na de datum van het "
        "definitieve rapport (2026-12-15)\n  tip: het definitieve rapport volgt op het conceptrapport: geef --date "
        "met 2026-12-16 of later, of verbeter de datum die niet klopt\n")
    assert not (folder / "rapport.md").exists()


def test_a_reactie_dated_before_the_concept_it_answers_is_refused(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA, CONCEPT)
    (folder / "reactie.yaml").write_text("date: 2026-12-14\nresponses: []\n", encoding="utf-8")
    result = run("report", "organisation.yaml", "--no-config", "--lang", "en", "--stage", "definitief",
                 "--reactie", "reactie.yaml", "--date", "2027-02-03", "-o", "rapport.md")
    assert result.exit_code == 2
    assert result.output == (
        "reactie.yaml:1:7: error: date: the executive's response is dated 2026-12-14, before the draft report it "
        "responds to (2026-12-16)\n  hint: the response follows the draft report that dossier.yaml records: "
        "correct the date in the file\n")
    # between the concept and the definitief report it is the reactie the report holds
    (folder / "reactie.yaml").write_text("date: 2027-01-19\nresponses: []\n", encoding="utf-8")
    ok("report", "organisation.yaml", "--no-config", "--stage", "definitief", "--reactie", "reactie.yaml",
       "--date", "2027-02-03", "-o", "rapport.md")


def test_a_definitief_report_dated_before_its_reactie_is_refused_in_an_audit_folder(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA, CONCEPT)
    (folder / "reactie.yaml").write_text("date: 2027-01-19\nresponses: []\n", encoding="utf-8")
    result = run("report", "organisation.yaml", "--no-config", "--lang", "en", "--stage", "definitief",
                 "--reactie", "reactie.yaml", "--date", "2027-01-05", "-o", "rapport.md")
    assert result.exit_code == 2
    assert result.output == (
        "reactie.yaml:1:7: error: date: the executive's response is dated 2027-01-19, after the date of the final "
        "report (2027-01-05)\n  hint: the final report follows the response: make it on or after the date of the "
        "response, or correct the date in the file\n")


def test_a_nota_dated_before_the_plan_is_refused(folder: Path) -> None:
    ok("opzet", "organisation.yaml", "--no-config", "--date", "2026-09-07")
    result = run("bevindingen", "organisation.yaml", "--no-config", "--lang", "en", "--date", "2026-09-01")
    assert result.exit_code == 2
    assert result.output == (
        "dossier.yaml:4:9: error: steps[0].date: the audit plan is dated 2026-09-07, after the date of the "
        "statement of facts (2026-09-01)\n  hint: the statement of facts follows the audit plan: give --date with "
        "2026-09-07 or later, or correct the date that is wrong\n")
    assert not (folder / "nota-van-bevindingen.md").exists()


def test_answers_imported_before_the_date_of_their_request_are_refused(folder: Path) -> None:
    ok("uitvraag", "organisation.yaml", "--no-config", "--date", "2026-12-01")  # a date still to come
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", dict(ANSWERS))
    result = run("import", "in.xlsx", "--into", "organisation.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.output.endswith(
        "dossier.yaml:4:9: error: steps[0].date: the information request is dated 2026-12-01, after the date of "
        "the recording of the answers (2026-11-18)\n  hint: the recording of the answers follows the information "
        "request, which carries a date still to come: issue the information request again with --date and the day "
        "it was really issued\n")
    assert not (folder / "organisation.uitvraag.yaml").exists()


def test_a_date_that_is_no_date_is_refused(folder: Path) -> None:
    result = run("opzet", "organisation.yaml", "--no-config", "--date", "2026-13-01")
    assert result.exit_code == 2
    assert "2026-13-01 is not a date such as 2026-11-18 (YYYY-MM-DD, between 1900 and 2100)" in " ".join(
        result.output.replace("│", " ").split())
    assert not (folder / "onderzoeksopzet.md").exists()


@pytest.mark.parametrize(("written", "until"), [
    ("2026-11-18", "9 december 2026"),  # three weeks, a Wednesday
    ("2026-12-03", "4 januari 2027"),  # 24 December to 1 January do not count, then past the weekend
    ("2026-12-10", "11 januari 2027"),
    ("2026-12-28", "22 januari 2027"),  # written in the holiday: counted from 2 January
])
def test_the_reply_period_leaves_out_the_christmas_holiday(folder: Path, written: str, until: str) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "nl", "--date", written)
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    assert f"| **Reageren uiterlijk** | {until} |" in nota
    assert f"Wij vragen u de feiten te controleren en uiterlijk {until} te reageren" in nota
    assert ("De termijn is drie weken na de datum van deze nota; de dagen van 24 december tot en met 1 januari "
            "tellen niet mee, en een termijn die in een weekend of op een feestdag eindigt, loopt door tot de "
            "eerstvolgende werkdag.") in nota
    assert "vóór" not in nota.split("## Bestuurlijke inbedding")[0]  # one wording: "uiterlijk"


def test_a_concept_made_again_keeps_the_date_the_journal_recorded(prepared: Callable[..., Path],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = prepared(NOTA)
    clock(monkeypatch, "2026-12-16")
    ok("report", "organisation.yaml", "--no-config", "--stage", "concept", "-o", "concept.md")
    clock(monkeypatch, "2027-01-08")  # the same concept in Word for the college, weeks later
    said = ok("report", "organisation.yaml", "--no-config", "--lang", "nl", "--stage", "concept", "-f", "html",
              "-o", "concept.html")
    assert "gedateerd 2026-12-16, zoals dossier.yaml deze stap vastlegde; --date geeft een andere datum" in said
    assert '<p class="stage">Concept · versie 0.1 · 16 december 2026</p>' in \
        (folder / "concept.html").read_text(encoding="utf-8")
    assert journal_dates(folder)["concept"] == dt.date(2026, 12, 16)


def test_a_nota_dated_before_the_peildatum_is_refused_at_the_peildatum(folder: Path) -> None:
    result = run("bevindingen", "organisation.yaml", "--no-config", "--lang", "en", "--date", "2026-10-15")
    assert result.exit_code == 2
    assert result.output == (
        "organisation.yaml:13:15: error: organisation.audit_date: the audit date is 2026-11-01, after the date of "
        "the statement of facts (2026-10-15)\n  hint: the statement gives the facts as they were on the audit date: "
        "give --date with 2026-11-01 or later, or correct the audit date\n")
    assert not (folder / "nota-van-bevindingen.md").exists()
    ok("bevindingen", "organisation.yaml", "--no-config", "--date", "2026-11-01")  # on the day itself


def test_a_plan_dated_after_the_interviews_it_precedes_is_said(folder: Path) -> None:
    said = ok("opzet", "organisation.yaml", "--no-config", "--lang", "nl")  # today, 18 November 2026
    assert ("waarschuwing: het organisatiebestand legt een interview vast van 2026-09-24, vóór de datum van deze "
            "onderzoeksopzet (2026-11-18); de opzet gaat vóór het veldwerk naar de organisatie: geef met --date de "
            "dag waarop zij is verstuurd\n") in said
    said = ok("opzet", "organisation.yaml", "--no-config", "--lang", "nl", "--date", "2026-09-07", "--force")
    assert "waarschuwing" not in said


def test_a_reactie_after_its_six_weeks_is_said_in_the_final_report(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA, CONCEPT)  # the concept of 16 December 2026: six weeks, Christmas not counted
    late = "De reactie kwam na de termijn"
    (folder / "reactie.yaml").write_text("date: 2027-02-04\nresponses: []\n", encoding="utf-8")
    ok("report", "organisation.yaml", "--no-config", "--lang", "nl", "--stage", "definitief", "--reactie",
       "reactie.yaml", "--date", "2027-02-15", "-o", "op-tijd.md")
    assert late not in (folder / "op-tijd.md").read_text(encoding="utf-8")
    (folder / "reactie.yaml").write_text("date: 2027-02-08\nresponses: []\n", encoding="utf-8")
    ok("report", "organisation.yaml", "--no-config", "--lang", "nl", "--stage", "definitief", "--reactie",
       "reactie.yaml", "--date", "2027-02-15", "-o", "te-laat.md")
    assert ("reageerde op 8 februari 2027; de reactie en het nawoord van de onderzoeker staan in het hoofdstuk "
            "\"Bestuurlijke reactie en nawoord\".\n\nDe reactie kwam na de termijn: het conceptrapport van 16 december "
            "2026 vroeg om een reactie binnen zes weken, uiterlijk 5 februari 2027.") in (
        folder / "te-laat.md").read_text(encoding="utf-8")


def test_a_nota_without_reactions_is_accounted_for_in_the_report(prepared: Callable[..., Path]) -> None:
    folder = prepared(NOTA)  # the nota of 18 November 2026; no reactions imported
    ok("report", "organisation.yaml", "--no-config", "--lang", "nl", "--stage", "concept", "--date", "2026-12-14",
       "-o", "concept.md")
    assert ("## Verantwoording ambtelijk wederhoor\n\nDe nota van bevindingen van 18 november 2026 is voor ambtelijk "
            "wederhoor voorgelegd aan de organisatie, met een termijn tot en met 9 december 2026. Er kwamen geen "
            "reacties binnen; de feiten staan in dit rapport zoals de nota ze gaf.\n") in (
        folder / "concept.md").read_text(encoding="utf-8")
