"""The report's account of ambtelijk wederhoor: the officials' reactions to the nota, and what came of them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from digimandate.i18n import Lang, t
from digimandate.model.dossier import Reaction
from digimandate.render.doc import fmt
from digimandate.render.doc.bevindingen import reaction_date
from digimandate.render.doc.model import BoardDocument, Para, Section, Table

KINDS = ("correctie", "aanvulling", "nuance", "onenigheid")  # as the reaction sheet offers them


def wederhoor_section(reactions: Sequence[Reaction], lang: Lang) -> Section:
    """Per reaction: the paragraph, the kind, the decision and its reason; the counts above them."""
    s = Section(t("doc_h_wederhoor", lang))
    counts = {d: sum(1 for r in reactions if r.decision == d) for d in ("overgenomen", "deels", "niet")}
    open_ = sum(1 for r in reactions if r.decision is None)
    s.add(Para(t("doc_wederhoor_intro", lang, count=fmt.spelled(len(reactions), lang),
                 adopted=fmt.spelled(counts["overgenomen"], lang), partly=fmt.spelled(counts["deels"], lang),
                 rejected=fmt.spelled(counts["niet"], lang))))
    if open_:
        s.add(Para(t("doc_wederhoor_open", lang, count=fmt.spelled(open_, lang))))
    rows = [[str(r.nr), t(f"doc_wederhoor_kind_{r.kind}", lang) if r.kind in KINDS else r.kind, r.reaction or "\u2014",
             t(f"doc_wederhoor_decision_{r.decision or 'open'}", lang), r.reason or "\u2014"]
            for r in sorted(reactions, key=lambda r: r.nr)]
    s.add(Table([t("doc_col_paragraph", lang), t("doc_col_kind", lang), t("doc_col_reaction", lang),
                 t("doc_col_decision", lang), t("doc_col_reason", lang)], rows, [1, 2, 6, 2, 5]))
    return s


def add_wederhoor(doc: BoardDocument, reactions: Sequence[Reaction], nota: date | None = None) -> BoardDocument:
    """Put the account of ambtelijk wederhoor after the method; where the nota of ``nota`` brought no reaction, that
    it brought none; nothing when no nota is known."""
    if reactions:
        section = wederhoor_section(reactions, doc.lang)
    elif nota is not None:
        section = Section(t("doc_h_wederhoor", doc.lang)).add(Para(t(
            "doc_wederhoor_none", doc.lang, date=fmt.long_date(nota, doc.lang),
            until=fmt.long_date(reaction_date(nota), doc.lang))))
    else:
        return doc
    heading = t("doc_h_method", doc.lang)
    at = next((i + 1 for i, s in enumerate(doc.sections) if s.title == heading), len(doc.sections))
    doc.sections.insert(at, section)
    return doc
