"""The board memo says only what is true: what it asks to decide, what that achieves, what it costs."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.cli.run import Run
from digimandate.cli.settings import AuditOptions
from digimandate.i18n import Lang, t
from digimandate.render.common import Audited
from digimandate.render.doc.adapter import basis
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.memo import Audience, build_memo
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES, ROOT

WRITTEN = date(2026, 11, 18)
EPOCH = "1795000000"  # 2026-11-18


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return CliRunner()


@functools.cache
def audited(example: str) -> Audited:
    run = Run(AuditOptions(no_config=True))
    run.audit([EXAMPLES / f"{example}.yaml"], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    return Audited(run.results[0], run.settings.ruleset, run.models[0])


def memo(example: str, lang: Lang = "nl", audience: Audience = "directie", sender: str | None = None) -> str:
    from digimandate.render.doc import actions
    from digimandate.render.doc import memo as module

    return _memo(example, lang, audience, sender, module.MAX_DECISIONS, actions.TOP)


@functools.cache
def _memo(example: str, lang: Lang, audience: Audience, sender: str | None, max_decisions: int, top: int) -> str:
    """A memo, made once for the tests that read it: from a frozen audit and the limits a test may set."""
    return render_markdown(build_memo(audited(example), DocContext(lang, WRITTEN, sender), audience))


def section(text: str, heading: str) -> str:
    """The body of one ``## heading`` of a memo, up to the next heading."""
    start = text.index(f"## {heading}\n") + len(heading) + 4
    end = text.find("\n## ", start)
    return text[start:end if end >= 0 else None].strip()


# ---------------------------------------------------------------- the author


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_author_is_who_was_named_and_else_left_out(lang: Lang) -> None:
    label = "Steller" if lang == "nl" else "Author"
    assert f"| **{label}** |" not in memo("small-municipality", lang)
    assert f"| **{label}** | Team Dienstverlening |" in memo("small-municipality", lang, sender="Team Dienstverlening")
    assert "adviseur digitale dienstverlening" not in memo("small-municipality", "nl").lower()



# ---------------------------------------------------------------- counts


def test_the_weight_counts_findings_not_norms() -> None:
    # 70 findings of weight high in the large example (5 norms); no critical finding there (its vision, adopted
    # by the raad, meets B002 since tip16 2.2)
    # each decision point argues from its own fact, so the count is not followed by a list repeating them
    assert "Het onderzoek leverde 988 bevindingen op, waarvan 76 met een hoog gewicht. Elk beslispunt noemt wat is " \
        "vastgesteld en waarom dat ertoe doet." in memo("large-municipality")
    assert "The audit found 988 findings, 76 of them of high weight." in memo("large-municipality", "en")
    # the small example has a critical finding (the missing organisation-wide mandate): 9 high (two about its
    # departmental mandate) and 1 critical; its vision running out within a year (B007) is of medium weight, so it
    # adds to the 46 findings and not to the 10
    assert "Het onderzoek leverde 46 bevindingen op, waarvan 10 met een hoog of kritiek gewicht." in memo("small-municipality")
    assert "The audit found 46 findings, 10 of them of high or critical weight." in memo("small-municipality", "en")


def test_without_heavy_findings_the_count_stands_alone() -> None:
    a = audited("english-agency")
    light = tuple(f for f in a.result.findings if f.severity not in ("critical", "high"))
    a = dataclasses.replace(a, result=dataclasses.replace(a.result, findings=light))
    text = render_markdown(build_memo(a, DocContext("en", WRITTEN), "directie"))
    assert f"The audit found {len(light)} findings. Each decision point gives what was found and why it matters." \
        in text
    assert "of them of" not in text


def test_progress_names_no_count_of_zero(runner: CliRunner, tmp_path: Path) -> None:
    before = runner.invoke(app, ["check", "examples/small-municipality.yaml", "-f", "json", "--lang", "en"]).stdout
    previous = tmp_path / "previous.json"
    previous.write_text(before, encoding="utf-8")
    # all 46 findings (B007's among them) are still open: the same file audited twice
    for lang, expected in (("en", "Findings since the previous audit: still open 46."),
                           ("nl", "Bevindingen sinds het vorige onderzoek: nog open 46.")):
        text = runner.invoke(app, ["memo", "examples/small-municipality.yaml", "--previous", str(previous),
                                   "--lang", lang]).stdout
        assert expected in text
        assert " 0" not in section(text, "Aanleiding" if lang == "nl" else "Background")


# ---------------------------------------------------------------- decisions on facts nobody recorded


def decisions(text: str) -> list[str]:
    """The numbered decision points of a memo."""
    body = section(text, "Beslispunten") if "## Beslispunten" in text else section(text, "Decisions")
    return [line.split(". ", 1)[1] for line in body.splitlines() if line[:1].isdigit()]


