"""Run the enabled rules over a document; a crashing rule becomes an error outcome, never a pass."""

from __future__ import annotations

from datetime import date
from typing import Any

from digimandate.audit.budget import BudgetExceeded
from digimandate.audit.query import failure, run_query
from digimandate.audit.result import Finding, Outcome, message_values
from digimandate.audit.rules import REGISTRY, Context, Hit, NotApplicable, Tally
from digimandate.audit.specs import ActiveRule, PythonCheck, RuleSet
from digimandate.errors import InputError, problem
from digimandate.model.document import Document


def run_rules(doc: Document, ruleset: RuleSet, audit_date: date) -> list[Outcome]:
    """Run every rule of the ruleset and return one outcome per rule, in rule order."""
    view: dict[str, Any] | None = None
    outcomes = []
    for rule in ruleset.sorted():
        if not rule.enabled:
            outcomes.append(Outcome(rule.id, "disabled"))
            continue
        if rule.spec.in_force_from is not None and audit_date < date.fromisoformat(rule.spec.in_force_from):
            outcomes.append(Outcome(rule.id, "not_applicable"))  # the law it tests was not in force yet
            continue
        tally = Tally()
        try:
            if isinstance(rule.spec.check, PythonCheck):
                ctx = Context(doc, dict(rule.params), audit_date, tally)
                hits = list(REGISTRY[rule.spec.check.python](ctx))
            else:
                if view is None:
                    from digimandate.audit.view import build_view

                    view = build_view(doc)
                hits = list(run_query(rule, view, audit_date, tally))
            findings = _findings(doc, rule, hits)
        except NotApplicable:
            outcomes.append(Outcome(rule.id, "not_applicable"))
            continue
        except Exception as exc:  # a broken rule must surface as an error outcome, never pass silently
            if isinstance(exc, BudgetExceeded) and rule.written_at is not None:
                # A user's query that takes too long or grows too large: located at its expression.
                at, path = rule.query_at.get(exc.where, (rule.written_at, ""))
                key = "query_steps" if exc.kind == "steps" else "query_size"
                raise InputError([problem(at, path, key, "query_budget_hint", id=rule.id, limit=exc.limit)]) from None
            if rule.written_at is not None and not isinstance(rule.spec.check, PythonCheck):
                # A user's query that fails on the data (age_days on a non-date) is their input to fix.
                raise InputError([problem(rule.written_at, "", "query_failed", "query_failed_hint",
                                          id=rule.id, problem=failure(exc))]) from None
            outcomes.append(Outcome(rule.id, "error", error=f"{type(exc).__name__}: {exc}"))
            continue
        failing = len({f.entity for f in findings})
        applicable = max(tally.examined, failing, 1)  # a rule over the whole file examines one thing
        outcomes.append(Outcome(rule.id, "failed" if findings else "passed", findings,
                                applicable=applicable, passed=applicable - failing))
    return outcomes


# The message values that the report and memo reuse (names of what a finding is about).
_KEPT_ARGS = ("id", "name", "process", "channel", "who")


def _findings(doc: Document, rule: ActiveRule, hits: list[Hit]) -> tuple[Finding, ...]:
    """Turn hits into findings with their message values and a location."""
    spec = rule.spec
    messages = spec.messages
    params = rule.params
    out = []
    for hit in hits:  # a rule may hit thousands of entities: the per-rule work is done once, above
        text = messages.get(hit.message)
        if text is None:
            raise KeyError(f"rule {spec.id} has no message {hit.message!r}")
        args = {**params, **doc.describe(hit.entity), **hit.args}
        if hit.entity.startswith("mandates/") and "id" in hit.args:  # a query's item brings its raw id
            args["id"] = doc.describe(hit.entity).get("id", args["id"])
        names, values = message_values(text, args, _KEPT_ARGS)
        out.append(Finding(
            rule=spec.id,
            name=spec.name,
            dimension=spec.dimension,
            severity=rule.severity,
            level=spec.level,
            text=text,
            message_key=hit.message,
            entity=hit.entity,
            location=doc.locate(hit.entity, hit.key),
            names=names,
            values=values,
            basis=hit.basis,  # the check decides it from the fact, never from a message's name
            sources=doc.sources_of(hit.entity, hit.key),
        ))
    return tuple(out)
