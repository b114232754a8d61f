"""The adviesrapport as a document model: summary, scope, standard, method, findings, conclusions, actions."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from digimandate.audit.result import Finding
from digimandate.audit.specs import ActiveRule
from digimandate.i18n import Lang, t
from digimandate.i18n import counted as in_figures
from digimandate.render.advice import JobView, Progress, job_views
from digimandate.render.common import Audited
from digimandate.render.doc import fmt, sources
from digimandate.render.doc.actions import (
    Recommendation,
    action_numbers,
    first,
    narrowed,
    observed,
    recommendations,
    to_verify,
    waits_for,
)
from digimandate.render.doc.adapter import basis, coverage, evidence, graded, level, reason, reason_level, top_entity
from digimandate.render.doc.bundles import Bundle, action_dues, bundles, lead, numbers, part_due
from digimandate.render.doc.common import (
    DocContext,
    body_name,
    chart,
    concerns,
    counted,
    level_text,
    ownership,
    peildatum,
    place_noun,
    review_paras,
    schedule,
    short_list,
)
from digimandate.render.doc.fmt import joined
from digimandate.render.doc.model import BoardDocument, Fields, Items, Para, Section, Table
from digimandate.render.doc.names import Names, clean, why
from digimandate.render.doc.owners import Owners
from digimandate.render.doc.services import services_only
from digimandate.render.doc.words import bodies, fit_document, one_holder

TABLE_LIMIT = 12  # entities per rule shown as a table in the findings; more are counted, and appendix A names them
_BRACKETS_AFTER_STOP = re.compile(r"\.\s\(([^()]*)\)$")  # "… overgetypt. (1 product, …)" at the end of an action
OLD_PEILDATUM_DAYS = 365  # a peildatum further back than this before the report date is named in the method


def volume_text(rec: Recommendation, lang: Lang) -> str:
    """"5.400 aanvragen per jaar", or "minstens 5.400 ... (volume bekend van 1 van de 3)": what is known, as known."""
    text = t("doc_volume_digital" if rec.digital else "doc_volume_requests", lang, volume=fmt.count(rec.volume, lang))
    if rec.known < rec.products:
        text = t("doc_volume_at_least", lang, volume=text, known=fmt.count(rec.known, lang),
                 total=fmt.count(rec.products, lang))
    return text


class _Report:
    """Builds the report for one result."""

    def __init__(self, a: Audited, ctx: DocContext, prog: Progress | None, left_out: int = 0) -> None:
        self.a = a
        self.left_out = left_out  # products that are no service (tests, parts of another case)
        self.r = a.result
        self.lang: Lang = ctx.lang
        self.ctx = ctx
        self.prog = prog
        self.names = Names(a, ctx.lang)
        every = recommendations(a, ctx.written)
        # an action only where a recorded fact falls short; a fact nobody recorded is to verify first
        self.recs = observed(every)
        self.verify = {rec.rule.id for rec in to_verify(every)}
        # the actions, numbered in appendix E; the recommendations in the body bundle them
        self.number = action_numbers(self.recs)
        self.dates = schedule(a, ctx.written, every)
        self.bundles = bundles(a, ctx.lang, ctx.written, self.recs, self.dates.planned)
        # each action's own date: a recommendation is done when its last action is, an action after what it follows
        self.dues = action_dues(self.recs, ctx.written, self.dates.planned)
        self.bundle_of = numbers(self.bundles)
        # what comes first, as the memos decide it: the most urgent actions and what holds the level
        self.first = first(self.recs, self.r.maturity.blocking)
        # per rule, how many of the entities it decided rest on a fact without a source (a register is kept)
        self.unsourced = {o.rule: getattr(o, "unsourced", 0) for o in self.r.outcomes}

    def tx(self, key: str, **args: Any) -> str:
        return t(key, self.lang, **args)

    # ---------------------------------------------------------------- whole document
    def build(self) -> BoardDocument:
        r, tx = self.r, self.tx
        doc = BoardDocument(self.lang, tx("doc_report_title", org=r.organisation_name), tx("doc_report_subtitle"))
        doc.front.append(Fields([
            (tx("doc_field_organisation"), r.organisation_name),
            (tx("doc_field_audit_date"), peildatum(r, self.lang)),
            (tx("doc_field_written"), fmt.long_date(self.ctx.written, self.lang)),
            (tx("doc_field_standard"), self.standard_name()),
        ]))
        doc.footer = tx("doc_report_footer", org=r.organisation_name)
        doc.contents = tx("doc_contents")
        doc.sections = [self.summary(), self.scope(), self.normenkader(), self.method()]
        if self.prog is not None:
            doc.sections.append(self.progress(self.prog))
        doc.sections += [self.findings(), self.conclusions(), self.recommendations(), *self.appendices()]
        return doc

    def standard_name(self) -> str:
        return "; ".join(self.tx("doc_checklist_version", title=c.title.get(self.lang), version=c.version)
                         for c in self.a.rules.checklists)

    # ---------------------------------------------------------------- sections
    def summary(self) -> Section:
        r, tx = self.r, self.tx
        overall = level(r.maturity)
        s = Section(tx("doc_h_summary"))
        if overall is None and reason(r.maturity) == "not_assessed":
            s.add(Para(tx("doc_summary_not_assessed", org=r.organisation_name)))
        elif overall is None:
            s.add(Para(tx("doc_summary_no_level", org=r.organisation_name)))
        else:
            s.add(Para(tx("doc_summary_level", org=r.organisation_name, level=level_text(overall, self.lang),
                          description=t(f"level_{overall}_desc", self.lang))))
        s.add(chart(self.a, self.lang))
        if self.recs:
            s.add(Para(tx("doc_summary_top")))
            # bullets, each naming its recommendation: numbers 1..n here would read as the recommendations' numbers
            s.add(Items([self.tx("doc_first_bundle", text=text, n=self.bundle_of[rec.rule.id])
                         for rec, text in zip(self.first, self.first_items(), strict=True)]))
        else:  # nothing to act on: what was found in order, what is still to verify, what was not tested
            s.add(Para(self.in_order()))
        # the bodies as the recommendations name them: each has one, so the summary and the section agree
        if self.bundles:
            for body in dict.fromkeys(body for b in self.bundles for body in b.decided_by):
                if decided := self.decided(body):
                    s.add(Para(tx("doc_summary_decide", body=body_name(body, r, self.lang), actions=decided)))
            if self.not_adopted:  # in its own place: the response took it out of what is decided and dated
                s.add(Para(tx("doc_summary_not_adopted", executive=body_name("college", r, self.lang),
                              date=fmt.long_date(self.ctx.reacted or self.ctx.written, self.lang),
                              recs=self.bundle_refs(sorted(self.not_adopted)))))
        else:
            s.add(Para(tx("doc_summary_nothing_to_decide")))
        return s

    def in_order(self) -> str:
        """What was tested and found in order, what is not established, what was not tested: never "nothing to do"."""
        tx, lang = self.tx, self.lang
        status = [o.status for o in self.r.outcomes]
        passed = status.count("passed")
        untested = sum(1 for x in status if x in ("not_applicable", "disabled", "error"))
        parts = [tx("doc_summary_clean", passed=counted(passed, "norm_is", lang))]
        if self.verify:
            parts.append(tx("doc_summary_unverified", count=counted(len(self.verify), "norm", lang)))
        if untested:
            parts.append(tx("doc_summary_untested", count=counted(untested, "norm", lang)))
        return " ".join(parts)

    def decided(self, body: str) -> str:
        """What ``body`` decides: whole recommendations, and of one that two bodies share only its own actions."""
        whole = [b.number for b in self.bundles if b.decided_by == (body,) and b.number not in self.not_adopted]
        parts = [self.tx("doc_summary_action_of" if len(found) == 1 else "doc_summary_actions_of",
                         numbers=self.listed(found), n=b.number)
                 for b in self.bundles if body in b.decided_by and b.decided_by != (body,)
                 and b.number not in self.not_adopted
                 for found in [[self.number[rec.rule.id] for rec in b.actions
                                if (rec.decided_by or "directie") == body]] if found]
        said = [self.bundle_refs(whole)] if whole else []
        said += parts
        return f" {self.tx('doc_and')} ".join(said) if len(said) < 3 else \
            f"{', '.join(said[:-1])} {self.tx('doc_and')} {said[-1]}"

    def bundle_refs(self, found: list[int]) -> str:
        """"aanbeveling 2" or "aanbevelingen 1, 2 en 4"."""
        if len(found) == 1:
            return self.tx("doc_rec_ref", n=found[0])
        listed = f"{', '.join(str(n) for n in found[:-1])} {self.tx('doc_and')} {found[-1]}"
        return self.tx("doc_rec_refs", n=listed)

    def first_items(self) -> list[str]:
        """What comes first, one text per action: the summary and the answer to question 4 say the same."""
        # without a count, the places it concerns: an action for one product names that product
        return [f"{rec.action(self.lang)} {self.why_short(rec)}" if self.why_short(rec)
                else self.action_with_places(rec) for rec in self.first]

    def why_short(self, rec: Recommendation) -> str:
        """"(12 producten, 40.000 aanvragen per jaar)" or the number of places."""
        n = len(rec.entities)
        if rec.volume:
            return self.tx("doc_why_volume", count=counted(n, "product", self.lang),
                           volume=volume_text(rec, self.lang))
        if n > 1:
            return self.tx("doc_why_places", count=counted(n, "place", self.lang))
        return ""

    def scope(self) -> Section:
        r, tx = self.r, self.tx
        m = self.a.model
        s = Section(tx("doc_h_scope"))
        s.add(Para(tx("doc_scope_text", org=r.organisation_name,
                      departments=counted(len(m.departments), "department", self.lang),
                      channels=counted(len(m.channels), "channel", self.lang),
                      products=counted(len(m.processes), "product", self.lang),
                      mandates=counted(len(m.mandates), "mandate", self.lang))))
        if self.left_out:
            s.add(Para(tx("doc_scope_left_out", count=counted(self.left_out, "product", self.lang),
                          public=bodies(r.organisation_type, self.lang).public)))
        s.add(Para(tx("doc_questions_intro")))
        executive = bodies(self.r.organisation_type, self.lang).executive
        s.add(Items([tx(f"doc_question_{i}", executive=executive) for i in range(1, 5)],
                    ordered=True))
        return s

    def normenkader(self) -> Section:
        tx = self.tx
        s = Section(tx("doc_h_standard"))
        s.add(Para(tx("doc_standard_text", checklists=self.standard_name(),
                      rules=fmt.count(len(self.a.rules.rules), self.lang),
                      dimensions=fmt.count(len(self.a.rules.dimensions), self.lang))))
        advisory = [d.title.get(self.lang) for d in self.a.rules.dimensions.values() if not d.graded]
        if advisory:  # the overview per dimension shows fewer: say why, or the counts seem not to add up
            s.add(Para(tx("doc_standard_advisory_one" if len(advisory) == 1 else "doc_standard_advisory_many",
                          names=f" {tx('doc_and')} ".join(advisory))))
        rows = []
        titles = {c.id: c.title.get(self.lang) for c in self.a.rules.checklists}  # who changed it, by name
        for rule in self.a.rules.sorted():
            changes = self.changes(rule)
            if changes:
                # a checklist by its title; a configuration file is the audit's own setting, not named
                by = ", ".join(dict.fromkeys(titles.get(who) or tx("doc_by_config") for who in rule.changed_by))
                if not by:  # switched off by select/ignore, or off by default in its own checklist
                    by = titles.get(rule.origin, "–") if not rule.spec.enabled else tx("doc_by_config")
                rows.append([rule.spec.title.get(self.lang), changes, by])
        if rows:
            s.add(Para(tx("doc_standard_changed")))
            s.add(Table([tx("doc_col_norm"), tx("doc_col_change"), tx("doc_col_by")], rows, [5, 4, 2]))
        else:
            s.add(Para(tx("doc_standard_unchanged")))
        s.add(Para(tx("doc_standard_appendix")))
        return s

    def changes(self, rule: ActiveRule) -> str:
        """What a configuration or checklist changed about a rule, in words."""
        out = []
        if not rule.enabled:
            out.append(self.tx("doc_change_disabled"))
        if rule.severity != rule.spec.severity:
            out.append(self.tx("doc_change_severity", before=t(f"sev_{rule.spec.severity}", self.lang),
                               after=t(f"sev_{rule.severity}", self.lang)))
        for key, param in rule.spec.params.items():
            if rule.params.get(key) != param.default:
                from digimandate.render.doc.actions import param_text

                out.append(self.tx("doc_change_param", what=clean(param.description.get(self.lang)),
                                   before=param_text(key, param.default, self.lang),
                                   after=param_text(key, rule.params[key], self.lang)))
        return "; ".join(out)

    def single_source_name(self, f: Finding) -> str:
        """A finding resting on one kind of source, as the method names it: its norm, where, and that kind."""
        title = self.a.rules.rules[f.rule].spec.title.get(self.lang)
        return self.tx("doc_method_single_named", norm=title, where=self.names.entity(f.entity))

    def method(self) -> Section:
        r, tx = self.r, self.tx
        s = Section(tx("doc_h_method"))
        s.add(*sources.method_paras(r, peildatum(r, self.lang), self.lang, self.single_source_name))
        if (self.ctx.written - r.audit_date).days > OLD_PEILDATUM_DAYS:  # a picture of then, not of now
            s.add(Para(tx("doc_method_old_peildatum", date=fmt.long_date(r.audit_date, self.lang),
                          written=fmt.long_date(self.ctx.written, self.lang))))
        observed = sum(1 for f in r.findings if basis(f) == "observed")
        missing = len(r.findings) - observed
        ev = evidence(r)
        # statistics, and the sentence may open with one: in figures, as a table would give them
        if ev is not None and ev[0]:
            # where the file keeps a register of sources, a fact counts as established only with one
            key = ("doc_method_evidence_unsourced" if ev[2] else "doc_method_evidence_sourced") if r.sources \
                else "doc_method_evidence"
            s.add(Para(tx(key, checks=in_figures(ev[0], "doc_noun_check", self.lang),
                          decided=fmt.count(ev[1], self.lang), share=fmt.percent(ev[1] / ev[0], self.lang),
                          unsourced=fmt.count(ev[2], self.lang))))
        if observed and missing:
            s.add(Para(tx("doc_method_basis", observed=in_figures(observed, "doc_noun_finding_rests", self.lang),
                          missing=fmt.count(missing, self.lang))))
        elif observed:
            s.add(Para(tx("doc_method_basis_observed",
                          observed=in_figures(observed, "doc_noun_finding_rests", self.lang))))
        elif missing:
            s.add(Para(tx("doc_method_basis_missing",
                          missing=in_figures(missing, "doc_noun_finding_rests", self.lang))))
        s.add(Para(tx("doc_method_levels_sourced" if r.sources else "doc_method_levels",
                      minimum=fmt.percent(self.a.rules.min_evidence, self.lang))))
        return s

    def progress(self, prog: Progress) -> Section:
        tx = self.tx
        try:  # the earlier result's audit date, written as a date is written in this language
            when = fmt.long_date(date.fromisoformat(prog.previous_date), self.lang)
        except ValueError:
            when = prog.previous_date
        s = Section(tx("doc_h_progress", date=when))
        s.add(Para(tx("doc_progress_counts", fixed=len(prog.fixed), new=len(prog.new), open=len(prog.still_open))))
        rows = []
        for name, before, after in prog.dimensions:
            dim = self.a.rules.dimensions.get(name)
            rows.append([dim.title.get(self.lang) if dim else name, level_cell_any(before), level_cell_any(after)])
        s.add(Table([tx("doc_col_dimension"), tx("doc_col_before"), tx("doc_col_now")], rows, [5, 2, 2]))
        return s

    def findings(self) -> Section:
        r, tx = self.r, self.tx
        s = Section(tx("doc_h_findings"), new_page=True)
        by_rule: dict[str, list[Finding]] = {}
        for f in r.findings:
            if f.kind != "meta":
                by_rule.setdefault(f.rule, []).append(f)
        for name, dim in self.a.rules.dimensions.items():
            ds = r.maturity.dimensions.get(name)
            if ds is None or not graded(self.a, name):  # job design is advice on the role: appendix E
                continue
            state = (tx("doc_level_insufficient") if level(ds) is None and reason(ds) == "insufficient_evidence"
                     else level_text(level(ds), self.lang))
            sub = Section(f"{dim.title.get(self.lang)}: {state}")
            if dim.description:
                sub.add(Para(dim.description.get(self.lang)))
            why = self.reason_text(ds)
            if why:
                sub.add(Para(why))
            if name == "mandate":
                sub.blocks += self.departmental_mandates()
            rules = [rule for rule in self.a.rules.sorted() if rule.spec.dimension == name]
            # most important first: in the order of the recommendations, not of the checklist or the file
            failing = sorted((rule for rule in rules if rule.id in by_rule),
                             key=lambda rule: self.number.get(rule.id, len(self.number) + 1))
            for rule in failing:
                # "Norm: ...": a title is a statement; above a finding that it is not met, it must read as the norm
                sub.sections.append(Section(self.tx("doc_norm_heading", title=rule.spec.title.get(self.lang)),
                                            self.rule_block(rule, by_rule[rule.id])))
            passed = [rule for rule in rules if rule.id in ds.passed and rule.id not in by_rule]
            # a norm met on a fact without a source is met as the file says, not established: said apart
            unsourced = [rule.spec.title.get(self.lang) for rule in passed if self.unsourced.get(rule.id)]
            met = [rule.spec.title.get(self.lang) for rule in passed if not self.unsourced.get(rule.id)]
            if met:  # the norms met, each quoted as the statement it is: "A" en "B"
                sub.add(Para(joined([f'"{title}"' for title in met], self.lang) + ".", label=tx("doc_label_met")))
            if unsourced:
                sub.add(Para(joined([f'"{title}"' for title in unsourced], self.lang) + ".",
                             label=tx("doc_label_met_unsourced")))
            if not failing and not met:
                sub.add(Para(tx("doc_dimension_nothing")))
            s.sections.append(sub)
        return s

    def reason_text(self, ds: Any) -> str | None:
        """Why a dimension has no level or stops below a rung, in words; a reason we have no text for is not shown."""
        why = reason(ds)
        if not why or f"doc_reason_{why}" not in _catalog():
            return None
        rung = reason_level(ds)
        if why == "level_not_assessed" and rung is None:
            return None
        share = getattr(getattr(ds, "evidence", None), "share", None)
        if why == "insufficient_evidence" and self.r.sources:  # only facts with a source count
            why = "insufficient_evidence_sourced"
        return self.tx(f"doc_reason_{why}", level=rung if rung is not None else "",
                       share=fmt.percent(share, self.lang) if isinstance(share, float) else "–")

    def departmental_mandates(self) -> list[Any]:
        """Mandates for some departments, named as context: the norms judge only an organisation-wide one."""
        model = self.a.model
        depts = {d.id: d.name for d in model.departments}
        local = [md for md in model.mandates if md.scope != "organisation"]
        if not local:
            return []
        named = [f"{self.names.mandate(md.id)} ({', '.join(depts.get(d, d) for d in md.departments or []) or '–'})"
                 for md in local]
        # without an organisation-wide mandate the departmental one is the start, and its limits are findings
        start = not any(md.scope == "organisation" for md in model.mandates)
        key = "doc_departmental_start" if start else "doc_departmental_mandates"
        return [Para(self.tx(key, mandates=short_list(named, self.lang)))]

    def rule_block(self, rule: ActiveRule, found: list[Finding]) -> list[Any]:
        """One block per rule: the norm and why once, then what it found where."""
        tx, lang = self.tx, self.lang
        spec = rule.spec
        out: list[Any] = [Para(why(spec, lang), label=tx("doc_label_why"))]
        cov = coverage(self.a, rule, found)
        places = list(dict.fromkeys(self.names.entity(f.entity) for f in found))
        if cov is not None and cov.applicable > 1:
            # a sentence, with what the norm was applied to: "Aan de norm voldoen 0 van de 2 kanalen (0%)."
            # products or channels by their noun; other places ("plaatsen" reads as machine text) by the count alone
            noun = place_noun([f.entity for f in found])
            total = fmt.count(cov.applicable, lang) if noun == "place" else \
                in_figures(cov.applicable, f"doc_noun_{noun}", lang, fmt.count)
            # the verb agrees with how many meet it: "voldoet 1", "voldoen 2", "voldoet geen"
            key = {0: "doc_coverage_sentence_none", 1: "doc_coverage_sentence_one"}.get(cov.passed,
                                                                                      "doc_coverage_sentence")
            if cov.passed == 0 and any(basis(f) == "not_recorded" for f in found):
                key = "doc_coverage_sentence_none_shown"  # where a fact is missing, "voldoet geen" would be a verdict
            out.append(Para(tx(key, passed=fmt.count(cov.passed, lang), applicable=total,
                               share=fmt.percent(cov.passed / cov.applicable, lang))))
        if len(found) == 1:
            f = found[0]
            where = self.names.entity(f.entity)
            text = self.names.message(f)
            # no place before a text that names it, nor before one about the board (its dimension says so)
            plain = where in text or "/" not in f.entity or f.entity.startswith("governance")
            out.append(Para(self.with_basis(text, f) if plain else f"{where}: {self.with_basis(text, f)}",
                            label=tx("doc_label_finding")))
        elif len(found) <= TABLE_LIMIT:
            rows = [[self.names.entity(f.entity), self.names.message(f), self.basis_text(f)] for f in found]
            out.append(Table([tx("doc_col_where"), tx("doc_col_finding"), tx("doc_col_basis")], rows, [3, 6, 2]))
        else:
            missing = sum(1 for f in found if basis(f) == "not_recorded")
            # "16 producten", "4 kanalen": what they are, not "places"
            count = counted(len(places), place_noun([f.entity for f in found]), lang)
            none = missing == len(found)  # not one of them has the fact recorded
            if cov is not None and cov.passed == 0 and cov.applicable == len(places):  # every one: no list of 240 names
                text = (tx("doc_all_places_unrecorded", count=count) if none else
                        tx("doc_all_places_missing", count=count, missing=fmt.count(missing, lang)) if missing
                        else tx("doc_all_places", count=count) + ".")
            elif none:  # a count, never a paragraph of dozens of names: appendix C lists them
                text = tx("doc_many_places_unrecorded", count=count)
            elif missing:  # appendix A lists them in a table
                text = tx("doc_many_places", count=count, missing=fmt.count(missing, lang))
            else:
                text = tx("doc_many_places_recorded", count=count)
            out.append(Para(text, label=tx("doc_label_concerns")))
        n = self.bundle_of.get(rule.id)
        if n is not None:
            out.append(Para(tx("doc_see_rec", n=n), label=tx("doc_label_action")))
        if rule.id in self.verify:  # where the fact is not recorded: to verify, not to fix
            out.append(Para(tx("doc_see_verify_rest" if n is not None else "doc_see_verify"),
                            label=tx("doc_label_verify")))
        return out

    def only_to_verify(self, rule_id: str) -> bool:
        """Whether every finding of a norm rests on a fact nobody recorded: not met is not shown, only unknown."""
        return rule_id in self.verify and rule_id not in self.number

    def basis_text(self, f: Finding) -> str:
        """"vastgelegd feit" or "niet aangetoond"; with a register of sources, a recorded fact cites its sources or
        reads "feit zonder bron"."""
        if basis(f) != "observed":
            return self.tx("doc_basis_not_recorded")
        if self.r.sources:
            # a recorded fact that cites none of the register's sources reads as what it is: "feit zonder bron"
            if not sources.cited_numbers(f.sources, self.r):
                return self.tx("doc_basis_no_source")
            return self.tx("doc_basis_observed") + "; " + sources.cite_phrase(f.sources, self.r, self.lang)
        return self.tx("doc_basis_observed")

    def with_basis(self, text: str, f: Finding) -> str:
        """A finding's text and its basis in brackets: "(eigen norm van de checklist; vastgelegd feit)", not two."""
        own = f"({t('own_norm', self.lang)})"
        if text.endswith(own):
            return f"{text[:-1]}; {self.basis_text(f)})"
        return f"{text} ({self.basis_text(f)})"

    def conclusions(self) -> Section:
        r, tx = self.r, self.tx
        s = Section(tx("doc_h_conclusions"))
        items = []
        for name, dim in self.a.rules.dimensions.items():
            ds = r.maturity.dimensions.get(name)
            if ds is None or not graded(self.a, name):
                continue
            lv = level(ds)
            ids = [b for b in ds.blocking if b in self.a.rules.rules]
            # a norm nobody recorded a fact for is to verify, not to meet: it is named apart
            unknown = [self.a.rules.rules[b].spec.title.get(self.lang) for b in ids if self.only_to_verify(b)]
            blocking = [self.a.rules.rules[b].spec.title.get(self.lang) for b in ids if not self.only_to_verify(b)]
            if lv is None and reason(ds) == "insufficient_evidence":
                text = tx("doc_conclusion_none", dim=dim.title.get(self.lang))
            elif lv is None:
                text = tx("doc_conclusion_not_assessed", dim=dim.title.get(self.lang))
            elif (blocking or unknown) and lv < 5:
                parts = []
                if blocking:
                    parts.append(tx("doc_conclusion_needed", norms=short_list(blocking, self.lang, 3)))
                if unknown:
                    parts.append(tx("doc_conclusion_verify", norms=short_list(unknown, self.lang, 3)))
                text = tx("doc_conclusion_next", dim=dim.title.get(self.lang), level=level_text(lv, self.lang),
                          next=lv + 1, norms="; ".join(parts))
            else:
                text = tx("doc_conclusion_top", dim=dim.title.get(self.lang), level=level_text(lv, self.lang))
            items.append(text)
        overall = level(r.maturity)
        if overall is None:
            s.add(Para(tx("doc_conclusion_overall_none", org=r.organisation_name)))
        else:
            s.add(Para(tx("doc_conclusion_overall", org=r.organisation_name, level=level_text(overall, self.lang))))
        s.add(Items(items))
        s.add(Para(tx("doc_answers_intro")))
        executive = bodies(r.organisation_type, self.lang).executive
        s.add(Items([tx("doc_answer", question=tx(f"doc_question_{i}", executive=executive), answer=answer)
                     for i, answer in enumerate(self.answers(), 1)], ordered=True))
        return s

    def answers(self) -> list[str]:
        """The answer to each question of the scope, from the norms of its dimensions as they were found."""
        tx, lang = self.tx, self.lang
        by_rule: dict[str, list[Finding]] = {}
        for f in self.r.findings:
            by_rule.setdefault(f.rule, []).append(f)
        for w in self.r.waived:  # a waived finding is still a norm not met
            by_rule.setdefault(w.finding.rule, []).append(w.finding)
        out = []
        # the questions of the scope, each answered from the dimensions the checklist says it is about
        # (the fourth, what comes first, from the recommendations)
        for question in range(1, 4):
            dims = {name for name, dim in self.a.rules.dimensions.items() if dim.question == question}
            rules = [rule for rule in self.a.rules.sorted() if rule.spec.dimension in dims and rule.enabled]
            failed = [rule for rule in rules if any(basis(f) == "observed" for f in by_rule.get(rule.id, []))]
            missing = [rule for rule in rules
                       if by_rule.get(rule.id) and all(basis(f) == "not_recorded" for f in by_rule[rule.id])]
            assessed = [o for o in self.r.outcomes if o.rule in {rule.id for rule in rules}
                        and o.status in ("passed", "failed", "waived")]
            out.append(self.answer(failed, missing, bool(assessed)))
        # the one list of what comes first, as the summary gives it (and the memos decide it)
        first = self.first_items()
        # what holds the level but rests on facts nobody recorded: to verify first, beside the actions
        unknown = [f'"{self.a.rules.rules[b].spec.title.get(lang)}"' for b in self.r.maturity.blocking
                   if b in self.a.rules.rules and self.only_to_verify(b)]
        if first:
            # one paragraph of whole sentences: a count in brackets goes inside its sentence, "… overgetypt (1 product,
            # 210 digitale aanvragen per jaar). Haal …", never after the full stop as a list item has it
            answer = tx("doc_answer_first", actions=" ".join(_BRACKETS_AFTER_STOP.sub(r" (\1).", item)
                                                             for item in first))
            if unknown:
                answer += " " + tx("doc_answer_first_verify", norms=short_list(unknown, lang, 3))
            out.append(answer)
        else:
            out.append(tx("doc_answer_verify_first" if self.verify else "doc_answer_nothing_first"))
        return out

    def action_with_places(self, rec: Recommendation) -> str:
        """The action, with the products or channels it concerns: "Maak het product digitaal ... Dit geldt voor X."."""
        action = rec.action(self.lang)
        places = [e for e in rec.entities if e.startswith(("processes/", "channels/"))]
        if places:
            names = list(dict.fromkeys(self.names.entity(e) for e in places))
            action += " " + concerns(places, names, self.lang)
        return action

    def answer(self, failed: list[ActiveRule], missing: list[ActiveRule], assessed: bool) -> str:
        """One question's answer, in proportion: only an essential norm not met makes it "not yet"."""
        tx, lang = self.tx, self.lang

        def quoted(rules: list[ActiveRule]) -> str:
            return short_list([f'"{rule.spec.title.get(lang)}"' for rule in rules], lang, 3)

        essential = [rule for rule in failed if _essential(rule)]
        minor = [rule for rule in failed if not _essential(rule)]
        if essential:
            parts = [tx("doc_answer_no", failed=quoted(essential))]
            if minor:
                parts.append(tx("doc_answer_also", norms=quoted(minor)))
        elif minor or (missing and not any(_essential(rule) for rule in missing)):
            # what is left is of low weight or a higher rung: yes in the main, not "not yet"
            parts = [tx("doc_answer_mostly")]
            if minor:
                parts.append(tx("doc_answer_improve", norms=quoted(minor)))
        elif missing:
            parts = [tx("doc_answer_unknown_head")]
        else:
            return tx("doc_answer_yes" if assessed else "doc_answer_not_assessed")
        if missing:
            parts.append(tx("doc_answer_missing", norms=quoted(missing)))
        return " ".join(parts)

    def recommendations(self) -> Section:
        """A handful of bundled recommendations, each with an owner, a date and the norms it covers."""
        tx, lang = self.tx, self.lang
        s = Section(tx("doc_h_recommendations"), new_page=True)
        if not self.recs:
            s.add(Para(tx("doc_recs_verify" if self.verify else "doc_recs_none",
                          count=counted(len(self.verify), "norm", lang))))
            return s
        s.add(Para(tx("doc_bundles_intro", count=fmt.spelled(len(self.bundles), lang),
                      actions=fmt.spelled(len(self.recs), lang))))
        for b in self.bundles:
            s.sections.append(self.bundle_section(b))
        if self.verify:
            # a norm failed on a recorded fact at some places and unknown at others counts as not met, as appendix D
            # has it: the norms not yet shown are the others, so that both counts agree
            partly = self.verify & {rec.rule.id for rec in self.recs}
            if len(self.verify) > len(partly):  # not_shown() counts them so in the memos
                s.add(Para(tx("doc_recs_verify", count=counted(len(self.verify) - len(partly), "norm", lang))))
            if partly:
                s.add(Para(tx("doc_recs_verify_partly", count=counted(len(partly), "norm", lang))))
        s.add(Para(tx("doc_recs_follow_up", date=fmt.long_date(self.dates.follow_up, lang))))
        for text in review_paras(self.a, self.dates, lang):
            s.add(Para(text))
        return s

    def bundle_section(self, b: Bundle) -> Section:
        """One recommendation: its most important action, then owner, date, norms and actions as fields."""
        tx, lang = self.tx, self.lang
        sub = Section(tx("doc_bundle_heading", n=b.number, title=b.title))
        sub.add(Para(lead(b).action(lang)))
        rows = [(tx("doc_field_owner"), b.owner[:1].upper() + b.owner[1:]),
                (tx("doc_field_due"), self.not_adopted_text() if b.number in self.not_adopted
                 else fmt.long_date(b.due, lang))]
        if b.decided_by:
            bodies = [body_name(body, self.r, lang) for body in b.decided_by]
            if len(b.decided_by) > 1:  # which body decides which action: the title alone does not tell
                bodies = [self.tx("doc_decides_action" if len(found) == 1 else "doc_decides_actions", body=name,
                                  numbers=self.listed(found)) for body, name
                          in zip(b.decided_by, bodies, strict=True)
                          for found in [[self.number[rec.rule.id] for rec in b.actions
                                         if (rec.decided_by or "directie") == body]] if found] or bodies
            rows.append((tx("doc_field_decides"), f" {tx('doc_and')} ".join(bodies)))
        rows.append((tx("doc_field_norms"), "; ".join(b.norms)))
        actions = [self.number[rec.rule.id] for rec in b.actions]
        rows.append((tx("doc_field_actions"), tx("doc_bundle_action" if len(actions) == 1 else "doc_bundle_actions",
                                                    count=fmt.count(len(actions), lang), numbers=self.listed(actions))))
        sub.add(Fields(rows))
        return sub

    @property
    def not_adopted(self) -> set[int]:
        """The recommendations the executive's response did not adopt, where the response is dated."""
        return set(self.ctx.not_adopted) if self.ctx.reacted is not None else set()

    @property
    def not_adopted_rules(self) -> set[str]:
        """The rules whose actions belong to a recommendation not adopted: appendix E gives them no date."""
        return {rec.rule.id for b in self.bundles if b.number in self.not_adopted for rec in b.actions}

    def not_adopted_text(self) -> str:
        """"Niet overgenomen door het college van B&W (bestuurlijke reactie van 19 januari 2027)"."""
        assert self.ctx.reacted is not None
        return self.tx("doc_not_adopted", executive=body_name("college", self.r, self.lang),
                       date=fmt.long_date(self.ctx.reacted, self.lang))

    def listed(self, found: list[int]) -> str:
        """"3", "3 en 7" or "3, 5 en 7"."""
        if len(found) == 1:
            return str(found[0])
        return f"{', '.join(str(n) for n in found[:-1])} {self.tx('doc_and')} {found[-1]}"

    def actions_appendix(self) -> Section:
        """Every action, per department: what each department does, in the order of impact and effort."""
        tx, lang = self.tx, self.lang
        s = Section(tx("doc_h_appendix_actions"), new_page=True)
        if not self.recs:
            s.add(Para(tx("doc_recs_none")))
            return s
        s.add(Para(tx("doc_recs_intro")))
        owners = Owners(self.a, lang)
        for title, recs in self.per_department():
            rows = []
            for whole, entities in recs:
                rec = narrowed(whole, entities, self.a.model)  # this department's places and their volume
                what = rec.action(lang)
                subjects = list(dict.fromkeys(self.names.entity(e) for e in entities))
                if len(subjects) > 1 or (entities and entities[0].startswith(("processes/", "channels/"))):
                    what += " " + concerns(list(entities), subjects, lang)
                if rec.volume:  # in the wide column: a narrow one would stack it word by word
                    what += " " + tx("doc_rec_volume", volume=volume_text(rec, lang))
                grades = tx("doc_grades", impact=t(f"doc_grade_{rec.impact}", lang),
                            effort=t(f"doc_grade_{rec.effort}", lang))
                before = self.part_after(whole, entities)
                after = ", ".join(str(n) for n in sorted({self.number[a] for a in before})) or "–"
                due = self.dues[rec.rule.id] if before == self.part_after(whole, whole.entities) else \
                    part_due(rec, before, self.dues, self.ctx.written, self.dates.follow_up)
                rows.append([str(self.number[rec.rule.id]), what, grades, owners.doer(rec), after,
                             tx("doc_action_not_adopted") if rec.rule.id in self.not_adopted_rules
                             else fmt.long_date(due, lang)])
            s.sections.append(Section(title).add(Table(
                [tx("doc_col_nr"), tx("doc_col_action"), tx("doc_col_impact_effort"), tx("doc_col_role"),
                 tx("doc_col_after"), tx("doc_col_due")], rows, [2, 11, 4, 4, 2, 3])))
        return s

    def part_after(self, whole: Recommendation, entities: tuple[str, ...]) -> list[str]:
        """The shown actions one department's part of an action waits for: only those about the same places.

        An action about products or channels comes first only where it concerns the same ones (forms landing in a
        system for one product does not hold up another department's product); one about the organisation, its
        mandate or its governance comes first everywhere.
        """
        by_rule = {rule: rec for rec in self.recs for rule in (rec.rule.id, *rec.merged)}
        return [rule for rule in waits_for(whole, entities, by_rule) if rule in self.number]

    def per_department(self) -> list[tuple[str, list[tuple[Recommendation, tuple[str, ...]]]]]:
        """The actions per department that owns what they concern; the rest under the whole organisation."""
        model = self.a.model
        owner: dict[str, str | None] = {}
        for p in model.processes:
            owner[f"processes/{p.id}"] = p.department
        for c in model.channels:
            owner[f"channels/{c.id}"] = c.owner
        depts = {d.id: d.name for d in model.departments}
        whole = self.tx("doc_actions_whole_organisation")
        groups: dict[str, list[tuple[Recommendation, tuple[str, ...]]]] = {}
        for rec in self.recs:
            per: dict[str, list[str]] = {}
            for e in rec.entities:
                dept = owner.get(e)
                per.setdefault(depts.get(dept, whole) if dept else whole, []).append(e)
            for name, entities in per.items():
                groups.setdefault(name, []).append((rec, tuple(entities)))
        # the whole organisation first, then the departments in the order the file gives them
        order = [whole, *depts.values()]
        return sorted(groups.items(), key=lambda g: order.index(g[0]) if g[0] in order else len(order))

    # ---------------------------------------------------------------- appendices
    def appendices(self) -> list[Section]:
        r, tx, lang = self.r, self.tx, self.lang
        a = Section(tx("doc_h_appendix_a"), new_page=True)
        rows = self.per_entity_rows()
        if rows:
            a.add(Table([tx("doc_col_where"), tx("doc_col_norms_failed")], rows, [3, 8]))
        else:
            a.add(Para(tx("doc_recs_none")))
        b = Section(tx("doc_h_appendix_b")).add(ownership(self.a, lang))
        c = Section(tx("doc_h_appendix_c"))
        missing: dict[str, list[str]] = {}
        who: dict[str, list[str]] = {}
        owners = Owners(self.a, lang)
        for f in r.findings:
            if f.kind != "meta" and basis(f) == "not_recorded":
                rule = self.a.rules.rules[f.rule]
                title = rule.spec.title.get(lang)
                missing.setdefault(title, []).append(self.names.entity(f.entity))
                # whoever answers for the place (the balie's department, not the KCC), else the norm's role
                who.setdefault(title, []).append(owners.checker(f.entity) or owners.for_role(rule.spec.role))
        if missing:
            c.add(Para(tx("doc_missing_intro")))
            c.add(Table([tx("doc_col_norm"), tx("doc_col_where"), tx("doc_col_verifies")],
                        [[k, short_list(list(dict.fromkeys(v)), lang, 8), short_list(list(dict.fromkeys(who[k])),
                                                                                     lang, 3)]
                         for k, v in missing.items()],
                        [5, 5, 3]))
        else:
            c.add(Para(tx("doc_missing_none")))
        d = Section(tx("doc_h_appendix_d"))
        rows = []
        for o in r.outcomes:
            rule = self.a.rules.rules[o.rule]
            spec = rule.spec
            dim = self.a.rules.dimensions.get(spec.dimension)
            rung = str(spec.level) if graded(self.a, spec.dimension) else tx("doc_advisory")
            rows.append([dim.title.get(lang) if dim else spec.dimension, spec.title.get(lang), rung,
                         t(f"sev_{rule.severity}", lang),
                         tx("doc_outcome_not_established") if o.status == "failed" and self.only_to_verify(o.rule)
                         else tx("doc_outcome_not_applicable_to", applies=spec.applies_to.get(lang))
                         if o.status == "not_applicable" and spec.applies_to is not None
                         else t(f"doc_outcome_{o.status}", lang)])
        d.add(Table([tx("doc_col_dimension"), tx("doc_col_norm"), tx("doc_col_level"), tx("doc_col_severity"),
                     tx("doc_col_outcome")], rows, [3, 6, 2, 2, 3]))
        job = self.job_design()
        out = [a, b, c, d, self.actions_appendix()] + ([job] if job else [])
        # where the facts come from: the list of sources and the trace from norm to source, lettered on
        letter = chr(ord("A") + len(out))
        listed = sources.source_list(r, tx("doc_h_sources", letter=letter), lang)
        if listed is not None:
            out.append(listed)
            trace = sources.trace_table(self.a, tx("doc_h_trace", letter=chr(ord(letter) + 1)), self.names.entity,
                                        self.names.message, lang)
            if trace is not None:
                out.append(trace)
        return out

    def per_entity_rows(self) -> list[list[str]]:
        """Per product, channel or mandate the norms it fails, in the order of the checklist.

        A norm that every product (or every channel) fails is named once for all of them, and places
        that fail the same norms share a row: a large organisation's appendix stays readable and printable.
        """
        r, lang = self.r, self.lang
        order = {rule.id: i for i, rule in enumerate(self.a.rules.sorted())}
        per: dict[str, set[str]] = {}
        for f in sorted(r.findings, key=lambda f: f.sort_key()):
            if f.kind != "meta":
                per.setdefault(top_entity(f.entity), set()).add(f.rule)
        model = self.a.model
        rows: list[list[str]] = []
        for section, noun in (("processes", "product"), ("channels", "channel")):
            everyone = [f"{section}/{item.id}" for item in getattr(model, section)]
            if len(everyone) < 2 or not all(e in per for e in everyone):
                continue
            common = set.intersection(*(per[e] for e in everyone))
            if common:
                rows.append([self.tx("doc_both_of" if len(everyone) == 2 else "doc_all_of",
                                     what=counted(len(everyone), noun, lang).split(" ", 1)[1] if len(everyone) == 2
                                     else counted(len(everyone), noun, lang)),
                             self.norms(common, order)])
                for e in everyone:
                    per[e] -= common
        by_name: dict[str, set[str]] = {}  # "Bestuurlijk commitment" is one place, however many keys it has
        for entity, rules in per.items():
            by_name.setdefault(self.names.entity(entity), set()).update(rules)
        groups: dict[tuple[str, ...], list[str]] = {}
        for name, rules in by_name.items():
            if rules:
                groups.setdefault(tuple(sorted(rules, key=order.__getitem__)), []).append(name)
        rows += [[", ".join(names), self.norms(set(rules), order)] for rules, names in groups.items()]
        return rows

    def norms(self, rules: set[str], order: dict[str, int]) -> str:
        titles = (self.a.rules.rules[x].spec.title.get(self.lang) for x in sorted(rules, key=order.__getitem__))
        return "; ".join(titles)

    def job_design(self) -> Section | None:
        """The mandate holders' role against the five job characteristics; roles, never people."""
        lang, tx = self.lang, self.tx
        views = job_views(self.a.model)
        if not views:
            return None
        s = Section(tx("doc_h_appendix_job"))
        keys = ("skill_variety", "task_identity", "task_significance", "autonomy", "feedback")
        rows = []
        unsaid = []
        for view in views:
            if _one_person_unsurveyed(view):  # an estimate would judge one identifiable person's work without data
                unsaid.append(Para(tx("doc_job_not_said", mandate=self.names.mandate(view.mandate.id))))
                continue
            cells = [self.names.mandate(view.mandate.id)]
            for c in view.characteristics:
                if c.measured is not None:
                    cells.append(fmt.number(c.measured, lang))
                else:
                    cells.append(tx("doc_estimate", grade=t(f"doc_job_{c.estimate or 'estimate_low'}", lang)))
            rows.append(cells)
        if rows:
            s.add(Para(tx("doc_job_intro")))
            s.add(Table([tx("doc_col_mandate"), *[tx(f"doc_char_{k}") for k in keys]], rows, [3, 2, 2, 2, 2, 2]))
        s.blocks += unsaid
        for view in views:  # the role, not the person; names only in the consultant's copy, when asked
            roles = [self.names.entity(f"people/{h}") for h in view.mandate.holders or []]
            who = (", ".join(view.holders) if self.ctx.names else ", ".join(roles)) if view.holders else "–"
            s.add(Para(tx("doc_job_holder" if len(view.mandate.holders or []) == 1 else "doc_job_holders", who=who),
                       label=self.names.mandate(view.mandate.id)))
        if rows:  # advice on the role, when there is any to give
            s.add(Para(tx("doc_job_advisory")))
        advisory = [name for name in self.a.rules.dimensions if not graded(self.a, name)]
        for rule in self.a.rules.sorted():
            if rule.spec.dimension not in advisory:
                continue
            found = [f for f in self.r.findings if f.rule == rule.id]
            if found:
                s.sections.append(Section(self.tx("doc_norm_heading", title=rule.spec.title.get(lang)),
                                          self.advice_block(rule, found)))
        return s

    def advice_block(self, rule: ActiveRule, found: list[Finding]) -> list[Any]:
        """Advice on the role: the reason once, the mandates it concerns by topic; never a person, never a grade."""
        tx, lang = self.tx, self.lang
        out: list[Any] = [Para(why(rule.spec, lang), label=tx("doc_label_why"))]
        for f in found:
            out.append(Para(self.with_basis(self.names.message(f), f), label=tx("doc_label_finding")))
        n = self.bundle_of.get(rule.id)
        if n is not None:
            out.append(Para(tx("doc_see_rec", n=n), label=tx("doc_label_action")))
        return out


ESSENTIAL_LEVEL = 3  # a norm up to this rung is part of the answer's core, whatever its weight


def _essential(rule: ActiveRule) -> bool:
    """Whether a norm not met makes an answer "not yet": a heavy norm, or one of the first rungs."""
    return rule.severity in ("critical", "high") or rule.spec.level <= ESSENTIAL_LEVEL


def _one_person_unsurveyed(view: JobView) -> bool:
    """A role held by one person, without a survey: what an estimate says of the role, it says of that person."""
    return len(view.mandate.holders or []) == 1 and all(c.measured is None for c in view.characteristics)


def level_cell_any(value: int | None) -> str:
    return "–" if value is None else str(value)


def _catalog() -> dict[str, dict[str, str]]:
    from digimandate.i18n import CATALOG

    return CATALOG


def build_report(a: Audited, ctx: DocContext, prog: Progress | None = None) -> BoardDocument:
    """The advice report of one audit."""
    services, left_out = services_only(a)
    return fit_document(_Report(services, ctx, prog, left_out).build(), a.result.organisation_type,
                        frozenset(c.type for c in a.model.channels),
                        one_holder([len(md.holders or []) for md in a.model.mandates]))