def test_no_decision_rests_on_a_fact_nobody_recorded() -> None:
    # every finding of "status online" in the large example is a fact not recorded: record it first
    points = decisions(memo("large-municipality"))
    assert not any(p.startswith("Aanvragers de status van hun aanvraag online laten volgen") for p in points)
    assert not any(p.startswith("De proceseigenaren aanwijzen") for p in points)  # no owner recorded, none observed
    assert points[-1].startswith(
        "De ontbrekende feiten laten vastleggen. Het onderzoek kon niet vaststellen of is voldaan aan "
        '"Elk product heeft een proceseigenaar" (bij de producten Jeugdsportsubsidie, Naamgebruik verzoek aanduiding, '
        "Dierenopvang en 15 andere); "
        '"Elk product heeft prestatie-indicatoren" (bij de producten Afvalinzameling blik, Jeugdsportsubsidie, '
        'Gehandicaptenparkeerkaart passagier en 50 andere); '
        '"Formulieren landen in een systeem waarin ze digitaal worden verwerkt" (bij de producten Bouwwerk '
        "voltooiingsverklaring, Kiezerspas, Gehandicaptenparkeerkaart instellingen en vier andere); "
        '"Aanvragers kunnen de status van hun aanvraag online volgen" (bij de producten Jeugdsportsubsidie, '
        "Gehandicaptenparkeerkaart passagier, Blindengeleidehond en 112 andere); "
        '"De koers heeft meetbare doelen en wordt op resultaat herzien". '
        # twelve norms are not yet shown: four named here (forms fall short on recorded facts too), eight more
        "Pas met die feiten kan daarover worden besloten. Dat geldt ook voor de feiten achter nog acht normen (zie "
        "het adviesrapport). Eigenaar: de algemeen directeur; gereed uiterlijk "
        "18 januari 2027.")
    # forms: the action names the 32 products observed to fall short, not the 7 whose facts are missing;
    # those whose forms bring the most requests first (issue 25: a form's action counts what the forms brought)
    from digimandate.render.doc.actions import observed, recommendations

    forms = next(rec for rec in observed(recommendations(audited("large-municipality"))) if rec.rule.id == "P001")
    assert len(forms.entities) == 32
    assert forms.entities[:3] == ("processes/bijstandsverhaal", "processes/ioaw-uitkering",
                                  "processes/jeugdsportsubsidie")
    english = memo("english-agency", "en")
    assert "Let applicants follow the status" not in english
    assert decisions(english)[-1].startswith(
        'Have the missing facts recorded. The audit could not establish compliance with "Every product has '
        'performance indicators" (for the product Lodge an objection); "Applicants can follow the status of '
        'their request online" (for the products Apply for housing allowance and Lodge an objection); "The course has '
        'measurable goals and is revisited on its results". Only with those facts can that be decided. The same holds '
        "for the facts behind another four standards (see the advice report). "
        "Owner: the Chief Operating Officer; done by 18 January 2027.")


def test_an_argument_on_a_fact_not_recorded_says_not_shown() -> None:
    # recording facts is the directie's work, whichever body decides once they are known
    college = section(memo("large-municipality", "en"), "Arguments")
    assert '"The course has measurable goals and is revisited on its results"' in decisions(
        memo("large-municipality", "en"))[-1]
    # the raad adopted the vision, only the directie did not: that is the directie's point, not the college's
    assert "adopted the course" not in college


def test_decision_points_fill_in_the_parameters_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    from digimandate.render.doc import actions
    from digimandate.render.doc import memo as module

    monkeypatch.setattr(module, "MAX_DECISIONS", 20)
    # the DT-notitie decides what the report puts first: put every action first, reporting and e-mail included
    monkeypatch.setattr(actions, "TOP", 20)
    points = decisions(memo("small-municipality"))
    # the decision does not repeat the label; its argument, the finding, says the threshold is the checklist's own
    (report,) = [p for p in points if "de uitgebleven rapportage" in p.lower()]
    assert "daarna minstens jaarlijks" in report
    assert "norm: jaarlijks (eigen norm van de checklist)" in report
    # the small municipality has no chat, app or social media: its decision names e-mail only
    assert any("alle digitale aanvraagroutes (ook e-mail) aansluiten op het zaaksysteem." in p.lower() for p in points)
    # a decision point is one plain action: no "opdracht geven ... te laten" chain of infinitives
    assert not [p for p in points if "te laten" in p or "laten landen" in p]
    assert not any("{" in p for p in points)


# ---------------------------------------------------------------- one count of decision points per body


OTHER = re.compile(r"Een aparte (?:DT-)?notitie legt (?P<nl>.+) (?P<n>\w+) beslispunt(?:en)? voor\."
                   r"|A separate memo puts (?P<m>\w+) decision points? (?:to|before) (?P<en>.+)\.")
# a count in running text is a word up to twelve ("zes beslispunten")
NUMBERS = {w: i for words in ("één twee drie vier vijf zes zeven acht negen tien elf twaalf",
                              "one two three four five six seven eight nine ten eleven twelve")
           for i, w in enumerate(words.split(), 1)}


def stated(text: str) -> dict[str, int]:
    """How many decision points a memo says the memo to another body puts to it, by body."""
    return {m["nl"] or m["en"]: NUMBERS.get(m["n"] or m["m"]) or int(m["n"] or m["m"]) for m in OTHER.finditer(text)}


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_memos_of_both_bodies_agree_on_their_decisions(example: str, lang: Lang) -> None:
    # as published: the executive gets the proposal where it decides something, else an information memo
    directie, college = published(example, lang, "directie"), published(example, lang, "college")
    assert list(stated(college).values()) == [len(decisions(directie))]
    assert list(stated(directie).values()) == ([len(decisions(college))] if decisions(college) else [])


def published(example: str, lang: Lang, audience: Audience) -> str:
    from digimandate.render.doc.publish import build

    return render_markdown(build(audited(example), "memo", lang, WRITTEN, audience))


def test_capped_decisions_are_counted_alike_and_left_to_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    from digimandate.render.doc import memo as module

    monkeypatch.setattr(module, "MAX_DECISIONS", 3)
    directie, college = memo("large-municipality", "nl"), memo("large-municipality", "nl", "college")
    # what the report puts first is never capped away: four of them, and the point to record missing facts
    assert len(decisions(directie)) == 5
    # the rest by the report's recommendations, never by norm
    rest = ("Over de andere acties waarover het adviesrapport de directie laat besluiten (aanbevelingen 2, 3, 4 en 5), "
            "besluit de directie uiterlijk 18 december 2026.")  # a month on: before the first of that work is due
    assert rest in section(directie, "Uitvoering en vervolg")
    assert f"Een aparte notitie legt de directie vijf beslispunten voor.\n\n{rest}" in college


