"""Limits on a checklist's queries, checked as they load: length and nesting.

A query is code from a checklist file, and jmespath's parser and the compiler in ``jmes`` recurse:
left alone, `!` written 3,000 times or 4,000 nested brackets end the run with a RecursionError.
docs/query-budget.md states every limit; the numbers are here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MAX_QUERY_CHARS = 2_000  # characters of one query as written; the longest built-in query has 110
# Brackets, braces and parentheses open a level; operators, `!`, `&`, `*` and an index or filter
# after an expression each add one to the level they stand in (see nesting). jmespath's parser
# takes at most four stack frames per level, the syntax tree at most two nodes, so 64 levels stay
# far below Python's recursion limit of 1,000 in the parser, the compiler and both evaluators.
MAX_NESTING = 64

_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")
# Each adds a level to the group it stands in: operators (`|`, `||`, `&&`, comparisons), `!`, `&`
# (an expression reference), `*` (a projection) and `:` (a key of a multi-select object, a slice);
# a two-character operator counts once.
_UNITS = frozenset("|&!<>=*:")
_PAIRS = frozenset({"||", "&&", "==", "!=", "<=", ">="})


def nesting(text: str, limit: int = MAX_NESTING) -> int:
    """How deeply a query nests, as jmespath's parser would recurse on it; stops counting past ``limit``.

    A conservative measure read from the text: every open bracket counts one, and so does every
    operator, `!`, `&`, `*`, `:`, flatten, index or filter written in an open bracket (or at the
    top), as a chain of them makes the parser or the syntax tree one level deeper each
    (`a || b || c` nests its tree, `!!!a` and `a[*][*]` recurse in the parser). A bracket that
    closes takes its levels with it. Literals count the nesting of their JSON; quoted text counts nothing.
    """
    stack = [0]  # per open group: the levels its operators and the like added so far
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _UNITS:
            if text[i:i + 2] in _PAIRS:
                i += 1
            stack[-1] += 1
            depth += 1
        elif c == "[" and text[i + 1:i + 2] == "]":
            i += 1  # `[]`, a flatten: no group of its own, but a level of the tree where it stands
            stack[-1] += 1
            depth += 1
        elif c in _OPENERS:
            if c == "[":  # an index, slice, filter or projection continues a chain where it stands
                stack[-1] += 1
                depth += 1
            stack.append(0)
            depth += 1
        elif c in _CLOSERS:
            if len(stack) > 1:
                depth -= 1 + stack.pop()
        elif c == "'" or c == '"':
            i = _skip_quoted(text, i, c)
            continue
        elif c == "`":
            end = _skip_quoted(text, i, "`")
            deepest = max(deepest, depth + _json_nesting(text, i + 1, end - 1))
            i = end
            continue
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
        i += 1
    return deepest


def _skip_quoted(text: str, start: int, quote: str) -> int:
    """The index just past the closing ``quote`` of a quoted part that opens at ``start`` (`\\` escapes)."""
    i, n = start + 1, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        i += 1
    return n


def _json_nesting(text: str, start: int, end: int) -> int:
    """How deeply the JSON of a literal nests its arrays and objects (text in quotes does not count)."""
    depth = deepest = 0
    i = start
    while i < end:
        c = text[i]
        if c == "[" or c == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif c == "]" or c == "}":
            depth = max(depth - 1, 0)
        elif c == '"':
            i = _skip_quoted(text, i, '"')
            continue
        i += 1
    return deepest


def tree_depth(node: Mapping[str, Any]) -> int:
    """How deep a parsed query's syntax tree is, counted without recursion."""
    deepest = 0
    pending = [(node, 1)]
    while pending:
        current, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in current.get("children", ()) if isinstance(child, Mapping))
    return deepest


__all__ = ["MAX_NESTING", "MAX_QUERY_CHARS", "nesting", "tree_depth"]
