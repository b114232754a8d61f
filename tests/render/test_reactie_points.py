"""The definitief board documents follow the executive's response: one point per response, its route and dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.proposal import _Proposal
from digimandate.render.doc.stages import load_reactie
from tests.conftest import ROOT
from tests.render.test_proposal import audited

SMALL = "examples/small-municipality.yaml"
REACTIE = "examples/audit/small-municipality.reactie.yaml"
WRITTEN = date(2027, 2, 3)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1801612800")  # 3 February 2027, after the response of 19 January
    return CliRunner()


def memo(runner: CliRunner, *extra: str) -> str:
    result = runner.invoke(app, ["memo", SMALL, "--lang", "nl", "--reactie", REACTIE, "--no-config", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def points(text: str) -> list[str]:
    start = text.index("## Beslispunten\n")
    body = text[start:text.index("\n## ", start + 5)]
    return [line for line in body.splitlines() if line[:1].isdigit()]


def context() -> DocContext:
    spec = load_reactie(ROOT / REACTIE).spec
    responses = {r.recommendation: r for r in spec.responses}
    promised = tuple(p.due for r in spec.responses for p in r.actions if p.due is not None)
    return DocContext("nl", WRITTEN, promised=promised, responses=responses, final=True)


def test_a_response_is_one_point_even_where_two_actions_of_its_recommendation_are_decided() -> None:
    prop = _Proposal(audited(str(ROOT / SMALL)), context(), None)
    vision = next(rec for rec in prop.plan.decide if prop.number[rec.rule.id] == 3)
    # a second action counted under recommendation 3, as a report that bundles two of them counts it
    twin = next(rec for rec in prop.recs if rec.rule.id != vision.rule.id and rec.rule.id in prop.number)
    prop.number[twin.rule.id] = 3
    prop.plan = replace(prop.plan, decide=[vision, twin])
    texts = [p.text for p in prop.points()]
    assert len(texts) == len(set(texts))
    answered = [x for x in texts if "bij aanbeveling 3 " in x]
    assert answered == [
        "In te stemmen met de uitvoering van wat het college in zijn bestuurlijke reactie bij aanbeveling 3 uit het "
        "adviesrapport (acties 11 en 1: \"Laat de raad, of het college samen met de directie, de visie op dienstverlening die afliep "
        "vernieuwen als koers van de hele organisatie, met de datum tot wanneer de nieuwe loopt; Laat de goedkeuring per wijziging onder het bestaande mandaat vervallen: "
        "spreek vooraf kaders af met de afdelingen die nu goedkeuren en laat de houder achteraf verantwoording "
        "afleggen\") toezegde: het college legt de raad "
        "een nieuwe dienstverleningsvisie voor (wethouder Dienstverlening en ICT, uiterlijk 31 oktober 2027); de "
        "uitgebleven rapportage gaat naar directie en college, met het digitale aandeel per product "
        "(gemeentesecretaris, uiterlijk 31 maart 2027)."]


def test_no_two_decision_points_of_the_definitief_proposal_read_the_same(runner: CliRunner) -> None:
    listed = [p.partition(". ")[2] for p in points(memo(runner, "--audience", "college"))]
    assert len(listed) == len(set(listed))
    assert sum("toezegde: het college legt de raad een nieuwe dienstverleningsvisie voor" in p for p in listed) == 1


def mandate_points(decision: str) -> list[str]:
    """The proposal's points on the mandate when the response to recommendation 1 (the mandate) is ``decision``."""
    ctx = context()
    responses = dict(ctx.responses)
    first = responses[1]
    responses[1] = first.model_copy(update={"response": decision})  # type: ignore[attr-defined]
    prop = _Proposal(audited(str(ROOT / SMALL)), replace(ctx, responses=responses), None)
    return [p.text for p in prop.points() if "organisatiebrede mandaat" in p.text]


def test_a_mandate_adopted_in_part_is_agreed_to_as_the_route_and_the_date_the_response_chose(
        runner: CliRunner) -> None:
    listed = points(memo(runner, "--audience", "college"))
    assert listed[2] == (
        "3. In te stemmen met de route naar het organisatiebrede mandaat voor digitale dienstverlening die het college "
        "in zijn bestuurlijke reactie bij aanbeveling 1 uit het adviesrapport koos: de bevoegdheden van de adviseur "
        "digitale dienstverlening worden verruimd tot formulieren en processen (gemeentesecretaris, uiterlijk 28 "
        "februari 2027); een voorstel voor een organisatiebreed mandaat, met de benodigde formatie, ligt voor "
        "(gemeentesecretaris, uiterlijk 30 juni 2027); over het mandaat zelf en de regels ervoor besluit het college "
        "van B&W daarna, op het voorstel dat uiterlijk 30 juni 2027 voorligt.")
    assert not any(p.startswith("3. In te stemmen met het organisatiebrede mandaat") for p in listed)


