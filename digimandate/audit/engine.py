"""Run the enabled rules over a document; a crashing rule becomes an error outcome, never a pass."""

from __future__ import annotations

from datetime import date
from typing import Any

from digimandate.audit.budget import BudgetExceeded
from digimandate.audit.channelwords import fit_channels
from digimandate.audit.query import compile_rule, failure, run_query
from digimandate.audit.result import (
    KEPT_NAMES,
    Finding,
    FindingHead,
    RuleOutcome,
    entities_of,
    finding_head,
    shared_names,
    wanted_names,
)
from digimandate.audit.rules import REGISTRY, Context, Hit, NotApplicable, Tally
from digimandate.audit.specs import ActiveRule, PythonCheck, RuleSet, Text
from digimandate.errors import InputError, problem
from digimandate.model.document import OrgFile
from digimandate.model.org import SECTIONS


def run_rules(doc: OrgFile, ruleset: RuleSet, audit_date: date) -> list[RuleOutcome]:
    """Run every rule of the ruleset and return one outcome per rule, in rule order."""
    view: dict[str, Any] | None = None
    # A file that keeps a register of sources claims a source for its facts: a fact without one is recorded
    # but not established, so the run asks which entities each rule decided on (else it only counts them).
    register = bool(doc.sources)
    shared: dict[Any, Any] = {}  # equal message values of several findings, kept once (see _findings)
    outcomes = []
    for rule in ruleset.sorted():
        if not rule.enabled:
            outcomes.append(RuleOutcome(rule.id, "disabled"))
            continue
        if rule.spec.in_force_from is not None and audit_date < date.fromisoformat(rule.spec.in_force_from):
            outcomes.append(RuleOutcome(rule.id, "not_applicable"))  # the law it tests was not in force yet
            continue
        tally = Tally(entities=[] if register else None)
        reads: tuple[str, ...] = ()
        try:
            if isinstance(rule.spec.check, PythonCheck):
                ctx = Context(doc, dict(rule.params), audit_date, tally)
                hits = list(REGISTRY[rule.spec.check.python](ctx))
            else:
                if view is None:
                    from digimandate.audit.view import build_view

                    view = build_view(doc)
                hits = list(run_query(rule, view, audit_date, tally))
                reads = _reads(rule)
            findings = _findings(doc, rule, hits, shared, reads)
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
        failing = len(entities_of(findings))
        applicable = max(tally.examined, failing, 1)  # a rule over the whole file examines one thing
        unsourced = 0 if tally.entities is None else _unsourced(doc, findings, tally.entities, applicable, reads)
        outcomes.append(RuleOutcome(rule.id, "failed" if findings else "passed", findings,
                                applicable=applicable, passed=applicable - failing, unsourced=unsourced))
    return outcomes


def _reads(rule: ActiveRule) -> tuple[str, ...]:
    """The parts of the organisation a query rule without ``each`` or ``entity`` reads: its facts are theirs."""
    compiled = compile_rule(rule)
    if compiled is None or compiled.each is not None or compiled.entity is not None:
        return ()
    return tuple(r for r in compiled.reads if r in SECTIONS or r in ("organisation", "governance"))


def _read_sources(doc: OrgFile, entity: str, key: str | None, reads: tuple[str, ...]) -> tuple[str, ...]:
    """The sources of a fact: those nearest to it, and for a rule over the whole file those of what it reads."""
    found = doc.sources_of(entity, key)
    if not reads or entity != "organisation":
        return found
    ids = dict.fromkeys(found)
    for part in reads:
        ids.update(dict.fromkeys(doc.sources_of(part)))
    return tuple(ids)


def _unsourced(doc: OrgFile, findings: tuple[Finding, ...], examined: list[str], applicable: int,
               reads: tuple[str, ...] = ()) -> int:
    """How many of the entities a rule decided on a recorded fact rest on no source (passed or failed).

    A failing entity rests on the sources its findings cite; a passing one on those of the entity the rule
    examined (its own, a part's, or the nearest around it; for a rule over the whole file, those of the parts
    it reads). A fact left out is not counted here: it was not recorded at all.
    """
    sourced: dict[str, bool] = {}
    not_recorded: set[str] = set()
    for f in findings:
        if f.basis != "observed":
            not_recorded.add(f.entity)
        else:
            sourced[f.entity] = sourced.get(f.entity, False) or bool(f.sources)
    count = sum(1 for e, has in sourced.items() if not has and e not in not_recorded)
    def rests(entity: str) -> bool:
        return doc.rests_on_source(entity) or (entity == "organisation" and any(doc.sources_of(r) for r in reads))

    count += sum(1 for e in dict.fromkeys(examined) if e not in sourced and e not in not_recorded and not rests(e))
    return min(count, applicable)


