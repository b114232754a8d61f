"""What the client reads in the nota, the reaction workbook and the information letter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from digimandate.i18n import Lang
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
    assert fmt.spelled(n, lang) == said


def test_a_documents_count_with_its_noun_is_spelled_and_the_cli_keeps_figures() -> None:
    assert counted(3, "product", "nl") == "drie producten"
    assert counted(1, "product", "en") == "one product"
    assert counted(14, "product", "nl") == "14 producten"
    assert plural(3, "doc_noun_product", "nl") == "3 producten"


def test_the_nota_says_each_fact_not_established_as_a_sentence_and_never_contradicts_itself(folder: Path) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "nl")
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    missing = nota.split("## Niet aangetoonde feiten")[1]
    for line in ("Niet aangetoond is wanneer de koers voor het laatst is geëvalueerd.",
                 "Niet aangetoond is over welk jaar de aantallen aanvragen gaan.",
                 "Niet aangetoond is welke afdeling eigenaar is van het kanaal."):
        assert line in missing, line
    assert "Niet aangetoond:" not in nota
    # the vision's end date is recorded ("2022-2026"): stated as a fact with its sources, not asked for
    assert ("4\\. De koers loopt tot 31 december 2026. (bronnen: Dienstverleningsvisie 2022-2026 (document), "
            "8 februari 2022; Besluitenlijsten van college en raad 2022-2026, doorzocht op dienstverlening (register), "
            "30 september 2026)") in nota
    # the last report to the executive rests on that report, not on the vision of 2022 the governance names
    assert ("6\\. De laatste rapportage aan het college van B&W dateert van 15 maart 2025. (bron: Rapportage "
            "dienstverlening 2024 aan het college (document), 15 maart 2025)") in nota
    assert "tot wanneer de koers loopt" not in nota
    # "door geen bestuursorgaan vastgesteld" is known: when it was adopted is no open question
    assert "De koers is door geen bestuursorgaan vastgesteld." in nota
    assert "wanneer de koers is vastgesteld" not in nota
    # the agreement, beside the last report of March 2025: not a claim that it happens every year
    assert "Afgesproken is jaarlijks aan het college van B&W over de dienstverlening te rapporteren." in nota
    # one department named, and a scope that does not say "some departments"
    assert "Het mandaat geldt voor de afdeling Communicatie." in nota
    # a person by role, as a sentence names one: with the article, the department only where the title lacks it
    # ... and the holder's confidential interview is not cited beside the agreement that records the same facts
    assert ("Het mandaat is belegd bij de adviseur digitale dienstverlening (Communicatie). (bron: Werkafspraak "
            "adviseur digitale dienstverlening (document), 1 juni 2021)") in nota
    assert "De proceseigenaar van het product is de teamleider Burgerzaken." in nota
    # a list of values as a sentence names one
    assert "Wie het mandaat houdt, heeft ook andere taken: intranet, sociale media en persberichten." in nota
    assert "Het mandaat is een afdelingsmandaat en reikt niet over de hele organisatie." in nota
    assert "enkele afdelingen" not in nota
    # the observation the report cites for where the website's forms land is cited here too
    assert ("Aanvragen via www.dijkveld.nl met een formulier komen binnen in Postbus info@. (bronnen: Gesprek met de "
            "teamleider Burgerzaken (interview), 25 september 2026; Proefaanvraag parkeervergunning via de website, "
            "gevolgd tot de postbus info@ (waarneming), 2 oktober 2026)") in nota
    assert "social media" not in nota and "sociale media" in nota


def test_the_english_nota_says_the_same_in_sentences(folder: Path) -> None:
    ok("bevindingen", "organisation.yaml", "--no-config", "--lang", "en")
    nota = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    for line in ("The course runs until 31 December 2026.",
                 "It is not established who the senior sponsor of service delivery is.",
                 "The agreement is to report on service delivery to the municipal executive yearly.",
                 "The mandate is a departmental one and does not reach the whole organisation."):
        assert line in nota, line
    assert "not established:" not in nota.lower() and "when the course was adopted" not in nota
    assert "until when the course runs" not in nota  # recorded in the example


def test_the_opzet_describes_foreign_standards_in_dutch_and_says_the_checklists_own_norms_once(folder: Path) -> None:
    ok("opzet", "organisation.yaml", "--no-config", "--lang", "nl")
    text = (folder / "onderzoeksopzet.md").read_text(encoding="utf-8")
    for english in ("point 10", "play 6", "enriched jobs", "Motivating Potential Score", "x autonomie", "(Job Diag",
                    "Which share", "1.095"):
        assert english not in text, english
    assert "UK Service Standard, punt 10: bepaal wat succes is en publiceer prestatiegegevens" in text
    assert "US Digital Services Playbook, onderdeel 6: wijs één leider aan en maak die aanspreekbaar" in text
    assert "Een mandaat past goed bij de verrijkte functies van Hackman en Oldham." in text
    # the own norms: explained once, then marked; the share of 100% is said once, not per norm
    assert text.count("Elke drempel in de kolom Drempels is een eigen norm van de checklist") == 1
    assert "(eigen norm van de checklist)" not in text
    assert "voordat de regel als geheel voldaan is" not in text
    assert "| \\* Herziening op een vaste datum is een eigen norm van de checklist" in text
    assert "Het laatste herontwerp mag op de peildatum hooguit drie jaar oud zijn" in text
    assert "De laatste rapportage mag op de peildatum hooguit een jaar oud zijn" in text


def test_the_english_opzet_keeps_the_standards_titles_and_says_ages_in_years(folder: Path) -> None:
    ok("opzet", "organisation.yaml", "--no-config", "--lang", "en")
    text = (folder / "onderzoeksopzet.md").read_text(encoding="utf-8")
    assert 'UK Service Standard, point 10 "Define what success looks like and publish performance data"' in text
    assert "The last redesign may be at most three years old on the audit date" in text
    assert "(the checklist's own norm)" not in text and "| Thresholds |" in text


def test_a_title_of_office_stands_in_a_sentence_with_its_article() -> None:
    from digimandate.render.doc.factwords import office

    assert office("Wethouder Dienstverlening en ICT") == "de wethouder Dienstverlening en ICT"
    assert office("Gedeputeerde Digitalisering") == "de gedeputeerde Digitalisering"
    assert office("J. Jansen") == "J. Jansen"  # a name as it is written
    assert office("Wethouders") == "Wethouders"
