"""Where the facts come from, in a document: the method's account, the list of sources and the trace table.

A client reads these, so sources are numbered ([1], [2]) rather than named by id, and a confidential
source shows only its type and date: reports are public.
"""

from __future__ import annotations

from collections.abc import Callable

from digimandate.audit.result import NO_SOURCE, AuditResult, Finding, SourceEntry
from digimandate.audit.sources import SOURCE_TYPES
from digimandate.i18n import Lang, t
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.common import counted, place_noun, short_list
from digimandate.render.doc.model import Para, Section, Table

# Per source type, the catalogue key of its noun with plural forms ("1 document", "3 documenten").
_NOUNS = {t_: f"source_{t_}" for t_ in (*SOURCE_TYPES, NO_SOURCE)}


def numbers(result: AuditResult) -> dict[str, int]:
    """Each source's number in the list of sources, in the order of the file's register."""
    return {s.id: i for i, s in enumerate(result.sources, 1)}


def cited_numbers(ids: tuple[str, ...], result: AuditResult) -> list[int]:
    """The numbers of the sources ``ids`` names that the register holds, in order; a confidential source only where
    no other one carries the fact.

    Beside an open source the fact rests on that one; a confidential interview cited beside facts about one
    person's role would tell who gave it.
    """
    known = numbers(result)
    held = [i for i in ids if i in known]
    confidential = {s.id for s in result.sources if s.confidential}
    shown = [i for i in held if i not in confidential] or held
    return sorted({known[i] for i in shown})


def unsourced(findings: tuple[Finding, ...], result: AuditResult) -> bool:
    """Whether, with a register of sources, every recorded fact among ``findings`` cites none of them.

    The report labels such a finding "feit zonder bron"; a decision resting only on such facts says so too.
    """
    from digimandate.render.doc.adapter import basis

    seen = [f for f in findings if basis(f) == "observed"]
    return bool(result.sources) and bool(seen) and not any(cited_numbers(f.sources, result) for f in seen)


def argued_unsourced(findings: tuple[Finding, ...], result: AuditResult) -> bool:
    """Whether, with a register of sources, the fact a decision argues from (its first recorded one) cites none."""
    from digimandate.render.doc.adapter import basis

    seen = [f for f in findings if basis(f) == "observed"]
    return bool(result.sources) and bool(seen) and not cited_numbers(seen[0].sources, result)


def cite(ids: tuple[str, ...], result: AuditResult, lang: Lang) -> str:
    """A citation: "[1], [3]", or that the fact has no source."""
    cited = cited_numbers(ids, result)
    return ", ".join(f"[{n}]" for n in cited) if cited else t("doc_source_none", lang)


def cite_phrase(ids: tuple[str, ...], result: AuditResult, lang: Lang) -> str:
    """"bron [2]", "bronnen [1], [3]", or that the fact has no source."""
    cited = cited_numbers(ids, result)
    if not cited:
        return t("doc_source_none", lang)
    listed = ", ".join(f"[{n}]" for n in cited)
    return t("doc_cites_one" if len(cited) == 1 else "doc_cites_many", lang, cited=listed)


def _when(s: SourceEntry, lang: Lang) -> str:
    """The date a citation shows: the source's own, else when it was obtained, else a dash."""
    day = s.when
    return fmt.long_date(day, lang) if day is not None else "\u2014"


