"""What the documents say: only what the facts carry, dates from one reference, words that fit the organisation."""

from __future__ import annotations

import functools
import re
from datetime import date

import pytest

from digimandate import i18n
from digimandate.audit.checklist import load_ruleset
from digimandate.audit.flow import audit_document
from digimandate.audit.specs import RuleSet
from digimandate.i18n import Lang
from digimandate.model.document import parse_document
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.actions import observed, recommendations
from digimandate.render.doc.bundles import bundles, numbers
from digimandate.render.doc.common import DocContext, body_name, schedule
from digimandate.render.doc.memo import build_memo
from digimandate.render.doc.names import Names
from digimandate.render.doc.report import build_report
from digimandate.render.doc.to_markdown import render_markdown
from digimandate.render.doc.words import Bodies, bodies, fit, fit_channels
from tests.conftest import EXAMPLES

SMALL = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
AGENCY = (EXAMPLES / "english-agency.yaml").read_text(encoding="utf-8")
WRITTEN = date(2026, 12, 2)
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]


@functools.cache  # an audit is frozen: the tests that read the same file share it
def audited(text: str) -> Audited:
    doc = parse_document(text)
    rules = load_ruleset()
    return Audited(audit_document(doc, rules), rules, doc.model)


def documents(text: str, written: date = WRITTEN, lang: Lang = "nl") -> tuple[str, str]:
    """The report and the directie's memo of a file, in Markdown."""
    a = audited(text)
    ctx = DocContext(lang, written)
    return render_markdown(build_report(a, ctx)), render_markdown(build_memo(a, ctx, "directie"))


def dutch_date(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(day))


# ---------------------------------------------------------------- dates from one reference


def test_a_follow_up_derives_from_the_day_the_document_is_written_not_from_the_peildatum() -> None:
    report, memo = documents(SMALL.replace("audit_date: 2026-11-01", "audit_date: 2025-06-01"))
    dated = r"(\d{1,2} [a-z]+ \d{4})"
    (follow_memo,) = re.findall(rf"Een vervolgonderzoek op {dated}", memo)
    (follow_report,) = re.findall(rf"Wij adviseren een vervolgonderzoek op {dated}", report)
    assert follow_memo == follow_report  # one plan, one date
    # the estimates of large work; "gereed uiterlijk" is when a decision point is done
    estimates = {dutch_date(d) for d in re.findall(rf"(?<![Gg]ereed )(?<!directie )uiterlijk {dated}", memo)}
    assert estimates == {date(2027, 3, 2)}  # three calendar months after 2 december 2026, a working day
    # large work is decided on once its estimate is in: the follow-up gives it half a year after that
    assert dutch_date(follow_memo) == date(2027, 9, 2)
    assert "2025" not in follow_memo


def test_without_large_work_the_follow_up_is_half_a_year_after_the_document() -> None:
    mature = (EXAMPLES / "mature-municipality.yaml").read_text(encoding="utf-8")
    _, memo = documents(mature)
    follows = set(re.findall(r"vervolgonderzoek op (\d{1,2} [a-z]+ \d{4})", memo))
    assert {dutch_date(d) for d in follows} == {date(2027, 6, 2)}


# ---------------------------------------------------------------- actions only on observed failures


def test_the_report_acts_only_on_observed_failures_and_lists_a_fact_not_recorded_to_verify() -> None:
    report, memo = documents(SMALL)
    summary = report.split("## Samenvatting")[1].split("## ")[0]
    # the sponsor is not recorded: the memo says it could not be established, and the report agrees
    assert "Wijs een directielid aan als sponsor" not in report
    assert '"De sponsor van digitale dienstverlening is een directielid"' in memo.split("## Aanleiding")[0]
    assert "- Verbreed het bestaande afdelingsmandaat stap voor stap tot een organisatiebreed mandaat" in summary
    sponsor = report.split("#### Norm: De sponsor van digitale dienstverlening is een directielid")[1].split("####")[0]
    assert "**Nagaan:** of aan deze norm is voldaan; het feit is niet vastgelegd (bijlage C)." in sponsor
    assert "**Actie:**" not in sponsor
    assert ("Voor 13 normen is nog niet aangetoond of eraan is voldaan. Daarvoor staat hier geen actie: eerst gaat "
            "de organisatie na hoe het zit en legt zij de feiten vast (bijlage C).") in report
    assert "## Bijlage C. Nagaan: feiten om te verzamelen" in report


