"""The nota van bevindingen: numbered paragraphs of facts only, each with its sources, for ambtelijk wederhoor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from digimandate.i18n import Lang, t
from digimandate.model.facts import Subject, by_entity, open_facts, subjects, value_of
from digimandate.model.org import Mandate, Process
from digimandate.model.register import Entry, cited_in, entity_nodes
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.common import peildatum
from digimandate.render.doc.factwords import citation, label, sources_words, statement
from digimandate.render.doc.fmt import joined
from digimandate.render.doc.model import BoardDocument, Fields, Para, Section, Table
from digimandate.render.doc.names import Names
from digimandate.render.doc.words import fit_document

REACTION_DAYS = 21  # ambtelijk wederhoor: three weeks (NVRR practice: three to four); the nota says "drie weken"
# the Christmas holiday, 24 December up to and including 1 January: offices are half empty, so these
# days do not count towards the reply period and it never ends in them (the nota says so)
CHRISTMAS = ((12, 24), (1, 1))
SECTIONS = ("governance", "mandates", "channels", "processes")


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph: one fact of one entity (``path`` empty: an intake route or the holders)."""

    number: int
    section: str
    entity: str
    path: str
    short: str  # a sentence, as the nota shows it under the entity's heading
    text: str  # with the entity named, as the reaction sheet shows it
    recorded: bool  # False: a fact not established
    sources: tuple[str, ...] = ()


def _christmas(day: date) -> bool:
    """The day falls in the Christmas holiday (24 December up to and including 1 January)."""
    (m1, d1), (m2, d2) = CHRISTMAS
    return (day.month, day.day) >= (m1, d1) or (day.month, day.day) <= (m2, d2)


def reaction_date(written: date, days: int = REACTION_DAYS) -> date:
    """The last day to react: three weeks on (or ``days``), the Christmas holiday not counted, on a working day
    after it."""
    day, counted = written, 0
    while counted < days:
        day += timedelta(days=1)
        counted += not _christmas(day)
    while _christmas(day) or fmt.working_day(day) != day:
        day += timedelta(days=1)
    return day