# ---------------------------------------------------------------- the intended effect


def test_the_effect_names_the_levels_the_decisions_reach() -> None:
    # mandate and channels: their next rung is blocked only by rules this memo decides on observed facts
    assert section(memo("large-municipality"), "Beoogd effect") == (
        "Als alle beslispunten zijn uitgevoerd, ook die eerst met een raming worden uitgewerkt:\n\n"
        "- Mandaat: van niveau 2 (Belegd) naar niveau 3 (Gemandateerd).\n"
        "- Kanalen: van niveau 2 (Belegd) naar niveau 3 (Gemandateerd).\n"
        "- Processen van begin tot eind: van niveau 1 (Ad hoc) naar niveau 2 (Belegd).\n\n"
        "Het totale niveau blijft niveau 1 (Ad hoc) zolang niet is aangetoond dat is voldaan aan: \"Elk product heeft "
        "een proceseigenaar\" en \"Elk product heeft prestatie-indicatoren\"; eerst worden die feiten vastgelegd.")
    # the agency's directie adopted its course, which meets B002 for an organisation without raad or college
    # (tip16 2.2): its management decides what raises mandate and channels
    assert section(memo("english-agency", "en", "directie"), "Intended effect") == (
        "Once all decision points are carried out, including those first worked out with a cost estimate:\n\n"
        "- Mandate: from level 2 (Assigned) to level 3 (Mandated).\n"
        "- Channels: from level 2 (Assigned) to level 3 (Mandated).\n"
        "- End-to-end processes: from level 1 (Ad hoc) to level 2 (Assigned).\n\n"
        "The overall level stays at level 1 (Ad hoc) as long as it is not established that these are met: \"Every "
        "product has performance indicators\"; those facts are recorded first.")


def test_no_level_is_claimed_when_no_decision_removes_a_blocker() -> None:
    # the small college decides nothing that blocks a next level: the directie grants the mandate (tip16 2.2)
    effect = section(memo("small-municipality", "nl", "college"), "Beoogd effect")
    assert effect.startswith("De beslispunten brengen nog geen dimensie een niveau hoger; ze bereiden dat voor "
                             "of dragen bij aan een hoger niveau daarna.\n\nHet totale niveau blijft niveau 1 (Ad hoc) ")
    assert "dichter bij" not in effect and "bereiken" not in effect
    assert "niveau 2" not in effect


def with_maturity(example: str, **dims: tuple[int, tuple[str, ...]]) -> Audited:
    """An audit whose dimensions have the given level and blocking rules, and the overall level that follows."""
    a = audited(example)
    m = a.result.maturity
    scored = {n: dataclasses.replace(d, level=dims[n][0], blocking=dims[n][1]) if n in dims else d
              for n, d in m.dimensions.items()}
    overall = min(d.level for d in scored.values() if d.level is not None and d.graded)
    blocking = tuple(sorted({b for d in scored.values() if d.level == overall for b in d.blocking}))
    maturity = dataclasses.replace(m, dimensions=scored, level=overall, blocking=blocking)
    return dataclasses.replace(a, result=dataclasses.replace(a.result, maturity=maturity))


def test_a_blocker_decided_on_part_of_its_places_brings_a_level_closer_not_reached() -> None:
    # forms (large example): 28 products observed, 8 not recorded; as the only blocker of the next rung
    a = with_maturity("large-municipality", processes=(1, ("P001",)))
    effect = section(render_markdown(build_memo(a, DocContext("nl", WRITTEN), "directie")), "Beoogd effect")
    assert ("- Processen van begin tot eind: dichter bij niveau 2 (Belegd); daarvoor moet ook zijn voldaan aan: "
            "\"Formulieren landen in een systeem waarin ze digitaal worden verwerkt\".") in effect


def test_the_overall_level_is_claimed_when_the_decisions_clear_all_that_blocks_it() -> None:
    # only mandate and channels at level 2, each blocked by one rule the directie decides on observed facts
    a = with_maturity("english-agency", board=(3, ()), ownership=(3, ()), processes=(3, ()), feedback=(3, ()))
    effect = section(render_markdown(build_memo(a, DocContext("en", WRITTEN), "directie")), "Intended effect")
    assert effect.endswith("The organisation as a whole can then reach level 3 (Mandated): " + t("level_3_desc", "en")
                           + ".")


# ---------------------------------------------------------------- finance


