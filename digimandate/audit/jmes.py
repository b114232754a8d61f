"""JMESPath compiled to Python closures: the same results as jmespath's interpreter, several times faster.

Rules run their queries once per entity, tens of thousands of times in a large organisation; the
interpreter walks the syntax tree on every call. Each node type below mirrors jmespath's
TreeInterpreter exactly; a node type not listed falls back to the interpreter for that subtree.
The syntax trees are those of jmespath 1.x (pinned in pyproject.toml); compile_query refuses another
major release rather than walk trees whose shape it does not know.

Every loop counts against a Budget (budget.py): a projection the items it looks at, a flatten and a
function the items they make or are given, an equality the items it compares. Counting a whole list
at once keeps the cost to one subtraction per loop, not per item.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from numbers import Number
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jmespath
from jmespath import functions
from jmespath.visitor import TreeInterpreter

from digimandate.audit.budget import VISIT_STEPS, Budget, deep_equal
from digimandate.errors import UsageError

if TYPE_CHECKING:
    from jmespath.visitor import _TreeNode

Fn = Callable[[Any], Any]
_ORDER = {"lt": operator.lt, "gt": operator.gt, "lte": operator.le, "gte": operator.ge}
SUPPORTED_MAJOR = "1"  # the jmespath release whose syntax trees the node types below mirror


def check_version(version: str, where: str) -> None:
    """Refuse a jmespath of another major release than the one this compiler was written for."""
    if version.split(".")[0] != SUPPORTED_MAJOR:
        raise UsageError("jmespath_version", found=version, path=where, major=SUPPORTED_MAJOR,
                         next=int(SUPPORTED_MAJOR) + 1)


@dataclass(frozen=True)
class DirectFunction:
    """A query function that compiled queries call directly, when every argument has an accepted type.

    Any other argument goes through jmespath's own call, which checks the signature and raises the
    interpreter's error, so the function must also be registered on the Functions object by the same name.
    """

    call: Callable[..., Any]
    accepts: tuple[frozenset[type], ...]  # per argument, the exact types passed straight through


NO_DIRECT: Mapping[str, DirectFunction] = {}


def compile_query(node: dict[str, Any], funcs: functions.Functions,
                  direct: Mapping[str, DirectFunction] = NO_DIRECT, budget: Budget | None = None) -> Fn:
    """Compile the syntax tree of one parsed query (``jmespath.compile(text).parsed``)."""
    check_version(jmespath.__version__, str(Path(jmespath.__file__).parent))
    return compile_node(node, funcs, direct, budget)


_PLAIN = (str, int, float)
_SIZED = frozenset({str, list, dict})
_TREES = frozenset({list, dict})
_NOT_NUMBERS = frozenset({bool, str, type(None), list, dict})


def _number(x: Any) -> bool:
    kind = type(x)
    if kind is int or kind is float:  # the common cases, without the slower abstract-class check
        return True
    if kind in _NOT_NUMBERS:
        return False
    return isinstance(x, Number)


def _equals(x: Any, y: Any, budget: Budget) -> bool:
    kind = type(x)
    if kind is type(y) and kind in _PLAIN:  # same plain type: no bool-versus-number quirk applies
        return bool(x == y)
    if _number(x) and x in (0, 1):
        if isinstance(y, bool):
            return False
    elif _number(y) and y in (0, 1) and isinstance(x, bool):
        return False
    if kind is list or kind is dict:  # the view and the query make only these, never subclasses
        # Two trees the query built can be exponential to compare: count their items, after the cheap
        # answers (a list against `[]` is the common case).
        if type(y) is not kind or len(x) != len(y):
            return False
        return not x or deep_equal(x, y, budget)
    return bool(x == y)


def contains(subject: Any, search: Any, budget: Budget) -> bool:
    """jmespath's contains() on a text or list, counting the items it compares."""
    budget.spend(len(subject))
    if isinstance(subject, list) and isinstance(search, (list, dict)):
        return any(deep_equal(item, search, budget) for item in subject)
    return search in subject


def charge(values: list[Any], budget: Budget) -> None:
    """Count the items and characters a function is given: its work grows with them."""
    for v in values:
        if type(v) in _SIZED:
            budget.spend(len(v))


def made(result: Any, budget: Budget) -> Any:
    """Count a function's result; a text or list beyond the size limit is refused."""
    if type(result) in _SIZED:
        budget.made(len(result))
    return result


def is_false(value: Any) -> bool:
    """JMESPath falsiness: empty text, list or object, null and false; 0 is true."""
    if value is True:
        return False
    if value is False or value is None:
        return True
    return bool(value == "" or value == [] or value == {})


