"""Run the enabled rules over a document; a crashing rule becomes an error outcome, never a pass."""

from __future__ import annotations

from datetime import date
from typing import Any

from digimandate.audit.budget import BudgetExceeded
from digimandate.audit.query import failure, run_query
from digimandate.audit.result import KEPT_NAMES, Finding, RuleOutcome, shared_names, wanted_names
from digimandate.audit.rules import REGISTRY, Context, Hit, NotApplicable, Tally
from digimandate.audit.specs import ActiveRule, PythonCheck, RuleSet, Text
from digimandate.errors import InputError, problem
from digimandate.model.document import OrgFile


def run_rules(doc: OrgFile, ruleset: RuleSet, audit_date: date) -> list[RuleOutcome]:
    """Run every rule of the ruleset and return one outcome per rule, in rule order."""
    view: dict[str, Any] | None = None
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # equal message values of several findings, kept once
    outcomes = []
    for rule in ruleset.sorted():
        if not rule.enabled:
            outcomes.append(RuleOutcome(rule.id, "disabled"))
            continue
        if rule.spec.in_force_from is not None and audit_date < date.fromisoformat(rule.spec.in_force_from):
            outcomes.append(RuleOutcome(rule.id, "not_applicable"))  # the law it tests was not in force yet
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
            findings = _findings(doc, rule, hits, shared)
        except NotApplicable:
            outcomes.append(RuleOutcome(rule.id, "not_applicable"))
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
            outcomes.append(RuleOutcome(rule.id, "error", error=f"{type(exc).__name__}: {exc}"))
            continue
        failing = len({f.entity for f in findings})
        applicable = max(tally.examined, failing, 1)  # a rule over the whole file examines one thing
        outcomes.append(RuleOutcome(rule.id, "failed" if findings else "passed", findings,
                                applicable=applicable, passed=applicable - failing))
    return outcomes


_NONE = object()
_EMPTY: dict[str, Any] = {}  # never changed


def _findings(doc: OrgFile, rule: ActiveRule, hits: list[Hit],
              shared: dict[tuple[str, ...], tuple[str, ...]] | None = None) -> tuple[Finding, ...]:
    """Turn hits into findings with their message values and a location.

    A value is the hit's own, else the entity's (its id and name), else the rule's parameter; a
    mandate is named by its topic even when a query's item brings its raw id.
    """
    spec = rule.spec
    messages = spec.messages
    params = rule.params
    wanted: dict[str, tuple[Text, tuple[str, ...]]] = {}  # per message: its template and the names it may keep
    describe, locate, sources_of = doc.describe, doc.locate, doc.sources_of
    known_entities = doc.described
    kept = {} if shared is None else shared  # several rules fail one entity with the same values: one tuple
    out = []
    for hit in hits:  # a rule may hit thousands of entities: the per-rule work is done once, above
        known = wanted.get(hit.message)
        if known is None:
            text = messages.get(hit.message)
            if text is None:
                raise KeyError(f"rule {spec.id} has no message {hit.message!r}")
            known = wanted[hit.message] = (text, wanted_names(text, KEPT_NAMES))
        text, names_wanted = known
        entity = hit.entity
        args, item = hit.args or _EMPTY, hit.item  # a plain dict: most hits bring no values of their own
        described = known_entities.get(entity)
        if described is None:
            described = describe(entity)
        mandate = entity.startswith("mandates/")
        names = []
        values = []
        for k in names_wanted:
            own = args.get(k, _NONE)
            if own is _NONE and item is not None:  # the query's item: only its plain values
                own = item.get(k, _NONE)
                if not isinstance(own, (str, int, float)):
                    own = _NONE
            if own is not _NONE and not (mandate and k == "id"):
                value = own
            elif k in described:
                value = described[k]
            elif own is not _NONE:
                value = own
            elif k in params:
                value = params[k]
            else:
                continue  # a placeholder nothing fills stays as written
            names.append(k)
            values.append(str(value))
        filled = tuple(values)
        out.append(Finding(
            rule=spec.id,
            name=spec.name,
            dimension=spec.dimension,
            severity=rule.severity,
            level=spec.level,
            text=text,
            message_key=hit.message,
            entity=entity,
            location=locate(entity, hit.key),
            names=shared_names(tuple(names)),
            values=kept.setdefault(filled, filled),
            basis=hit.basis,  # the check decides it from the fact, never from a message's name
            sources=sources_of(entity, hit.key),
        ))
    return tuple(out)