# ---------------------------------------------------------------- language


@pytest.mark.parametrize(("days", "nl", "en"), [
    (12, "12 dagen", "12 days"),
    (100, "ruim drie maanden", "more than three months"),
    (364, "een jaar", "a year"),
    (596, "ruim anderhalf jaar", "more than a year and a half"),
    (700, "bijna twee jaar", "almost two years"),
    (1000, "ruim tweeënhalf jaar", "more than two and a half years"),
])
def test_an_age_in_days_reads_as_a_person_says_it(days: int, nl: str, en: str) -> None:
    assert (fmt.duration(days, "nl"), fmt.duration(days, "en")) == (nl, en)


@pytest.mark.parametrize(("days", "nl", "en"), [
    (365, "jaarlijks", "once a year"),
    (730, "eens per twee jaar", "once every two years"),
    (182, "halfjaarlijks", "every six months"),
    (45, "eens per 45 dagen", "once every 45 days"),
])
def test_a_norm_in_days_reads_as_how_often(days: int, nl: str, en: str) -> None:
    assert (fmt.every(days, "nl"), fmt.every(days, "en")) == (nl, en)


def test_the_age_of_the_last_report_and_its_norm_are_in_words() -> None:
    report, memo = documents(SMALL)
    assert ("De laatste rapportage (15 maart 2025) is ruim anderhalf jaar oud; norm: jaarlijks (eigen norm van de "
            "checklist; vastgelegd feit;") in report
    assert "en rapporteer daarna minstens jaarlijks." in report  # its finding has the label
    assert "365 dagen" not in memo  # the memo's own decision on it: test_memo (it is beyond the memo's cap here)
    english, _ = documents(SMALL, lang="en")
    assert ("The last report (15 March 2025) is more than a year and a half old; norm: once a year (the checklist's "
            "own norm; recorded fact;") in english
    assert "596" not in report + english and "365 dagen" not in report + memo


def test_counts_agree_with_their_nouns_and_verbs() -> None:
    report, memo = documents(SMALL)
    # B007 is one more check, decided on the vision's recorded end date, and one more finding on a recorded fact
    assert ("Op vastgelegde feiten met een bron beslist: 34 van 66 toetsingen (52%); op een vastgelegd feit zonder "
            "bron, dat niet als vastgesteld telt: 6.") in report
    assert "20 bevindingen berusten op een vastgelegd feit dat tekortschiet en 26 op een feit dat niet is" in report
    assert "Voor 13 normen is nog niet aangetoond of eraan is voldaan" in memo  # the report's figure, in norms
    assert i18n.counted(1, "doc_noun_finding_rests", "nl") == "1 bevinding berust"
    assert i18n.counted(1, "doc_noun_check", "nl") == "1 toetsing"
    assert "zijn er 1 " not in report and "berusten er" not in report


def test_no_machine_phrases_in_the_summary() -> None:
    report, _ = documents(SMALL)
    assert "Gemeente Dijkveld staat op niveau 1 (Ad hoc): wie waarvoor verantwoordelijk is" in report
    assert "Wat als eerste moet gebeuren:" in report
    for phrase in ("dingen die het meest tellen", "waar iedereen begint", "plaatsen"):
        assert phrase not in report


def test_many_products_are_named_as_products_not_places() -> None:
    large = (EXAMPLES / "large-municipality.yaml").read_text(encoding="utf-8")
    report, _ = documents(large)
    assert "**Betreft:** alle 240 producten; bij geen ervan is het feit vastgelegd." in report
    assert re.search(r"\*\*Betreft:\*\* \d+ producten; bij geen ervan is het feit vastgelegd; bijlage C noemt ze\.", report)
    assert not re.search(r"\d plaatsen", report) and "**Waar:**" not in report


def test_a_body_is_named_with_its_article() -> None:
    a = audited(SMALL)
    assert body_name("college", a.result, "nl") == "het college van B&W"
    assert body_name("directie", a.result, "nl") == "de directie"


