"""Where the facts come from, as a report says it: the method, the list of sources and the trace table."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from digimandate.audit.cases import base_org
from digimandate.cli.app import app
from tests.conftest import EXAMPLES, yaml_text


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")  # 2026-12-01: documents are dated the same every run
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    return CliRunner()


def _report(runner: CliRunner, path: str, lang: str = "nl") -> str:
    done = runner.invoke(app, ["report", path, "--lang", lang, "--no-config"])
    assert done.exit_code == 0, done.output
    return done.output


def test_a_file_without_sources_says_only_that_the_facts_come_from_the_file(runner: CliRunner, tmp_path: os.PathLike[str]) -> None:
    path = os.path.join(tmp_path, "org.yaml")
    with open(path, "w", encoding="utf-8") as out:
        out.write(yaml_text(base_org(), sort_keys=False))
    report = _report(runner, path)
    assert ("De feiten komen uit het organisatiebestand, met peildatum 1 november 2026; het bestand legt niet vast "
            "uit welke bronnen ze komen.") in report
    assert "ter plaatse" not in report and "Bronnenlijst" not in report and "bron [" not in report


def test_the_method_counts_the_sources_by_kind(runner: CliRunner) -> None:
    report = _report(runner, str(EXAMPLES / "small-municipality.yaml"))
    assert ("De feiten komen uit elf bronnen: vier documenten, vier interviews, één waarneming en twee registers, met "
            "peildatum 1 november 2026.") in report
    # the vision running out within a year (B007) rests on the vision document and the decision lists searched
    assert ("Bevindingen die op vastgelegde feiten rusten, per soort bron: 11 op documenten, 9 op interviews, "
            "1 op eigen waarneming en 3 op registers (een bevinding kan op meer soorten tegelijk rusten).") in report
    # a fact without a source is no kind of source: a sentence of its own, opening with a word
    assert "\n\nVier bevindingen rusten op een vastgelegd feit zonder bron.\n\n" in report
    assert "Eén zware bevinding (kritiek of hoog) steunt op één soort bron" in report
    # and says which: the reader strengthens that one
    assert ("\n\nHet gaat om \"Het online kanaal is niet alleen het domein van Communicatie\" bij www.dijkveld.nl."
            "\n\n") in report


def test_the_english_method_and_list(runner: CliRunner) -> None:
    report = _report(runner, str(EXAMPLES / "english-agency.yaml"), "en")
    assert ("The facts come from six sources: two documents, three interviews and one register, as of 1 November "
            "2026.") in report
    assert "## Appendix F. List of sources" in report or "## Appendix G. List of sources" in report
    assert "| \\[3\\] | Interview | Confidential source | — | 17 September 2026 |" in report


def test_a_confidential_source_shows_its_kind_and_date_only(runner: CliRunner) -> None:
    report = _report(runner, str(EXAMPLES / "small-municipality.yaml"))
    assert "| \\[5\\] | Interview | Vertrouwelijke bron | — | 25 september 2026 |" in report
    assert "Gesprek met de adviseur digitale dienstverlening" not in report


def test_findings_cite_their_sources_and_the_trace_table_closes_the_chain(runner: CliRunner) -> None:
    report = _report(runner, str(EXAMPLES / "small-municipality.yaml"))
    # the route cites the interview and the test application that followed it
    assert ("Bij het product Parkeervergunning aanvragen komen aanvragen via www.dijkveld.nl terecht in de mailbox Postbus info@ "
            "(vastgelegd feit; bronnen \\[6\\], \\[7\\])") in report
    trace = report[report.index("Van norm naar bevinding naar bron"):]
    assert ("| Er is een organisatiebreed mandaat voor digitale dienstverlening | Er is geen organisatiebreed mandaat: "
            "\"website en e-formulieren\" geldt niet voor de hele organisatie, maar voor een of enkele afdelingen | \\[2\\] |") in trace
    # the holder's confidential interview is not cited beside the document that carries the same facts: beside
    # a mandate with one holder it would tell who gave it
    assert "\\[5\\]" not in trace
    assert "| Telefoon en balie wijzen de weg naar digitaal | Telefoon 14 0321 verwijst inwoners niet naar de digitale weg " \
           "| feit zonder bron |" in trace


def test_a_recorded_fact_without_a_source_reads_as_such(runner: CliRunner) -> None:
    report = _report(runner, str(EXAMPLES / "small-municipality.yaml"))
    assert "(feit zonder bron)" in report
    assert "vastgelegd feit; geen bron" not in report and "geen bron vastgelegd" not in report
    english = _report(runner, str(EXAMPLES / "small-municipality.yaml"), "en")
    assert "(fact without a source)" in english and "no source recorded" not in english


def _unsourced_phone(tmp_path: os.PathLike[str], cite_phone: bool) -> str:
    """The base organisation with a register, every entity citing it, the phone channel only when asked."""
    org = base_org()
    org["sources"] = [{"id": "organogram", "type": "document", "title": "Organogram 2026"}]
    org["governance"]["source"] = ["organogram"]
    for section in ("departments", "people", "mandates", "channels", "systems", "processes"):
        for item in org[section]:
            if cite_phone or item["id"] != "telefoon":
                item["source"] = ["organogram"]
    path = os.path.join(tmp_path, f"org-{cite_phone}.yaml")
    with open(path, "w", encoding="utf-8") as out:
        out.write(yaml_text(org, sort_keys=False))
    return path


def test_a_norm_met_on_a_fact_without_a_source_is_said_apart(runner: CliRunner, tmp_path: os.PathLike[str]) -> None:
    nl = _report(runner, _unsourced_phone(tmp_path, False))
    en = _report(runner, _unsourced_phone(tmp_path, False), "en")
    channels = nl.split("### Kanalen")[1].split("\n### ")[0]
    # the norms about every channel are met as the file says, but the phone's fact cites no source
    assert "**Voldaan volgens feiten zonder bron:** \"" in channels
    assert "**Met according to facts without a source:** \"" in en
    assert "Op vastgelegde feiten met een bron beslist: " in nl and "; op een vastgelegd feit zonder bron, dat " \
        "niet als vastgesteld telt: " in nl
    assert "van de toetsingen op vastgelegde feiten met een bron berust (een feit zonder bron telt niet als " \
        "vastgesteld)" in nl
    cited = _report(runner, _unsourced_phone(tmp_path, True))
    assert "zonder bron" not in cited.split("## Werkwijze")[1].split("\n## ")[0].replace(
        "(een feit zonder bron telt niet als vastgesteld)", "")
    assert "Voldaan volgens feiten zonder bron" not in cited