def test_finance_decides_small_work_now_and_has_large_work_estimated_first() -> None:
    directie = memo("small-municipality", "nl", "directie")  # the directie grants the mandate (tip16 2.2)
    assert section(directie, "Financiën") == (
        "Het mandaat vraagt minstens 0,5 fte aan tijd van wie het houdt (eigen norm van de checklist).\n\n"
        "Voor beslispunten 1, 2, 3 en 6 is de inspanning klein tot middelgroot (zie het adviesrapport); voorgesteld wordt "
        "daarover nu te besluiten en het werk met bestaande medewerkers te doen.\n\n"
        "Voor beslispunten 4 en 5 is de inspanning groot: nu wordt alleen besloten tot een uitwerking met een "
        "raming van de kosten, die uiterlijk 18 februari 2027 voorligt; over de uitvoering wordt daarna besloten.")
    # with the response, the mandate's estimate is due on the date it promised and the other on its own: each point
    # keeps its date, and the paragraph says the last
    result = CliRunner().invoke(app, ["memo", "examples/small-municipality.yaml", "--reactie",
                                      "examples/audit/small-municipality.reactie.yaml", "--date", "2027-02-03",
                                      "--no-config", "--lang", "nl"])
    assert ("Voor beslispunten 4 en 5 is de inspanning groot: nu wordt alleen besloten tot een uitwerking met een "
            "raming van de kosten, die voorligt op de datum die het beslispunt noemt, de laatste op 30 juni 2027; over "
            "de uitvoering wordt daarna besloten.") in result.stdout
    assert "uitwerking met kostenraming, uiterlijk 3 mei 2027" in result.stdout
    # the costly point itself says what is decided now, and the staff time the directie frees for it
    assert decisions(directie)[3].startswith("Het bestaande afdelingsmandaat stap voor stap verbreden tot een "
                                             "organisatiebreed mandaat")
    assert "Daarvoor minstens 0,5 fte vrijmaken binnen de bestaande formatie." in decisions(directie)[3]
    assert ("Veel werk: nu wordt besloten tot een uitwerking met kostenraming, uiterlijk 18 februari 2027; daarna "
            "volgt het besluit over de uitvoering. Eigenaar: een directielid dat de directie aanwijst. "
            "Argument:") in decisions(directie)[3]
    english = memo("large-municipality", "en")
    assert section(english, "Finance") == (
        "For decision points 1, 2, 3 and 5 the effort is small to medium (see the advice report); the proposal is to "
        "decide on this now and do the work with existing staff.\n\n"
        "For decision point 4 the effort is large: what is decided now is only a worked-out plan with a cost "
        "estimate, due by 18 February 2027; the implementation is decided after that.")
    assert "Once all decision points are carried out, including those first worked out with a cost estimate:" in english
    for text in (directie, english, memo("english-agency", "en")):
        assert "te ramen" not in text and "to be estimated" not in text and "komen bij het besluit" not in text
    assert "For decision points 1, 2, 4 and 5 the effort is small to medium" in memo("english-agency", "en")
    # half a year after the estimates of the large work are due (18 February 2027), after the summer recess
    assert "Een vervolgonderzoek op 1 september 2027" in section(directie, "Uitvoering en vervolg")



# ---------------------------------------------------------------- communication, and a memo with nothing to decide


def test_the_mandate_is_announced_only_when_a_decision_grants_or_changes_it() -> None:
    # the directie grants the organisation-wide mandate (tip16 2.2), the college is informed and decides none of it
    small = memo("small-municipality")
    assert section(small, "Communicatie") == (
        "Na het besluit over het mandaat worden het mandaat en wie het houdt aan de hele organisatie bekendgemaakt: "
        "via intranet, in het managementoverleg en op de afdelingen.")
    assert "(WOR artikel 25)" in small
    college = memo("small-municipality", "nl", "college")
    assert section(college, "Communicatie") == (
        "Na het besluit horen de betrokken afdelingen in het managementoverleg wat het van hen vraagt.")
    assert "bekendgemaakt" not in college and "WOR" not in college
    # large: the mandate exists since a Directiebesluit and was announced; the directie drops an approval
    large = memo("large-municipality", "en")
    assert section(large, "Communication") == (
        "After the decision the change to the mandate is announced to the whole organisation: on the intranet, "
        "in the management meeting and in the departments.")
    assert "the mandate and its holders are announced" not in large
    assert "announced" not in memo("large-municipality", "en", "college")  # the course only


@pytest.mark.parametrize("audience", ["directie", "college"])
def test_a_memo_with_nothing_to_decide_stays_an_information_note(audience: Audience) -> None:
    nl, en = memo("mature-municipality", "nl", audience), memo("mature-municipality", "en", audience)
    assert "| **Status** | ter informatie |" in nl and "| **Status** | for information |" in en
    if audience == "college":  # no proposal ("Collegevoorstel") without anything proposed
        assert nl.startswith("# Informatienota\n") and en.startswith("# Information memo\n")
    else:
        assert nl.startswith("# DT-notitie\n")
    for phrase in ("WOR", "Na het besluit", "bekendgemaakt", "De acties volgen", "ter besluitvorming"):
        assert phrase not in nl, phrase
    for phrase in ("Works Councils Act", "After the decision", "announced", "The actions follow", "for decision"):
        assert phrase not in en, phrase
    assert section(nl, "Communicatie") == \
        "Deze notitie is ter informatie; het adviesrapport kan met de afdelingen worden gedeeld."
    # its mandate is reviewed on 15 January 2027, before the follow-up: said, as nothing else would (tip16 2.2)
    assert section(nl, "Uitvoering en vervolg") == (
        "Een vervolgonderzoek op 18 mei 2027 laat zien hoe de organisatie er dan voor staat.\n\n"
        "Het organisatiebrede mandaat wordt volgens het besluit op 15 januari 2027 herzien, vóór het vervolgonderzoek "
        "op 18 mei 2027: die herziening kan de uitkomst van het vervolgonderzoek dus niet gebruiken. Stem de twee data "
        "op elkaar af." + ("\n\nEen aparte notitie legt het college van B&W drie beslispunten voor."
                          if audience == "directie" else ""))
    assert section(nl, "Financiën") == "Deze notitie heeft geen financiële gevolgen."
    assert section(en, "Points to note").count("\n- ") == 0  # the Awb note alone


