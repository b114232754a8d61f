"""The information letter: the executive tells the elected body about the definitief report (Gemeentewet art. 169).

The collegevoorstel names it as its attachment; ``report --stage definitief`` writes it beside the
report. It states which report, its outcome as a level, the recommendations that sum up its findings, what
the executive does with each, and that the report is attached. The bodies are the organisation type's own.
"""

from __future__ import annotations

from datetime import date, timedelta

from digimandate.audit.specs import SEVERITY_RANK
from digimandate.i18n import Lang, t
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.actions import action_numbers, observed, recommendations
from digimandate.render.doc.adapter import basis
from digimandate.render.doc.bundles import Bundle, bundles
from digimandate.render.doc.common import level_text
from digimandate.render.doc.model import BoardDocument, Fields, Items, Para, Section
from digimandate.render.doc.names import Names
from digimandate.render.doc.stages import Stage, promise_text, uncovered
from digimandate.render.doc.words import bodies, kind

INFORM_DAYS = 28  # the letter to the council follows the decision, which follows the proposal by a few weeks


def inform_by(written: date) -> date:
    """The day the elected body is informed: the collegevoorstel's deadline, and so the letter's own date."""
    return fmt.working_day(written + timedelta(days=INFORM_DAYS))


def letter_name(report: str) -> str:
    """The letter's file name beside a report: ``rapport.md`` -> ``rapport.informatiebrief.md``."""
    stem, dot, suffix = report.rpartition(".")
    return f"{stem}.informatiebrief.{suffix}" if dot else f"{report}.informatiebrief"


def key_findings(a: Audited, found: list[Bundle], lang: Lang) -> list[str]:
    """Per recommendation the weightiest finding that rests on a recorded fact, as the report words it."""
    names = Names(a, lang)
    out: list[str] = []
    for b in found:
        facts = [f for rec in b.actions for f in rec.findings if basis(f) == "observed"]
        if facts:
            text = names.message(max(facts, key=lambda f: SEVERITY_RANK[f.severity]))
            if text not in out:
                out.append(text[:1].upper() + text[1:] + ("" if text.endswith(".") else "."))
    return out