# ---------------------------------------------------------------- nothing to act on is not "nothing to improve"

MATURE = (EXAMPLES / "mature-municipality.yaml").read_text(encoding="utf-8")


def test_with_nothing_to_act_on_the_report_says_what_was_found_in_order_and_what_is_to_verify() -> None:
    unknown = MATURE.replace("name: Lingewaard-Noord app, type: app, owner: kcc, co_owners: [publiekszaken],\n"
                             "     satisfaction_measured: true, source: [kanalenplan]}",
                             "name: Lingewaard-Noord app, type: app, owner: kcc, co_owners: [publiekszaken],\n"
                             "     source: [kanalenplan]}")
    assert unknown != MATURE
    report, _ = documents(unknown)
    summary = report.split("## Samenvatting")[1].split("\n## ")[0]
    assert "niets te verbeteren" not in report
    assert ("Geen vastgelegd feit schiet tekort: 52 normen zijn getoetst en in orde bevonden. Voor één norm is niet "
            "aangetoond of eraan is voldaan; dat gaat de organisatie eerst na (bijlage C).") in summary
    assert ("4. Wat moet als eerste gebeuren om het volgende niveau te bereiken? Eerst nagaan wat niet is vastgelegd "
            "(bijlage C): pas dan blijkt of er iets te doen is.") in report


# ---------------------------------------------------------------- proportionate answers


def test_a_low_weight_norm_of_the_top_rung_does_not_make_the_answer_not_yet() -> None:
    away = MATURE.replace("works_in: [kcc, publiekszaken, sociaal-domein]", "works_in: []")
    assert away != MATURE
    a = audited(away)
    (m012,) = [f for f in a.result.findings if f.rule == "M012"]
    assert m012.basis == "observed" and a.rules.rules["M012"].spec.level == 5
    report, _ = documents(away)
    assert ("1. Heeft een persoon of compact team een echt, organisatiebreed mandaat voor digitale dienstverlening? "
            "In hoofdzaak wel: aan de zwaarwegende normen is voldaan. Niet voldaan, van minder gewicht: \"De houder "
            "werkt geregeld op de dienstverlenende afdelingen\".") in report


def test_an_essential_norm_not_met_makes_the_answer_not_yet_and_names_the_rest_apart() -> None:
    large = (EXAMPLES / "large-municipality.yaml").read_text(encoding="utf-8")
    report, _ = documents(large)
    assert ("Nog niet. Niet voldaan: \"De houder hoeft niet voor elke wijziging toestemming te vragen\". Ook niet "
            "voldaan, van minder gewicht: \"De houder mag website en formulieren zelf aanpassen\" en \"De houder werkt geregeld op de "
            "dienstverlenende afdelingen\".") in report


# ---------------------------------------------------------------- the organisation's own bodies and public


@pytest.mark.parametrize(("org_type", "lang", "executive", "council", "public"), [
    ("gemeente", "nl", "het college van B&W", "de gemeenteraad", "inwoners"),
    (None, "en", "the municipal executive", "the municipal council", "residents"),
    ("provincie", "nl", "Gedeputeerde Staten", "Provinciale Staten", "inwoners"),
    # central government answers to the ministry that owns it; any other organisation to its board
    ("uitvoeringsorganisatie", "nl", "het ministerie", None, "klanten"),
    ("uitvoeringsorganisatie", "en", "the ministry", None, "customers"),
    ("rijk", "en", "the ministry", None, "customers"),
    ("other", "en", "the executive board", None, "customers"),
])
def test_the_type_of_organisation_chooses_its_bodies_and_public(org_type: str | None, lang: Lang, executive: str,
                                                                council: str | None, public: str) -> None:
    assert bodies(org_type, lang) == Bodies(executive, council, public)