def test_an_information_note_beside_findings_claims_no_effect() -> None:
    # the English agency with only the findings no body decides on: nothing for the directie
    a = audited("english-agency")
    undecided = tuple(f for f in a.result.findings if a.rules.rules[f.rule].spec.decided_by is None)
    # and only those on facts nobody recorded: an observed one the report puts first is a decision of the directie
    undecided = tuple(f for f in undecided if basis(f) == "not_recorded")
    # and none that holds the level: the directie has those facts recorded whoever decides
    undecided = tuple(f for f in undecided if f.rule not in a.result.maturity.blocking)
    a = dataclasses.replace(a, result=dataclasses.replace(a.result, findings=undecided))
    text = render_markdown(build_memo(a, DocContext("nl", WRITTEN), "directie"))
    assert "| **Status** | ter informatie |" in text
    assert section(text, "Beoogd effect") == (
        "Deze notitie vraagt geen besluit en beoogt dus geen eigen effect; het adviesrapport beschrijft wat de "
        "organisatie verder brengt.")
    assert section(text, "Uitvoering en vervolg") == (
        "Een vervolgonderzoek op 18 mei 2027 laat zien wat de acties uit het adviesrapport hebben opgeleverd.\n\n"
        "Een aparte notitie legt het ministerie drie beslispunten voor.")  # the concept, its response, the mandate
    assert "WOR" not in text and "Na het besluit" not in text


# ---------------------------------------------------------------- what a rule means for the memo lives in the checklist


def with_spec(a: Audited, rule_id: str, **update: object) -> Audited:
    """The audit judged by a catalogue in which one rule's spec is changed."""
    rules = dict(a.rules.rules)
    rules[rule_id] = dataclasses.replace(rules[rule_id], spec=rules[rule_id].spec.model_copy(update=update))
    return dataclasses.replace(a, rules=dataclasses.replace(a.rules, rules=rules))


def finance_of(a: Audited) -> str:
    return section(render_markdown(build_memo(a, DocContext("nl", WRITTEN, None), "directie")), "Financiën")


def test_the_time_a_decision_reserves_is_the_checklists_word() -> None:
    a = audited("small-municipality")
    assert finance_of(a).startswith("Het mandaat vraagt minstens 0,5 fte aan tijd van wie het houdt")
    # the rule no longer reserves time: no sentence about time, whatever its id
    assert " fte " not in finance_of(with_spec(a, "M001", reserves_fte=None))
    # the parameter it names, with the value in force
    changed = with_spec(a, "M001", reserves_fte="M018.min_fte")
    rules = dict(changed.rules.rules)
    rules["M018"] = dataclasses.replace(rules["M018"], params={**rules["M018"].params, "min_fte": 0.8})
    changed = dataclasses.replace(changed, rules=dataclasses.replace(changed.rules, rules=rules))
    assert finance_of(changed).startswith("Het mandaat vraagt minstens 0,8 fte aan tijd van wie het houdt")


def test_every_reserved_time_names_a_numeric_parameter_of_a_rule() -> None:
    from digimandate.audit.checklist import load_ruleset

    rules = load_ruleset().rules
    named = {rule.id: rule.spec.reserves_fte for rule in rules.values() if rule.spec.reserves_fte}
    assert named == {"M001": "M009.min_fte", "M009": "M009.min_fte", "M018": "M018.min_fte"}
    for ref in named.values():
        rule_id, _, key = ref.partition(".")
        value = rules[rule_id].spec.params[key].default
        assert isinstance(value, float) and not isinstance(value, bool)


# ---------------------------------------------------------------- what the report puts first, the memos decide


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
def test_every_action_the_report_puts_first_is_a_decision_point(example: str) -> None:
    from digimandate.render.doc.actions import first, observed, recommendations
    from digimandate.render.doc.memo import deciding_body, plan

    a = audited(example)
    recs = recommendations(a)
    leading = first(observed(recs), a.result.maturity.blocking)
    points = {rec.rule.id for body in ("directie", "college") for rec in plan(recs, body, a.result.maturity.blocking).decide}
    assert leading and all(rec.rule.id in points for rec in leading)
    assert all(deciding_body(rec, {r.rule.id for r in leading}) for rec in leading)


def test_the_small_memo_decides_the_reports_top_three_and_the_level_1_barrier() -> None:
    points = decisions(memo("small-municipality"))
    # the report's top three and the norms that hold the level, no more: the DT-notitie and the summary agree
    assert [p.split(". ", 1)[0] for p in points] == [
        "De goedkeuring per wijziging onder het afdelingsmandaat laten vervallen; kaders vooraf, verantwoording "
        "achteraf",
        "De bevoegdheden van het afdelingsmandaat uitbreiden: website en formulieren zelf aanpassen, voorstellen "
        "doen, medewerking verlangen",
        "De afdeling Klantcontactcentrum (het KCC) mede-eigenaar maken van www.dijkveld.nl",
        "Het bestaande afdelingsmandaat stap voor stap verbreden tot een organisatiebreed mandaat: eerst bevoegdheden "
        "en tijd, dan de dienstverlenende afdelingen, dan de hele organisatie; het college laten instemmen",
        "Eerst het feit vaststellen en de bron ervan vastleggen (nu zonder bron); daarna besluiten: "
        "opdracht geven aan een proceseigenaar die de directie aanwijst: maak het digitaal aanvragen of melden "
        "van het product mogelijk",
        "De ontbrekende feiten laten vastleggen"]
    # the norm that holds Processen at level 1: the directie commissions it, by the role that appoints an owner
    assert any("opdracht geven aan een proceseigenaar die de directie aanwijst: maak het digitaal "
               "aanvragen of melden van het product mogelijk. "
               "Dit geldt voor het product Melding openbare ruimte doen." in p for p in points)
    assert not [p for p in points if "aan te wijzen" in p or "aan te vragen" in p]
    # the channel gets a concrete co-owner: the KCC, which the file records
    assert any(p.startswith("De afdeling Klantcontactcentrum (het KCC) mede-eigenaar maken van www.dijkveld.nl.")
               for p in points)
    # so the level-1 barrier is no longer something the memo leaves standing
    assert "zolang niet is voldaan aan: Elk product is digitaal aan te vragen" not in memo("small-municipality")
    assert "- Processen van begin tot eind: van niveau 1 (Ad hoc) naar niveau 2 (Belegd)." in memo("small-municipality")


