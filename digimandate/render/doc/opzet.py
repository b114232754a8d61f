"""The onderzoeksopzet: scope, questions, the normenkader with every norm, and the audit's steps; before fieldwork."""

from __future__ import annotations

import re
from datetime import date

from digimandate.audit.specs import ActiveRule, RuleSet
from digimandate.i18n import Lang, t
from digimandate.i18n import counted as plural
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.actions import param_text
from digimandate.render.doc.common import counted, peildatum
from digimandate.render.doc.model import BoardDocument, Fields, Items, Para, Section, Table
from digimandate.render.doc.names import clean, why
from digimandate.render.doc.words import bodies, fit_document

STEPS = 6  # proc_step_1 .. proc_step_6


def standard_name(rules: RuleSet, lang: Lang) -> str:
    """The checklists by title and version."""
    return "; ".join(t("doc_checklist_version", lang, title=c.title.get(lang), version=c.version)
                     for c in rules.checklists)


OWN_MARK = "*"  # beside a norm the checklist sets itself: the normenkader's intro says so once
COVERAGE = "min_coverage"  # every entity must pass unless a checklist says otherwise: said once, shown when lower
_AGE = {"nl": re.compile(r"^Hoeveel dagen (?P<what>.+) hooguit oud mag zijn op de auditdatum$"),
        "en": re.compile(r"^How many days old (?P<what>.+) may be at most on the audit date$")}


def norm_sources(rules: RuleSet, rule: ActiveRule, lang: Lang) -> str:
    """A norm's sources by title and article, a foreign one described in the reader's language; own norms marked."""
    parts = []
    for s in rule.spec.sources:
        info = rules.sources.get(s.ref)
        if info is not None and info.own_norm:
            parts.append(OWN_MARK + (f" {clean(s.note.get(lang))}" if s.note else ""))
            continue
        if info is not None and info.label is not None:
            part = clean(info.label.get(lang))
        else:
            part = clean(info.title) if info is not None else clean(s.ref)
        if info is not None and info.article:
            part += f", {info.article}"
        parts.append(part)
    return "; ".join(dict.fromkeys(parts))


def norm_params(rule: ActiveRule, lang: Lang) -> str:
    """The thresholds in force that the reader needs: "aandeel digitaal: 50%", an age as a period in words.

    Every threshold is the checklist's own choice (a law sets none of them), and every entity must pass unless
    a lower share is set: the normenkader's intro says both once, so neither is repeated per norm.
    """
    out = []
    for key, param in rule.spec.params.items():
        value = rule.params.get(key, param.default)
        if key == COVERAGE and value == 1:
            continue
        description = clean(param.description.get(lang))
        age = _AGE[lang].match(description)
        if age is not None and key.endswith("_days") and isinstance(value, int) and not isinstance(value, bool):
            out.append(t("proc_param_age", lang, what=_upper(age["what"]), period=fmt.duration(value, lang)))
            continue
        out.append(f"{description}: {param_text(key, value, lang)}")
    return "; ".join(out) or "–"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def build_opzet(a: Audited, lang: Lang, written: date) -> BoardDocument:
    """The onderzoeksopzet as a document model."""
    r, rules, m = a.result, a.rules, a.model
    executive = bodies(r.organisation_type, lang).executive  # "het college van B&W", as the organisation's type says
    doc = BoardDocument(lang, t("proc_opzet_title", lang, org=r.organisation_name), t("proc_opzet_subtitle", lang))
    doc.front.append(Fields([
        (t("doc_field_organisation", lang), r.organisation_name),
        (t("doc_field_audit_date", lang), peildatum(r, lang)),
        (t("doc_field_date", lang), fmt.long_date(written, lang)),
        (t("doc_field_standard", lang), standard_name(rules, lang)),
    ]))
    doc.footer = t("proc_opzet_footer", lang, org=r.organisation_name)
    doc.contents = t("doc_contents", lang)
    purpose = Section(t("proc_h_purpose", lang)).add(Para(t("proc_opzet_purpose", lang, org=r.organisation_name)))
    scope = Section(t("doc_h_scope", lang))
    scope.add(Para(t("doc_scope_text", lang, org=r.organisation_name,
                     departments=counted(len(m.departments), "department", lang),
                     channels=counted(len(m.channels), "channel", lang),
                     products=counted(len(m.processes), "product", lang),
                     mandates=counted(len(m.mandates), "mandate", lang))))
    scope.add(Para(t("proc_opzet_peildatum", lang, date=peildatum(r, lang))))
    scope.add(Para(t("doc_questions_intro", lang)),
              Items([t(f"doc_question_{i}", lang, executive=executive) for i in range(1, 5)], ordered=True))
    doc.sections = [purpose, scope, normenkader(a, lang), steps(lang, written, executive)]
    # in the words of this kind of organisation, about the channels it has: as the report says it
    return fit_document(doc, a.result.organisation_type, frozenset(c.type for c in a.model.channels))


def normenkader(a: Audited, lang: Lang) -> Section:
    """Every norm the audit applies, per dimension: the norm, its level, its sources and its parameters."""
    rules = a.rules
    active = [rule for rule in rules.sorted() if rule.enabled and rule.kind == "check"]
    s = Section(t("proc_h_normenkader", lang), new_page=True)
    s.add(Para(t("proc_normenkader_intro", lang, checklists=standard_name(rules, lang),
                 count=plural(len(active), "proc_noun_norm", lang, fmt.spelled))))
    s.add(Para(t("proc_normenkader_own", lang, mark=OWN_MARK)))
    for name, dim in rules.dimensions.items():
        mine = [rule for rule in active if rule.spec.dimension == name]
        if not mine:
            continue
        sub = Section(dim.title.get(lang))
        if dim.description:
            sub.add(Para(clean(dim.description.get(lang))))
        rows = [[clean(rule.spec.title.get(lang)) + ". " + why(rule.spec, lang),
                 str(rule.spec.level), norm_sources(rules, rule, lang), norm_params(rule, lang)] for rule in mine]
        sub.add(Table([t("doc_col_norm", lang), t("doc_col_level", lang), t("proc_col_norm_source", lang),
                       t("proc_col_params", lang)], rows, [6, 2, 4, 3]))
        s.sections.append(sub)
    return s


def steps(lang: Lang, written: date, executive: str) -> Section:
    """The audit's steps in order, as NVRR practice runs them."""
    s = Section(t("proc_h_steps", lang))
    s.add(Para(t("proc_steps_intro", lang, date=fmt.long_date(written, lang))))
    s.add(Items([t(f"proc_step_{i}", lang, executive=executive) for i in range(1, STEPS + 1)], ordered=True))
    s.add(Para(t("proc_steps_facts", lang)))
    return s
