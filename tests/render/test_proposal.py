"""The proposal to the executive (collegevoorstel): formal decisions, arguments per decision, costs, the council."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.cli.run import Run
from digimandate.cli.settings import AuditOptions
from digimandate.i18n import Lang
from digimandate.render.common import Audited
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.proposal import _Proposal
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES, ROOT

WRITTEN = date(2026, 11, 18)
SMALL = "examples/small-municipality.yaml"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    return CliRunner()


@functools.cache
def audited(path: str) -> Audited:
    run = Run(AuditOptions(no_config=True))
    run.audit([Path(path)], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    return Audited(run.results[0], run.settings.ruleset, run.models[0])


def section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}\n") + len(heading) + 4
    end = text.find("\n## ", start)
    return text[start:end if end >= 0 else None].strip()


FINAL = ("--reactie", "tests/data/reactie-without-promises.yaml")  # the definitief: the executive responded


def proposal(runner: CliRunner, lang: Lang, *extra: str, file: str = SMALL, final: bool = True) -> str:
    """The proposal that goes with the definitief report (the response given), or with the concept."""
    stage = FINAL if final else ()
    result = runner.invoke(app, ["memo", file, "--audience", "college", "--lang", lang, *stage, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_parts_a_secretariat_expects(runner: CliRunner) -> None:
    nl = proposal(runner, "nl")
    assert [line for line in nl.splitlines() if line.startswith("## ")] == [
        "## Beslispunten", "## Inleiding", "## Beoogd effect", "## Argumenten", "## Risico's en kanttekeningen",
        "## Financiën", "## Communicatie", "## Uitvoering en vervolg", "## Bijlagen"]
    assert nl.startswith("# Collegevoorstel\n")
    assert "| **Steller** |  |\n| **Registratienummer** |  |\n" in nl  # left blank to fill in
    en = proposal(runner, "en", "--from", "Adviser digital services")
    assert "| **Author** | Adviser digital services |\n| **Registration number** |  |\n" in en
    assert [line for line in en.splitlines() if line.startswith("## ")] == [
        "## Decisions", "## Introduction", "## Intended effect", "## Arguments", "## Risks and caveats",
        "## Finance", "## Communication", "## Execution and follow-up", "## Attachments"]


def test_decisions_are_short_formal_lines(runner: CliRunner) -> None:
    points = section(proposal(runner, "nl"), "Beslispunten").splitlines()[2:]
    assert points[0].startswith("1. Kennis te nemen van het adviesrapport")
    assert points[1].startswith("2. In te stemmen met actie 11 van aanbeveling 3 uit het adviesrapport (")
    assert points[2].startswith("3. In te stemmen met het organisatiebrede mandaat voor digitale dienstverlening")
    assert points[3] == "4. De gemeenteraad uiterlijk 16 december 2026 te informeren met bijgaande raadsinformatiebrief."
    assert len(points) == 4
    english = section(proposal(runner, "en"), "Decisions").splitlines()[2:]
    assert english[1].startswith("2. To agree to action 11 of recommendation 3 of the advice report (")
    assert english[3] == "4. To inform the municipal council by 16 December 2026, with the attached council information letter."


def test_recording_facts_is_never_a_decision_of_the_executive(runner: CliRunner) -> None:
    text = proposal(runner, "nl")
    assert "vastleggen" not in section(text, "Beslispunten").replace("vaststellen", "")
    assert ("Het vastleggen van de ontbrekende feiten (onder meer over \"De sponsor van digitale dienstverlening is "
            "een directielid\", \"Elk kanaal heeft een eigenaar\", \"Elk product heeft een proceseigenaar\" en drie "
            "andere) is een zaak van het directieteam, geen besluit van het college van B&W") in text


def test_arguments_are_numbered_per_decision(runner: CliRunner) -> None:
    args = section(proposal(runner, "nl"), "Argumenten")
    numbers = re.findall(r"^(\d+\.\d+) ", args, flags=re.M)
    assert numbers == ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "4.1"]
    assert "**Beslispunt 2:** In te stemmen met actie 11 van aanbeveling 3" in args
    assert "\n2.2 Het onderzoek stelde vast dat niet is voldaan aan de norm \"De raad, of het college" in args


def test_the_effect_is_for_residents_not_levels(runner: CliRunner) -> None:
    effect = section(proposal(runner, "nl"), "Beoogd effect")
    assert effect.startswith("Wat inwoners en ondernemers merken als de besluiten zijn uitgevoerd:")
    assert "niveau" not in effect
    agency = section(proposal(runner, "en", file="examples/english-agency.yaml"), "Intended effect")
    assert "level" not in agency  # the agency's executive decides nothing: an information memo


def test_finance_names_the_estimate_and_the_cover(runner: CliRunner) -> None:
    finance = section(proposal(runner, "nl"), "Financiën")
    assert "| 2 | geen extra kosten: uit te voeren binnen de bestaande formatie | bestaande begroting |" in finance
    built = _Proposal(audited(str(EXAMPLES / "small-municipality.yaml")), DocContext("nl", WRITTEN, final=True),
                      None)
    rec = built.plan.decide[0]
    large = replace(rec, rule=replace(rec.rule, spec=rec.rule.spec.model_copy(update={"effort": "large"})))
    built.plan = replace(built.plan, decide=[large])
    text = render_markdown(built.build())
    assert "| 2 | nog te ramen (uiterlijk 18 februari 2027) | nog te bepalen, bij de raming |" in section(text,
                                                                                                     "Financiën")
    assert "\n2.4 Dit vraagt veel werk; een raming volgt uiterlijk 18 februari 2027" in text


def test_communication_informs_the_council(runner: CliRunner) -> None:
    text = proposal(runner, "nl")
    assert "- De gemeenteraad: de raadsinformatiebrief gaat direct na het besluit naar de raad" in text
    assert section(text, "Bijlagen") == "1. Adviesrapport: Gemeente Dijkveld\n2. Raadsinformatiebrief (concept)"


@pytest.mark.parametrize(("kind", "title", "inform"), [
    ("provincie", "# Voorstel aan Gedeputeerde Staten",
     "Provinciale Staten uiterlijk 16 december 2026 te informeren met bijgaande Statenbrief."),
    ("waterschap", "# Voorstel aan het dagelijks bestuur",
     "Het algemeen bestuur uiterlijk 16 december 2026 te informeren met bijgaande informatiebrief."),
    ("rijk", "# Bestuursvoorstel",
     "De toezichthouder en de eigenaar uiterlijk 16 december 2026 te informeren met bijgaande informatiebrief."),
])
def test_the_organisation_type_picks_the_bodies(runner: CliRunner, tmp_path: Path, kind: str, title: str,
                                                inform: str) -> None:
    org = tmp_path / "organisation.yaml"
    org.write_text((EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8").replace(
        "  type: gemeente\n", f"  type: {kind}\n"), encoding="utf-8")
    text = proposal(runner, "nl", file=str(org))
    assert text.startswith(title + "\n")
    assert f"4. {inform}" in text
    assert "raadsinformatiebrief" not in text and "gemeenteraad" not in text
    assert "Gemeentewet" not in text  # the law of municipalities is cited for a municipality only


def test_nothing_to_decide_is_an_information_memo(runner: CliRunner, tmp_path: Path) -> None:
    # the mature municipality records who grants its mandate: the executive agrees to it, so it gets a proposal
    text = proposal(runner, "nl", file="examples/mature-municipality.yaml")
    assert text.startswith("# Collegevoorstel\n")
    assert "2. In te stemmen met het organisatiebrede mandaat voor digitale dienstverlening dat " in text
    ungranted = tmp_path / "mature.yaml"
    ungranted.write_text((EXAMPLES / "mature-municipality.yaml").read_text(encoding="utf-8")
                         .replace("    granted_by: directie\n", "").replace("    granted_by: manager\n", ""),
                         encoding="utf-8")
    text = proposal(runner, "nl", file=str(ungranted))
    assert text.startswith("# Informatienota\n") and "| **Status** | ter informatie |" in text


# ---------------------------------------------------------------- concrete decisions, the law, the staff time


def test_every_decision_is_concrete_and_dated(runner: CliRunner) -> None:
    for lang in ("nl", "en"):
        text = proposal(runner, lang)
        points = section(text, "Beslispunten" if lang == "nl" else "Decisions").splitlines()[2:]
        assert not any(re.search(r"\((of|or) ", p) for p in points)  # no open choice between two courses
        dated = points[1:]  # taking note of the report is immediate
        assert all(re.search(r"\d{1,2} \w+ 20\d\d", p) for p in dated), dated


def test_the_staff_time_of_the_mandate_is_the_directies_decision_not_the_executives(runner: CliRunner) -> None:
    text = proposal(runner, "nl")
    assert "fte" not in section(text, "Beslispunten") and "fte" not in section(text, "Financiën")


def test_the_law_is_cited_where_it_applies(runner: CliRunner) -> None:
    args = section(proposal(runner, "nl"), "Argumenten")
    point_1, rest = args.split("**Beslispunt 2:**")
    point_2 = rest.split("**Beslispunt 3:**")[0]
    # taking note needs no competence; the executive's own decision does, and the secretary assists (art. 103)
    assert "Gemeentewet" not in point_1
    assert "(artikel 160, eerste lid, onder c, Gemeentewet)" in point_2
    assert "(artikel 103 Gemeentewet)" in point_2 and "102" not in args
    inform = args.split("**Beslispunt 3:**")[1]
    assert "(artikel 169, tweede lid, Gemeentewet)" in inform and "169" not in point_2
    assert "het bestuur" not in section(proposal(runner, "nl"), "Inleiding")


def test_the_count_of_recommendations_comes_from_the_reports_decided_by(runner: CliRunner) -> None:
    args = section(proposal(runner, "nl"), "Argumenten")
    assert ("1.2 Het rapport doet vijf aanbevelingen; voor aanbeveling 3 is een besluit van het college van B&W nodig, "
            "over de andere besluit de directie.") in args


def test_support_under_article_2_1_awb_is_a_risk_where_not_shown(runner: CliRunner) -> None:
    risks = section(proposal(runner, "nl"), "Risico's en kanttekeningen")
    assert ("- Niet is aangetoond dat een kanaal hulp biedt bij digitale dienstverlening, terwijl een bestuursorgaan "
            "sinds 1 januari 2024 zorg draagt voor passende ondersteuning") in risks


def test_the_proposal_quotes_the_recommendation_it_adopts_and_puts_the_course_to_the_council(
        runner: CliRunner) -> None:
    points = section(proposal(runner, "nl"), "Beslispunten")
    # the action the college decides, quoted with its number in appendix E: what the point asks is what it quotes
    # (the recommendation's title and first action are about reporting), with a lead and a date
    assert ('2. In te stemmen met actie 11 van aanbeveling 3 uit het adviesrapport ("Laat de raad, of het college '
            'samen met de directie, met voorrang een nieuwe visie op dienstverlening vaststellen als koers van de hele '
            'organisatie, met de datum tot wanneer die loopt: de huidige visie loopt af voordat een nieuwe kan zijn '
            'vastgesteld") en daartoe: met voorrang een nieuwe visie op dienstverlening, met de datum tot wanneer die '
            "loopt, ter vaststelling aan de raad voorleggen als koers van de hele organisatie: de huidige visie loopt "
            "af voordat een nieuwe kan zijn vastgesteld. Trekker is de wethouder Dienstverlening en ICT; gereed "
            "uiterlijk ") in points
    assert "Bestuurlijke dekking" not in points and "voor zover" not in points
    # the effect of adopting a course is no promise of help at every desk
    assert "rekenen op hulp" not in section(proposal(runner, "nl"), "Beoogd effect")


@pytest.mark.parametrize("file", [SMALL, "examples/large-municipality.yaml"])
def test_the_facts_not_recorded_are_counted_as_the_report_counts_them(runner: CliRunner, file: str) -> None:
    report = runner.invoke(app, ["report", file, "--lang", "nl"]).stdout
    (figure,) = set(re.findall(r"Voor (\w+ normen?) is nog niet aangetoond", report))
    dt = runner.invoke(app, ["memo", file, "--lang", "nl"]).stdout
    college = proposal(runner, "nl", file=file)
    for text in (dt, college):
        assert f"Voor {figure} is nog niet aangetoond of eraan is voldaan" in text
        assert "bevindingen gaan over feiten" not in text


def test_a_point_on_one_action_is_due_when_that_action_is(runner: CliRunner) -> None:
    nl = proposal(runner, "nl")
    report = runner.invoke(app, ["report", SMALL, "--lang", "nl"]).stdout
    # action 11 (adopt a new course as a priority, B007 folded in; the current one runs out on 31 December, before
    # that can be done) is due when appendix E dates it; with no later action left, its recommendation 3 ends then
    assert ("| 11 | Laat de raad, of het college samen met de directie, met voorrang een nieuwe visie op "
            "dienstverlening vaststellen als koers van de hele organisatie, met de datum tot wanneer die loopt: de "
            "huidige visie loopt af voordat een nieuwe kan zijn vastgesteld. | "
            "middel / middel | het college van B&W | – | 18 februari 2027 |") in report
    assert "| **Gereed uiterlijk** | 18 februari 2027 |\n| **Besluit door** | de directie (acties 4 en 13)" in report
    point = next(line for line in section(nl, "Beslispunten").splitlines() if line.startswith("2. "))
    assert point.startswith("2. In te stemmen met actie 11 van aanbeveling 3 uit het adviesrapport")
    assert point.endswith("Trekker is de wethouder Dienstverlening en ICT; gereed uiterlijk 18 februari 2027.")
    assert "18 maart 2027" not in section(nl, "Beslispunten")
# ---------------------------------------------------------------- the stage: concept or definitief


def test_with_the_concept_the_executive_responds_and_adopts_nothing(runner: CliRunner) -> None:
    points = section(proposal(runner, "nl", final=False), "Beslispunten").splitlines()[2:]
    assert points == [
        "1. Kennis te nemen van het conceptrapport over het afdelingsoverstijgend mandaat voor digitale "
        "dienstverlening, met peildatum 1 november 2026, dat het college van B&W voor bestuurlijk wederhoor krijgt.",
        # six weeks, the Christmas holiday (24 December to 1 January) not counted, as for the nota's period
        "2. Uiterlijk 8 januari 2027 een bestuurlijke reactie op het conceptrapport te geven: per aanbeveling of het "
        "college van B&W die overneemt, deels overneemt of niet, met de acties die het toezegt, wie ze uitvoert en "
        "uiterlijk wanneer.",
        # a proposal of the concept, not a mandate that exists: the college says whether it agrees
        "3. Kennis te nemen van het voorstel uit het conceptrapport dat de gemeentesecretaris binnen de ambtelijke "
        "organisatie een organisatiebreed mandaat voor digitale dienstverlening verleent, als verbreding van het "
        "afdelingsmandaat \"website en e-formulieren\", en in de bestuurlijke reactie, uiterlijk 8 januari 2027, aan "
        "te geven of het college van B&W daarmee instemt en welke regels het daarvoor stelt."]
    text = proposal(runner, "en", final=False)
    assert "To agree to" not in text and "To inform the municipal council" not in text
    assert section(text, "Attachments") == "1. Draft report: Gemeente Dijkveld"
    assert section(text, "Communication") == (
        "- The draft report stays confidential until it is final; the municipal council receives the final report, "
        "with the executive's response, with a council information letter.")


def test_the_directie_memo_says_its_stage(runner: CliRunner) -> None:
    concept = runner.invoke(app, ["memo", SMALL, "--lang", "nl"]).stdout
    assert ("Voorgenomen besluiten van de directie, voor de bestuurlijke reactie van het college van B&W op het "
            "conceptrapport:") in concept
    final = runner.invoke(app, ["memo", SMALL, "--lang", "en", *FINAL]).stdout
    assert "Proposed to the management team, with the dates the executive's response promises, where it names them:" \
        in final


def test_the_mandate_is_put_to_the_executive_in_its_own_bodies(runner: CliRunner) -> None:
    # a municipality: the gemeentesecretaris grants it, the college sets its rules (art. 160 Gemeentewet)
    args = section(proposal(runner, "nl"), "Argumenten")
    assert ("3.1 De gemeentesecretaris verleent het mandaat binnen de ambtelijke organisatie; het college van B&W "
            "stelt de regels over die organisatie (artikel 160, eerste lid, onder c, Gemeentewet); het mandaat en de "
            "regels die ervoor gelden vragen daarom zijn uitdrukkelijke instemming.") in args
    # an agency: its management team grants it by its own recorded decision; its ministry sets the rules
    agency = proposal(runner, "en", file="examples/english-agency.yaml")
    assert ("2. To agree to the organisation-wide mandate for digital service delivery that the management team grants "
            "within the organisation (Board decision 2025/14), and to set its rules: the holder's powers, the time the "
            "mandate is given and how the ministry is kept informed; by ") in agency
    assert ("The management team grants the mandate within the organisation; the ministry sets the rules for the "
            "organisation, such as its organisation and mandate regulations") in agency
    assert "Municipalities Act" not in agency and "council" not in section(agency, "Decisions")