def compile_node(node: dict[str, Any], funcs: functions.Functions,
                 direct: Mapping[str, DirectFunction] = NO_DIRECT, budget: Budget | None = None) -> Fn:
    """Compile one syntax-tree node of jmespath's parser; its loops count against ``budget`` (none: unlimited)."""
    if budget is None:
        budget = Budget()
    kind = node["type"]
    children = node.get("children", [])

    def sub(i: int) -> Fn:
        return compile_node(children[i], funcs, direct, budget)

    if kind == "field":
        name = node["value"]

        def field(value: Any) -> Any:
            try:
                return value.get(name)
            except AttributeError:
                return None

        return field
    if kind == "subexpression" and all(c["type"] == "field" for c in children):
        names = [c["value"] for c in children]  # a.b.c, the commonest query: one loop, no nested calls

        def path(value: Any) -> Any:
            for name in names:
                try:
                    value = value.get(name)
                except AttributeError:
                    return None
            return value

        return path
    if kind in ("subexpression", "index_expression", "pipe"):
        steps = [compile_node(c, funcs, direct, budget) for c in children]

        def chain(value: Any) -> Any:
            for step in steps:
                value = step(value)
            return value

        return chain
    if kind == "literal":
        constant = node["value"]
        return lambda value: constant
    if kind in ("identity", "current"):
        return lambda value: value
    if kind == "comparator":
        left, right, op = sub(0), sub(1), node["value"]
        literal = children[1]["value"] if children[1]["type"] == "literal" else ...
        # Against null, a boolean or text, JMESPath equality is plain identity or ==; no number quirks.
        if op in ("eq", "ne") and (literal is None or isinstance(literal, (bool, str))):
            if literal is None or isinstance(literal, bool):
                if op == "eq":
                    return lambda value: left(value) is literal
                return lambda value: left(value) is not literal
            if op == "eq":
                return lambda value: left(value) == literal
            return lambda value: left(value) != literal
        if op == "eq":
            return lambda value: _equals(left(value), right(value), budget)
        if op == "ne":
            return lambda value: not _equals(left(value), right(value), budget)
        order = _ORDER[op]

        def compare(value: Any) -> Any:
            a, b = left(value), right(value)
            # Numbers with numbers, text with text; anything else is null, as the JMESPath
            # specification says (the interpreter raises TypeError for a number against text).
            if (_number(a) and _number(b)) or (isinstance(a, str) and isinstance(b, str)):
                return order(a, b)
            return None

        return compare
    if kind == "and_expression":
        left, right = sub(0), sub(1)

        def both(value: Any) -> Any:
            matched = left(value)
            return matched if is_false(matched) else right(value)

        return both
    if kind == "or_expression":
        left, right = sub(0), sub(1)

        def either(value: Any) -> Any:
            matched = left(value)
            return right(value) if is_false(matched) else matched

        return either
    if kind == "not_expression":
        inner = sub(0)

        def negate(value: Any) -> Any:
            result = inner(value)
            if _number(result) and result == 0:
                return False
            return not result

        return negate
    if kind == "function_expression":
        args = [compile_node(c, funcs, direct, budget) for c in children]
        name = node["value"]
        call = funcs.call_function
        if name == "length" and len(args) == 1:
            (arg,) = args

            def length(value: Any) -> Any:
                subject = arg(value)
                if isinstance(subject, (str, list, dict)):
                    return len(subject)
                return call(name, [subject])  # raises the interpreter's type error

            return length
        # A direct function must take constant time: its calls are not counted.
        hook = direct.get(name)
        if hook is not None and len(args) == len(hook.accepts) == 1:
            (arg,) = args
            (accepts,) = hook.accepts
            direct_call = hook.call

            def direct_one(value: Any) -> Any:
                subject = arg(value)
                if type(subject) in accepts:  # what its signature accepts
                    return direct_call(subject)
                return call(name, [subject])  # raises the interpreter's type error

            return direct_one
        if hook is not None and len(args) == len(hook.accepts):
            accepted = hook.accepts
            direct_call = hook.call

            def direct_many(value: Any) -> Any:
                values = [a(value) for a in args]
                if all(type(v) in types for v, types in zip(values, accepted, strict=True)):
                    return direct_call(*values)
                return call(name, values)  # raises the interpreter's type error

            return direct_many
        if name == "contains" and len(args) == 2:
            haystack, needle = args

            def contained(value: Any) -> Any:
                subject = haystack(value)
                if isinstance(subject, (str, list)):
                    search = needle(value)
                    budget.left -= len(subject)
                    if budget.left < 0:
                        raise budget.out_of_steps()
                    if type(search) in _TREES and type(subject) is list:
                        return contains(subject, search, budget)
                    return search in subject
                return call(name, [subject, needle(value)])

            return contained

        def function(value: Any) -> Any:
            values = [a(value) for a in args]
            charge(values, budget)
            return made(call(name, values), budget)

        return function
    if kind in ("filter_projection", "projection"):
        base, then = sub(0), sub(1)
        condition = sub(2) if kind == "filter_projection" else None

        def projected(value: Any) -> Any:
            items = base(value)
            if not isinstance(items, list):
                return None
            budget.left -= len(items)
            if budget.left < 0:
                raise budget.out_of_steps()
            out = []
            for element in items:
                if condition is None or not is_false(condition(element)):
                    current = then(element)
                    if current is not None:
                        out.append(current)
            return out

        return projected
    if kind == "flatten":
        base = sub(0)

        def flat(value: Any) -> Any:
            items = base(value)
            if not isinstance(items, list):
                return None
            out: list[Any] = []
            limit = budget.size
            for element in items:
                if isinstance(element, list):
                    out.extend(element)
                    if len(out) > limit:  # checked as it grows: a flatten can multiply what it is given
                        budget.made(len(out))
                else:
                    out.append(element)
            budget.spend(len(out))
            return out

        return flat
    if kind == "index":
        index = node["value"]

        def at(value: Any) -> Any:
            if not isinstance(value, list):
                return None
            try:
                return value[index]
            except IndexError:
                return None

        return at
    if kind == "multi_select_list":
        items = [compile_node(c, funcs, direct, budget) for c in children]

        def selected(value: Any) -> Any:
            return None if value is None else [item(value) for item in items]

        return selected
    # Anything rarer (slices, multi-select objects, expression references, value projections)
    # runs through jmespath's own interpreter, so every query keeps working.
    interpreter = CountingInterpreter(funcs, budget)
    return lambda value: interpreter.visit(node, value)  # type: ignore[arg-type]