def test_a_norm_that_holds_the_level_and_another_body_decides_is_named_with_its_point() -> None:
    # were the norm that holds Processen at level 1 the college's to decide, the directie memo says where it is
    a = with_spec(audited("small-municipality"), "P003", decided_by="college")
    directie = render_markdown(build_memo(a, DocContext("nl", WRITTEN, final=True), "directie"))
    assert ("Het college van B&W besluit over \"Elk product is digitaal aan te vragen\": beslispunt 3 van de aparte "
            "notitie aan het college van B&W.") in section(directie, "Beoogd effect")
    # with the concept the executive answers all its recommendations in one point, its response: point 2
    concept = render_markdown(build_memo(a, DocContext("nl", WRITTEN), "directie"))
    assert ("Het college van B&W besluit over \"Elk product is digitaal aan te vragen\": beslispunt 2 van de aparte "
            "notitie aan het college van B&W.") in section(concept, "Beoogd effect")
    from digimandate.render.doc.proposal import build_proposal

    college = render_markdown(build_proposal(a, DocContext("nl", WRITTEN, final=True)))
    # the point quotes the action it asks for, by its number in appendix E of the report: 12, after the college's
    # new vision (B002 with B007 folded in, 11) that the Bestuurlijk commitment recommendation lists before it; the
    # fact it rests on has no source: recorded first, then agreed to
    assert ('\n3. Eerst het feit waarop dit besluit rust met een bron te laten vastleggen (nu een feit zonder bron: bij '
            'het product Melding openbare ruimte doen is aanvragen via de website niet mogelijk), en daarna in te '
            'stemmen met actie 12 van aanbeveling 4 uit het adviesrapport ("Maak het digitaal aanvragen of melden '
            'van het product mogelijk") en daartoe: opdracht geven aan de proceseigenaren: maak het digitaal aanvragen '
            "of melden van het product mogelijk. Dit geldt voor het product Melding openbare ruimte doen. Trekker is ") in section(college, "Beslispunten")


def test_decisions_left_to_the_report_are_named_with_a_date() -> None:
    follow = section(memo("small-municipality"), "Uitvoering en vervolg")
    # by the report's recommendations, never by the titles of norms
    # only the actions the directie decides: action 11 of recommendation 3 is the college's
    assert ("Over de andere acties waarover het adviesrapport de directie laat besluiten (aanbevelingen 1, 2, 3, 4 en "
            "5), besluit de directie uiterlijk 18 december 2026.") in follow
    assert "beslispunten (\"" not in follow


def test_the_argument_for_digital_intake_argues_why_not_what_to_do() -> None:
    point = next(p for p in decisions(memo("small-municipality")) if "digitaal aanvragen of melden van het product" in p)
    argument = point.split("Argument: ", 1)[1]
    # the organisation's own fact first, then the reason the norm gives
    assert argument.startswith("Bij het product Melding openbare ruimte doen is aanvragen via de website niet "
                               "mogelijk. Zonder digitale route moet wie het product aanvraagt bellen")
    assert "Laat weten" not in argument


# ---------------------------------------------------------------- arguments of the decision points


def _unquoted(text: str) -> str:
    """The text without what it quotes and without the attribution of a quote."""
    return re.sub(r'"[^"]*"|\((?:naar|after) Optimaal Digitaal[^)]*\)', "", text)


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_decision_point_is_argued_from_the_organisations_facts_and_the_norm(example: str, lang: Lang) -> None:
    """A practitioner's quote supports an argument at most: each point opens with the fact found, then a reason."""
    from digimandate.render.doc.actions import recommendations
    from digimandate.render.doc.adapter import top_entity
    from digimandate.render.doc.memo import plan
    from digimandate.render.doc.names import Names

    a = audited(example)
    text = memo(example, lang)
    names = Names(a, lang)
    label = t("doc_decision_argument", lang, text="")
    points = [line for line in section(text, t("doc_h_decisions", lang)).splitlines() if re.match(r"\d+\. ", line)]
    decided = plan(recommendations(a), "directie", a.result.maturity.blocking, a.result).decide
    assert decided and len(points) >= len(decided)
    for rec, point in zip(decided, points, strict=False):
        argument = point.split(label, 1)[1]
        # the first place the point lists: "Dit geldt voor A, B en C" argues from A's fact
        order = {e: i for i, e in enumerate(rec.entities)}
        seen = sorted((f for f in rec.findings if basis(f) == "observed"),
                      key=lambda f: order.get(top_entity(f.entity), len(order)))
        fact = names.message(seen[0]).rstrip(".")
        # the fact as found (the memo fits its words to the channels the organisation has: compare its opening)
        opening = " ".join(fact.split()[:4])
        assert argument.startswith(opening[:1].upper() + opening[1:]), (rec.rule.id, argument)
        reason = _unquoted(argument[len(fact):]).strip(" .;")
        assert len(reason) > 40, (rec.rule.id, argument)  # a reason of its own beside any quote


