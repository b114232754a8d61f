"""The report's recommendations: a handful of bundles, each with an owner, a date and the norms it covers."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date

import pytest

from digimandate.cli.run import Run
from digimandate.cli.settings import AuditOptions
from digimandate.i18n import Lang
from digimandate.render.common import Audited
from digimandate.render.doc.actions import observed, recommendations
from digimandate.render.doc.bundles import bundles, by_weight, due_date
from digimandate.render.doc.common import DocContext, schedule
from digimandate.render.doc.report import build_report
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES

WRITTEN = date(2026, 11, 18)
EXAMPLES_WITH_FINDINGS = ("small-municipality", "large-municipality", "english-agency")


@functools.cache
def audited(example: str) -> Audited:
    run = Run(AuditOptions(no_config=True))
    run.audit([EXAMPLES / f"{example}.yaml"], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    return Audited(run.results[0], run.settings.ruleset, run.models[0])


def report(example: str, lang: Lang = "nl") -> str:
    return render_markdown(build_report(audited(example), DocContext(lang, WRITTEN)))


def body(text: str, heading: str) -> str:
    """A ``## heading`` section up to the next ``## `` heading."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 4)
    return text[start:end if end >= 0 else None]


@pytest.mark.parametrize("example", EXAMPLES_WITH_FINDINGS)
def test_a_handful_of_numbered_bundles_covers_every_action_once(example: str) -> None:
    a = audited(example)
    recs = observed(recommendations(a))  # actions only where a recorded fact falls short
    found = bundles(a, "nl", WRITTEN)
    # a handful: never a worklist, one bundle per area with an action (the agency has actions in three)
    assert (3 if example == "english-agency" else 5) <= len(found) <= 7, [b.key for b in found]
    assert [b.number for b in found] == list(range(1, len(found) + 1))
    covered = [rec.rule.id for b in found for rec in b.actions]
    assert sorted(covered) == sorted(rec.rule.id for rec in recs)
    # the bundle with the most important action comes first
    assert found[0].actions[0].rule.id == recs[0].rule.id
    for b in found:
        assert b.owner and b.title and b.norms
        assert WRITTEN < b.due < schedule(a, WRITTEN).follow_up, (b.key, b.due)
        assert b.due.weekday() < 5
        assert all(not re.search(r"\b[BMCOPFJ]\d{3}\b", norm) for norm in b.norms)  # plain names, no ids
        # the heaviest norm first; a rule carried along by another's action (SAME_ACTION) is covered by it too
        assert b.norms == tuple(a.rules.rules[rule].spec.title.get("nl") for rec in by_weight(list(b.actions))
                                for rule in (rec.rule.id, *rec.merged))


def test_the_date_follows_the_largest_effort_counted_from_the_report_date() -> None:
    found = {b.key: b for b in bundles(audited("small-municipality"), "nl", WRITTEN)}
    assert found["channels"].due == date(2027, 2, 18)  # medium work: three calendar months after 18 November 2026
    assert found["mandate"].due == date(2027, 4, 19)  # large work: five months (18 April, a Sunday), before the follow-up
    later = {b.key: b for b in bundles(audited("small-municipality"), "nl", date(2026, 12, 2))}
    assert later["channels"].due == date(2027, 3, 2)  # the report date moves it, not the peildatum
    # large work: five months on (2 May 2027, a Sunday), and the follow-up audit leaves it time (the follow-up waits for its estimate)
    assert later["mandate"].due == date(2027, 5, 3) < schedule(audited("small-municipality"), date(2026, 12, 2)).follow_up
    # large work that would end after the follow-up audit ends a month before it (3 April 2027 is a Saturday)
    assert due_date(date(2026, 12, 2), "large", date(2027, 5, 3)) == date(2027, 4, 5)
    assert due_date(date(2026, 12, 2), "medium", date(2027, 5, 3)) == date(2027, 3, 2)  # before it: unchanged