class CountingInterpreter(TreeInterpreter):
    """jmespath's interpreter, counting each node it visits against a budget (VISIT_STEPS), as compiled queries count.

    It runs the rarer node types and the expressions that functions such as sort_by() and map()
    call once per item.
    """

    def __init__(self, funcs: functions.Functions, budget: Budget) -> None:
        from jmespath import Options

        super().__init__(Options(custom_functions=funcs))
        self.funcs = funcs
        self.budget = budget

    def visit(self, node: _TreeNode, *args: Any, **kwargs: Any) -> Any:
        """Count the visit, then make it."""
        budget = self.budget
        budget.left -= VISIT_STEPS
        if budget.left < 0:
            raise budget.out_of_steps()
        return super().visit(node, *args, **kwargs)

    def visit_comparator(self, node: _TreeNode, value: Any) -> Any:
        """Equality counts the items it compares; ordering compares only numbers and texts."""
        if node["value"] not in ("eq", "ne"):
            return super().visit_comparator(node, value)
        left, right = self.visit(node["children"][0], value), self.visit(node["children"][1], value)
        same = _equals(left, right, self.budget)
        return same if node["value"] == "eq" else not same

    def visit_flatten(self, node: _TreeNode, value: Any) -> Any:
        """A flatten counts the items it makes; too large a list is refused as it grows."""
        base = self.visit(node["children"][0], value)
        if not isinstance(base, list):
            return None
        out: list[Any] = []
        for element in base:
            if isinstance(element, list):
                out.extend(element)
                if len(out) > self.budget.size:
                    self.budget.made(len(out))
            else:
                out.append(element)
        self.budget.spend(len(out))
        return out

    def visit_slice(self, node: _TreeNode, value: Any) -> Any:
        """A slice counts the items it copies."""
        result = super().visit_slice(node, value)
        if result is not None:
            self.budget.spend(len(result))
        return result

    def visit_function_expression(self, node: _TreeNode, value: Any) -> Any:
        """A function counts what it is given and what it makes."""
        values = [self.visit(child, value) for child in node["children"]]
        charge(values, self.budget)
        return made(self.funcs.call_function(node["value"], values), self.budget)


__all__ = ["NO_DIRECT", "CountingInterpreter", "DirectFunction", "Fn", "check_version", "compile_node",
           "compile_query", "contains", "is_false"]
