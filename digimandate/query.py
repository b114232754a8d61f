"""Declarative rules: JMESPath queries over the resolved view, with parameters and date functions."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import jmespath
from jmespath import functions
from jmespath.exceptions import JMESPathError
from jmespath.parser import ParsedResult

from digimandate.checklist import ActiveRule, Query
from digimandate.jmes import Fn, compile_node, is_false
from digimandate.rules import Hit, NotApplicable, Tally

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_ARG = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class _Functions(functions.Functions):
    """Extra functions: dates are ISO text in the view, so age is computed here."""

    def __init__(self, audit_date: date) -> None:
        super().__init__()
        self.audit_date = audit_date

    @functions.signature({"types": ["string", "null"]})
    def _func_age_days(self, value: str | None) -> int | None:
        """Days from ``value`` to the audit date (negative for a date after it)."""
        if value is None:
            return None
        return (self.audit_date - date.fromisoformat(value[:10])).days


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

    when: ParsedResult
    message: str
    key: str | None
    args: dict[str, ParsedResult]


@dataclass(frozen=True)
class Compiled:
    """A declarative rule ready to run."""

    each: ParsedResult | None
    where: ParsedResult | None
    entity: str | None
    cases: tuple[CompiledCase, ...]


def compile_rule(rule: ActiveRule, audit_date: date | None = None) -> Compiled | None:
    """Compile a rule's query; raises QueryError naming the part that does not compile."""
    query = rule.spec.check
    if not isinstance(query, Query):
        return None

    def comp(expr: str, *where: str | int) -> ParsedResult:
        try:
            return jmespath.compile(_substitute(expr, rule, audit_date))
        except KeyError as exc:
            raise QueryError(where, "query_unknown_param", "query_unknown_param_hint",
                             param=exc.args[0], id=rule.id) from None
        except JMESPathError as exc:
            raise QueryError(where, "query_syntax", "query_syntax_hint",
                             problem=" ".join(str(exc).split())) from None

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
    funcs = _Functions(audit_date)

    def fn(parsed: ParsedResult) -> Fn:
        return compile_node(parsed.parsed, funcs)  # type: ignore[arg-type]  # a plain dict at run time

    where = fn(compiled.where) if compiled.where is not None else None
    cases = [(fn(c.when), c, {k: fn(e) for k, e in c.args.items()}) for c in compiled.cases]
    if compiled.each is None:
        items: Any = [view]
    else:
        items = fn(compiled.each)(view)
        if isinstance(items, dict):
            items = [items]
        elif not isinstance(items, list):
            items = []
    in_scope = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        if where is not None and is_false(where(item)):
            continue
        in_scope += 1
        if tally is not None:
            tally.add()
        for when, case, case_args in cases:
            if not is_false(when(item)):
                args = {k: v for k, v in item.items() if isinstance(v, (str, int, float))}
                args.update({k: _show(e(item)) for k, e in case_args.items()})
                entity = compiled.entity or item.get("_path") or "organisation"
                yield Hit(entity, case.message, args, case.key)
                break
    if in_scope == 0:
        raise NotApplicable


def _show(value: Any) -> Any:
    """Make a query result fit for a message: lists joined, entities by name."""
    if isinstance(value, list):
        return ", ".join(str(_show(v)) for v in value)
    if isinstance(value, dict):
        return value.get("name") or value.get("id") or ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def fill(template: str, args: dict[str, Any]) -> str:
    """Fill ``{name}`` placeholders; only plain names, so a checklist cannot reach into objects."""
    parts = _parts(template)
    if len(parts) == 1:
        return template
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            value = args.get(part, _MISSING)
            out.append("{" + part + "}" if value is _MISSING else str(value))
        else:
            out.append(part)
    return "".join(out)


_MISSING = object()


@functools.lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[str, ...]:
    """A template split into text and placeholder names (odd positions), parsed once."""
    return tuple(_ARG.split(template))
