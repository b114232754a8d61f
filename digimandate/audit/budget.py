"""Limits on a checklist's queries: length and nesting when they load, steps and result size when they run.

A query is code from a checklist file, and jmespath's parser, the compiler in ``jmes`` and both
evaluators recurse: left alone, ``!`` written 3,000 times or 4,000 nested brackets end the run with
a RecursionError, and ``@ | [@, @][]`` written 40 times doubles a list 40 times. docs/query-budget.md
states every limit; the numbers are here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from digimandate.model.org import SECTIONS

MAX_QUERY_CHARS = 2_000  # characters of a query, its parameters filled in; the longest built-in one has 110
# Brackets, braces and parentheses open a level; operators, `!`, `&`, `*` and an index or filter
# after an expression each add one to the level they stand in (see nesting). jmespath's parser
# takes at most four stack frames per level, the syntax tree at most two nodes, so 64 levels stay
# far below Python's recursion limit of 1,000 in the parser, the compiler and both evaluators.
MAX_NESTING = 64
# Per run of one rule over one organisation: steps (list items looked at, made or passed to a
# function) and the largest result (items of a list, characters of a text). Both grow with the
# organisation, so a query that is fine on a small file is not refused on a large one.
BASE_STEPS = 250_000
STEPS_PER_ENTITY = 100
# A node that jmespath's own interpreter visits costs about four times what a step of a compiled
# query costs (a microsecond against a quarter), so it counts as four: the budget stays a measure of time.
VISIT_STEPS = 4
BASE_SIZE = 100_000
SIZE_PER_ENTITY = 100
UNLIMITED = 1 << 62  # a compiled query run outside an audit (tests, tools) has no budget

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
        pending.extend((child, depth + 1) for child in current.get("children", ()) if isinstance(child, dict))
    return deepest


Kind = Literal["steps", "size"]


class BudgetExceeded(Exception):
    """A query used up its steps (``kind`` "steps") or made too large a result ("size")."""

    def __init__(self, kind: Kind, limit: int) -> None:
        super().__init__(kind, limit)
        self.kind: Kind = kind
        self.limit = limit
        self.where: tuple[str | int, ...] = ()  # the expression of the rule's query, once known

    def __str__(self) -> str:
        return f"more than {self.limit} steps" if self.kind == "steps" else f"a result of more than {self.limit} items"


class Budget:
    """What one run of one rule may still spend; compiled queries count against it as they run."""

    __slots__ = ("left", "size", "steps")

    def __init__(self) -> None:
        self.steps = self.left = self.size = UNLIMITED

    def reset(self, entities: int) -> None:
        """A fresh budget for a run over an organisation of ``entities`` entities."""
        self.steps = self.left = BASE_STEPS + STEPS_PER_ENTITY * entities
        self.size = BASE_SIZE + SIZE_PER_ENTITY * entities

    def spend(self, steps: int) -> None:
        """Count ``steps``; raise when the budget is gone."""
        self.left -= steps
        if self.left < 0:
            raise self.out_of_steps()

    def made(self, size: int) -> None:
        """Count a result of ``size`` items or characters; raise when it is too large or the budget gone."""
        if size > self.size:
            raise BudgetExceeded("size", self.size)
        self.spend(size)

    def out_of_steps(self) -> BudgetExceeded:
        """The error for a budget that is gone."""
        return BudgetExceeded("steps", self.steps)

    def weigh(self, value: Any) -> None:
        """Count every item of a value as a tree, as json.dumps or str() would visit it; raise when too large.

        A multi-select can hold one list twice, so ``@ | [@, @] | [@, @] ...`` is small in memory
        and exponential to write out; a cycle (the view links entities both ways) is counted once,
        for json.dumps to report.
        """
        count = 0
        on_path: set[int] = set()
        pending: list[tuple[Any, bool]] = [(value, False)]
        while pending:
            item, leaving = pending.pop()
            if leaving:
                on_path.discard(id(item))
                continue
            count += 1
            if isinstance(item, (list, dict)):
                if id(item) in on_path:
                    continue
                on_path.add(id(item))
                pending.append((item, True))
                pending.extend((child, False) for child in (item.values() if isinstance(item, dict) else item))
                if count + len(item) > self.size:
                    raise BudgetExceeded("size", self.size)
        self.spend(count)


def entities(view: Mapping[str, Any]) -> int:
    """How many entities the organisation's view holds: the measure a run's budget grows with."""
    return sum(len(v) for s in SECTIONS if isinstance(v := view.get(s), list))


def deep_equal(x: Any, y: Any, budget: Budget) -> bool:
    """Python's ``==`` on JSON values, counting every pair of items it compares."""
    if not (isinstance(x, (list, dict)) and isinstance(y, (list, dict))):
        return bool(x == y)
    # Within lists and dicts Python counts an item equal to itself (NaN too) before comparing: so here.
    pending = [(x, y)]
    while pending:
        a, b = pending.pop()
        if a is b:
            continue
        if isinstance(a, list):
            if not isinstance(b, list) or len(a) != len(b):
                return False
            budget.spend(len(a))
            pending.extend(zip(a, b, strict=True))
        elif isinstance(a, dict):
            if not isinstance(b, dict) or len(a) != len(b):
                return False
            budget.spend(len(a))
            for key, value in a.items():
                if key not in b:
                    return False
                pending.append((value, b[key]))
        elif isinstance(b, (list, dict)) or a != b:
            return False
    return True


__all__ = ["BASE_SIZE", "BASE_STEPS", "MAX_NESTING", "MAX_QUERY_CHARS", "SIZE_PER_ENTITY", "STEPS_PER_ENTITY",
           "VISIT_STEPS", "Budget", "BudgetExceeded", "deep_equal", "entities", "nesting", "tree_depth"]
