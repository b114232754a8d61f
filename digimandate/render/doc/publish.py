"""From an audit result to the document model of a report or memo, for a format of ``render.formats`` to write."""

from __future__ import annotations

from datetime import date
from typing import Any

from digimandate.i18n import Lang
from digimandate.render.advice import progress
from digimandate.render.common import Audited
from digimandate.render.doc.actions import recommendations
from digimandate.render.doc.bundles import numbered
from digimandate.render.doc.common import DocContext, rejected, schedule
from digimandate.render.doc.followup import add_follow_up
from digimandate.render.doc.memo import Audience, build_memo, proposal_points
from digimandate.render.doc.model import BoardDocument, Chart, Section
from digimandate.render.doc.proposal import build_proposal
from digimandate.render.doc.report import build_report
from digimandate.render.doc.stages import Reactie, Stage, apply_stage, check_covers, check_references, wordings


def build(a: Audited, kind: str, lang: Lang, written: date, audience: Audience = "directie",
          to: str | None = None, sender: str | None = None, previous: dict[str, Any] | None = None,
          names: bool = False, stage: Stage | None = None, previous_reactie: Reactie | None = None) -> BoardDocument:
    """The document model of the report or the memo; ``names``: staff names in the report's appendix E.

    A report takes its stage (concept or definitief, with the reactie and nawoord) and, beside an earlier
    result, the reactie to the earlier report: the follow-up of what was promised then.
    """
    reactie = stage.reactie if stage is not None else None
    # a memo beside the definitief report names its follow-up: after what the executive's response promised
    promised = tuple(p.due for r in reactie.spec.responses for p in r.actions if p.due is not None) \
        if reactie is not None and kind != "report" else ()
    responses = {r.recommendation: r for r in reactie.spec.responses} if reactie is not None and kind != "report" \
        else {}
    ctx = DocContext(lang, written, sender, to, names and kind == "report", promised, responses,
                     final=reactie is not None and kind != "report",
                     reacted=reactie.spec.date if reactie is not None else None,
                     not_adopted=tuple(rejected({r.recommendation: r for r in reactie.spec.responses}))
                     if reactie is not None else ())
    prog = progress(a.result, previous) if previous else None
    if kind == "report":
        doc = build_report(a, ctx, prog)
        if stage is not None or previous_reactie is not None:
            recs = numbered(a, written)  # the numbers the report gives its recommendations
            if stage is not None and stage.reactie is not None:
                check_references(stage.reactie, wordings(recs, lang))
                check_covers(stage.reactie, recs)
            if previous is not None and previous_reactie is not None:
                add_follow_up(doc, a, previous, previous_reactie, written)
            apply_stage(doc, stage, recs, a.result, written, schedule(a, written).planned)
        return _dated(doc, sender, written)
    if reactie is not None:  # the memo answers to the same recommendations as the report
        answered = numbered(a, written)
        check_references(reactie, wordings(answered, lang))
        check_covers(reactie, answered)
    if audience == "college" and proposal_points(a, recommendations(a, written), a.result.maturity.blocking, ctx.final):
        doc = build_proposal(a, ctx, prog)  # with nothing to decide, the executive gets an information memo
    else:
        doc = build_memo(a, ctx, audience, prog)
    return _dated(doc, sender, written)


def _dated(doc: BoardDocument, sender: str | None, written: date) -> BoardDocument:
    """The document with its author and the day it is written."""
    doc.author = sender or ""
    doc.written = written
    return doc


def chart_of(doc: BoardDocument) -> Chart | None:
    """The document's maturity chart, wherever it stands."""

    def find(blocks: list[Any], sections: list[Section]) -> Chart | None:
        for b in blocks:
            if isinstance(b, Chart):
                return b
        for s in sections:
            found = find(s.blocks, s.sections)
            if found is not None:
                return found
        return None

    return find(doc.front, doc.sections)
