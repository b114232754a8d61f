"""Declarative rules: JMESPath queries over the resolved view, with parameters and date functions."""

from __future__ import annotations

import json
import re
import reprlib
import weakref
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import jmespath
from jmespath import functions
from jmespath.exceptions import JMESPathError, JMESPathTypeError

from digimandate.audit.budget import (
    MAX_NESTING,
    MAX_QUERY_CHARS,
    Budget,
    BudgetExceeded,
    entities,
    nesting,
    tree_depth,
)
from digimandate.audit.jmes import DirectFunction, Fn, compile_query, contains, is_false
from digimandate.audit.rules.api import NO_ARGS, Basis, Hit, NotApplicable, Tally
from digimandate.audit.shapes import SECTION_NAMES, message_names, root_fields
from digimandate.audit.specs import ActiveRule, Query
from digimandate.model.validate import suggest

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NO_DATE = date(1970, 1, 1)  # the audit date before one is known (checking a checklist as it loads)


class _Functions(functions.Functions):
    """Extra functions: dates are ISO text in the view, so age is computed here, at the audit date of the run."""

    def __init__(self, audit_date: date = _NO_DATE) -> None:
        super().__init__()
        self.audit_date = audit_date
        self.budget = Budget()  # of the rule's run: set with the audit date (run_query)

    def age_days(self, value: str | None) -> int | None:
        """Days from ``value`` to the audit date (negative for a date after it)."""
        if value is None:
            return None
        return (self.audit_date - date.fromisoformat(value[:10])).days

    @functions.signature({"types": ["string", "null"]})
    def _func_age_days(self, value: str | None) -> int | None:
        """age_days() for jmespath's interpreter, which finds functions by this prefix."""
        return self.age_days(value)

    @functions.signature({"types": []})
    def _func_to_string(self, value: Any) -> str:
        """to_string(), which first weighs its value: written out, shared lists count every time."""
        if isinstance(value, str):
            return value
        self.budget.weigh(value)
        return json.dumps(value, separators=(",", ":"), default=str)

    @functions.signature({"types": ["array", "string"]}, {"types": []})
    def _func_contains(self, subject: list[Any] | str, search: Any) -> bool:
        """contains(), counting the items it compares."""
        return contains(subject, search, self.budget)

    def direct(self) -> dict[str, DirectFunction]:
        """The extra functions that compiled queries call directly, with the argument types their signatures take."""
        return {"age_days": DirectFunction(self.age_days, (frozenset({str, type(None)}),))}


def _substitute(expr: str, rule: ActiveRule, audit_date: date | None, limit: int | None = None) -> str:
    """Replace ``$param`` with a JSON literal of its value; raises _TooLong when that makes more than ``limit``."""
    literals: dict[str, str] = {}

    def literal(name: str) -> str:
        if name not in literals:
            if name == "audit_date":
                value: Any = audit_date.isoformat() if audit_date else "1970-01-01"
            elif name in rule.params:
                value = rule.params[name]
            else:
                raise KeyError(name)
            literals[name] = "`" + json.dumps(value) + "`"
        return literals[name]

    # measured before it is built: a long text parameter used a thousand times would fill the memory
    names = _PARAM.findall(expr)
    length = len(expr) + sum(len(literal(n)) - len(n) - 1 for n in names)
    if limit is not None and length > limit:
        raise _TooLong(length)
    return _PARAM.sub(lambda match: literal(match.group(1)), expr)


class _TooLong(Exception):
    """A query longer than the limit, its parameters filled in."""

    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.length = length


class QueryError(Exception):
    """A query that does not compile: where in the rule, which message, and its values."""

    def __init__(self, where: tuple[str | int, ...], key: str, hint: str, **args: Any) -> None:
        super().__init__(key)
        self.where = where
        self.key = key
        self.hint = hint
        self.args_ = args


Where = tuple[str | int, ...]  # an expression's place in the rule's query: ("cases", 0, "when")


def expressions(query: Query) -> list[tuple[Where, str]]:
    """Every expression of a query with its place, in the order a run evaluates them."""
    out: list[tuple[Where, str]] = []
    if query.each:
        out.append((("each",), query.each))
    if query.where:
        out.append((("where",), query.where))
    for i, case in enumerate(query.cases):
        out.append((("cases", i, "when"), case.when))
        out += [(("cases", i, "args", k), v) for k, v in case.args.items()]
    return out


