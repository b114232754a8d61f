"""Indented JSON text, the same bytes as json.dumps(indent=2), for results, SARIF logs and baselines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from digimandate.textsafe import json_safe

_text = json.encoder.encode_basestring  # the C function when available, as json.dumps uses


def indented_json(value: Any, level: int = 0) -> str:
    """``value`` exactly as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, faster.

    With an indent, json.dumps runs its pure-Python encoder, the slowest step of a large result.
    Text goes through json's own C string encoder; what is rare in a result (numbers other than
    integers, booleans, null, empty or non-text keys) is left to json.dumps, re-indented: JSON
    text never holds a raw newline, so indenting every line of a nested value is exact.
    """
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is int:
        return int.__repr__(value)
    if kind is dict and value:
        inner = "\n" + "  " * (level + 1)
        try:
            items = [_text(k) + ": " + indented_json(v, level + 1) for k, v in value.items()]
        except TypeError:  # a key that is not text (json.dumps converts it), or a value json refuses too
            items = None
        if items is not None:
            return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    if kind in (list, tuple) and value:
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join(indented_json(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * level) if level else text


class Lazy:
    """A JSON array whose items are made one at a time while the text is written, never all at once."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


_END = object()


def iter_json(value: Any, level: int = 0) -> Iterator[str]:
    """``value`` as ``indented_json`` writes it, in pieces; a ``Lazy`` array is written item by item.

    The text of a result with tens of thousands of findings is never held whole: each finding is
    made, written and dropped in turn.
    """
    if type(value) is Lazy:
        items = iter(value.items)
        first = next(items, _END)
        if first is _END:
            yield "[]"
            return
        inner = "\n" + "  " * (level + 1)
        yield "[" + inner
        yield from iter_json(first, level + 1)
        for item in items:
            yield "," + inner
            yield from iter_json(item, level + 1)
        yield "\n" + "  " * level + "]"
    elif type(value) is dict and value and _holds_lazy(value):
        inner = "\n" + "  " * (level + 1)
        sep = "{" + inner
        for key, item in value.items():
            yield sep + _text(key) + ": "
            yield from iter_json(item, level + 1)
            sep = "," + inner
        yield "\n" + "  " * level + "}"
    elif type(value) is list and _holds_lazy(value):
        yield from iter_json(Lazy(value), level)
    else:
        yield indented_json(value, level)


def output_chunks(value: Any) -> Iterator[str]:
    """A whole JSON output in pieces: safe to print (``json_safe``), with its closing newline."""
    for piece in iter_json(value):
        yield json_safe(piece)
    yield "\n"


def _holds_lazy(value: Any) -> bool:
    """Whether a ``Lazy`` array sits anywhere inside ``value`` (only dicts and lists are looked into)."""
    if type(value) is Lazy:
        return True
    if type(value) is dict:
        return any(_holds_lazy(v) for v in value.values())
    if type(value) is list:
        return any(_holds_lazy(v) for v in value)
    return False
