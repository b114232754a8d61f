"""The limits of a query as it loads: the nesting read from its text bounds the stack it takes."""

from __future__ import annotations

import contextlib
import inspect
import sys
from datetime import date
from typing import Any

import jmespath
import pytest

from digimandate.audit.budget import MAX_NESTING, nesting, tree_depth
from digimandate.audit.jmes import compile_node
from digimandate.audit.query import _Functions, _show
from digimandate.audit.view import build_view
from digimandate.model.document import load_document
from tests.audit.test_hostile_checklists import NESTING, SMALL


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
            _show(compiled(view))
    finally:
        sys.setrecursionlimit(limit)
