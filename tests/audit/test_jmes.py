"""The compiled queries give exactly what jmespath's own interpreter gives; the jmespath major release is pinned."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import jmespath
import pytest
from jmespath import functions

from digimandate.audit.jmes import DirectFunction, check_version, compile_node, compile_query
from digimandate.audit.query import _Functions, _substitute
from digimandate.audit.specs import Query, RuleSet
from digimandate.audit.view import build_view
from digimandate.errors import UsageError
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
    "age_days('2026-10-01')", "age_days(h)", "age_days(a)", "age_days(s)", "age_days(items)", "[a, [b, h]]",
    "items[*].[x, t]", "h.[a]",
    # equality of lists and objects, contains() and to_string() count their items; so does what runs in
    # jmespath's interpreter (under a multi-select object): flattens, slices, comparisons, functions
    "items == items", "[a, s] == [a, s]", "`[1]` == `[true]`", "nested == `{\"k\": {\"v\": [1, [2, 3]]}}`",
    "contains(items, items[3])", "contains(items, `[1, 2]`)", "to_string(items[:2])", "{x: items[]}.x",
    "{x: items[:2], y: items[::-1]}", "{x: items == items, y: a != `0`, z: s < 'b'}", "{x: to_string(a)}.x",
    "map(&x, items[:2])",
]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_compiled_matches_interpreter(expression: str) -> None:
    funcs = _Functions(date(2026, 11, 1))
    options = jmespath.Options(custom_functions=funcs)
    parsed = jmespath.compile(expression)
    compiled = compile_node(parsed.parsed, funcs, funcs.direct())  # type: ignore[arg-type]
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
            compiled = compile_node(parsed.parsed, funcs, funcs.direct())  # type: ignore[arg-type]
            for view in views:
                subjects = [view] + [i for section in ("processes", "mandates", "channels") for i in view[section]]
                for item in subjects:
                    expected = outcome(lambda v, p=parsed: p.search(v, options), item)
                    got = outcome(compiled, item)
                    assert got == expected or (expected == ("error", TypeError) and got == ("ok", None)), (
                        rule.id, expression)
                    checked += 1
    assert checked > 1000


class _Pair(functions.Functions):
    """A two-argument function, to compare its direct form with the interpreter's."""

    @functions.signature({"types": ["string"]}, {"types": ["number"]})
    def _func_pad(self, text: str, width: int) -> str:
        return text.rjust(width)


@pytest.mark.parametrize(("expression", "direct_calls"), [
    ("pad(s, `5`)", [("abc", 5)]),
    ("pad(s, b)", [("abc", 1)]),
    ("pad(a, `5`)", []),  # a number where text is expected: jmespath raises its type error
    ("pad(s, s)", []),
    ("pad(h, `1`)", []),
])
def test_a_direct_function_of_two_arguments_matches_the_interpreter(expression: str, direct_calls: list[Any]) -> None:
    funcs = _Pair()
    calls: list[tuple[Any, ...]] = []

    def pad(text: str, width: int) -> str:
        calls.append((text, width))
        return text.rjust(width)

    direct = {"pad": DirectFunction(pad, (frozenset({str}), frozenset({int})))}
    parsed = jmespath.compile(expression)
    compiled = compile_node(parsed.parsed, funcs, direct)  # type: ignore[arg-type]
    options = jmespath.Options(custom_functions=funcs)
    value = DATA[0]
    assert outcome(compiled, value) == outcome(lambda v: parsed.search(v, options), value)
    assert calls == direct_calls


def test_age_days_is_a_direct_function_handed_over_by_the_query_module() -> None:
    funcs = _Functions(date(2026, 11, 1))
    seen: list[Any] = []
    direct = {"age_days": DirectFunction(lambda v: seen.append(v) or 7, (frozenset({str, type(None)}),))}
    parsed = jmespath.compile("age_days(s)")
    assert compile_node(parsed.parsed, funcs, direct)({"s": "2026-10-01"}) == 7  # type: ignore[arg-type]
    assert seen == ["2026-10-01"]
    # Without the hook the compiler knows no age_days of its own: the interpreter's function runs.
    assert compile_node(parsed.parsed, funcs)({"s": "2026-10-01"}) == 31  # type: ignore[arg-type]
    source = (Path(__file__).resolve().parents[2] / "digimandate" / "audit" / "jmes.py").read_text(encoding="utf-8")
    assert "age_days" not in source and "_func_" not in source


@pytest.mark.parametrize("version", ["1.0.0", "1.0.1", "1.1.0", "1.9"])
def test_the_supported_jmespath_major_passes(version: str) -> None:
    check_version(version, "/site-packages/jmespath")


@pytest.mark.parametrize("version", ["0.10.0", "2.0.0", "2.0.0rc1", "10.1"])
def test_another_jmespath_major_is_refused_with_a_located_message(version: str) -> None:
    with pytest.raises(UsageError) as info:
        check_version(version, "/site-packages/jmespath")
    assert info.value.exit_code == 2
    assert info.value.format("en") == (
        f"error: jmespath {version} is installed (/site-packages/jmespath), but digimandate compiles its queries "
        "for jmespath 1.x\n"
        "  hint: install a 1.x release of jmespath, as digimandate's installation asks: "
        "pip install 'jmespath>=1.0,<2'"
    )
    assert info.value.format("nl") == (
        f"fout: jmespath {version} is geïnstalleerd (/site-packages/jmespath), maar digimandate compileert zijn "
        "query's voor jmespath 1.x\n"
        "  tip: installeer een 1.x-versie van jmespath, zoals de installatie van digimandate vraagt: "
        "pip install 'jmespath>=1.0,<2'"
    )


def test_compiling_checks_the_installed_jmespath(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = jmespath.compile("a")
    funcs = _Functions()
    assert compile_query(parsed.parsed, funcs)({"a": 1}) == 1  # type: ignore[arg-type]
    monkeypatch.setattr(jmespath, "__version__", "2.0.0")
    with pytest.raises(UsageError, match=r"jmespath 2\.0\.0 is installed \(.*jmespath\)"):
        compile_query(parsed.parsed, funcs)  # type: ignore[arg-type]


def test_the_pin_in_pyproject_matches_the_supported_major() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"jmespath>=1.0,<2"' in pyproject