def method_paras(result: AuditResult, date: str, lang: Lang,
                 name: Callable[[Finding], str] | None = None) -> list[Para]:
    """What the facts were taken from, and how much of the verdict rests on each kind of source; ``name`` words a
    finding, so that the weighty findings resting on one kind of source are named."""
    if not result.sources:
        return [Para(t("doc_method_file_only", lang, date=date))]
    kinds: dict[str, int] = {}
    for s in result.sources:
        kinds[s.type] = kinds.get(s.type, 0) + 1
    listed = _joined([counted(n, _NOUNS[k], lang) for k, n in _ordered(kinds)], lang)
    out = [Para(t("doc_method_sources", lang, count=counted(len(result.sources), "source", lang),
                  kinds=listed, date=date))]
    se = result.source_evidence
    by_type = dict(se.findings_by_type)
    # a fact without a source is no kind of source: said on its own, after the kinds
    unsourced = by_type.pop("none", 0)
    if by_type:
        parts = [t(f"doc_rests_on_{k}", lang, count=fmt.count(n, lang)) for k, n in _ordered(by_type)]
        out.append(Para(t("doc_method_rests_on", lang, parts=_joined(parts, lang))))
    if unsourced:
        out.append(Para(t("doc_method_unsourced_one" if unsourced == 1 else "doc_method_unsourced", lang,
                          count=_sentence_start(fmt.spelled(unsourced, lang)))))
    if se.single_type:
        n = len(se.single_type)
        out.append(Para(t("doc_method_single_one" if n == 1 else "doc_method_single_other", lang,
                          count=fmt.count(n, lang))))
        if name is not None:
            out.append(Para(t("doc_method_single_which", lang, which=_joined(
                list(dict.fromkeys(name(f) for f in se.single_type)), lang))))
    return out


def _sentence_start(text: str) -> str:
    """A count that opens a sentence: a word with its capital ("Vijf"); figures as they are."""
    return text[:1].upper() + text[1:]


def _ordered(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Counts in the fixed order of source types, facts without a source last."""
    return [(k, counts[k]) for k in (*SOURCE_TYPES, NO_SOURCE) if counts.get(k)]


def _joined(parts: list[str], lang: Lang) -> str:
    """"a, b en c" / "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {t('doc_and', lang)} " + parts[-1]


def source_list(result: AuditResult, title: str, lang: Lang) -> Section | None:
    """The list of sources (bronnenlijst), numbered as the text cites them; None when the file records none."""
    if not result.sources:
        return None
    rows = []
    for n, s in enumerate(result.sources, 1):
        kind = t(f"doc_source_type_{s.type}", lang)
        if s.confidential:
            rows.append([f"[{n}]", kind, t("doc_source_confidential", lang), "\u2014", _when(s, lang)])
            continue
        what = s.title + (f" ({s.reference})" if s.reference else "")
        rows.append([f"[{n}]", kind, what, s.provided_by or "\u2014", _when(s, lang)])
    section = Section(title)
    section.add(Para(t("doc_sources_intro", lang)))
    section.add(Table([t("doc_col_number", lang), t("doc_col_source_type", lang), t("doc_col_source", lang),
                       t("doc_col_provided_by", lang), t("doc_col_date", lang)], rows, [1, 2, 6, 3, 3]))
    return section


def trace_table(a: Audited, title: str, entity_name: Callable[[str], str], message: Callable[[Finding], str],
                lang: Lang) -> Section | None:
    """Norm -> finding -> source: per norm not met, what was found where, and on which sources that rests."""
    result = a.result
    if not result.sources:
        return None
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in _observed(result.findings):
        groups.setdefault((f.rule, cite(f.sources, result, lang)), []).append(f)
    section = Section(title)
    if not groups:
        section.add(Para(t("doc_trace_none", lang)))
        return section
    rows = []
    for (rule, cited), found in groups.items():
        if len(found) == 1:
            what = message(found[0])
        else:
            where = list(dict.fromkeys(entity_name(f.entity) for f in found))
            noun = place_noun([f.entity for f in found])  # "2 producten", not "2 plaatsen"
            what = t("doc_trace_places", lang, count=counted(len(where), noun, lang),
                     names=short_list(where, lang, 6))
        rows.append([a.rules.rules[rule].spec.title.get(lang), what, cited])
    section.add(Para(t("doc_trace_intro", lang)))
    section.add(Table([t("doc_col_norm", lang), t("doc_col_finding", lang), t("doc_col_sources", lang)],
                      rows, [4, 7, 2]))
    return section


def _observed(findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings decided by recorded facts, in rule order (the order the checklist gives the norms)."""
    kept = [f for f in findings if f.basis == "observed" and f.kind == "check"]
    return sorted(kept, key=lambda f: f.rule)