class _Facts:
    """Collects the paragraphs in the nota's order."""

    def __init__(self, a: Audited, data: Any, lang: Lang, answered: dict[str, str]) -> None:
        self.a, self.data, self.lang = a, data, lang
        self.answered = answered
        self.specific = set(answered.values())
        self.names = Names(a, lang)
        self.out: list[Paragraph] = []
        # looked up once: a nota of a few thousand facts would search its section for each
        self.nodes = entity_nodes(data)
        self.items = by_entity(a.model)
        self.systems = {x.id: x for x in reversed(a.model.systems)}  # the first of an id, as a search finds it

    def subject_name(self, entity: str) -> str:
        """The entity as the reaction sheet names it: a name as written ("www.dijkveld.nl"), a label capitalised."""
        if entity == "governance":
            return self.a.result.organisation_name
        if entity.startswith("mandates/"):
            return _upper(t("proc_mandate_named", self.lang, name=self.names.mandate(entity.partition("/")[2])))
        return self.names.entity(entity)

    def add(self, s: Subject | None, entity: str, path: str, short: str, recorded: bool,
            fact: str | None = None) -> None:
        """One paragraph; ``fact``: the label of a fact not established, for the reaction sheet's one-colon line."""
        ids = self.sources(entity, path)
        short = _upper(short)  # every paragraph is a sentence
        section = s.fact.section if s is not None else entity.partition("/")[0]
        # the organisation's own facts need no name before them (the whole nota is about it); another entity is
        # named with a dash, so a line has one colon at most: "X – ambtelijk opdrachtgever: niet aangetoond."
        if entity == "governance":
            text = short
        elif fact is not None:
            text = t("proc_not_established_row", self.lang, subject=self.subject_name(entity), fact=fact)
        else:
            text = f"{self.subject_name(entity)} – {short}"
        self.out.append(Paragraph(len(self.out) + 1, section, entity, path, short, text, recorded, ids))

    def sources(self, entity: str, path: str) -> tuple[str, ...]:
        """The fact's own source when an answer gave it; else the entity's, but none given for another fact."""
        own = self.answered.get(f"{entity}#{path}")
        on_entity = cited_in(self.nodes.get(entity), path)
        if own is not None and own in on_entity:
            return (own,)
        return tuple(i for i in on_entity if i not in self.specific)

    def recorded(self) -> None:
        model = self.a.model
        by_entity: dict[str, list[Subject]] = {}
        for s in subjects(model):
            by_entity.setdefault(s.entity, []).append(s)
        for entity, subs in by_entity.items():
            if entity.startswith("mandates/"):
                self.holders(entity)
            for s in subs:
                known, value = value_of(model, s, self.items[entity])
                if known:
                    self.add(s, entity, s.fact.path, statement(s, value, self.names, self.lang), True)
            if entity.startswith("processes/"):
                self.intake(entity)

    def holders(self, entity: str) -> None:
        md = cast(Mandate, self.items[entity])
        if md.holders:
            who = joined([self.names.role(p) for p in md.holders], self.lang)
            self.add(None, entity, "holders", t("proc_holders", self.lang, who=who), True)
        # the reach and the limits of the mandate: findings about a departmental mandate rest on them
        if md.departments:
            key = "proc_mandate_departments" if len(md.departments) > 1 else "proc_mandate_department"
            self.add(None, entity, "departments", _upper(t(key, self.lang,
                                                            names=self.departments(md.departments))), True)
        if md.works_in:
            # "de houder werkt", "de houders werken": as many as the mandate has
            key = "proc_mandate_works_in_many" if len(md.holders or []) > 1 else "proc_mandate_works_in_one"
            self.add(None, entity, "works_in", _upper(t(key, self.lang, names=self.departments(md.works_in))), True)
        if md.given("needs_approval_from") and md.needs_approval_from is not None:
            if md.needs_approval_from:
                self.add(None, entity, "needs_approval_from", t("proc_mandate_approval", self.lang,
                                                                 names=self.departments(md.needs_approval_from)), True)
            else:
                self.add(None, entity, "needs_approval_from", t("proc_mandate_no_approval", self.lang), True)

    def departments(self, ids: list[str]) -> str:
        """Departments by name, "manager" as the holder's own manager, joined as a sentence does."""
        names = [t("proc_approval_manager", self.lang) if d == "manager" else self.names.entity(f"departments/{d}")
                 for d in ids]
        return joined(names, self.lang)

    def intake(self, entity: str) -> None:
        proc = cast(Process, self.items[entity])
        for i, route in enumerate(proc.intake or []):
            channel = self.names.entity(f"channels/{route.channel}")
            form = t("proc_with_form", self.lang) if route.form else ""
            if route.lands_in:
                text = t("proc_intake_lands", self.lang, channel=channel, form=form,
                         system=self.names.entity(f"systems/{route.lands_in}"))
            else:
                text = t("proc_intake_open", self.lang, channel=channel, form=form)
            self.add(None, entity, f"intake.{i}", _upper(" ".join(text.split()).replace(" ;", ";")), True)
            system = self.systems.get(route.lands_in) if route.lands_in else None
            if system is not None and system.delivers_to:  # a forms platform that hands requests on
                self.add(None, entity, f"intake.{i}.delivers_to", t(
                    "proc_delivers_to", self.lang, system=self.names.entity(f"systems/{system.id}"),
                    target=self.names.entity(f"systems/{system.delivers_to}")), True)
        for j, step in enumerate(proc.steps or [], 1):
            medium = t(f"proc_medium_{step.medium or 'none'}", self.lang)
            key = "proc_step" if step.name else "proc_step_unnamed"
            self.add(None, entity, f"steps.{j}",
                     _upper(t(key, self.lang, n=j, name=step.name or "", medium=medium)), True)

    def missing(self) -> None:
        # "adopted by no one" already says there is no date of adoption: a moot fact is not missing
        for s in open_facts(self.a.model):
            fact = label(s, self.lang, self.names.executive)
            self.add(s, s.entity, s.fact.path, t(f"proc_missing_{s.fact.key}", self.lang,
                                                 executive=self.names.executive), False, fact)