@dataclass(frozen=True)
class CompiledCase:
    """A case ready to run; ``at`` is the place of its condition, ``args_at`` of its arguments."""

    when: Fn
    message: str
    key: str | None
    args: dict[str, Fn]
    at: Where
    args_at: dict[str, Where]
    basis: Basis = "observed"


@dataclass(frozen=True)
class Compiled:
    """A declarative rule compiled to closures, ready to run; ``funcs`` holds the run's audit date and budget."""

    funcs: _Functions
    each: Fn | None
    where: Fn | None
    entity: str | None
    cases: tuple[CompiledCase, ...]
    # the sections a rule without ``each`` reads from the whole organisation: its facts are theirs
    reads: tuple[str, ...] = ()


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
    dated = any("audit_date" in _PARAM.findall(text) for _, text in expressions(query))
    key = (tuple((k, type(v), v) for k, v in rule.params.items()), audit_date if dated else None)
    compiled = _CACHE.get(rule, key)
    if compiled is None:
        compiled = _compile(rule, query, audit_date)
        _CACHE.put(rule, key, compiled)
    return compiled


def _compile(rule: ActiveRule, query: Query, audit_date: date | None) -> Compiled:
    """Substitute the parameters, parse and compile every expression of a query, within the limits of budget.py."""
    funcs = _Functions()
    direct = funcs.direct()
    reads: dict[str, None] = {}

    def comp(expr: str, *where: str | int, root: bool = False) -> Fn:
        try:
            text = _substitute(expr, rule, audit_date, MAX_QUERY_CHARS)
        except _TooLong as exc:
            raise QueryError(where, "query_too_long", "query_too_long_hint", length=exc.length,
                             limit=MAX_QUERY_CHARS) from None
        except KeyError as exc:
            raise QueryError(where, "query_unknown_param", "query_unknown_param_hint",
                             param=exc.args[0], id=rule.id) from None
        # jmespath's parser and the compiler recurse: measure first, and keep RecursionError as a backstop
        too_deep = QueryError(where, "query_too_deep", "query_too_deep_hint", limit=MAX_NESTING)
        if nesting(text) > MAX_NESTING:
            raise too_deep
        try:
            parsed = jmespath.compile(text).parsed
            if tree_depth(parsed) > 2 * MAX_NESTING:  # a level adds at most two nodes, unless nesting() errs
                raise too_deep
            if root:  # read from the whole organisation: a name that is no section of it is a mistake
                _known_sections(parsed, where)
                reads.update(dict.fromkeys(n for n in root_fields(parsed) if n in SECTION_NAMES))
            return compile_query(parsed, funcs, direct, funcs.budget)  # type: ignore[arg-type]  # a plain dict at run time
        except JMESPathError as exc:
            raise QueryError(where, "query_syntax", "query_syntax_hint",
                             problem=" ".join(str(exc).split())) from None
        except RecursionError:
            raise too_deep from None

    top = query.each is None  # without `each`, every expression reads the whole organisation
    cases = tuple(
        CompiledCase(
            when=comp(c.when, "cases", i, "when", root=top),
            message=c.message,
            key=c.key,
            args={k: comp(v, "cases", i, "args", k, root=top) for k, v in c.args.items()},
            at=("cases", i, "when"),
            args_at={k: ("cases", i, "args", k) for k in c.args},
            basis=c.basis,
        )
        for i, c in enumerate(query.cases)
    )
    return Compiled(
        funcs=funcs,
        each=comp(query.each, "each", root=True) if query.each else None,
        where=comp(query.where, "where", root=top) if query.where else None,
        entity=query.entity,
        cases=cases,
        reads=tuple(reads),
    )


def _known_sections(parsed: Mapping[str, Any], where: Where) -> None:
    """Refuse a name read from the whole organisation that is none of its sections."""
    for name in root_fields(parsed):
        # `null` reads a field nobody has: the idiom for null in jmespath 1.x (`upl == null`)
        if name not in SECTION_NAMES and name not in ("null", "_unset"):
            guess = suggest(name, SECTION_NAMES)
            raise QueryError(where, "query_unknown_section", "did_you_mean" if guess else "query_sections",
                             section=name, suggestion=guess or "", known=", ".join(SECTION_NAMES))