def test_a_mandate_not_adopted_is_not_agreed_to_and_an_adopted_one_is() -> None:
    assert mandate_points("niet") == []
    assert mandate_points("overgenomen") == [
        "In te stemmen met het organisatiebrede mandaat voor digitale dienstverlening dat de gemeentesecretaris "
        "binnen de ambtelijke organisatie verleent, als verbreding van het afdelingsmandaat \"website en "
        "e-formulieren\", en daarvoor de regels vast te stellen: de bevoegdheden van de houder, de tijd die het "
        "mandaat krijgt en hoe het college van B&W wordt geïnformeerd; uiterlijk 28 februari 2027."]


def test_the_dt_memo_counts_the_proposals_points_as_the_response_shapes_them(runner: CliRunner,
                                                                             tmp_path: Path) -> None:
    assert "Een aparte notitie legt het college van B&W vier beslispunten voor." in memo(runner)
    text = (ROOT / REACTIE).read_text(encoding="utf-8").replace("    response: deels", "    response: niet", 1)
    rejected = tmp_path / "reactie.yaml"
    rejected.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["memo", SMALL, "--lang", "nl", "--reactie", str(rejected), "--no-config"])
    assert result.exit_code == 0, result.output
    assert "Een aparte notitie legt het college van B&W drie beslispunten voor." in result.stdout


def test_a_recommendation_not_adopted_is_not_scheduled_in_the_dt_memo(runner: CliRunner) -> None:
    text = memo(runner)
    assert "Over de andere acties waarover het adviesrapport de directie laat besluiten (aanbevelingen 1, 2, 3 en " \
           "4), besluit de directie uiterlijk 28 februari 2027." in text
    assert "Niet overgenomen door het college van B&W (bestuurlijke reactie van 19 januari 2027): aanbeveling 5 van " \
           "het adviesrapport; daarover wordt niet besloten en er geldt geen datum." in text
    assert "aanbevelingen 1, 2, 3, 4 en 5" not in text


def report(runner: CliRunner, tmp_path: Path, lang: str) -> str:
    out = tmp_path / f"rapport-{lang}.md"
    result = runner.invoke(app, ["report", SMALL, "--lang", lang, "--stage", "definitief", "--reactie", REACTIE,
                                 "--nawoord", "examples/audit/small-municipality.nawoord.md", "-o", str(out),
                                 "--no-config"])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_a_recommendation_not_adopted_has_no_date_in_the_report(runner: CliRunner, tmp_path: Path) -> None:
    nl = report(runner, tmp_path, "nl")
    assert "Te besluiten door de directie: aanbevelingen 1, 2 en 4 en acties 4 en 13 van aanbeveling 3." in nl
    assert "Niet overgenomen door het college van B&W (bestuurlijke reactie van 19 januari 2027): aanbeveling 5; " \
           "daarover wordt niet besloten." in nl
    own = nl[nl.index("### Aanbeveling 5."):]
    assert "| **Gereed uiterlijk** | Niet overgenomen door het college van B&W (bestuurlijke reactie van 19 januari " \
           "2027) |" in own[:own.index("\n## ")]
    # the last action (B007 is folded into B002, M015 into M001)
    row = next(line for line in nl.splitlines() if line.startswith("| 15 | "))
    assert row.endswith("| de teamleider Burgerzaken | – | niet overgenomen |")
    en = report(runner, tmp_path, "en")
    assert "Not adopted by the municipal executive (response of 19 January 2027): recommendation 5; nothing is " \
           "decided on it." in en


def test_a_promised_date_goes_only_to_the_point_the_promise_is_about(runner: CliRunner) -> None:
    listed = points(memo(runner))
    # dropping approval per change is no part of what the response promised: the plan's date stands
    assert listed[0].startswith("1. De goedkeuring per wijziging onder het afdelingsmandaat laten vervallen")
    assert "gereed uiterlijk 5 april 2027." in listed[0]
    # widening the powers is what the response promised by 28 February 2027
    assert listed[1].startswith("2. De bevoegdheden van het afdelingsmandaat uitbreiden")
    assert "gereed uiterlijk 28 februari 2027." in listed[1]
    # a promise on the same product but another action (a process owner, not a digital request) gives no date
    assert listed[4].startswith("5. Eerst het feit vaststellen")
    assert "31 maart 2027" not in listed[4]


def test_one_shared_word_does_not_make_a_promise_about_an_action() -> None:
    from digimandate.render.doc.common import promised_due

    responses = context().responses
    assert promised_due(responses, 1, "Laat de goedkeuring per wijziging onder het bestaande mandaat vervallen") \
        is None
    assert promised_due(responses, 1, "Breid de bevoegdheden uit: formulieren zelf aanpassen") == date(2027, 2, 28)
    assert promised_due(responses, 1, "") == date(2027, 2, 28)  # the recommendation as a whole: its first date
