"""Declarative rules: JMESPath queries over the resolved view, with parameters and date functions."""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import jmespath
from jmespath import functions
from jmespath.exceptions import JMESPathError

from digimandate.audit.jmes import DirectFunction, Fn, compile_query, is_false
from digimandate.audit.rules.api import Hit, NotApplicable, Tally
from digimandate.audit.specs import ActiveRule, Query

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NO_DATE = date(1970, 1, 1)  # the audit date before one is known (checking a checklist as it loads)


class _Functions(functions.Functions):
    """Extra functions: dates are ISO text in the view, so age is computed here, at the audit date of the run."""

    def __init__(self, audit_date: date = _NO_DATE) -> None:
        super().__init__()
        self.audit_date = audit_date

    def age_days(self, value: str | None) -> int | None:
        """Days from ``value`` to the audit date (negative for a date after it)."""
        if value is None:
            return None
        return (self.audit_date - date.fromisoformat(value[:10])).days

    @functions.signature({"types": ["string", "null"]})
    def _func_age_days(self, value: str | None) -> int | None:
        """age_days() for jmespath's interpreter, which finds functions by this prefix."""
        return self.age_days(value)

    def direct(self) -> dict[str, DirectFunction]:
        """The extra functions that compiled queries call directly, with the argument types their signatures take."""
        return {"age_days": DirectFunction(self.age_days, (frozenset({str, type(None)}),))}


def _substitute(expr: str, rule: ActiveRule, audit_date: date | None) -> str:
    """Replace ``$param`` with a JSON literal of its value."""

    def repl(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "audit_date":
            value: Any = audit_date.isoformat() if audit_date else "1970-01-01"
        elif name in rule.params:
            value = rule.params[name]
        else:
            raise KeyError(name)
        return "`" + json.dumps(value) + "`"

    return _PARAM.sub(repl, expr)


class QueryError(Exception):
    """A query that does not compile: where in the rule, which message, and its values."""

    def __init__(self, where: tuple[str | int, ...], key: str, hint: str, **args: Any) -> None:
        super().__init__(key)
        self.where = where
        self.key = key
        self.hint = hint
        self.args_ = args


@dataclass(frozen=True)
class CompiledCase:
    """A case ready to run."""

    when: Fn
    message: str
    key: str | None
    args: dict[str, Fn]


@dataclass(frozen=True)
class Compiled:
    """A declarative rule compiled to closures, ready to run; ``funcs`` holds the audit date of the run."""

    funcs: _Functions
    each: Fn | None
    where: Fn | None
    entity: str | None
    cases: tuple[CompiledCase, ...]


class _Cache:
    """Compiled rules by ActiveRule; an entry lives as long as its rule.

    Keyed by identity, as an ActiveRule is immutable and an override (of a checklist, a config
    file or the command line) makes a new one; within it by the parameters in force (a guard, they
    do not change) and, for a query that uses $audit_date, by that date, which it holds as a literal.
    """

    def __init__(self) -> None:
        self.entries: dict[int, dict[Hashable, Compiled]] = {}

    def get(self, rule: ActiveRule, key: Hashable) -> Compiled | None:
        """The rule compiled under ``key``, if it was."""
        entry = self.entries.get(id(rule))
        return None if entry is None else entry.get(key)

    def put(self, rule: ActiveRule, key: Hashable, compiled: Compiled) -> None:
        """Keep the rule compiled under ``key`` until the rule is gone."""
        if id(rule) not in self.entries:
            self.entries[id(rule)] = {}
            weakref.finalize(rule, self.entries.pop, id(rule), None)
        self.entries[id(rule)][key] = compiled


_CACHE = _Cache()


def compile_rule(rule: ActiveRule, audit_date: date | None = None) -> Compiled | None:
    """Compile a rule's query, once per rule; raises QueryError naming the part that does not compile."""
    query = rule.spec.check
    if not isinstance(query, Query):
        return None
    texts = [query.each, query.where, *(c.when for c in query.cases)]
    texts += [e for c in query.cases for e in c.args.values()]
    dated = any("audit_date" in _PARAM.findall(text) for text in texts if text)
    key = (tuple((k, type(v), v) for k, v in rule.params.items()), audit_date if dated else None)
    compiled = _CACHE.get(rule, key)
    if compiled is None:
        compiled = _compile(rule, query, audit_date)
        _CACHE.put(rule, key, compiled)
    return compiled


def _compile(rule: ActiveRule, query: Query, audit_date: date | None) -> Compiled:
    """Substitute the parameters, parse and compile every expression of a query."""
    funcs = _Functions()
    direct = funcs.direct()

    def comp(expr: str, *where: str | int) -> Fn:
        try:
            parsed = jmespath.compile(_substitute(expr, rule, audit_date))
        except KeyError as exc:
            raise QueryError(where, "query_unknown_param", "query_unknown_param_hint",
                             param=exc.args[0], id=rule.id) from None
        except JMESPathError as exc:
            raise QueryError(where, "query_syntax", "query_syntax_hint",
                             problem=" ".join(str(exc).split())) from None
        return compile_query(parsed.parsed, funcs, direct)  # type: ignore[arg-type]  # a plain dict at run time

    cases = tuple(
        CompiledCase(
            when=comp(c.when, "cases", i, "when"),
            message=c.message,
            key=c.key,
            args={k: comp(v, "cases", i, "args", k) for k, v in c.args.items()},
        )
        for i, c in enumerate(query.cases)
    )
    return Compiled(
        funcs=funcs,
        each=comp(query.each, "each") if query.each else None,
        where=comp(query.where, "where") if query.where else None,
        entity=query.entity,
        cases=cases,
    )


def run_query(rule: ActiveRule, view: dict[str, Any], audit_date: date, tally: Tally | None = None
              ) -> Iterator[Hit]:
    """Run a declarative rule over the view; raises NotApplicable when nothing is in scope."""
    compiled = compile_rule(rule, audit_date)
    assert compiled is not None
    # The compiled rule is shared by every run: its date is set here and the hits are all found
    # before the first is handed out, so no other run of the same rule can change it in between.
    compiled.funcs.audit_date = audit_date
    yield from _hits(compiled, view, tally)


def _hits(compiled: Compiled, view: dict[str, Any], tally: Tally | None = None) -> list[Hit]:
    """Every hit of a compiled rule over the view; ``tally`` counts the entities in scope."""
    if compiled.each is None:
        items: Any = [view]
    else:
        items = compiled.each(view)
        if isinstance(items, dict):
            items = [items]
        elif not isinstance(items, list):
            items = []
    where = compiled.where
    hits = []
    in_scope = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        if where is not None and is_false(where(item)):
            continue
        in_scope += 1
        if tally is not None:
            tally.add()
        for case in compiled.cases:
            if not is_false(case.when(item)):
                args = {k: v for k, v in item.items() if isinstance(v, (str, int, float))}
                args.update({k: _show(e(item)) for k, e in case.args.items()})
                entity = compiled.entity or item.get("_path") or "organisation"
                hits.append(Hit(entity, case.message, args, case.key))
                break
    if in_scope == 0:
        raise NotApplicable
    return hits


def _show(value: Any) -> Any:
    """Make a query result fit for a message: lists joined, entities by name."""
    if isinstance(value, list):
        return ", ".join(str(_show(v)) for v in value)
    if isinstance(value, dict):
        if not value.get("name") and value.get("topic"):  # a mandate: by its topic, as the report names it
            return f'"{value["topic"]}"'
        return value.get("name") or value.get("id") or ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