def test_the_body_gives_the_bundles_and_appendix_e_every_action_per_department() -> None:
    text = report("small-municipality")
    recs = body(text, "Aanbevelingen")
    assert "| Nr. |" not in recs  # no worklist in the body
    assert recs.count("\n### Aanbeveling ") == 5  # the sponsor is not recorded: to verify, not an action
    assert ("### Aanbeveling 1. Het mandaat: organisatiebreed, met de bevoegdheden en de tijd die "
            "het werk vraagt\n\nVerbreed het bestaande afdelingsmandaat stap voor stap tot een organisatiebreed "
            "mandaat") in recs
    assert "| **Eigenaar (verantwoordelijk)** | De directie |\n| **Gereed uiterlijk** | 19 april 2027 |\n| **Besluit door** | de directie |" \
        in recs
    # the heaviest norm first, with the departmental mandate's reach its action takes in (M001 folds M015); then
    # the approval, as the actions start with the powers and the approval, as the recommendation says
    assert ("| **Dekt de normen** | Er is een organisatiebreed mandaat voor digitale dienstverlening; Zonder "
            "organisatiebreed mandaat reikt het afdelingsmandaat tot de afdelingen van de dienstverlening; Zonder "
            "organisatiebreed mandaat hoeft de houder van het afdelingsmandaat niet voor elke wijziging toestemming "
            "te vragen;") in recs
    # one broadening of the departmental mandate (9), after the approval, the powers and the time (1, 2 and 8)
    assert "| **Acties** | 4 in bijlage E (nummers 1, 2, 8 en 9) |" in recs
    # the last action is 15: the new vision before the current one runs out (B007) is folded into action 11, the
    # departmental mandate's reach (M015) into action 9
    assert "| **Acties** | 1 in bijlage E (nummer 15) |" in recs
    actions = body(text, "Bijlage E. Alle acties per afdeling")
    headings = re.findall(r"\n### (.+)\n", actions)
    assert headings == ["De hele organisatie", "Communicatie", "Klantcontactcentrum", "Burgerzaken",
                        "Ruimte en Vergunningen"]
    burgerzaken = actions.split("### Burgerzaken", 1)[1].split("\n### ", 1)[0]
    assert ("| 7 | Haal printen en papier uit de afhandeling. Dit geldt voor het product Parkeervergunning aanvragen. (640 aanvragen per "
            "jaar) | middel / middel | de teamleider Burgerzaken | 6 |") in burgerzaken
    # a finding points at its bundle, and the summary's bodies decide bundles
    assert "**Actie:** zie aanbeveling 3." in text
    # B007's action is folded into the college's action 11; the reporting action is 13
    assert "Te besluiten door de directie: aanbevelingen 1, 2, 4 en 5 en acties 4 en 13 van aanbeveling 3." in text
    english = report("small-municipality", "en")
    assert "### Recommendation 1. The mandate: organisation-wide, with the powers and the time the work needs\n" in english
    assert "| **Actions** | 4 in appendix E (numbers 1, 2, 8 and 9) |" in english


def test_without_findings_there_are_no_bundles() -> None:
    a = audited("mature-municipality")
    assert bundles(a, "en", WRITTEN) == []
    assert "There are no findings." in body(report("mature-municipality", "en"), "Recommendations")


@pytest.mark.parametrize("example", EXAMPLES_WITH_FINDINGS)
def test_every_recommendation_names_the_body_that_decides_it(example: str) -> None:
    recs = body(report(example), "Aanbevelingen")
    assert recs.count("\n### Aanbeveling ") == recs.count("| **Besluit door** |")


def test_an_owner_the_file_does_not_record_is_not_presented_as_existing() -> None:
    # the small municipality records no sponsor: its result bundle is the directie's, saying so
    recs = body(report("small-municipality"), "Aanbevelingen")
    five = recs.split("### Aanbeveling 5.", 1)[1]
    assert "| **Eigenaar (verantwoordelijk)** | De directie (een sponsor is niet vastgelegd) |" in five
    assert "De sponsor in de directie" not in recs
    english = body(report("small-municipality", "en"), "Recommendations")
    assert "| **Owner (accountable)** | The management team (no sponsor is recorded) |" in english


def test_the_result_bundle_gives_an_action_not_its_norm() -> None:
    five = body(report("small-municipality"), "Aanbevelingen").split("### Aanbeveling 5.", 1)[1]
    assert "Verhoog het digitale aandeel" not in five
    assert five.split("\n\n")[1].startswith("Stel per product een eigen doel voor het digitale aandeel vast")


