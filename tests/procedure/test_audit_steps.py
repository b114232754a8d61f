"""One audit of an example run end to end: opzet, uitvraag filled and imported, nota, reactions imported, status."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.model.dossier import recorded_reactions
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
EPOCH = "1795000000"  # 2026-11-18


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An audit folder with the small municipality as its organisation file, and the working folder there."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "small-municipality.yaml", tmp_path / "organisation.yaml")
    return tmp_path


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


ANSWERS = {
    "governance#governance.vision.adopted_on": ("2022-03-01", "document", "Collegebesluit 2022/31", "gemeentesecretaris"),
    "processes/melding-openbare-ruimte#owner": ("Teamleider Burgerzaken", "interview", None, "teamleider Burgerzaken"),
    "processes/melding-openbare-ruimte#volume.total": (1200, "interview", None, "teamleider Burgerzaken"),
    "processes/parkeervergunning#status_online": ("ja", "interview", None, None),
}


def test_an_audit_runs_step_by_step(folder: Path) -> None:
    assert "nog geen stappen gezet (dossier.yaml ontbreekt)" in status()
    assert "Volgende stap: deel het normenkader vóór het veldwerk: digimandate opzet organisation.yaml" in status()

    ok("opzet", "organisation.yaml", "--no-config")
    assert (folder / "onderzoeksopzet.md").read_text(encoding="utf-8").startswith("# Onderzoeksopzet: Gemeente Dijkveld")
    assert "  [x] onderzoeksopzet uitgebracht: 2026-11-18 (onderzoeksopzet.md)\n" in status()

    ok("uitvraag", "organisation.yaml", "--no-config")
    assert "      48 vragen\n" in status()
    assert (folder / "interviewleidraad.docx").stat().st_size > 0
    fill_request(folder / "uitvraag.xlsx", folder / "uitvraag-ingevuld.xlsx", dict(ANSWERS))
    said = ok("import", "uitvraag-ingevuld.xlsx", "--into", "organisation.yaml")
    assert "organisation.uitvraag.yaml geschreven" in said
    assert (folder / "organisation.yaml").read_bytes() == (EXAMPLES / "small-municipality.yaml").read_bytes()
    assert "      4 antwoorden vastgelegd, 44 open vragen\n" in status()
    answered = (folder / "organisation.uitvraag.yaml").read_text(encoding="utf-8")
    for line in ("  - id: document-gemeentesecretaris-2026-11-12\n    type: document\n    title: Collegebesluit 2022/31\n"
                 "    reference: Collegebesluit 2022/31\n    provided_by: gemeentesecretaris\n    obtained: 2026-11-12\n",
                 "    adopted_on: 2022-03-01\n    source:\n    - document-gemeentesecretaris-2026-11-12\n",
                 "  owner: joyce\n", "  status_online: true\n",
                 # no one named in the row: the role the question was asked of provides it
                 "  provided_by: proceseigenaren\n"):
        assert line in answered

    ok("bevindingen", "organisation.uitvraag.yaml", "--no-config")
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    golden("small-municipality.nl.bevindingen-na-uitvraag.md", nota)
    assert "nota van bevindingen uitgebracht: 2026-11-18" in status()
    assert "Volgende stap: laat reacties.xlsx invullen, beoordeel elke reactie en importeer: " in status()

    paragraph = next(line for line in nota.splitlines() if "De koers is vastgesteld op 1 maart 2022." in line)
    nr = int(paragraph.split("\\.", 1)[0])
    # a fact not established stands under the heading of its product, as a recorded one does
    product = nota.split("## Niet aangetoonde feiten")[1].split("### Parkeervergunning aanvragen")[1]
    missing = next(line for line in product.splitlines() if "Niet aangetoond is wie de klantreis van het product ontwerpt." in line)
    gap = int(missing.split("\\.", 1)[0])
    fill_reactions(folder / "reacties.xlsx", folder / "reacties-ingevuld.xlsx", {
        nr: {"reactie": "Vastgesteld op 8 maart 2022.", "soort": "feitelijke correctie",
             "bron aangeboden": "Collegebesluit 2022/31", "juiste waarde": dt.date(2022, 3, 8), "namens": "gemeentesecretaris",
             "datum": dt.date(2026, 12, 15), "besluit onderzoeker": "overgenomen"},
        gap: {"reactie": "De adviseur ontwerpt ook dit formulier.", "soort": "aanvulling", "juiste waarde": "sanne",
              "namens": "teamleider Burgerzaken", "datum": dt.date(2026, 12, 16), "besluit onderzoeker": "niet overgenomen",
              "motivering": "Geen document dat dit aantoont."},
    })
    ok("import", "reacties-ingevuld.xlsx", "--into", "organisation.uitvraag.yaml")
    proposal = (folder / "organisation.uitvraag.reacties.yaml").read_text(encoding="utf-8")
    assert "  value: '2022-03-08'\n" in (folder / "reacties.yaml").read_text(encoding="utf-8")  # a date cell, as a date
    assert "    adopted_on: 2022-03-08\n" in proposal
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
    ok("report", "organisation.uitvraag.reacties.yaml", "--no-config", "--stage", "concept", "-o", "conceptrapport.md")
    concept = (folder / "conceptrapport.md").read_text(encoding="utf-8")
    assert concept.startswith("**Concept · versie 0.1 · ")
    # the report accounts for the officials' review: what came in, what was adopted and why not
    account = concept.split("## Verantwoording ambtelijk wederhoor\n", 1)[1].split("\n## ", 1)[0]
    assert ("Er kwamen twee reacties binnen; daarvan zijn er één overgenomen, 0 deels overgenomen en één niet "
            "overgenomen.") in account
    assert f"| {gap} | aanvulling | De adviseur ontwerpt ook dit formulier. | niet overgenomen |" in account
    text = status()
    assert "  [x] conceptrapport uitgebracht: 2026-11-18 (conceptrapport.md)\n" in text, text
    (folder / "bestuurlijke-reactie.yaml").write_text(
        "date: 2026-11-16\nby: Het college van Dijkveld\nresponses:\n"
        "  - {recommendation: 1, response: overgenomen}\n  - {recommendation: 2, response: deels}\n", encoding="utf-8")
    ok("report", "organisation.uitvraag.reacties.yaml", "--no-config", "--stage", "definitief",
       "--reactie", "bestuurlijke-reactie.yaml",
       "--nawoord", str(EXAMPLES / "audit" / "small-municipality.nawoord.md"), "-o", "eindrapport.md")
    final = (folder / "eindrapport.md").read_text(encoding="utf-8")
    assert final.startswith("**Definitief · versie 1.0 · ") and "## Bestuurlijke reactie en nawoord" in final
    text = status()
    assert "  [x] definitief rapport uitgebracht: 2026-11-18 (eindrapport.md, eindrapport.informatiebrief.md)\n" in text, text
    assert "Volgende stap" not in text, text


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 regenerates"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("step", "file"), [("opzet", "onderzoeksopzet"), ("uitvraag", "interviewleidraad"),
                                           ("bevindingen", "nota-van-bevindingen")])
def test_golden(folder: Path, step: str, file: str, lang: str, fmt: str) -> None:
    ok(step, "organisation.yaml", "--no-config", "--lang", lang, "-f", fmt)
    golden(f"small-municipality.{lang}.{step}.{fmt}", (folder / f"{file}.{fmt}").read_text(encoding="utf-8"))


def test_the_nota_states_the_facts_the_mandate_and_process_findings_rest_on(folder: Path) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "nl")
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


def test_the_reaction_sheet_names_each_fact_with_one_colon(folder: Path) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "nl")
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


def test_a_workbook_filled_in_is_not_kept_as_the_same(folder: Path) -> None:
    ok("uitvraag", "organisation.yaml", "--no-config")
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


def test_an_answer_may_name_someone_new_with_their_department(folder: Path) -> None:
    ok("uitvraag", "organisation.yaml", "--no-config")
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


def test_someone_new_without_a_department_is_refused_with_how_to_add_them(folder: Path) -> None:
    ok("uitvraag", "organisation.yaml", "--no-config")
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", {
        "processes/melding-openbare-ruimte#owner": ("Piet de Vries", "interview", None, "teamleider")})
    result = run("import", "in.xlsx", "--into", "organisation.yaml", "--lang", "nl")
    assert result.exit_code == 2
    assert result.output.split(": fout: ", 1)[1] == (
        "niemand in het organisatiebestand heet Piet de Vries\n"
        "  tip: schrijf de naam of functie zoals het organisatiebestand hem noemt; iemand die er nog niet in staat, "
        "voegt de import toe met de afdeling erbij: Piet Jansen, teamleider (Burgerzaken)\n")


def test_the_new_organisation_file_keeps_the_hand_written_text_and_adds_only_the_answers(folder: Path) -> None:
    import difflib

    ok("uitvraag", "organisation.yaml", "--no-config")
    fill_request(folder / "uitvraag.xlsx", folder / "in.xlsx", dict(ANSWERS))
    ok("import", "in.xlsx", "--into", "organisation.yaml")
    before = (folder / "organisation.yaml").read_text(encoding="utf-8")
    header, after = (folder / "organisation.uitvraag.yaml").read_text(encoding="utf-8").split("\n", 1)
    assert header.startswith("# Generated by digimandate from in.xlsx")
    # everything before the first entity an answer changed is the file as written, byte for byte
    assert after[:after.index("    adopted_on: 2022-03-01")] == before[:before.index("  reporting:")]
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
    assert removed == ["-     source: [gesprek-burgerzaken]"]  # the one line an answer extended, kept on one line
    assert "    source: [gesprek-burgerzaken, interview-proceseigenaren-2026-11-12]\n" in after


def test_one_source_is_registered_once(folder: Path) -> None:
    ok("uitvraag", "organisation.yaml", "--no-config")
    answers = {  # one decision, handed over by two people: one source
        "governance#governance.vision.adopted_on": ("2022-03-01", "document", "Collegebesluit 2022/31", "griffier"),
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
    assert after[:after.index(b"    adopted_on: 2022-03-01")] == text[:text.index(b"  reporting:")]


def test_the_procedure_names_the_body_the_organisation_reports_to(folder: Path) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "nl")
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    assert "De afspraak is jaarlijks aan het college van B&W over de dienstverlening te rapporteren." in nota
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