MUNICIPAL = {"nl": r"\b(inwoners\w*|gemeente\w*|college|raad|publiekszaken|Mijn Gemeente)\b",
             "en": r"\b(residents'?|municipal\w*|the council|college|civil affairs|My Municipality)\b"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_agency_is_not_written_to_as_a_municipality(lang: Lang) -> None:
    report, memo = documents(AGENCY, lang=lang)
    for text in (report, memo):
        assert re.findall(MUNICIPAL[lang], text) == []
    assert fit("Toon de status van aanvragen online, bijvoorbeeld in een inwonersportaal.", "uitvoeringsorganisatie",
               "nl") == "Toon de status van aanvragen online, bijvoorbeeld in een klantportaal."
    assert fit("Appoint a member of management as sponsor, in a municipality preferably the municipal secretary.",
               "rijk", "en") == "Appoint a member of management as sponsor."
    assert ("Management has adopted the course" if lang == "en" else "De directie heeft de koers vastgesteld") in report
    assert ("The ministry is regularly informed of results" if lang == "en"
            else "Het ministerie wordt regelmatig geïnformeerd over resultaten") in report


def test_a_municipality_keeps_the_checklist_words() -> None:
    report, _ = documents(SMALL)
    assert "De raad, of het college met de directie, heeft de koers vastgesteld" in report
    assert fit("inwoners", "gemeente", "nl") == "inwoners"


# ---------------------------------------------------------------- judgements about a person's work


def test_a_role_held_by_one_person_without_a_survey_is_not_rated() -> None:
    report, _ = documents(SMALL)
    appendix = report.split("## Bijlage E.")[1]
    assert "(schatting)" not in appendix and "Afwisseling" not in appendix
    assert ('Over de rol bij "website en e-formulieren" zegt dit rapport niets: die rol heeft één houder en er is '
            "geen vragenlijst ingevuld, dus een schatting zou een oordeel over het werk van die persoon zijn.") in appendix


def test_advice_on_the_role_comes_after_every_service_action_and_merges() -> None:
    a = audited(AGENCY)
    recs = recommendations(a)
    jobs = [i for i, rec in enumerate(recs) if rec.rule.spec.dimension == "job"]
    assert jobs == [len(recs) - 1]  # one, and last
    (job,) = [recs[i] for i in jobs]
    assert (job.rule.id, job.merged) == ("J001", ("J002",))
    report, _ = documents(AGENCY, lang="en")
    appendix = report.split("The role of the mandate holders")[1]
    actions = observed(recs)  # the report numbers the actions on observed facts, and bundles them
    assert actions[-1].rule.id == "J001"
    number = numbers(bundles(a, "en", WRITTEN, actions))
    assert number["J001"] == number["J002"]  # merged advice: one recommendation for both norms
    assert appendix.count(f"**Action:** see recommendation {number['J001']}.") == 2


# ---------------------------------------------------------------- generic text fits the file


@pytest.mark.parametrize(("text", "kinds", "lang", "fitted"), [
    ("Sluit chat, app, e-mail en sociale media aan op het zaaksysteem.", {"email", "website"}, "nl",
     "Sluit e-mail aan op het zaaksysteem."),
    ("Maak het KCC mede-eigenaar van website, app of chat.", {"website", "phone"}, "nl",
     "Maak het KCC mede-eigenaar van de website."),
    # a list names only the counter and e-mail the organisation has (post reaches all)
    ("Make requests by phone, counter, e-mail and post land in a system too.", {"phone", "post", "website"}, "en",
     "Make requests by phone and post land in a system too."),
    ("Laat ook aanvragen via telefoon, balie, e-mail en post landen in een systeem.", {"phone", "counter"}, "nl",
     "Laat ook aanvragen via telefoon, balie en post landen in een systeem."),
    # a pair loses the kind the organisation does not have, and its verb agrees with the one left
    ("Telefoon en balie wijzen de weg naar digitaal.", {"phone"}, "nl", "Telefoon wijst de weg naar digitaal."),
    ("Phone and counter point people to digital.", {"phone"}, "en", "Phone points people to digital."),
    ("Agree with phone and counter staff that they point residents to the digital route.", {"phone", "website"}, "en",
     "Agree with phone staff that they point residents to the digital route."),
    ("telefoon en balie kunnen pas naar digitaal verwijzen", {"phone"}, "nl", "telefoon kan pas naar digitaal verwijzen"),
    ("Website, phone and counter give the same answer.", {"website", "phone"}, "en",
     "Website and phone give the same answer."),
    ("Telefoon en balie wijzen de weg naar digitaal.", {"phone", "counter"}, "nl",
     "Telefoon en balie wijzen de weg naar digitaal."),
    # a quotation stays as it was said
    ('"Het richt zich vooral op telefoon en balie." Zolang telefoon en balie niets doen.', {"phone"}, "nl",
     '"Het richt zich vooral op telefoon en balie." Zolang telefoon niets doen.'),
    # "via" ends in "a " but is no article: the one kind left gets its own
    ("Laat weten dat digitaal bestaat via website, app of chat.", {"website", "phone"}, "nl",
     "Laat weten dat digitaal bestaat via de website."),
    ("Make the contact centre a co-owner of the website, app or chat.", {"website"}, "en",
     "Make the contact centre a co-owner of the website."),
    ("Bied op minstens één kanaal (balie, telefoon of chat) hulp.", {"counter", "phone"}, "nl",
     "Bied op minstens één kanaal (balie of telefoon) hulp."),
    ("Connect chat, apps, e-mail and social media to the case system.", {"email", "chat"}, "en",
     "Connect chat and e-mail to the case system."),
    ("Sluit chat, app, e-mail en sociale media aan.", {"email", "chat", "app", "social"}, "nl",
     "Sluit chat, app, e-mail en sociale media aan."),
    ("Ook een chat, app, e-mail of bericht via sociale media dat in een mailbox eindigt.", {"email"}, "nl",
     "Ook een e-mail die in een mailbox eindigt."),
    ("A chat, app, e-mail or social media message that ends up in a mailbox.", {"email"}, "en",
     "An e-mail message that ends up in a mailbox."),
])
def test_no_advice_about_channels_the_organisation_does_not_have(text: str, kinds: set[str], lang: Lang,
                                                                 fitted: str) -> None:
    assert fit_channels(text, frozenset(kinds), lang) == fitted


def test_the_small_municipality_gets_no_advice_about_chat_apps_or_social_media() -> None:
    report, memo = documents(SMALL)
    actions = report.split("## Aanbevelingen")[1].split("\n## Bijlage E")[1].split("\n## ")[0]
    assert "| Sluit e-mail aan op het zaaksysteem, zodat elke aanvraag als zaak binnenkomt." in actions
    assert not re.search(r"\b(chat|app|sociale media)\b", actions)
    assert not re.search(r"\b(chat|app|sociale media)\b", memo)  # its decision on e-mail: test_memo


IMPORTED = EXAMPLES / "imported-municipality"


def test_test_products_and_sub_case_types_are_left_out_with_a_note() -> None:
    from typer.testing import CliRunner

    from digimandate.cli.app import app

    out = CliRunner().invoke(app, ["report", str(IMPORTED), "--lang", "nl"]).stdout
    assert ("Buiten beschouwing zijn drie producten gelaten: het zijn testproducten of deelzaaktypen (onderdelen van een "
            "andere zaak), geen diensten aan inwoners.") in out
    assert "deelzaaktype blijvend" not in out and "| Test |" not in out


def test_no_follow_up_in_the_summer_recess() -> None:
    a = audited(SMALL)  # large work: its estimates are due on 18 February 2027, half a year on is in August
    assert schedule(a, date(2026, 11, 18)).follow_up == date(2027, 9, 1)
    assert schedule(a, date(2026, 9, 1)).follow_up == date(2027, 6, 1)  # before the recess: as planned


# ---------------------------------------------------------------- a norm nobody recorded a fact for


def test_a_norm_only_to_verify_is_not_established_in_the_appendix_and_the_conclusions() -> None:
    report, _ = documents(SMALL)
    assert ("| Bestuurlijk commitment | De sponsor van digitale dienstverlening is een directielid | 2 | hoog | niet "
            "aangetoond |") in report
    assert ("| Mandaat | Er is een organisatiebreed mandaat voor digitale dienstverlening | 2 | kritiek | niet "
            "voldaan |") in report
    assert ("- Bestuurlijk commitment staat op niveau 1 (Ad hoc); voor niveau 2 is eerst na te gaan: De sponsor van "
            "digitale dienstverlening is een directielid.") in report
    assert "| Norm | Waar | Wie gaat het na |" in report
    assert ("| De sponsor van digitale dienstverlening is een directielid | Bestuurlijk commitment | de directie |"
            in report)
    assert ("Maak het digitaal aanvragen of melden van het product mogelijk. Dit geldt voor het product Melding openbare ruimte doen. Ga daarnaast eerst na: "
            "\"De sponsor van digitale dienstverlening is een directielid\"") in report


def test_the_memo_waits_for_facts_apart_from_norms_not_met() -> None:
    _, memo = documents(SMALL)
    # the norm not met is decided on in this memo; what stays is only what waits for facts
    # each norm quoted as the statement it is
    assert ("Het totale niveau blijft niveau 1 (Ad hoc) zolang niet is aangetoond dat is voldaan aan: \"De sponsor van "
            "digitale dienstverlening is een directielid\", \"Elk product heeft een proceseigenaar\" en \"Elk product "
            "heeft prestatie-indicatoren\"; eerst worden die feiten vastgelegd.") in memo
    assert "Het onderzoek leverde 46 bevindingen op, waarvan 10 met een hoog of kritiek gewicht." in memo  # B007: medium
    report, _ = documents(AGENCY, lang="en")
    assert "| Both products |" in report and "All 2" not in report


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
def test_no_body_is_named_without_its_article(example: str) -> None:
    text = "".join(documents((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8")))
    # "door directie en bestuur" is a pair, as Dutch writes it; a body alone takes its article
    assert not re.search(r"\bdoor (raad|college|directie|gemeentesecretaris)\b(?! en )", text)


def test_an_agency_is_told_about_its_own_channels_and_customers() -> None:
    agency = (EXAMPLES / "english-agency.yaml").read_text(encoding="utf-8")
    english = documents(agency, lang="en")[0]
    assert "Make requests by phone and post land in a system too." in english
    assert "at the counter" not in english and "residents" not in english
    assert "that gives customers a joined-up experience" in english
    dutch = documents(agency)[0]
    assert "Laat ook aanvragen via telefoon en post landen in een systeem." in dutch
    assert "zo krijgt de klant een samenhangende ervaring" in dutch and "inwoner" not in dutch


def template_report(text: str, lang: Lang = "nl") -> str:
    """The report through the built-in Markdown template (``report --template``)."""
    from digimandate.render.documents import DocOptions
    from digimandate.render.documents import report as write_report

    return write_report(audited(text), DocOptions(lang=lang, written=WRITTEN))


def test_one_holder_is_one_holder_in_advice_and_job_texts() -> None:
    text = template_report(SMALL)
    assert "Houder: Adviseur digitale dienstverlening (Communicatie)." in text
    # one holder and no survey: the role is not estimated at all (that would judge one person's work)
    assert "die rol heeft één houder en er is geen vragenlijst ingevuld" in text
    assert ("Advies: Geef de houder van het bestaande mandaat zeggenschap over website en formulieren en het recht "
            "voorstellen te doen en medewerking te verlangen; leg dat vast in het mandaat.") in text
    assert "beperk de andere taken van de houder (`other_duties`)." in text
    assert "houders" not in text.replace("mandaathouders", "")
    english = template_report(SMALL, "en")
    assert "Holder: Adviseur digitale dienstverlening (Communicatie)." in english
    assert "limit the holder's other duties (`other_duties`)." in english
    # two holders stay two
    two = SMALL.replace("holders: [sanne]", "holders: [sanne, marleen]")
    both = template_report(two)
    assert "Houders: Adviseur digitale dienstverlening (Communicatie), Teamleider Communicatie (Communicatie)." in both
    assert "beperk de andere taken van de houders (`other_duties`)." in both


@pytest.mark.parametrize(("singular", "plural"), [
    ("Maak ruimte voor de houder om ook te werken op de dienstverlenende afdelingen waar die nu niet komt",
     "Maak ruimte voor de houders om ook te werken op de dienstverlenende afdelingen waar ze nu niet komen"),
    ("Vergroot de zelfstandigheid van de houder en geef die zicht op het effect van het eigen werk.",
     "Vergroot de zelfstandigheid van de houders en geef hun zicht op het effect van hun werk."),
    ("Hoeveel fte de houder minstens aan het mandaat besteedt", "Hoeveel fte de houders samen minstens aan het mandaat besteden"),
])
def test_the_holders_in_the_singular_agree_with_their_verbs(singular: str, plural: str) -> None:
    from digimandate.render.doc.words import fit_holders, one_holder

    assert fit_holders(plural, "nl") == singular
    assert one_holder([1, 0, 1]) and not one_holder([1, 2]) and not one_holder([0])
    assert fit_holders("Increase the holders' independence and let them see the effect of their work.", "en") == \
        "Increase the holder's independence and let them see the effect of their work."


def test_the_ownership_picture_carries_names_and_roles_never_ids_or_people() -> None:
    # the mandate has no topic: it is named by its place, not by its id; its holder by role, not by name
    text = SMALL.replace("    topic: website en e-formulieren\n", "")
    # the picture names the mandate as a sentence quotes it; a node of its own needs no quotation marks
    for report, mandate in ((template_report(text), "#quot;mandaat 1#quot;"),
                            (render_markdown(build_report(audited(text), DocContext("nl", WRITTEN))),
                             'm0{{"mandaat 1"}}')):
        picture = report.split("```mermaid", 1)[1].split("```", 1)[0]
        assert "website-en-formulieren" not in picture and "Sanne Visser" not in picture
        assert mandate in picture
        assert "(kcc)" not in picture and "(phone)" not in picture
    template = template_report(text)
    assert 'm0{{"#quot;mandaat 1#quot;: Adviseur digitale dienstverlening (Communicatie)"}}' in template
    assert '### Mandaat "mandaat 1"' in template


def test_a_mandate_without_holders_asks_for_a_holder() -> None:
    from digimandate.audit.checklist import load_ruleset

    spec = load_ruleset().rules["M002"].spec
    assert spec.messages["empty"].get("nl") == "Mandaat {id} heeft geen houder"
    assert spec.decision is not None
    assert spec.decision.get("nl") == ("Een houder van het mandaat voor digitale dienstverlening aanwijzen, een "
                                       "persoon of een compact team.")


@pytest.mark.parametrize(("org_type", "body_nl", "body_en"), [("uitvoeringsorganisatie", "het ministerie", "the ministry"),
                                                              ("other", "het bestuur", "the board")])
def test_the_mandate_is_put_to_the_body_the_organisation_has(org_type: str, body_nl: str, body_en: str,
                                                             ruleset: RuleSet) -> None:
    from digimandate.render.doc.words import fit

    m001 = ruleset.rules["M001"].spec
    texts = [m001.action, m001.advice, m001.decision, m001.by_message["departmental"].action,
             m001.by_message["departmental"].decision]
    for text in texts:
        assert text is not None
        nl, en = (fit(" ".join(text.get(lang).split()), org_type, lang) for lang in ("nl", "en"))  # type: ignore[arg-type]
        assert "college" not in nl and "executive" not in en, (nl, en)
        assert body_nl in nl and body_en in en, (nl, en)


@pytest.mark.parametrize(("lang", "phone", "counter", "mail"), [
    ("nl", "Telefoon 14 0321 verwijst inwoners niet naar de digitale weg",
     "Niet vastgelegd of Balie gemeentehuis inwoners naar digitaal verwijst",
     "Van e-mail info@dijkveld.nl is de eigenaar niet vastgelegd"),
    ("en", "Phone 14 0321 does not point people to the digital route",
     "Whether counter Balie gemeentehuis points people to digital is not recorded",
     "The owner of e-mail info@dijkveld.nl is not recorded"),
])
def test_a_channel_is_named_by_what_it_is_not_as_a_channel(lang: Lang, phone: str, counter: str, mail: str) -> None:
    # "Kanaal 14 0321" reads as a code; a name that says its kind ("Balie gemeentehuis") needs no word before it
    names = Names(audited(SMALL), lang)
    said = {names.message(f) for f in audited(SMALL).result.findings if f.entity.startswith("channels/")}
    assert {phone, counter, mail} <= said, sorted(said)