def test_the_holder_of_a_departmental_mandate_is_not_given_what_it_cannot_do() -> None:
    # the small municipality has a departmental mandate whose holders need approval for each change
    actions = body(report("small-municipality"), "Bijlage E. Alle acties per afdeling")
    assert "| de houder van het mandaat |" not in actions
    # connecting e-mail to the case system is the IT department's work, by its head where no title is recorded
    assert ("Sluit e-mail aan op het zaaksysteem, zodat elke aanvraag als zaak binnenkomt. Dit geldt voor het product Melding openbare "
            "ruimte doen. | hoog / groot | het hoofd van ICT en Informatiebeheer |") in actions


def test_the_summary_puts_first_what_holds_the_level() -> None:
    summary = body(report("small-municipality"), "Samenvatting")
    # bullets naming their recommendation: a number 1..n would read as the recommendation's number
    assert "- Maak het digitaal aanvragen of melden van het product mogelijk. Dit geldt voor het product Melding openbare ruimte doen. Zie aanbeveling 4." \
        in summary
    assert "\n1. " not in summary


def test_the_owner_is_accountable_and_the_actions_say_who_carries_them_out() -> None:
    # recommendation 2's owner (the directie, not the channel owners who are to share their channels) is
    # accountable; its actions are carried out by others
    text = report("small-municipality")
    assert ("Elke aanbeveling heeft een eigenaar, die verantwoordelijk is voor het geheel, een datum waarop ze is "
            "uitgevoerd en de normen die ze dekt; wie elke actie uitvoert, staat in bijlage E en kan een ander zijn "
            "dan de eigenaar.") in text
    channels = text.split("### Aanbeveling 2.", 1)[1].split("\n### ", 1)[0]
    assert "| **Eigenaar (verantwoordelijk)** | De directie |" in channels
    assert "kanaaleigenaren" not in channels
    assert "| Nr. | Actie | Impact / inspanning | Wie voert uit | Na | Gereed |" in text
    assert "Wie handelt" not in text and "| **Eigenaar** |" not in text


def test_a_vision_not_adopted_and_running_out_is_one_action_to_adopt_one_in_time() -> None:
    a = audited("small-municipality")
    assert {"B002", "B007"} <= {f.rule for f in a.result.findings}  # both findings stay: facts about the course
    recs = recommendations(a)
    course = [rec for rec in recs if "B007" in (rec.rule.id, *rec.merged)]
    assert [(rec.rule.id, rec.merged) for rec in course] == [("B002", ("B007",))]
    assert course[0].action("nl") == (
        "Laat de raad, of het college samen met de directie, een nieuwe visie op dienstverlening vaststellen als "
        "koers van de hele organisatie, met de datum tot wanneer die loopt, voordat de huidige afloopt.")
    assert course[0].action("en") == (
        "Have the council, or the executive together with management, adopt a new vision on service delivery as the "
        "course of the whole organisation, with the date until which it runs, before the current one runs out.")
    decision = course[0].decision_text()
    assert decision is not None and decision.get("nl") == (
        "Een nieuwe visie op dienstverlening, met de datum tot wanneer die loopt, ter vaststelling aan de raad "
        "voorleggen voordat de huidige afloopt, als koers van de hele organisatie.")
    assert course[0].decided_by == "college"
    text = report("small-municipality")
    assert "Laat een nieuwe visie op dienstverlening vaststellen voordat de huidige afloopt" not in text


def test_a_vision_running_out_on_its_own_is_the_colleges_to_decide() -> None:
    a = audited("small-municipality")
    # the course adopted (B002 met): B007's own action stands, decided by the college that proposes the course
    alone = Audited(replace(a.result, findings=tuple(f for f in a.result.findings if f.rule != "B002")), a.rules,
                    a.model)
    course = [rec for rec in recommendations(alone) if "B007" in (rec.rule.id, *rec.merged)]
    assert [(rec.rule.id, rec.merged, rec.decided_by) for rec in course] == [("B007", (), "college")]
    decision = course[0].decision_text()
    assert decision is not None and decision.get("nl") == (
        "Een nieuwe visie op dienstverlening, met de datum tot wanneer die loopt, ter vaststelling aan de raad "
        "voorleggen voordat de huidige afloopt.")


