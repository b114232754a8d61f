"""The compiled queries give exactly what jmespath's own interpreter gives."""

from __future__ import annotations

from datetime import date
from typing import Any

import jmespath
import pytest

from digimandate.audit.checklist import Query, RuleSet
from digimandate.audit.jmes import compile_node
from digimandate.audit.query import _Functions, _substitute
from digimandate.audit.view import build_view
from digimandate.model.document import load_document
from tests.conftest import EXAMPLES

DATA: list[Any] = [
    {"a": 0, "b": 1, "c": True, "d": False, "e": "", "f": [], "g": {}, "h": None, "s": "abc", "n": 2.5,
     "items": [{"x": 1, "t": "a"}, {"x": 2, "t": "b"}, {"x": None}, [1, 2], 3], "nested": {"k": {"v": [1, [2, 3]]}}},
    [1, 2, 3, [4, 5]],
    "text",
    None,
    0,
]
EXPRESSIONS = [
    "a == `false`", "b == `true`", "a == `0`", "c == `1`", "d != `0`", "e == ''", "f == `[]`", "g == `{}`",
    "h == null", "s < 'abd'", "n > `2`", "a < s", "h > `1`", "!a", "!e", "!f", "!h", "!c", "a && b", "e || s",
    "f && s", "h || `5`", "items[?x > `1`].t", "items[?x].x", "items[*].x", "items[].x", "items[0].t",
    "items[-1]", "items[10]", "nested.k.v[1][0]", "nested.k.v[]", "length(items)", "contains(['a', 'b'], s)",
    "length(s)", "@", "[0]", "[1:3]", "{first: a, second: s}", "[a, s]", "nested.*", "items[?t == 'a'] | [0]",
    "items[?!x]", "to_string(a)", "not_null(h, a)", "max_by(items[:2], &x).t", "sort(items[:2][*].x)",
    "age_days('2026-10-01')", "age_days(h)", "[a, [b, h]]", "items[*].[x, t]", "h.[a]",
]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_compiled_matches_interpreter(expression: str) -> None:
    funcs = _Functions(date(2026, 11, 1))
    options = jmespath.Options(custom_functions=funcs)
    parsed = jmespath.compile(expression)
    compiled = compile_node(parsed.parsed, funcs)  # type: ignore[arg-type]
    for value in DATA:
        expected = outcome(lambda v: parsed.search(v, options), value)
        got = outcome(lambda v: compiled(v), value)
        if expected == ("error", TypeError):  # the interpreter's crash on number < text: null, per the spec
            assert got == ("ok", None), (expression, value)
        else:
            assert got == expected, (expression, value)


def outcome(fn: Any, value: Any) -> Any:
    """The result, or the kind of error, of evaluating a query."""
    try:
        return ("ok", fn(value))
    except Exception as exc:  # both sides must fail the same way
        return ("error", type(exc))


def test_builtin_queries_match_on_every_example(ruleset: RuleSet) -> None:
    funcs = _Functions(date(2026, 11, 1))
    options = jmespath.Options(custom_functions=funcs)
    views = [build_view(load_document(p)) for p in sorted(EXAMPLES.glob("*.yaml"))]
    checked = 0
    for rule in ruleset.rules.values():
        query = rule.spec.check
        if not isinstance(query, Query):
            continue
        expressions = [query.each, query.where] + [c.when for c in query.cases]
        expressions += [e for c in query.cases for e in c.args.values()]
        for expression in filter(None, expressions):
            parsed = jmespath.compile(_substitute(expression, rule, date(2026, 11, 1)))
            compiled = compile_node(parsed.parsed, funcs)  # type: ignore[arg-type]
            for view in views:
                subjects = [view] + [i for section in ("processes", "mandates", "channels") for i in view[section]]
                for item in subjects:
                    expected = outcome(lambda v, p=parsed: p.search(v, options), item)
                    got = outcome(compiled, item)
                    assert got == expected or (expected == ("error", TypeError) and got == ("ok", None)), (
                        rule.id, expression)
                    checked += 1
    assert checked > 1000