def test_the_online_channel_point_gives_the_reason_and_the_quote_only_as_support() -> None:
    point = next(line for line in memo("small-municipality").splitlines()
                 if re.match(r"\d\. De afdeling Klantcontactcentrum \(het KCC\) mede-eigenaar", line))
    # the memo argues with the fact and the first sentence of the reason; the rest of the reason and the
    # practitioner's words stay in the report, after the reason
    assert point.endswith(
        "Argument: Website www.dijkveld.nl is alleen van de communicatieafdeling (Communicatie); geen dienstverlenende "
        "afdeling is mede-eigenaar. Wie het online kanaal beheert, bepaalt wat inwoners en bedrijven online kunnen "
        "regelen."), point
    from digimandate.render.doc.names import why

    assert why(audited("small-municipality").rules.rules["C001"].spec, "nl").endswith(
        "die vooral let op voorlichting en huisstijl. \"Het online kanaal is vaak het domein van de afdeling "
        "Communicatie. Dat is niet goed, want zij houden zich lang niet altijd bezig met dienstverlening.\" (naar "
        "Optimaal Digitaal: Gemeente Zeewolde)")


def test_a_reason_is_cut_after_its_first_sentence_only() -> None:
    from digimandate.render.doc.memo import first_sentence

    assert first_sentence('Zij "gaat erover". Dat helpt.') == 'Zij "gaat erover".'
    assert first_sentence("Wie gaat erover?” Niemand.") == "Wie gaat erover?”"
    assert first_sentence("Artikel 2:1 Awb, art. 2 lid 1. Daarna meer.") == "Artikel 2:1 Awb, art. 2 lid 1."
    assert first_sentence("Een zin zonder einde") == "Een zin zonder einde"


def test_a_point_on_many_products_names_the_first_and_counts_the_others() -> None:
    point = next(line for line in memo("large-municipality").splitlines() if "digitaal aanvragen of melden van het product" in line)
    # the argument names the first product of the same list the point gives, in the same order
    assert ("Dit geldt voor de producten Bijzonderebijstandsuitkering, Bedrijf aan huis melding, Belastingbetalingsregeling en 19 "
            "andere.") in point, point
    assert ("Argument: Bij het product Bijzonderebijstandsuitkering is aanvragen via de website niet mogelijk; zo ook "
            "bij nog 21 producten. Zonder digitale route") in point, point
    assert "Betreft" not in point


def test_a_rationale_that_opens_with_a_quote_gives_its_reason_first() -> None:
    from digimandate.render.doc.names import why

    spec = audited("large-municipality").rules.rules["M007"].spec
    assert why(spec, "nl") == (
        "Toestemming per wijziging neemt de autonomie weg die het werk motiverend en snel maakt. \"Als ik bij elke "
        "mutatie naar mijn baas moet, of naar het KCC of ICT dan wordt het niks.\" (naar Optimaal Digitaal: Gemeente "
        "Zeewolde)")
    # a memo's argument keeps the reason alone; a quoted phrase inside a reason stays
    assert why(spec, "nl", quotes=False) == "Toestemming per wijziging neemt de autonomie weg die het werk " \
        "motiverend en snel maakt."
    assert '"over gaat"' in why(audited("large-municipality").rules.rules["M001"].spec, "nl", quotes=False)


# ---------------------------------------------------------------- the vision's term


def _with_vision_until(example: str, day: date | None, adopted_by: str | None = None) -> Audited:
    """The example with its vision running until ``day`` (and adopted by ``adopted_by``, where given)."""
    from digimandate.model.org import Governance, Vision

    a = audited(example)
    gov = a.model.governance or Governance()
    update: dict[str, object] = {"valid_until": day}
    if adopted_by is not None:
        update["adopted_by"] = adopted_by
    vision = (gov.vision or Vision()).model_copy(update=update)
    model = a.model.model_copy(update={"governance": gov.model_copy(update={"vision": vision})})
    return dataclasses.replace(a, model=model)


def test_both_memos_say_a_vision_that_runs_out_before_the_follow_up_must_be_renewed() -> None:
    from digimandate.render.doc.proposal import build_proposal

    a = audited("small-municipality")  # "2022-2026": the example records that it ends with the year
    vision = a.model.governance.vision if a.model.governance else None
    assert vision is not None and vision.valid_until == date(2026, 12, 31)
    # no body adopted it: a vision is to be adopted, not "renewed"
    said = ('De visie "Dienstverleningsvisie 2022-2026" loopt af op 31 december 2026, vóór het vervolgonderzoek, en is '
            "door geen bestuursorgaan vastgesteld.")
    assert said in section(memo("small-municipality"), "Uitvoering en vervolg")
    college = render_markdown(build_proposal(a, DocContext("nl", WRITTEN)))
    assert said in section(college, "Uitvoering en vervolg")
    assert ('The vision "Dienstverleningsvisie 2022-2026" runs out on 31 December 2026, before the follow-up audit, '
            "and was adopted by no governing body.") in memo("small-municipality", "en")
    adopted = render_markdown(build_memo(_with_vision_until("small-municipality", date(2026, 12, 31), "raad"),
                                         DocContext("nl", WRITTEN), "directie"))
    assert ('De visie "Dienstverleningsvisie 2022-2026" loopt af op 31 december 2026, vóór het vervolgonderzoek, '
            "en moet worden vernieuwd.") in adopted
    # a vision without an end date has nothing to renew
    assert "De visie" not in render_markdown(build_memo(_with_vision_until("small-municipality", None),
                                                        DocContext("nl", WRITTEN), "directie"))


