"""The information letter: the executive tells the elected body about the definitief report (Gemeentewet art. 169).

The collegevoorstel names it as its attachment; ``report --stage definitief`` writes it beside the
report. It states facts only: which report, its outcome as a level, what the executive answered to
the recommendations, and that the report is attached. The bodies are the organisation type's own.
"""

from __future__ import annotations

from datetime import date

from digimandate.i18n import Lang, t
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.common import level_text
from digimandate.render.doc.model import BoardDocument, Fields, Para, Section
from digimandate.render.doc.stages import Stage
from digimandate.render.doc.words import bodies, kind


def letter_name(report: str) -> str:
    """The letter's file name beside a report: ``rapport.md`` -> ``rapport.informatiebrief.md``."""
    stem, dot, suffix = report.rpartition(".")
    return f"{stem}.informatiebrief.{suffix}" if dot else f"{report}.informatiebrief"


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
    doc = BoardDocument(lang, tx(f"doc_letter_title_{k}"), r.organisation_name, written=written)
    doc.front.append(Fields([(tx("doc_letter_field_to"), _capital(to)),
                             (tx("doc_letter_field_from"), _capital(sender)),
                             (tx("doc_letter_field_date"), fmt.long_date(written, lang)),
                             (tx("doc_letter_field_subject"), tx("doc_letter_subject", org=r.organisation_name))]))
    s = Section(tx("doc_letter_h"))
    s.add(Para(tx("doc_letter_intro", org=r.organisation_name, version=stage.version, to=to)))
    if k == "gemeente":
        s.add(Para(tx("doc_letter_basis_gemeente")))
    level = r.maturity.level
    s.add(Para(tx("doc_letter_level", org=r.organisation_name, level=level_text(level, lang)) if level is not None
               else tx("doc_letter_no_level", org=r.organisation_name)))
    reactie = stage.reactie.spec if stage.reactie is not None else None
    if reactie is not None:
        decisions = [resp.decision for resp in reactie.responses]
        s.add(Para(tx("doc_letter_reactie", date=fmt.long_date(reactie.date, lang),
                      count=fmt.count(len(decisions), lang),
                      adopted=fmt.count(decisions.count("adopted"), lang),
                      partly=fmt.count(decisions.count("partly"), lang),
                      rejected=fmt.count(decisions.count("rejected"), lang))))
    s.add(Para(tx("doc_letter_attached_nawoord" if stage.nawoord else "doc_letter_attached")))
    s.add(Para(tx("doc_letter_closing")))
    s.add(Para(_capital(sender)))
    doc.sections.append(s)
    return doc


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
