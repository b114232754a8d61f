"""The information request: per role the questions for the facts the file does not record, and the interview guide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from digimandate.i18n import Lang, t
from digimandate.model.facts import ROLES, open_facts
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.common import peildatum
from digimandate.render.doc.factwords import enum_word, label, question
from digimandate.render.doc.model import BoardDocument, Fields, Items, Para, Section
from digimandate.render.doc.names import Names
from digimandate.render.doc.words import bodies, fit_document


@dataclass(frozen=True)
class Question:
    """One question of the request: its number, the role that knows, what it is about, and the fact's id."""

    number: int
    role: str  # a role key of model.facts
    subject: str  # the entity's name
    fact: str  # what the fact is called
    text: str
    ident: str  # entity#path: how an answer finds its fact again
    choices: str  # the answers a list of choices allows, in words ("" for a free answer)


def role_name(role: str, lang: Lang) -> str:
    """The role that knows, in words."""
    return t(f"proc_role_{role}", lang)


def questions(a: Audited, lang: Lang) -> list[Question]:
    """The questions for every applicable fact the file leaves out, grouped by role in a fixed order."""
    names = Names(a, lang)
    # the nota skips a fact another one settles ("adopted by no one": no date of adoption); so does the request
    asked = open_facts(a.model)
    out: list[Question] = []
    for role in ROLES:
        for s in asked:
            if s.role != role:
                continue
            name = names.entity(s.entity)
            if s.entity == "governance":
                name = subject = a.result.organisation_name
            elif s.entity.startswith("mandates/"):
                name = names.mandate(s.entity.partition("/")[2])
                subject = t("proc_mandate_named", lang, name=name)
                subject = subject[:1].upper() + subject[1:]
            else:
                subject = name
            choices = ", ".join(enum_word(v, lang) for v in s.fact.values)
            if s.fact.kind == "bool":
                choices = f"{t('proc_yes', lang)}, {t('proc_no', lang)}"
            text = question(s, name, lang, names.executive)
            out.append(Question(len(out) + 1, role, subject, label(s, lang, names.executive), text, s.ident,
                                choices))
    return out


def build_guide(a: Audited, asked: list[Question], lang: Lang, written: date) -> BoardDocument:
    """The interview guide: per role an introduction and its questions, numbered as in the spreadsheet."""
    r = a.result
    executive = bodies(r.organisation_type, lang).executive
    doc = BoardDocument(lang, t("proc_guide_title", lang, org=r.organisation_name), t("proc_guide_subtitle", lang))
    doc.front.append(Fields([
        (t("doc_field_organisation", lang), r.organisation_name),
        (t("doc_field_audit_date", lang), peildatum(r, lang)),
        (t("doc_field_date", lang), fmt.long_date(written, lang)),
    ]))
    doc.footer = t("proc_guide_footer", lang, org=r.organisation_name)
    intro = Section(t("proc_h_guide_use", lang))
    intro.add(Para(t("proc_guide_intro", lang)), Para(t("proc_guide_record", lang)))
    doc.sections.append(intro)
    if not asked:
        doc.sections.append(Section(t("proc_h_guide_nothing", lang)).add(Para(t("proc_guide_nothing", lang))))
    for role in ROLES:
        mine = [q for q in asked if q.role == role]
        if not mine:
            continue
        s = Section(t("proc_h_guide_role", lang, role=role_name(role, lang)))
        s.add(Para(t(f"proc_guide_role_{role}", lang, executive=executive)))
        for subject in dict.fromkeys(q.subject for q in mine):
            # the choices stand in the workbook; each question names them in its own words
            items = [f"{q.number}. {q.text}" for q in mine if q.subject == subject]
            s.sections.append(Section(subject, [Items(items)]))
        doc.sections.append(s)
    # in the words of this kind of organisation, about the channels it has: as the report says it
    return fit_document(doc, a.result.organisation_type, frozenset(c.type for c in a.model.channels))