def test_a_vision_that_ran_out_or_outlasts_the_follow_up() -> None:
    expired = render_markdown(build_memo(_with_vision_until("small-municipality", date(2025, 12, 31), "raad"),
                                         DocContext("nl", WRITTEN), "directie"))
    assert ('De visie "Dienstverleningsvisie 2022-2026" liep af op 31 december 2025: de visie moet worden vernieuwd, '
            "zodat er weer een geldende koers is.") in expired
    never = render_markdown(build_memo(_with_vision_until("small-municipality", date(2025, 12, 31)),
                                       DocContext("nl", WRITTEN), "directie"))
    assert ('De visie "Dienstverleningsvisie 2022-2026" liep af op 31 december 2025 en was door geen bestuursorgaan '
            "vastgesteld: er is geen geldende koers.") in never
    # the follow-up audit is on 1 September 2027: a vision in force until after it needs no word in the memo
    later = render_markdown(build_memo(_with_vision_until("small-municipality", date(2027, 9, 2)),
                                       DocContext("nl", WRITTEN), "directie"))
    assert "Een vervolgonderzoek op 1 september 2027" in later and "De visie" not in later
    assert "De visie" not in memo("large-municipality")  # no end date recorded


def test_a_decision_resting_only_on_a_fact_without_a_source_says_so_as_the_report_does() -> None:
    points = decisions(memo("small-municipality"))
    # "Melding openbare ruimte doen" has no digital route on a recorded fact that cites no source: that fact first
    digital = next(p for p in points if "digitaal aanvragen of melden van het product" in p)
    assert digital.startswith(
        "Eerst het feit vaststellen en de bron ervan vastleggen (nu zonder bron); daarna besluiten: "
        "opdracht geven aan een proceseigenaar die de directie aanwijst: maak het digitaal aanvragen of melden van het "
        "product mogelijk. Dit geldt voor het product Melding openbare ruimte doen. Veel werk:")
    # the co-ownership rests on the organogram: no label
    kcc = next(p for p in points if p.startswith("De afdeling Klantcontactcentrum (het KCC) mede-eigenaar"))
    assert "zonder bron" not in kcc
    assert "First establish the fact and record its source (now without one); then decide: instruct a process owner" \
        in memo("small-municipality", "en")


def _without_mandate_sources() -> Audited:
    """The small example with the mandate's facts recorded on no source."""
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    assert "    source: [werkafspraak, gesprek-adviseur]\n" in text
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"unsourced-{os.getpid()}.yaml"
    path.write_text(text.replace("    source: [werkafspraak, gesprek-adviseur]\n", ""), encoding="utf-8")
    try:
        run = Run(AuditOptions(no_config=True))
        run.audit([path], keep_models=True)
    finally:
        path.unlink()
    assert run.settings is not None and run.models[0] is not None
    return Audited(run.results[0], run.settings.ruleset, run.models[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_top_decision_on_a_fact_without_a_source_first_establishes_the_fact(lang: Lang) -> None:
    a = _without_mandate_sources()
    points = decisions(render_markdown(build_memo(a, DocContext(lang, WRITTEN), "directie")))
    first = ("Eerst het feit vaststellen en de bron ervan vastleggen (nu zonder bron); daarna besluiten: "
             if lang == "nl" else "First establish the fact and record its source (now without one); then decide: ")
    # the decision ready to take (the KCC's co-ownership, on the organogram) comes first; the mandate's wait
    assert points[0].startswith("De afdeling Klantcontactcentrum (het KCC) mede-eigenaar" if lang == "nl"
                                else "Make the contact centre (Klantcontactcentrum) co-owner")
    waiting = [p for p in points[1:] if p.startswith(first)]
    # the approval and the powers; with the mandate's facts on no source the mandate has no level (and so the
    # organisation none), and the memo asks for the missing facts before more decisions
    assert len(waiting) == 2, points
    assert a.result.maturity.dimensions["mandate"].reason == "insufficient_evidence"
    assert points[-1].startswith("De ontbrekende feiten laten vastleggen" if lang == "nl"
                                 else "Have the missing facts recorded"), points
    assert ("daarna besluiten: de goedkeuring per wijziging onder het afdelingsmandaat laten vervallen" if lang == "nl"
            else "then decide: drop the approval per change") in waiting[0]
    # the unsourced points are ranked after the sourced one in the proposal's notes too: one order for both memos
    from digimandate.render.doc.actions import recommendations
    from digimandate.render.doc.memo import plan

    order = [rec.rule.id for rec in plan(recommendations(a), "directie", a.result.maturity.blocking, a.result).decide]
    assert order[0] == "C001"


def test_the_legal_risk_says_it_rests_on_a_fact_without_a_source() -> None:
    from digimandate.render.doc.proposal import build_proposal

    college = render_markdown(build_proposal(audited("small-municipality"), DocContext("nl", WRITTEN)))
    assert ("blijkt die hulp er niet te zijn, dan is dat een juridisch risico. Dat Balie gemeentehuis geen hulp "
            "biedt, berust op een feit zonder bron.") in section(college, "Risico's en kanttekeningen")


def test_an_argument_names_the_norm_as_a_norm() -> None:
    # a norm's title is a statement ("the holder needs no approval"): the argument says it is the norm not met
    assert ('- Norm "De houder hoeft niet voor elke wijziging toestemming te vragen": niet voldaan bij '
            '"digital service delivery".') in section(memo("english-agency", "nl", "college"), "Argumenten")
    assert '- Standard "The role offers autonomy and feedback": not met for "digital service delivery".' in section(
        memo("english-agency", "en", "college"), "Arguments")
