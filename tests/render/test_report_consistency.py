"""One report, one story: what comes first, the dates, the labels and the stage agree everywhere in it."""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import pytest

from digimandate.audit.checklist import load_ruleset
from digimandate.audit.flow import audit_document
from digimandate.i18n import Lang
from digimandate.model.document import parse_document
from digimandate.render.common import Audited
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.report import build_report
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES

WRITTEN = date(2026, 12, 2)


@functools.cache  # an audit is frozen: the tests that read the same file share it
def audited(example: str) -> Audited:
    doc = parse_document((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"))
    rules = load_ruleset()
    return Audited(audit_document(doc, rules), rules, doc.model)


@functools.cache
def report(example: str, lang: Lang = "nl") -> str:
    return render_markdown(build_report(audited(example), DocContext(lang, WRITTEN)))


@pytest.mark.parametrize(("example", "lang"), [("small-municipality", "nl"), ("large-municipality", "nl"),
                                               ("english-agency", "en")])
def test_the_answer_on_what_comes_first_is_the_summary_list(example: str, lang: Lang) -> None:
    text = report(example, lang)
    head, first = ("Wat als eerste moet gebeuren:", "Eerst: ") if lang == "nl" else ("What should come first:",
                                                                                     "First: ")
    listed = text.split(head, 1)[1].strip().split("\n\n", 1)[0]
    # bullets, each naming its recommendation (never numbered 1..n beside "aanbeveling 4")
    assert all(line.startswith("- ") for line in listed.splitlines())
    refs = re.compile(r" (?:Zie aanbeveling|See recommendation) \d+\.$")
    assert all(refs.search(line) for line in listed.splitlines())
    items = [refs.sub("", line[2:]) for line in listed.splitlines()]
    answer = next(line for line in text.splitlines() if line.startswith("4. ") and first in line)
    # the same actions, as whole sentences of one paragraph: a count in brackets inside its sentence
    sentences = [re.sub(r"\.\s\(([^()]*)\)$", r" (\1).", item) for item in items]
    assert answer.split(first, 1)[1].startswith(" ".join(sentences))
    assert not re.search(r"\. \([^()]*\) [A-Z]", answer)  # never "… overgetypt. (1 product, …) Haal …"


def test_the_answer_on_what_comes_first_is_one_paragraph_of_sentences() -> None:
    text = report("small-municipality")
    answers = [line for line in text.splitlines() if line.startswith("4. Wat moet als eerste gebeuren")]
    assert len(answers) == 2  # the question in the scope, and its answer in the conclusions: one line, no list
    assert answers[1].startswith("4. Wat moet als eerste gebeuren om het volgende niveau te bereiken? Eerst: Laat de "
                                 "goedkeuring per wijziging onder het bestaande mandaat vervallen: ")
    assert ("Maak het digitaal aanvragen of melden van het product mogelijk. Dit geldt voor het product Melding openbare ruimte doen. Ga daarnaast "
            "eerst na: ") in answers[1]


def test_the_board_is_named_as_the_body_the_municipality_has() -> None:
    text = report("small-municipality")
    for said in ("informeer het bestuur", "Het bestuur wordt regelmatig", "rapportage aan het bestuur",
                 "aan directie en bestuur"):
        assert said not in text
    assert "#### Norm: Het college wordt regelmatig geïnformeerd over resultaten" in text
    assert "Stuur directie en college de rapportage over de resultaten" in text
    # an agency has no college: the ministry that owns it
    agency = report("english-agency")
    assert "Het ministerie wordt regelmatig geïnformeerd over resultaten" in agency and "college" not in agency.lower()
    english = report("english-agency", "en")
    assert "The ministry is regularly informed of results" in english and "The executive is" not in english
    assert "The executive is regularly informed of results" in report("small-municipality", "en")


@pytest.mark.parametrize(("lang", "said", "unsaid"), [
    ("nl", 'Niet vastgelegd is of de visie "Dienstverleningsvisie 2022-2026" meetbare doelen heeft',
     "zijn geen meetbare doelen vastgelegd"),
    ("nl", 'De visie "Dienstverleningsvisie 2022-2026" is niet vastgesteld door de raad, het college of de directie',
     "door niemand"),
    ("en", 'Whether the vision "Dienstverleningsvisie 2022-2026" has measurable goals is not recorded',
     "No measurable goals are recorded"),
    ("en", "has not been adopted by the council, the executive or management", "by anyone"),
])
def test_a_fact_not_recorded_is_not_written_as_an_absence_seen(lang: Lang, said: str, unsaid: str) -> None:
    text = report("small-municipality", lang)
    assert said in text
    assert unsaid not in text


def test_the_reason_for_time_does_not_contradict_the_recorded_fte() -> None:
    text = report("small-municipality")
    assert "0,3 fte" in text
    assert "paar uur per week" not in text


@pytest.mark.parametrize(("lang", "labels"), [("nl", ("niet voldaan", "niet aangetoond")),
                                              ("en", ("not met", "not established"))])
def test_the_answers_label_norms_as_appendix_d_does(lang: Lang, labels: tuple[str, str]) -> None:
    text = report("small-municipality", lang)
    answers = text.split("## Conclusi", 1)[1].split("\n## ", 1)[0]
    informed = "Het college wordt regelmatig geïnformeerd" if lang == "nl" else "The executive is regularly informed"
    appendix_d = text.split("## Bijlage D" if lang == "nl" else "## Appendix D", 1)[1].split("\n## ", 1)[0]
    row = next(line for line in appendix_d.splitlines() if f"| {informed}" in line)
    assert row.rstrip(" |").endswith(labels[0])  # appendix D: not met
    said = next(line for line in answers.splitlines() if informed in line)
    before = said.split(informed, 1)[0]
    label = re.findall(r"([A-Z][^.:]*):", before)[-1]
    assert labels[0] in label.lower()
    for unsaid in ("Verder te verbeteren", "Further to improve", "Te verbeteren:", "To improve:"):
        assert unsaid not in answers


def test_a_channel_recorded_as_giving_no_help_is_named_apart_from_the_unknown_ones() -> None:
    text = report("small-municipality")
    # one channel without help does not decide a norm that asks help on at least one: recorded, not "not met"
    assert ("Geen kanaal biedt aantoonbaar hulp bij digitale aanvragen: bij Balie gemeentehuis is vastgelegd dat er "
            "geen hulp is; bij www.dijkveld.nl, 14 0321, info@dijkveld.nl is niet vastgelegd of er hulp is") in text
    assert "(vastgelegd)" not in text  # "recorded" says what was recorded, not a label that reads as "established"
    assert "geen hulp (niet voldaan)" not in text


def test_an_organisation_wide_mandate_in_place_is_not_asked_for_again() -> None:
    text = report("large-municipality")  # Directiebesluit 2024-17: organisation-wide, approval still needed
    assert "tot het mandaat is verbreed" not in text
    # no action is the holder's here: the e-mail onto the case system is IT's work
    assert "toestemming nodig heeft; daarna de houder" not in text
    assert "| hoog / groot | het hoofd van Informatievoorziening en ICT |" in text
    assert "Het mandaat: organisatiebreed" not in text
    # its actions are about the powers (M007, M008) and the time in the departments (M012), not the standing
    assert "Het mandaat: de bevoegdheden en de tijd die het werk vraagt\n" in text
    small = report("small-municipality")  # only a departmental mandate: broadening it is the advice
    assert "### Aanbeveling 1. Het mandaat: organisatiebreed" in small


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
def test_an_action_is_done_after_what_it_follows_and_a_recommendation_with_its_last_action(example: str) -> None:
    from digimandate.render.doc.actions import observed, recommendations, waits_for
    from digimandate.render.doc.bundles import action_dues, bundles
    from digimandate.render.doc.common import schedule

    a = audited(example)
    recs = observed(recommendations(a))
    plan = schedule(a, WRITTEN, recs)
    dues = action_dues(recs, WRITTEN, plan.follow_up)
    by_rule = {rule: rec for rec in recs for rule in (rec.rule.id, *rec.merged)}
    for rec in recs:
        for first in waits_for(rec, rec.entities, by_rule):  # what concerns its places
            assert dues[rec.rule.id] > dues[first], (rec.rule.id, first)
        if rec.effort == "large":  # worked out with an estimate first, decided on, then done
            assert dues[rec.rule.id] > plan.estimate_due
    for b in bundles(a, "nl", WRITTEN, recs, plan.follow_up):
        assert b.due == max(dues[rec.rule.id] for rec in b.actions)
        assert b.due < plan.follow_up


def test_appendix_e_dates_each_action_after_the_one_it_follows() -> None:
    text = report("small-municipality")
    lines = text.splitlines()
    row = next(line for line in lines if line.startswith("| 10 | Sluit e-mail aan op het zaaksysteem"))
    assert row.endswith("| 9 | 3 juni 2027 |")  # a calendar month after action 9, done 3 May 2027
    # the departmental mandate broadened as recommendation 1 says: first the approval, the powers and the time,
    # then, in one action, the service departments and then the whole organisation
    assert next(line for line in lines if line.startswith("| 1 | Laat de goedkeuring")).endswith("| – | 2 februari 2027 |")
    assert next(line for line in lines if line.startswith("| 2 | Breid de bevoegdheden")).endswith("| – | 2 februari 2027 |")
    assert next(line for line in lines if line.startswith("| 8 | Maak ruimte voor")).endswith("| – | 2 maart 2027 |")
    assert next(line for line in lines if line.startswith("| 9 | Verbreed het bestaande afdelingsmandaat stap voor "
                                                          "stap tot een organisatiebreed")).endswith("| 1, 2, 8 | 3 mei 2027 |")
    # every route into a system for Melding openbare ruimte doen a month after its e-mail is connected (3 July 2027
    # is a Saturday): the last action of recommendation 4
    ruimte = text.split("### Ruimte en Vergunningen", 1)[1].split("\n### ", 1)[0]
    assert next(line for line in ruimte.splitlines() if line.startswith("| 14 | Laat ook aanvragen via telefoon")) \
        .endswith("| 10 | 5 juli 2027 |")
    processes = text.split("### Aanbeveling 4.", 1)[1].split("###", 1)[0]
    assert "| **Gereed uiterlijk** | 5 juli 2027 |" in processes


def test_a_departments_part_of_an_action_waits_only_for_what_concerns_its_own_places() -> None:
    actions = report("small-municipality").split("## Bijlage E.", 1)[1].split("\n## ", 1)[0]
    burgerzaken = actions.split("### Burgerzaken", 1)[1].split("\n### ", 1)[0]
    ruimte = actions.split("### Ruimte en Vergunningen", 1)[1].split("\n### ", 1)[0]
    # forms landing (action 6) concerns Parkeervergunning only: Ruimte en Vergunningen's part does not wait for it;
    # e-mail connected to the case system (action 10) concerns Melding openbare ruimte doen only: Burgerzaken's part
    # does not wait for that. Number 14: B007 is folded into action 11 and M015 into action 9, no numbers of their own
    other = "| 14 | Laat ook aanvragen via telefoon, balie, e-mail en post landen in een systeem."
    assert next(line for line in burgerzaken.splitlines() if line.startswith(other)).endswith("| 6 | 3 juni 2027 |")
    assert next(line for line in ruimte.splitlines() if line.startswith(other)).endswith("| 10 | 5 juli 2027 |")
    assert "Een actie die meer afdelingen raakt, staat bij elk van die afdelingen met hetzelfde nummer" in actions


def test_one_action_makes_the_kcc_co_owner_of_the_website() -> None:
    text = report("small-municipality")
    actions = text.split("## Bijlage E.", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in actions.splitlines() if "mede-eigenaar" in line]
    assert rows == ["| 3 | Maak het KCC mede-eigenaar van de website. Dit geldt voor het kanaal www.dijkveld.nl. | hoog / middel | "
                    "de directie | – | 2 maart 2027 |"]
    channels = text.split("### Aanbeveling 2.", 1)[1].split("###", 1)[0]
    assert ("| **Dekt de normen** | Het online kanaal is niet alleen het domein van Communicatie; Het KCC is "
            "verbonden met de online kanalen; Telefoon en balie wijzen de weg naar digitaal |") in channels
    # both norms point at the recommendation that carries the one action
    kcc = text.split("#### Norm: Het KCC is verbonden met de online kanalen", 1)[1].split("####", 1)[0]
    assert "**Actie:** zie aanbeveling 2." in kcc


def test_one_action_broadens_the_departmental_mandate_and_its_reach_stays_a_finding() -> None:
    text = report("small-municipality")
    actions = text.split("## Bijlage E.", 1)[1].split("\n## ", 1)[0]
    # the reach of the departmental mandate (M015) is a step of broadening it into an organisation-wide one (M001):
    # one action, not a second one beside it
    rows = [line for line in actions.splitlines() if "Verbreed het bestaande afdelingsmandaat" in line]
    assert rows == ["| 9 | Verbreed het bestaande afdelingsmandaat stap voor stap tot een organisatiebreed mandaat: eerst "
                    "de bevoegdheden en de tijd, dan de afdelingen van de dienstverlening, dan de hele organisatie; leg "
                    "elke stap vast in een directiebesluit en leg het organisatiebrede mandaat ter instemming aan het "
                    "college voor. | hoog / groot | de directie | "
                    "1, 2, 8 | 3 mei 2027 |"]
    assert "eerst naar de afdelingen die producten leveren en klanten te woord staan" not in text
    # the norm is still judged and reported, and points at the recommendation whose action does it
    reach = text.split("#### Norm: Zonder organisatiebreed mandaat reikt het afdelingsmandaat tot de afdelingen van de "
                       "dienstverlening\n", 1)[1].split("####", 1)[0]
    assert ("**Bevinding:** Afdelingsmandaat \"website en e-formulieren\" geldt alleen voor Communicatie; de afdelingen "
            "van de dienstverlening vallen erbuiten: Klantcontactcentrum, Burgerzaken, Ruimte en Vergunningen "
            "(vastgelegd feit; bron \\[2\\])") in reach
    assert "**Actie:** zie aanbeveling 1." in reach
    mandate = text.split("### Aanbeveling 1.", 1)[1].split("###", 1)[0]
    assert "Zonder organisatiebreed mandaat reikt het afdelingsmandaat tot de afdelingen van de dienstverlening" in mandate
    english = report("small-municipality", "en")
    assert english.count("| Broaden the existing departmental mandate") == 1


def test_an_action_waits_for_one_on_other_products_nowhere_and_its_recommendation_not_either(tmp_path: Path) -> None:
    # the phone lands in the case system: every route into a system (P004) is left for Evenementenvergunning only,
    # while e-mail (P005) and forms (P001) are to be connected for the other two products
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    assert text.count("{channel: telefoon, lands_in: info-postbus}") == 2
    doc = parse_document(text.replace("{channel: telefoon, lands_in: info-postbus}",
                                      "{channel: telefoon, lands_in: zaaksysteem}"))
    rules = load_ruleset()
    a = Audited(audit_document(doc, rules), rules, doc.model)
    nl = render_markdown(build_report(a, DocContext("nl", WRITTEN)))
    ruimte = nl.split("### Ruimte en Vergunningen", 1)[1].split("\n### ", 1)[0]
    assert next(line for line in ruimte.splitlines() if line.startswith("| 14 | Laat ook aanvragen via telefoon")) \
        .endswith("Dit geldt voor het product Evenementenvergunning aanvragen. (85 aanvragen per jaar) | laag / middel | de "
                  "vergunningverlener | – | 2 maart 2027 |")
    # so recommendation 4 is done with its last action (7 and 10, on 3 June 2027), not a month after e-mail is
    # connected for another product
    processes = nl.split("### Aanbeveling 4.", 1)[1].split("###", 1)[0]
    assert "| **Gereed uiterlijk** | 3 juni 2027 |" in processes
    dues = [dutch_date(line.strip("| ").rsplit(" | ", 1)[1]) for line in nl.split("## Bijlage E.", 1)[1].split("\n## ", 1)[0]
            .splitlines() if re.match(r"\| (6|7|10|12|14) \|", line)]
    assert max(dues) == date(2027, 6, 3)
    from digimandate.render.documents import _ranked

    ranked = {row["rule"]: row for row in _ranked(a, "nl", WRITTEN)}
    assert ranked["P004"]["after"] == []  # a template reads what the report's appendix E says


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def dutch_date(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(day))


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
def test_every_route_into_a_system_is_due_after_e_mail_is_connected_for_the_same_product(example: str) -> None:
    from digimandate.render.doc.actions import action_numbers, observed, recommendations

    numbers = action_numbers(observed(recommendations(audited(example), WRITTEN)))
    actions = report(example).split("## Bijlage E.", 1)[1].split("\n## ", 1)[0]
    products = [p.name for p in audited(example).model.processes]
    pairs = 0
    for part in actions.split("\n### ")[1:]:
        rows = [[c.strip() for c in line.strip("|").split(" | ")] for line in part.splitlines()
                if re.match(r"\| \d+ \|", line)]
        every_route = [row for row in rows if int(row[0]) == numbers.get("P004")]
        e_mail = [row for row in rows if int(row[0]) == numbers.get("P005")]
        for route in every_route:
            for mail in e_mail:
                # a product both concern, named as a whole name in its list ("Dit geldt voor de producten A, B en C.")
                place = r"(voor (?:het product |de producten )?|, | en )"
                shared = [p for p in products if re.search(rf"{place}{re.escape(p)}[,. ]", route[1])
                          and re.search(rf"{place}{re.escape(p)}[,. ]", mail[1])]
                if shared:
                    pairs += 1
                    assert mail[0] in route[4].split(", "), (shared, route)  # it says what it waits for
                    assert dutch_date(route[5]) > dutch_date(mail[5]), (shared, route, mail)
    if example == "small-municipality":  # Melding openbare ruimte doen: by phone, counter and post after e-mail
        assert pairs == 1


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
def test_an_action_comes_before_one_with_more_shown_impact_per_effort_only_for_what_that_one_waits_for(
        example: str) -> None:
    from digimandate.render.doc.actions import observed, recommendations, shown_ratio

    recs = observed(recommendations(audited(example)))
    place = {rule: i for i, rec in enumerate(recs) for rule in (rec.rule.id, *rec.merged)}
    every = {rec.rule.id: rec for rec in recommendations(audited(example))}

    def waits(rule: str, seen: frozenset[str] = frozenset()) -> set[str]:
        """Everything an action waits for, also through actions only to verify."""
        rec = every.get(rule)
        if rec is None or rule in seen:
            return set()
        out = set(rec.after)
        for before in rec.after:
            out |= waits(before, seen | {rule})
        return out

    from digimandate.render.doc.adapter import graded

    for i, earlier in enumerate(recs):
        for later in recs[i + 1:]:
            # advice on a role (an advisory dimension) comes after every action on the service, by design
            if shown_ratio(later) > shown_ratio(earlier) and graded(audited(example), later.rule.spec.dimension):
                # the later one waited for something placed no earlier than this one, or only to verify
                assert any(place.get(w, len(recs)) >= i or w not in place for w in waits(later.rule.id)), (
                    earlier.rule.id, later.rule.id)


# what a finding on a fact nobody recorded may not say: an absence as if it was seen
SEEN_ABSENCE = {"nl": (r"door niemand", r"\bzijn geen\b[^;:]*\bvastgelegd\b", r"\bis geen eigenaar\b"),
                "en": (r"\bby (no one|anyone)\b", r"\bno [a-z ]+ (is|are) recorded\b", r"\bowns no\b")}


def test_no_message_about_a_fact_not_recorded_reads_as_an_absence_seen() -> None:
    rules = load_ruleset()
    for rule in rules.rules.values():
        for key, text in rule.spec.messages.items():
            if "not_recorded" not in key:
                continue
            for lang in ("nl", "en"):
                for pattern in SEEN_ABSENCE[lang]:
                    assert not re.search(pattern, text.get(lang), re.IGNORECASE), (rule.id, key, text.get(lang))


def test_the_summary_names_only_its_own_actions_where_two_bodies_share_a_recommendation() -> None:
    text = report("small-municipality")
    # recommendation 3 has the college's vision (action 11, with the renewal of the vision that runs out within a
    # year folded in) and the directie's reporting (actions 4 and 13)
    assert "Te besluiten door de directie: aanbevelingen 1, 2, 4 en 5 en acties 4 en 13 van aanbeveling 3." in text
    assert "Te besluiten door het college van B&W: actie 11 van aanbeveling 3." in text
    english = report("small-municipality", "en")
    assert "For the municipal executive to decide: action 11 of recommendation 3." in english
    # one body for every recommendation: the whole recommendations, as before
    assert "Te besluiten door de directie: aanbevelingen 1, 2, 3, 4 en 5." in report("large-municipality")


def test_the_standard_says_which_dimension_only_advises_so_the_counts_add_up() -> None:
    text = report("small-municipality")
    assert "53 normen in 7 dimensies, elk met een bron.\n\nDaarvan is Functie-inhoud alleen adviserend: die dimensie " \
        "telt niet mee voor het niveau en staat niet in het overzicht per dimensie." in text
    assert "| Functie-inhoud |" not in text.split("## Samenvatting", 1)[1].split("\n## ", 1)[0]
    assert "Of these, Job design only advises: that dimension does not count towards the level" in \
        report("small-municipality", "en")


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "mature-municipality"])
def test_the_norms_not_yet_shown_are_counted_as_appendix_d_counts_them(example: str) -> None:
    text = report(example)
    appendix = text.split("## Bijlage D.", 1)[1].split("\n## ", 1)[0]
    shown = len(re.findall(r"\| niet aangetoond \|", appendix))
    said = re.search(r"Voor (\w+) normen? is nog niet aangetoond of eraan is voldaan\.", text)
    if shown == 0:
        assert said is None
        return
    assert said is not None
    words = {"één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
             "tien": 10, "elf": 11, "twaalf": 12}
    count = words[said.group(1)] if said.group(1) in words else int(said.group(1))
    assert count == shown


def test_a_norm_failed_in_part_and_unknown_elsewhere_is_said_apart() -> None:
    # the channels' help (Awb 2:1): one channel recorded without help, the others unknown: not met, as appendix D says
    assert "Voor 13 normen is nog niet aangetoond of eraan is voldaan." in report("small-municipality")
    assert ("Bij één norm waaraan niet is voldaan, ontbreken daarnaast voor een deel de feiten; ook die staan in "
            "bijlage C.") in report("small-municipality")
