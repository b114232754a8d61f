"""JMESPath compiled to Python closures: the same results as jmespath's interpreter, several times faster.

Rules run their queries once per entity, tens of thousands of times in a large organisation; the
interpreter walks the syntax tree on every call. Each node type below mirrors jmespath's
TreeInterpreter exactly; a node type not listed falls back to the interpreter for that subtree.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from numbers import Number
from typing import Any

from jmespath import functions
from jmespath.visitor import TreeInterpreter

Fn = Callable[[Any], Any]
_ORDER = {"lt": operator.lt, "gt": operator.gt, "lte": operator.le, "gte": operator.ge}


_PLAIN = (str, int, float)
_NOT_NUMBERS = frozenset({bool, str, type(None), list, dict})


def _number(x: Any) -> bool:
    kind = type(x)
    if kind is int or kind is float:  # the common cases, without the slower abstract-class check
        return True
    if kind in _NOT_NUMBERS:
        return False
    return isinstance(x, Number)


def _equals(x: Any, y: Any) -> bool:
    kind = type(x)
    if kind is type(y) and kind in _PLAIN:  # same plain type: no bool-versus-number quirk applies
        return bool(x == y)
    if _number(x) and x in (0, 1):
        if isinstance(y, bool):
            return False
    elif _number(y) and y in (0, 1) and isinstance(x, bool):
        return False
    return bool(x == y)


def is_false(value: Any) -> bool:
    """JMESPath falsiness: empty text, list or object, null and false; 0 is true."""
    if value is True:
        return False
    if value is False or value is None:
        return True
    return bool(value == "" or value == [] or value == {})


def compile_node(node: dict[str, Any], funcs: functions.Functions) -> Fn:
    """Compile one syntax-tree node of jmespath's parser."""
    kind = node["type"]
    children = node.get("children", [])

    def sub(i: int) -> Fn:
        return compile_node(children[i], funcs)

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
        steps = [compile_node(c, funcs) for c in children]

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
            return lambda value: _equals(left(value), right(value))
        if op == "ne":
            return lambda value: not _equals(left(value), right(value))
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
        args = [compile_node(c, funcs) for c in children]
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
        if name == "age_days" and len(args) == 1 and hasattr(funcs, "_func_age_days"):
            (arg,) = args
            age_days = funcs._func_age_days

            def days(value: Any) -> Any:
                subject = arg(value)
                if subject is None or type(subject) is str:  # what its signature accepts
                    return age_days(subject)
                return call(name, [subject])  # raises the interpreter's type error

            return days
        if name == "contains" and len(args) == 2:
            haystack, needle = args

            def contains(value: Any) -> Any:
                subject = haystack(value)
                if isinstance(subject, (str, list)):
                    return needle(value) in subject
                return call(name, [subject, needle(value)])

            return contains
        return lambda value: call(name, [a(value) for a in args])
    if kind in ("filter_projection", "projection"):
        base, then = sub(0), sub(1)
        condition = sub(2) if kind == "filter_projection" else None

        def projected(value: Any) -> Any:
            items = base(value)
            if not isinstance(items, list):
                return None
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
            for element in items:
                if isinstance(element, list):
                    out.extend(element)
                else:
                    out.append(element)
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
        items = [compile_node(c, funcs) for c in children]

        def selected(value: Any) -> Any:
            return None if value is None else [item(value) for item in items]

        return selected
    # Anything rarer (slices, multi-select objects, expression references, value projections)
    # runs through jmespath's own interpreter, so every query keeps working.
    interpreter = TreeInterpreter(_options(funcs))
    return lambda value: interpreter.visit(node, value)  # type: ignore[arg-type]


def _options(funcs: functions.Functions) -> Any:
    from jmespath import Options

    return Options(custom_functions=funcs)


__all__ = ["Fn", "compile_node", "is_false"]
