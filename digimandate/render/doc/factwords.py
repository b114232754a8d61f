"""A fact of the organisation in words, and a source as a document cites it (confidential: type and date only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from digimandate.i18n import Lang, counted, t
from digimandate.model.facts import Subject
from digimandate.model.register import Entry
from digimandate.render.doc import fmt
from digimandate.render.doc.fmt import joined
from digimandate.render.doc.names import Names, clean


def value_words(subject: Subject, value: Any, names: Names, lang: Lang) -> str:
    """The value of a fact as a reader writes it; a fact recorded as none reads "geen"."""
    kind = subject.fact.kind
    if value is None or value == []:
        return t("proc_none", lang)
    if kind == "bool":
        return t("proc_yes" if value else "proc_no", lang)
    if kind == "date" and isinstance(value, date):
        return fmt.long_date(value, lang)
    if kind in ("enum", "enums"):
        values = value if isinstance(value, list) else [value]
        return ", ".join(enum_word(str(v), lang) for v in values)
    if kind == "person":
        return names.entity(f"people/{value}")
    if kind == "department":
        return names.entity(f"departments/{value}")
    if kind == "count" and isinstance(value, int):
        return str(value) if subject.fact.path.endswith("year") else fmt.count(value, lang)
    if kind == "number" and isinstance(value, (int, float)):
        return fmt.number(float(value), lang, 2)
    if isinstance(value, list):  # "intranet, sociale media en persberichten": a list as a sentence names one
        return joined([clean(str(v.text if hasattr(v, "text") else v)) for v in value], lang)
    return clean(str(value))


# Facts whose choices each read as a sentence of their own ("Het mandaat reikt over de hele organisatie.")
_PER_CHOICE = frozenset({"mandates_scope"})
# Facts whose choices name who decided, with an article: "door de raad en het college"
_AGENTS = frozenset({"governance_governance_vision_adopted_by", "mandates_granted_by"})


def statement(subject: Subject, value: Any, names: Names, lang: Lang) -> str:
    """A recorded fact as a sentence a reader checks: "Het mandaat is verleend door de directie."."""
    key = subject.fact.key
    kind = subject.fact.kind
    choices = value if isinstance(value, list) else [value]
    if value is None or value == [] or (kind in ("enum", "enums") and choices == ["none"]):
        return t(f"proc_state_{key}_none", lang, executive=names.executive)
    if kind == "bool":
        return t(f"proc_state_{key}_{'yes' if value else 'no'}", lang, executive=names.executive)
    if key in _PER_CHOICE:
        return t(f"proc_state_{key}_{value}", lang, executive=names.executive)
    if key in _AGENTS:
        words = joined([t(f"proc_agent_{v}", lang) for v in choices if v != "none"], lang)
    elif kind in ("enum", "enums"):
        words = joined([enum_word(str(v), lang) for v in choices], lang)
    elif key in ("processes_volume_total", "processes_volume_digital") and isinstance(value, int):
        words = counted(value, "doc_noun_request", lang)
    elif kind == "person" and isinstance(value, str):
        words = names.role(value)  # "de teamleider Burgerzaken" in a sentence, not "Teamleider Burgerzaken (...)"
    else:
        words = value_words(subject, value, names, lang)
        if key == "governance_governance_portfolio_holder" and lang == "nl":
            words = office(words)
    return t(f"proc_state_{key}", lang, value=words, executive=names.executive)


# Dutch titles of office a file records as "Wethouder Dienstverlening": in a sentence "de wethouder Dienstverlening".
_OFFICES = ("wethouder", "burgemeester", "gedeputeerde", "dijkgraaf", "heemraad", "minister", "staatssecretaris")


def office(text: str) -> str:
    """A title of office in a Dutch sentence: with its article and in lower case ("de wethouder ..."); a name or
    anything else as it is written."""
    first = text.split(" ", 1)[0]
    if first.lower() in _OFFICES and first[1:].islower():
        return "de " + text[:1].lower() + text[1:]
    return text


def enum_word(value: str, lang: Lang) -> str:
    """One value of a list of choices in words ("jaarlijks")."""
    return t(f"proc_value_{value.replace('-', '_')}", lang)


def label(subject: Subject, lang: Lang, executive: str) -> str:
    """What the fact is called ("proceseigenaar"); ``executive``: the body reported to, as the organisation calls it."""
    return t(f"proc_fact_{subject.fact.key}", lang, executive=executive)


def question(subject: Subject, name: str, lang: Lang, executive: str) -> str:
    """The question that asks for the fact."""
    return t(f"proc_ask_{subject.fact.key}", lang, name=name, executive=executive)


def citation(entry: Entry, lang: Lang) -> str:
    """A source as a paragraph cites it: its type, title and date; a confidential one by type and date only."""
    kind = t(f"proc_source_type_{entry.type}", lang)
    day = fmt.long_date(entry.day, lang) if entry.day else t("proc_undated", lang)
    if entry.confidential or not entry.title:
        return f"{kind}, {day}"
    title = clean(entry.title)
    return f"{title}, {day}" if kind.lower() in title.lower() else f"{title} ({kind}), {day}"


def sources_words(ids: tuple[str, ...], register: dict[str, Entry], lang: Lang) -> str:
    """"(bron: interview, 12 november 2026)", or that no source is recorded; a confidential source only where no
    other one carries the fact (as the report cites them)."""
    held = [register[i] for i in ids if i in register]
    cites = [citation(e, lang) for e in ([e for e in held if not e.confidential] or held)]
    if not cites:
        return t("proc_no_source", lang)
    return t("proc_source_one" if len(cites) == 1 else "proc_source_many", lang, sources="; ".join(cites))