_NONE = object()
_KINDS = object()  # key of the organisation's channel kinds among the values shared by a run's rules


def _fitted(text: Text, kept: dict[Any, Any], doc: OrgFile) -> Text:
    """A message that names channel kinds only as this organisation has them ("through the website")."""
    kinds = kept.get(_KINDS)
    if kinds is None:
        kinds = kept[_KINDS] = frozenset(c.type for c in doc.model.channels)
    key = (_KINDS, id(text))
    found = kept.get(key)
    if found is not None and found[0] is text:
        return found[1]  # type: ignore[no-any-return]
    nl, en = fit_channels(text.nl, kinds, "nl"), fit_channels(text.en, kinds, "en")
    fitted = text if (nl, en) == (text.nl, text.en) else Text(nl=nl, en=en)
    kept[key] = (text, fitted)  # the original kept beside it, so its id is not reused within the run
    return fitted
_EMPTY: dict[str, Any] = {}  # never changed


def _findings(doc: OrgFile, rule: ActiveRule, hits: list[Hit],
              shared: dict[Any, Any] | None = None, reads: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    """Turn hits into findings with their message values and a location.

    A value is the hit's own, else the entity's (its id and name), else the rule's parameter; a
    mandate is named by its topic even when a query's item brings its raw id.
    """
    spec = rule.spec
    messages = spec.messages
    params = rule.params
    # per message and basis: its head (shared by its findings), the names it may keep, and whether
    # a parameter can fill one of them
    wanted: dict[tuple[str, str], tuple[FindingHead, tuple[str, ...], bool]] = {}
    describe, locate, sources_of = doc.describe, doc.locate, doc.sources_of
    known_entities = doc.described
    # Shared by the rules of one run: several rules fail one entity with the same values, kept once
    # (``values``); and the values of an entity whose hit brings none of its own are looked up once
    # for all of them (``filled``).
    kept = {} if shared is None else shared
    filled_by: dict[Any, tuple[Any, tuple[str, ...], tuple[str, ...]]] = kept.setdefault(_FILLED, {})
    located = doc.located
    cites = bool(doc.cited or doc.cited_parts)  # else every finding's sources are none
    new = Finding.of
    out = []
    for entity, message, args, key, basis, item in hits:  # the per-rule work is done once, above
        known = wanted.get((message, basis))
        if known is None:
            text = messages.get(message)
            if text is None:
                raise KeyError(f"rule {spec.id} has no message {message!r}")
            text = _fitted(text, kept, doc)
            head = finding_head(spec.id, spec.name, spec.dimension, rule.severity, spec.level, text, message,
                                basis)  # the check decides the basis from the fact, never from a message's name
            names_wanted = shared_names(wanted_names(text, KEPT_NAMES))  # one tuple for every rule: known by id
            known = wanted[(message, basis)] = (head, names_wanted, any(k in params for k in names_wanted))
        head, names_wanted, by_params = known
        location = located.get((entity, key)) or locate(entity, key)
        sources = (_read_sources(doc, entity, key, reads) if reads else sources_of(entity, key)) if cites else ()
        memo = None
        if not args and not by_params:  # the values come from the item and the entity alone
            memo = (id(names_wanted), entity, id(item))
            found = filled_by.get(memo)
            if found is not None:
                out.append(new(head, entity, location, found[1], found[2], sources))
                continue
        args = args or _EMPTY  # a plain dict: most hits bring no values of their own
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
        kept_names, kept_values = shared_names(tuple(names)), kept.setdefault(filled, filled)
        if memo is not None:  # the item is kept with them: its id stays its own while they are kept
            filled_by[memo] = (item, kept_names, kept_values)
        out.append(new(head, entity, location, kept_names, kept_values, sources))
    return tuple(out)


_FILLED = object()  # the key in ``shared`` (no tuple of values equals it) of the values looked up per entity
