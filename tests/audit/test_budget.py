"""The query budget's parts: the nesting read from the text bounds the stack; counted work gives Python's answers."""

from __future__ import annotations

import contextlib
import copy
import inspect
import math
import sys
from datetime import date
from typing import Any

import jmespath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jmespath import functions

from digimandate.audit.budget import MAX_NESTING, Budget, BudgetExceeded, deep_equal, entities, nesting, tree_depth
from digimandate.audit.jmes import compile_node, contains
from digimandate.audit.query import _Functions, _show
from digimandate.audit.view import build_view
from digimandate.model.document import load_document
from tests.audit.test_hostile_checklists import NESTING, SMALL
from tests.strategies import examples

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.floats(-2, 2), st.just(math.nan), st.text(max_size=2)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=2), inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=examples(300))
@given(json_values, json_values)
def test_deep_equal_is_pythons_equality(x: Any, y: Any) -> None:
    for a, b in ((x, y), (x, x), (x, copy.deepcopy(x)), ([x, y], [x, y]), ({"k": x}, {"k": y})):
        assert deep_equal(a, b, Budget()) == (a == b)


@settings(max_examples=examples(300))
@given(st.lists(json_values, max_size=4), json_values)
def test_contains_is_pythons_in(subject: list[Any], search: Any) -> None:
    assert contains(subject, search, Budget()) == (search in subject)
    assert contains([*subject, copy.deepcopy(search)], search, Budget()) == (search in [*subject, copy.deepcopy(search)])


@pytest.mark.parametrize("value", [None, 1, 2.5, "a", [1, [2, "x"]], {"a": [True, None]}, {"b": {"c": 1.0}}])
def test_to_string_and_contains_are_jmespaths(value: Any) -> None:
    ours, theirs = _Functions(), functions.Functions()
    for name, args in (("to_string", [value]), ("contains", [[value, 1], value]), ("contains", ["abc", "b"])):
        assert ours.call_function(name, args) == theirs.call_function(name, args)


def shared_tree(levels: int) -> list[Any]:
    """A list that holds one list twice, ``levels`` deep: small in memory, 2**levels items written out."""
    tree: list[Any] = [1]
    for _ in range(levels):
        tree = [tree, tree]
    return tree


def test_a_shared_tree_weighs_what_it_writes_out() -> None:
    budget = Budget()
    budget.reset(0)
    with pytest.raises(BudgetExceeded) as info:
        budget.weigh(shared_tree(60))
    assert (info.value.kind, info.value.limit) == ("size", 100_000)
    budget.weigh(shared_tree(10))
    assert budget.steps - budget.left == 2 ** 11 - 1 + 2 ** 10  # lists and the ones at their leaves


def test_comparing_two_built_trees_is_counted() -> None:
    budget = Budget()
    budget.reset(0)
    with pytest.raises(BudgetExceeded) as info:
        deep_equal(shared_tree(60), shared_tree(60), budget)
    assert info.value.kind == "steps"


def test_a_message_writes_out_a_shared_tree_only_within_the_budget() -> None:
    budget = Budget()
    budget.reset(0)
    assert _show(shared_tree(2), budget) == "1, 1, 1, 1"
    with pytest.raises(BudgetExceeded):
        _show(shared_tree(60), budget)


def test_the_budget_grows_with_the_organisation() -> None:
    view = build_view(load_document(SMALL))
    assert entities(view) == 24
    budget = Budget()
    budget.reset(entities(view))
    assert (budget.steps, budget.size) == (252_400, 102_400)


@pytest.mark.parametrize(("query", "depth"), [
    ("a.b.c.d", 0), ("'(((('", 0), ('"[[[["', 0), ('`"[[[["`', 0), ("`[[1]]`", 2), ("a[?b]", 2), ("a[]", 1),
    ("!!a", 2), ("a || b && c", 2), ("a != b", 1), ("(a)", 1), ("((a) || (b))", 3), ("{a: b}", 2), ("f(x, y)", 1),
])
def test_nesting_is_read_from_the_text(query: str, depth: int) -> None:
    assert nesting(query) == depth


def test_tree_depth_counts_without_recursion() -> None:
    assert tree_depth(jmespath.compile("a").parsed) == 1
    assert tree_depth(jmespath.compile(" || ".join(["a"] * 5000)).parsed) == 5000


def deepest(shape: Any) -> str:
    """The construct nested as deeply as the limit allows."""
    n = 1
    while nesting(shape(n + 1)) <= MAX_NESTING and n < 2000:
        n += 1
    return str(shape(n))


@pytest.mark.parametrize("name", sorted(NESTING))
def test_a_query_within_the_nesting_limit_runs_in_a_few_hundred_frames(name: str) -> None:
    # 64 levels cost jmespath's parser, the compiler and the evaluators at most about 270 frames (measured):
    # with 400 frames to spare a query at the limit never meets Python's recursion limit.
    query = deepest(NESTING[name])
    view = build_view(load_document(SMALL))
    funcs = _Functions(date(2026, 11, 1))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 400)
    try:
        jmespath.parser.Parser.purge()  # parse it, not find it in jmespath's cache
        parsed = jmespath.compile(query).parsed
        compiled = compile_node(parsed, funcs, funcs.direct())  # type: ignore[arg-type]
        # a function given the wrong type is a located input error, not a crash
        with contextlib.suppress(jmespath.exceptions.JMESPathError):
            _show(compiled(view), Budget())
    finally:
        sys.setrecursionlimit(limit)