def filled_names(rule: ActiveRule) -> frozenset[str] | None:
    """The names a finding of a compiled query rule fills in from its entity (shapes.message_names)."""
    query = rule.spec.check
    assert isinstance(query, Query)
    each = jmespath.compile(_substitute(query.each, rule, None)).parsed if query.each else None
    return message_names(each, query.entity)


def run_query(rule: ActiveRule, view: dict[str, Any], audit_date: date, tally: Tally | None = None
              ) -> Iterator[Hit]:
    """Run a declarative rule over the view; raises NotApplicable when nothing is in scope."""
    compiled = compile_rule(rule, audit_date)
    assert compiled is not None
    # The compiled rule is shared by every run: its date is set here and the hits are all found
    # before the first is handed out, so no other run of the same rule can change it in between.
    compiled.funcs.audit_date = audit_date
    # Likewise its budget: one per run of the rule, as large as the organisation asks for.
    compiled.funcs.budget.reset(entities(view))
    yield from _hits(compiled, view, tally)


def _hits(compiled: Compiled, view: dict[str, Any], tally: Tally | None = None) -> list[Hit]:
    """Every hit of a compiled rule over the view; ``tally`` counts the entities in scope.

    Raises BudgetExceeded with ``where`` set to the expression that used the budget up.
    """
    current: Where = ("each",)  # the expression running now, for a message about the budget
    try:
        if compiled.each is None:
            items: Any = [view]
        else:
            items = compiled.each(view)
            if isinstance(items, dict):
                items = [items]
            elif not isinstance(items, list):
                items = []
        where = compiled.where
        cases = [(case.at, case.when, case) for case in compiled.cases]
        hits = []
        in_scope = 0
        # which entities were in scope, where the run asks (the file keeps a register of sources)
        seen = tally.entities if tally is not None else None
        for item in items:
            if not isinstance(item, dict):
                continue
            if where is not None:
                current = _WHERE
                kept = where(item)
                # is_false(), its common answers first: this runs for every item of every rule
                if kept is False or kept is None or (kept is not True and is_false(kept)):
                    continue
            in_scope += 1
            if seen is not None:
                seen.append(compiled.entity or item.get("_path") or "organisation")
            for current, when, case in cases:
                found = when(item)
                if found is True or (found is not False and found is not None and not is_false(found)):
                    # the item itself goes with the hit (the finding takes the few values its message
                    # uses): copying every field of every hit was a sixth of an audit
                    args: Mapping[str, Any] = NO_ARGS
                    if case.args:
                        computed = {}
                        for k, e in case.args.items():
                            current = case.args_at[k]
                            computed[k] = _show(e(item), compiled.funcs.budget)
                        args = computed
                    entity = compiled.entity or item.get("_path") or "organisation"
                    hits.append(_hit(Hit, (entity, case.message, args, case.key, case.basis, item)))
                    break
    except BudgetExceeded as exc:
        exc.where = current
        raise
    if tally is not None:
        tally.examined += in_scope
    if in_scope == 0:
        raise NotApplicable
    return hits


_WHERE: Where = ("where",)
_hit = tuple.__new__  # a Hit made without its named constructor's Python frame: thousands a rule


_BRIEF = reprlib.Repr()
_BRIEF.maxlevel, _BRIEF.maxlist, _BRIEF.maxdict, _BRIEF.maxstring, _BRIEF.maxother = 3, 4, 4, 40, 40


def failure(exc: Exception) -> str:
    """What went wrong in a query, on one line.

    jmespath's type error quotes the value it was given: the whole organisation, or a tree the
    query built that is exponential to write out; it is shown cut short.
    """
    if isinstance(exc, JMESPathTypeError) and isinstance(exc.current_value, (list, dict)):
        exc.current_value = _BRIEF.repr(exc.current_value)
    return " ".join(str(exc).split())


def _show(value: Any, budget: Budget) -> Any:
    """Make a query result fit for a message: lists joined, entities by name."""
    return _joined(value, budget) if isinstance(value, list) else _scalar(value)


def _joined(value: list[Any], budget: Budget) -> str:
    # lists in lists are written out whole, however often one is shared: count every item written
    budget.spend(len(value))
    return ", ".join(_joined(v, budget) if isinstance(v, list) else str(_scalar(v)) for v in value)


def _scalar(value: Any) -> Any:
    if isinstance(value, dict):
        if not value.get("name") and value.get("topic"):  # a mandate: by its topic, as the report names it
            return f'"{value["topic"]}"'
        return value.get("name") or value.get("id") or ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value