def test_after_the_visions_end_date_the_action_renews_the_vision_that_ran_out() -> None:
    a = audited("small-municipality")  # the vision runs until 31 December 2026
    lapsed = "de visie op dienstverlening die afliep vernieuwen als koers van de hele organisatie"
    # a report of 1 September 2026: the action (three months) is due before the vision runs out
    before = render_markdown(build_report(a, DocContext("nl", date(2026, 9, 1))))
    assert "voordat de huidige afloopt." in before and lapsed not in before
    # a definitief of 3 February 2027: "before the current one runs out" can no longer be done
    after = render_markdown(build_report(a, DocContext("nl", date(2027, 2, 3))))
    assert ("| 11 | Laat de raad, of het college samen met de directie, de visie op dienstverlening die afliep "
            "vernieuwen als koers van de hele organisatie, met de datum tot wanneer de nieuwe loopt. |") in after
    assert "voordat de huidige afloopt" not in after
    english = next(rec for rec in recommendations(a, date(2027, 2, 3)) if rec.rule.id == "B002")
    assert english.action("en") == (
        "Have the council, or the executive together with management, renew the vision on service delivery that ran "
        "out as the course of the whole organisation, with the date until which the new one runs.")
    decision = english.decision_text()
    assert decision is not None and decision.get("nl") == (
        "Een vernieuwde visie op dienstverlening, in plaats van de visie die afliep en met de datum tot wanneer die "
        "loopt, ter vaststelling aan de raad voorleggen, als koers van de hele organisatie.")
    assert english.decided_by == "college"
    # B007 on its own (the course adopted) says the same after the end date
    alone = Audited(replace(a.result, findings=tuple(f for f in a.result.findings if f.rule != "B002")), a.rules,
                    a.model)
    own = next(rec for rec in recommendations(alone, date(2027, 2, 3)) if rec.rule.id == "B007")
    assert own.action("nl") == ("Laat de visie op dienstverlening die afliep vernieuwen, zodat de koers weer geldt, "
                                "en leg vast tot wanneer de nieuwe loopt.")
    assert next(rec for rec in recommendations(alone, date(2026, 9, 1)) if rec.rule.id == "B007").action("nl") == (
        "Laat een nieuwe visie op dienstverlening vaststellen voordat de huidige afloopt, zodat de koers blijft "
        "gelden.")


def test_a_vision_that_runs_out_before_the_action_is_due_asks_for_a_new_one_first_or_is_kept_in_force() -> None:
    a = audited("small-municipality")  # the vision runs until 31 December 2026; no body adopted it
    # a concept of 14 December 2026: the action is due on 15 March 2027, after the end date, so "before the
    # current one runs out" cannot be done, and the vision has not run out yet either; not adopted (B002), it
    # cannot be kept in force: a new one comes first
    text = render_markdown(build_report(a, DocContext("nl", date(2026, 12, 14))))
    assert ("| 11 | Laat de raad, of het college samen met de directie, met voorrang een nieuwe visie op "
            "dienstverlening vaststellen als koers van de hele organisatie, met de datum tot wanneer die loopt: de "
            "huidige visie loopt af voordat een nieuwe kan zijn vastgesteld. | middel / middel | het college van B&W "
            "| – | 15 maart 2027 |") in text
    assert "voordat de huidige afloopt" not in text and "afliep" not in text and "laat de huidige" not in text
    rec = next(rec for rec in recommendations(a, date(2026, 12, 14)) if rec.rule.id == "B002")
    decision = rec.decision_text()
    assert decision is not None and decision.get("en") == (
        "Put a new vision on service delivery, with the date until which it runs, to the council for adoption as the "
        "course of the whole organisation as a priority: the current vision runs out before a new one can be "
        "adopted.")
    assert rec.decided_by == "college"
    # the last day on which the three months end before the vision does still asks for a new one in time
    for day, in_time in ((date(2026, 9, 30), True), (date(2026, 10, 1), False)):  # due 30 December, 1 January
        rec = next(rec for rec in recommendations(a, day) if rec.rule.id == "B002")
        assert rec.action("nl").endswith("voordat de huidige afloopt.") is in_time, day
    alone = Audited(replace(a.result, findings=tuple(f for f in a.result.findings if f.rule != "B002")), a.rules,
                    a.model)
    own = next(rec for rec in recommendations(alone, date(2026, 12, 14)) if rec.rule.id == "B007")
    assert own.action("nl") == ("Laat een nieuwe visie op dienstverlening vaststellen en laat de huidige, die afloopt "
                                "voordat dat kan, gelden tot de nieuwe is vastgesteld.")