def build_letter(a: Audited, stage: Stage, lang: Lang, written: date) -> BoardDocument:
    """The short letter from the executive to the elected body (or supervisory body) about the definitief report."""
    r = a.result
    k = kind(r.organisation_type)
    who = bodies(r.organisation_type, lang)

    def tx(key: str, **args: object) -> str:
        return t(key, lang, **args)

    # central government: its management writes to the ministry that owns it
    sender = tx("doc_body_directie") if k == "rijk" else who.executive
    to = who.council or (who.executive if k == "rijk" else tx("doc_letter_to_other"))
    # a draft that goes with the collegevoorstel: dated when it is sent, after the executive's decision, by the day
    # the collegevoorstel names
    sent = inform_by(written)
    doc = BoardDocument(lang, tx(f"doc_letter_title_{k}"), r.organisation_name, written=written)
    doc.front.append(Fields([(tx("doc_letter_field_to"), _capital(to)),
                             (tx("doc_letter_field_from"), _capital(sender)),
                             (tx("doc_letter_field_date"), tx("doc_letter_date_when_sent",
                                                              date=fmt.long_date(sent, lang))),
                             (tx("doc_letter_field_subject"), tx("doc_letter_subject", org=r.organisation_name))]))
    s = Section(tx("doc_letter_h"))
    s.add(Para(tx("doc_letter_intro", org=r.organisation_name, version=stage.version, to=to)))
    if k == "gemeente":
        s.add(Para(tx("doc_letter_basis_gemeente")))
    level = r.maturity.level
    s.add(Para(tx("doc_letter_level", org=r.organisation_name, level=level_text(level, lang)) if level is not None
               else tx("doc_letter_no_level", org=r.organisation_name)))
    doc.sections.append(s)
    recs = observed(recommendations(a, written))
    found_bundles = bundles(a, lang, written, recs)
    titles = [b.title for b in found_bundles]
    found = Section(tx("doc_letter_h_findings"))
    facts = key_findings(a, found_bundles, lang)
    if facts:  # what the report found, one recorded fact per recommendation, before what it recommends
        found.add(Para(tx("doc_letter_key_findings")), Items(facts))
    if titles:
        found.add(Para(tx("doc_letter_findings", count=fmt.spelled(len(titles), lang))),
                  Items(titles, ordered=True))
    else:
        found.add(Para(tx("doc_letter_no_findings")))
    doc.sections.append(found)
    reactie = stage.reactie.spec if stage.reactie is not None else None
    last = found
    if reactie is not None and titles:
        last = Section(tx("doc_letter_h_intention"))
        number = action_numbers(recs)  # as appendix E of the report numbers the actions
        # per response, the actions of its recommendation that no promise covers (when the promises name actions)
        left = {resp.recommendation: uncovered(resp, [number[rec.rule.id] for rec in b.actions])
                for resp in reactie.responses for b in found_bundles if b.number == resp.recommendation}
        # a recommendation "adopted" with actions nothing is promised for is adopted in part, as the letter counts
        effective = {resp.recommendation: "partly" if resp.decision == "adopted" and left.get(resp.recommendation)
                     else resp.decision for resp in reactie.responses}
        decisions = [effective[resp.recommendation] for resp in reactie.responses]
        last.add(Para(tx("doc_letter_reactie", date=fmt.long_date(reactie.date, lang),
                         count=fmt.spelled(len(decisions), lang),
                         adopted=fmt.spelled(decisions.count("adopted"), lang),
                         partly=fmt.spelled(decisions.count("partly"), lang),
                         rejected=fmt.spelled(decisions.count("rejected"), lang))))
        answered = {resp.recommendation: resp for resp in reactie.responses}
        names = _names(a)
        items = []
        for n, title in enumerate(titles, 1):
            resp = answered.get(n)
            # the title holds a colon of its own: what we do follows as a sentence, not after another colon
            item = f"{title}. " + tx(f"doc_letter_we_{effective[n]}" if resp is not None else "doc_letter_we_none")
            if resp is not None and resp.text:  # the response's own words, which speak of the executive by name
                item += " " + tx("doc_letter_reason", text=" ".join(resp.text.split()))
            if resp is not None and resp.actions:
                item += " " + tx("doc_letter_promised",
                                  promises="; ".join(_lower(promise_text(p, lang), names) for p in resp.actions))
            open_actions = left.get(n) if resp is not None and resp.decision != "rejected" else None
            if open_actions:
                item += " " + tx("doc_letter_uncovered_one" if len(open_actions) == 1 else "doc_letter_uncovered",
                                  numbers=fmt.joined([str(x) for x in open_actions], lang))
            items.append(item)
        last.add(Items(items, ordered=True))
        doc.sections.append(last)
    last.add(Para(tx("doc_letter_attached_nawoord" if stage.nawoord else "doc_letter_attached")))
    last.add(Para(tx("doc_letter_closing")))
    if k == "gemeente":
        # a municipality's letter is signed by the college as a body: its secretary and its mayor
        place = r.organisation_name.removeprefix("Gemeente ").removeprefix("gemeente ")
        last.add(Para(tx("doc_letter_sign_gemeente", place=place)), Para(tx("doc_letter_sign_secretary")),
                 Para(tx("doc_letter_sign_mayor")))
    else:
        last.add(Para(_capital(sender)))
    return doc


def _lower(text: str, names: tuple[str, ...] = ()) -> str:
    """A promised action after a colon: "de bevoegdheden ..."; a name ("Ruimte en Vergunningen") or an
    abbreviation ("KCC") stays as it is written."""
    if any(text.startswith(name) and not text[len(name):len(name) + 1].isalnum() for name in names):
        return text
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _names(a: Audited) -> tuple[str, ...]:
    """The organisation's own names (departments, channels, systems, products) that a sentence may start with."""
    m = a.model
    found = [x.name for group in (m.departments, m.channels, m.systems, m.processes) for x in group or () if x.name]
    return tuple(sorted(set(found), key=len, reverse=True))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