def paragraphs(a: Audited, data: Any, lang: Lang, answered: dict[str, str] | None = None) -> list[Paragraph]:
    """Every paragraph of the nota: the recorded facts per entity, then the facts not established.

    ``answered``: per fact answered in the audit (``processes/x#owner``) its source, so that the source of one
    answer is not cited for the other facts of the entity it is registered on.
    """
    facts = _Facts(a, data, lang, answered or {})
    facts.recorded()
    facts.missing()
    return facts.out


def build_nota(a: Audited, paras: list[Paragraph], register: dict[str, Entry], lang: Lang,
               written: date) -> BoardDocument:
    """The nota van bevindingen as a document model."""
    r = a.result
    names = Names(a, lang)
    doc = BoardDocument(lang, t("proc_nota_title", lang, org=r.organisation_name), t("proc_nota_subtitle", lang))
    until = fmt.long_date(reaction_date(written), lang)
    doc.front.append(Fields([
        (t("doc_field_organisation", lang), r.organisation_name),
        (t("doc_field_audit_date", lang), peildatum(r, lang)),
        (t("doc_field_date", lang), fmt.long_date(written, lang)),
        (t("proc_field_react_by", lang), until),
    ]))
    doc.footer = t("proc_nota_footer", lang, org=r.organisation_name)
    intro = Section(t("proc_h_about_nota", lang))
    intro.add(Para(t("proc_nota_intro", lang)), Para(t("proc_nota_react", lang, date=until)),
              Para(t("proc_nota_kinds", lang)))
    doc.sections.append(intro)
    for section in SECTIONS:
        mine = [p for p in paras if p.section == section and p.recorded]
        s = Section(t(f"proc_h_{section}", lang))
        _by_entity(s, mine, names, lang, lambda p: f" {sources_words(p.sources, register, lang)}")
        if not mine:
            s.add(Para(t("proc_section_empty", lang)))
        doc.sections.append(s)
    missing = [p for p in paras if not p.recorded]
    s = Section(t("proc_h_missing", lang))
    if missing:
        s.add(Para(t("proc_missing_intro", lang)))
        _by_entity(s, missing, names, lang, lambda p: "")
    else:
        s.add(Para(t("proc_missing_none", lang)))
    doc.sections.append(s)
    doc.sections.append(sources_section(paras, register, lang))
    # in the words of this kind of organisation, about the channels it has: as the report says it
    return fit_document(doc, a.result.organisation_type, frozenset(c.type for c in a.model.channels))


def _by_entity(s: Section, paras: list[Paragraph], names: Names, lang: Lang,
               after: Callable[[Paragraph], str]) -> None:
    """The paragraphs under the heading of their entity; the organisation's own (governance) under none."""
    for entity in dict.fromkeys(p.entity for p in paras):
        block = [Para(f"{p.number}. {p.short}{after(p)}") for p in paras if p.entity == entity]
        if entity == "governance":
            s.blocks += block
            continue
        # an entity's heading is its own name as written ("www.dijkveld.nl"); a label is capitalised
        title = _upper(t("proc_mandate_named", lang, name=names.mandate(entity.partition("/")[2]))) \
            if entity.startswith("mandates/") else names.entity(entity)
        s.sections.append(Section(title, list(block)))


def _upper(text: str) -> str:
    """A paragraph starts with a capital: "Het mandaat ..."."""
    return text[:1].upper() + text[1:]


def sources_section(paras: list[Paragraph], register: dict[str, Entry], lang: Lang) -> Section:
    """The sources the paragraphs cite: a confidential one by type and date only, never by title or who."""
    s = Section(t("proc_h_sources", lang))
    used = list(dict.fromkeys(i for p in paras for i in p.sources if i in register))
    if not used:
        return s.add(Para(t("proc_sources_none", lang)))
    rows = []
    for ident in used:
        e = register[ident]
        secret = e.confidential
        rows.append([citation(e, lang),
                     t("proc_confidential", lang) if secret else (e.reference or "–"),
                     "–" if secret else (e.provided_by or "–")])
    s.add(Para(t("proc_sources_intro", lang)))
    s.add(Table([t("proc_col_source", lang), t("proc_col_reference", lang), t("proc_col_provided_by", lang)],
                rows, [5, 5, 3]))
    return s
