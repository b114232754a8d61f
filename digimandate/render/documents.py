"""One's own report and memo templates (``--template``): the context, rendered through Jinja2 in the sandbox.

The context comes from the same document model and the same ranked recommendations as the built-in
documents: ``document`` is the built-in report or memo as plain data, ``ranked`` every recommendation
in the report's order and with its number, and ``actions``, ``recommendations`` and ``decisions``
are drawn from those, so a template and the built-in documents never rank or word an action apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from digimandate.audit.result import Finding
from digimandate.i18n import Lang, counted, t
from digimandate.render.advice import Progress, job_views, progress
from digimandate.render.common import Audited
from digimandate.render.doc.actions import Recommendation, observed, recommendations
from digimandate.render.doc.common import schedule
from digimandate.render.doc.names import Names
from digimandate.render.doc.words import bodies
from digimandate.render.levels import (
    coverage_text,
    dimension_reason,
    evidence_text,
    level_name,
    level_text,
    percent,
    reason_text,
    score_text,
)
from digimandate.render.markdown import Texts, environment, escape_md, trusted_md
from digimandate.render.mermaid import diagram
from digimandate.render.sandbox import Sandbox, names_used, render
from digimandate.render.svg_chart import chart

MEMO_FACTS = 10
PRIORITY = {"critical": "priority_high", "high": "priority_high", "medium": "priority_medium",
            "low": "priority_low", "info": "priority_low"}


@dataclass(frozen=True)
class DocOptions:
    """How to write the documents."""

    lang: Lang
    written: date
    template_dir: Path | None = None
    previous: dict[str, Any] | None = None
    chart_file: str | None = None
    to: str | None = None
    sender: str | None = None
    names: bool = False  # staff names in the report only when asked (--names); never in the memo


def _text(key: str, lang: Lang) -> str:
    return t(key, lang)



def _sources(a: Audited, rule_id: str, lang: Lang) -> str:
    rule = a.rules.rules[rule_id]
    parts = []
    for s in rule.spec.sources:
        info = a.rules.sources.get(s.ref)
        if info is not None and info.own_norm:  # labelled in the reader's language, with the reasoning
            part = t("own_norm", lang) + (f": {s.note.get(lang)}" if s.note else "")
        else:
            part = f"{s.ref} ({info.title})" if info else s.ref
            if info is not None and info.article and info.text:
                part += f', {info.article}: "{info.text}"'
        if s.quote:
            part += f': "{s.quote}"'
        if s.attribution:
            part += f" ({s.attribution})"
        parts.append(part)
    return "; ".join(parts)


def _finding(a: Audited, f: Finding, lang: Lang) -> dict[str, Any]:
    spec = a.rules.rules[f.rule].spec
    return {
        "rule": f.rule, "title": spec.title.get(lang), "severity": t(f"sev_{f.severity}", lang),
        "entity": f.entity, "location": str(f.location), "message": f.message(lang),
        "rationale": spec.rationale.get(lang), "advice": _holders(a, spec.advice.get(lang), lang),
        "sources": _sources(a, f.rule, lang),
    }


def _single(a: Audited) -> bool:
    """Every mandate that has holders has one."""
    from digimandate.render.doc.words import one_holder

    return one_holder([len(md.holders or []) for md in a.model.mandates])


def _holders(a: Audited, text: str, lang: Lang) -> str:
    """A checklist text about "de houders" in the singular where every mandate has one holder."""
    from digimandate.render.doc.words import fit_holders

    return fit_holders(text, lang) if _single(a) else text


def _dimensions(a: Audited, lang: Lang) -> list[dict[str, Any]]:
    out = []
    for name, dim in a.rules.dimensions.items():
        ds = a.result.maturity.dimensions.get(name)
        if ds is None:
            continue
        findings = [f for f in a.result.findings if f.dimension == name]
        blocking = ", ".join(ds.blocking)
        first = next((f for f in findings if f.rule in ds.blocking), findings[0] if findings else None)
        reason = dimension_reason(ds, lang)
        nxt = blocking or (_text("top_level", lang) if ds.level == 5 else reason if ds.level is not None else "")
        detail = first.message(lang) if first else _text("memo_dimension_clean", lang)
        out.append({
            "name": name, "title": Markup(trusted_md(dim.title.get(lang))), "level": level_text(ds.level, lang),
            "level_name": level_name(ds.level, ds.reason, lang), "score": score_text(ds.score, lang),
            "blocking": blocking, "next": nxt, "raw_level": ds.level, "coverage": _coverage(a, name, lang),
            "findings": [_finding(a, f, lang) for f in findings],
            "detail": reason if ds.level is None else detail,
        })
    return out


def _no_level(a: Audited, lang: Lang) -> Markup:
    """Why there is no overall level, in one sentence (the organisation's name escaped, as in every text)."""
    m = a.result.maturity
    org = escape_md(a.result.organisation_name)
    if m.reason == "insufficient_evidence":
        # where the file keeps a register of sources, only facts with a source count
        key = "memo_core_no_level_evidence_sourced" if a.result.sources else "memo_core_no_level_evidence"
        return Markup(t(key, lang, org=org, share=percent(m.evidence.share, lang),
                        minimum=percent(a.rules.min_evidence, lang)))
    return Markup(t("memo_core_no_level", lang, org=org, reason=reason_text(m.reason, None, lang)))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _coverage(a: Audited, dimension: str, lang: Lang) -> list[str]:
    """Rules of a dimension that looked at several entities and not all passed: "224 van 240 (93%)"."""
    out = []
    for rule_id, cov in (a.result.maturity.coverage or {}).items():
        spec = a.rules.rules[rule_id].spec
        if spec.dimension == dimension and cov.applicable > 1 and cov.passed < cov.applicable:
            out.append(f"{rule_id} {spec.title.get(lang)}: {coverage_text(cov, lang)}")
    return out


def facts_to_collect(a: Audited, lang: Lang, on: date | None = None) -> list[str]:
    """Per rule, the facts the file does not record (model v2: "niet aangetoond"), in the report's order."""
    out = []
    for rec in recommendations(a, on):
        unrecorded = [f for f in rec.findings if f.basis == "not_recorded"]
        if not unrecorded:
            continue
        title = rec.rule.spec.title.get(lang)
        if len(unrecorded) == 1:
            out.append(f"{title}: {unrecorded[0].message(lang)}")
        else:
            subjects = list(dict.fromkeys(f.arg("name") or f.arg("process") or f.entity for f in unrecorded))
            out.append(f"{title}: {t('memo_not_shown', lang, count=len(unrecorded))}; "
                       + _names(subjects, lang))
    return out


def _names(items: list[str], lang: Lang, limit: int = 5) -> str:
    """A short list of names: at most five, then "and N more"."""
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += " " + _text("and_more", lang).format(count=len(items) - limit)
    return shown


def _action(a: Audited, rec: Recommendation, number: int, lang: Lang, numbers: dict[str, int],
            by_rule: dict[str, Recommendation]) -> dict[str, Any]:
    """One ranked recommendation as a template reads it: as the report's table has it, and the rule behind it."""
    from digimandate.render.doc.actions import waits_for
    from digimandate.render.doc.common import role_name

    spec = rec.rule.spec
    subjects = list(dict.fromkeys(f.arg("name") or f.arg("process") or f.entity for f in rec.findings))
    named = any(f.arg("name") or f.arg("process") for f in rec.findings)
    from digimandate.render.doc.words import fit, fit_channels

    # in the words of this kind of organisation, about the channels it has: as the built-in documents say it
    action = _holders(a, fit_channels(fit(rec.action(lang), a.result.organisation_type, lang),
                                      frozenset(c.type for c in a.model.channels), lang), lang)
    return {"number": number, "action": action, "impact": t(f"doc_grade_{rec.impact}", lang),
            "effort": t(f"doc_grade_{rec.effort}", lang), "role": role_name(rec.role, a.result, lang),
            # what its parts in appendix E wait for together: only what concerns its places
            "after": sorted({numbers[r] for r in waits_for(rec, rec.entities, by_rule)}), "volume": rec.volume,
            "title": trusted_md(spec.title.get(lang)), "rule": spec.id, "level": spec.level,
            "severity": t(f"sev_{rec.rule.severity}", lang),
            "advice": trusted_md(_holders(a, spec.advice.get(lang), lang)),
            "places": _names(subjects, lang) if named else "", "priority": _text(PRIORITY[rec.rule.severity], lang)}


def _ranked(a: Audited, lang: Lang, written: date) -> list[dict[str, Any]]:
    """Every recommendation in the report's order, numbered as the report numbers it."""
    recs = observed(recommendations(a, written))  # as the report: an action only where a recorded fact falls short
    numbers = {rule: i for i, rec in enumerate(recs, 1) for rule in (rec.rule.id, *rec.merged)}
    by_rule = {rule: rec for rec in recs for rule in (rec.rule.id, *rec.merged)}
    return [_action(a, rec, i, lang, numbers, by_rule) for i, rec in enumerate(recs, 1)]


def _decisions(a: Audited, lang: Lang, written: date, limit: int = 6) -> list[str]:
    """The decisions the built-in memos ask, on recorded facts only, in the report's order."""
    from digimandate.render.doc.actions import split
    from digimandate.render.doc.common import decision
    from digimandate.render.doc.memo import BODIES, plan, with_params
    from digimandate.render.doc.names import Names

    names = Names(a, lang)
    recs = recommendations(a, written)
    # the decision points of the built-in memos: what the report puts first, and what it asks of another body
    asked = {rec.rule.id for body in BODIES for rec in plan(recs, body, a.result.maturity.blocking).decide}
    out = []
    for rec in recs:
        seen = split(rec)[0] if rec.rule.id in asked else None
        if seen is not None:
            out.append(decision(with_params(seen), a.result, names, lang))
    return out[:limit]


def _jobs(a: Audited, lang: Lang, names: bool = False) -> list[dict[str, Any]]:
    from digimandate.render.doc.names import Names

    out = []
    called = Names(a, lang)
    for view in job_views(a.model):
        # the job design describes a role; a person is named beside it only when the consultant asks
        role = ", ".join(called.entity(f"people/{h}") for h in view.mandate.holders or [])
        rows = []
        # one holder and no survey: an estimate of the role would judge that one person's work without data
        unsaid = len(view.mandate.holders or []) == 1 and view.mps is None
        for c in [] if unsaid else view.characteristics:
            name = _text(f"char_{c.key}", lang)
            if c.measured is not None:
                rows.append({"name": name, "value": f"{c.measured:g}"})
            else:
                rows.append({"name": name, "value": _text(c.estimate or "estimate_low", lang),
                             "basis": _basis(c.key, c.basis, lang, called)})
        shown = ", ".join(view.holders) if names else role
        entry: dict[str, Any] = {"id": view.mandate.id, "name": called.mandate(view.mandate.id),
                                 "holders": shown if view.holders else "-", "rows": rows,
                                 "measured": view.mps is not None, "single": len(view.mandate.holders or []) == 1,
                                 "not_said": t("doc_job_not_said", lang, mandate=called.mandate(
                                     view.mandate.id)) if unsaid else ""}
        survey = view.mandate.job_survey
        if survey is not None and view.mps is not None:
            entry.update(sv=f"{survey.skill_variety:g}", ti=f"{survey.task_identity:g}",
                         ts=f"{survey.task_significance:g}", au=f"{survey.autonomy:g}", fb=f"{survey.feedback:g}",
                         mps=f"{view.mps:.0f}")
        out.append(entry)
    return out


def _basis(key: str, basis: dict[str, Any], lang: Lang, called: Names) -> str:
    """Explain an estimate in words: departments, approvers and powers by name, never by their id in the file."""
    from digimandate.render.doc.fmt import joined
    from digimandate.render.doc.names import approvers

    yes, no, unknown = _text("word_yes", lang), _text("word_no", lang), _text("unknown", lang)

    def departments(ids: list[str]) -> str:
        return ", ".join(t("proc_approval_manager", lang) if d == "manager" else called.entity(f"departments/{d}")
                         for d in ids)

    def flag(value: Any) -> str:
        return unknown if value is None else yes if value else no

    template = _text(f"basis_{key}", lang)
    if key == "task_identity":
        scope = basis["scope"]
        if scope == "organisation":
            text = _text("scope_organisation", lang)
        elif scope == "departments":
            text = _text("scope_departments", lang).format(departments=departments(basis["departments"]) or "-")
        else:
            text = unknown
        return template.format(scope=text)
    if key == "autonomy":
        approval = basis["approval"]
        needs = unknown if approval is None else (approvers(approval, called.model, lang) if approval else no)
        acts = joined([t(f"power_{act}", lang) for act in basis["acts"]], lang)
        return template.format(approval=needs, acts=acts or _text("nothing", lang))
    if key == "feedback":
        return template.format(results=flag(basis["results"]))
    return template.format(**basis)


def _progress_rows(a: Audited, prog: Progress, lang: Lang) -> list[dict[str, Any]]:
    rows = []
    for name, before, after in prog.dimensions:
        dim = a.rules.dimensions.get(name)
        key = ("change_same" if before == after else
               "change_up" if after is not None and (before is None or after > before) else "change_down")
        rows.append({"title": Markup(trusted_md(dim.title.get(lang) if dim else name)),
                     "before": level_text(before, lang), "after": level_text(after, lang), "change": _text(key, lang),
                     "change_key": key})
    return rows


def _appendix(a: Audited, lang: Lang) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, changed = [], []
    for o in a.result.outcomes:
        rule = a.rules.rules[o.rule]
        spec = rule.spec
        rows.append({"id": spec.id, "name": spec.name, "title": spec.title.get(lang),
                     "severity": t(f"sev_{rule.severity}", lang), "level": spec.level,
                     "outcome": _text(f"outcome_{o.status}", lang)})
        notes = []
        if not rule.enabled:
            notes.append(_text("outcome_disabled", lang))
        if rule.changed_by:
            notes.append(_text("changed_by", lang).format(who=", ".join(rule.changed_by)))
        if notes:
            changed.append({"id": spec.id, "name": spec.name, "note": "; ".join(notes)})
    return rows, changed


Want = Callable[[str], bool]  # whether the template reads a value of this name


def _fill(ctx: dict[str, Any], want: Want, values: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Compute, in order, the values the template reads: some take longer than the document itself."""
    for name, value in values.items():
        if want(name):
            ctx[name] = value()
    return ctx


def _wanted(env: Sandbox, name: str, builtin: bool) -> Want:
    """The values the template ``name`` reads; every value for a built-in template or where that is unknown."""
    names = None if builtin else names_used(env, name)
    return (lambda _: True) if names is None else names.__contains__


def _base(a: Audited, opts: DocOptions, want: Want) -> dict[str, Any]:
    lang = opts.lang
    m = a.result.maturity
    prog = progress(a.result, opts.previous) if opts.previous else None
    return _fill({}, want, {
        "tx": lambda: Texts(lang, _single(a), {"executive": bodies(a.result.organisation_type, lang).executive}),
        "org": lambda: a.result.organisation_name, "audit_date": lambda: a.result.audit_date.isoformat(),
        "written": lambda: opts.written.isoformat(), "tool_version": lambda: a.result.tool_version,
        "checklists": lambda: ", ".join(f"{c.id} {c.version}" for c in a.rules.checklists),
        "status": lambda: (_text("memo_status_text", lang) if _decisions(a, lang, opts.written)
                           else t("memo_status_information", lang)),
        "file": lambda: a.result.file, "sha256": lambda: a.result.sha256, "level": lambda: level_text(m.level, lang),
        "level_name": lambda: level_name(m.level, m.reason, lang), "level_known": lambda: m.level is not None,
        "no_level": lambda: _no_level(a, lang),
        "facts_title": lambda: t("memo_facts_to_collect", lang), "facts_intro": lambda: t("memo_facts_intro", lang),
        "coverage_title": lambda: t("doc_coverage", lang),
        "evidence": lambda: _capital(evidence_text(m.evidence, lang)),
        "facts": lambda: facts_to_collect(a, lang, opts.written),
        "score": lambda: score_text(m.score, lang), "findings_count": lambda: len(a.result.findings),
        "dimensions": lambda: _dimensions(a, lang), "progress": lambda: prog,
        "progress_rows": lambda: _progress_rows(a, prog, lang) if prog else [],
        "progress_before": lambda: level_text(prog.level_before, lang) if prog else "",
        "progress_after": lambda: level_text(prog.level_after, lang) if prog else "",
        "finding_message": lambda: lambda f: f.message(lang),
        "ranked": lambda: _ranked(a, lang, opts.written),
    })


def report(a: Audited, opts: DocOptions) -> str:
    """The advice report in Markdown."""
    lang = opts.lang
    env = environment(opts.template_dir)
    want = _wanted(env, "report.md.j2", opts.template_dir is None)
    ctx = _base(a, opts, lambda name: want(name) or (name == "ranked" and want("actions")))
    appendix, changed = _appendix(a, lang) if want("appendix") or want("changed") else ([], [])
    mermaid_texts = {"no_owner": t("no_owner_group", lang), "more_products": t("more_products", lang),
                     "co_owner": t("co_owner", lang), "no_holder": t("no_holder", lang),
                     "mandate": t("doc_mandate_untitled", lang)}
    _fill(ctx, want, {
        "actions": lambda: ctx["ranked"][:5], "document": lambda: _document(a, "report", opts),
        "chart": lambda: opts.chart_file,
        "mermaid": lambda: diagram(a.model, mermaid_texts, lang, Names(a, lang).names),
        "jobs": lambda: _jobs(a, lang, opts.names),
        "appendix": lambda: appendix, "changed": lambda: changed,
    })
    return _render(env, opts, "report.md.j2", ctx)


def memo(a: Audited, opts: DocOptions) -> str:
    """The board memo in Markdown."""
    lang = opts.lang
    env = environment(opts.template_dir)
    want = _wanted(env, "memo.md.j2", opts.template_dir is None)
    # what the memo itself reads to say its core, its risks and its recommendations
    ctx = _base(a, opts, lambda name: want(name) or name in ("dimensions", "no_level", "ranked"))
    m = a.result.maturity
    # strongest and weakest only among dimensions that have a level (model v2: never an unmeasured one)
    graded = m.graded()
    dims = [d for d in ctx["dimensions"] if d["name"] in graded]
    scores = {name: (d.level, d.score if d.score is not None else 100.0) for name, d in graded.items()}
    tx = Texts(lang)
    if m.level is None:
        sentences = [ctx["no_level"]]
    else:
        sentences = [tx("memo_core_level", org=a.result.organisation_name, level=m.level,
                        name=t(f"level_{m.level}", lang), description=t(f"level_{m.level}_desc", lang))]
    if len(dims) > 1:
        strong = max(dims, key=lambda d: scores[d["name"]])
        weak = min(dims, key=lambda d: scores[d["name"]])
        if scores[strong["name"]][0] != scores[weak["name"]][0]:  # only a difference in level is worth a sentence
            sentences.append(tx("memo_core_strong_weak", strong=strong["title"], strong_level=strong["level"],
                                weak=weak["title"], weak_level=weak["level"]))
    urgent = sum(1 for f in a.result.findings if f.severity in ("critical", "high"))
    sentences.append(tx("memo_core_findings", count=len(a.result.findings), urgent=urgent))
    if m.level is not None:
        sentences.append(tx("memo_core_next", next=m.level + 1) if m.level < 5 else tx("memo_core_top"))
    more = _text("and_more", lang)
    risks = [tx("risk_basis", unrecorded=sum(1 for f in a.result.findings if f.basis == "not_recorded"))]
    org_wide = [md for md in a.model.mandates if md.scope == "organisation"]
    if not org_wide:
        risks.append(tx("risk_no_mandate"))
    elif any(len(md.holders or []) == 1 for md in org_wide):
        risks.append(tx("risk_continuity"))
    if a.result.waived:
        risks.append(tx("risk_waived", count=counted(len(a.result.waived), "noun_finding", lang)))
    rules = [a.rules.rules[o.rule] for o in a.result.outcomes]
    changed = [rule for rule in rules if not rule.enabled or rule.changed_by]
    if changed:  # what the organisation is measured against changed: say so, with who changed it
        who = ", ".join(dict.fromkeys(w for r in changed for w in r.changed_by)) or "-"
        titles = ", ".join(r.spec.title.get(lang) for r in changed[:5])
        if len(changed) > 5:
            titles += " " + more.format(count=len(changed) - 5)
        risks.append(escape_md(t("risk_norms_changed", lang, rules=titles, who=who)))
    risks.append(tx("risk_capacity"))
    facts = ctx.get("facts", [])
    if len(facts) > MEMO_FACTS:  # the memo stays short; the report has the full list
        ctx["facts"] = [*facts[:MEMO_FACTS], more.format(count=len(facts) - MEMO_FACTS)]
    _fill(ctx, want, {
        "to": lambda: opts.to or t("memo_to_default", lang,
                                   executive=bodies(a.result.organisation_type, lang).executive),
        "sender": lambda: opts.sender or _text("memo_from_default", lang),
        "core": lambda: Markup(" ").join(sentences), "decisions": lambda: _decisions(a, lang, opts.written),
        "recommendations": lambda: ctx["ranked"][:5], "risks": lambda: risks,
        "document": lambda: _document(a, "memo", opts),
        "follow_up": lambda: schedule(a, opts.written).follow_up.isoformat(),  # the built-in memo's date, one plan
    })
    return _render(env, opts, "memo.md.j2", ctx)


def _document(a: Audited, kind: str, opts: DocOptions) -> dict[str, Any]:
    """The built-in report or memo (to the management team) as plain data: what the template may lay out anew."""
    from digimandate.render.doc.context import document_data
    from digimandate.render.doc.publish import build

    return document_data(build(a, kind, opts.lang, opts.written, "directie", opts.to, opts.sender, opts.previous,
                               names=opts.names))


def _render(env: Sandbox, opts: DocOptions, name: str, ctx: dict[str, Any]) -> str:
    """Render a template in the sandbox; one's own template that fails is located bad input, not a crash."""
    return render(env, name, ctx, builtin=opts.template_dir is None)


def maturity_chart(a: Audited, lang: Lang) -> str:
    """The SVG chart of levels per dimension."""
    rows = [(dim.title.get(lang), a.result.maturity.dimensions[name].level)
            for name, dim in a.rules.dimensions.items() if name in a.result.maturity.dimensions]
    title = f"{a.result.organisation_name}: {_text('chart_alt', lang)}"
    return chart(title, rows, [t(f"level_{i}", lang) for i in range(1, 6)], t("chart_not_assessed", lang))


__all__ = ["DocOptions", "maturity_chart", "memo", "report"]
