"""Indented JSON text, the same bytes as json.dumps(indent=2), for results, SARIF logs and baselines.

orjson writes it (in C, about thirty times faster than json.dumps with an indent), and for what a
result holds its text is byte for byte what ``json.dumps(value, indent=2, ensure_ascii=False)``
writes. Where it would write otherwise or refuse, the exact Python writer below writes that part
instead: a float below 1e-4 or not finite (orjson: ``1e-5``, ``0.00001``, ``null``; json.dumps:
``1e-05``, ``NaN``), an integer beyond 64 bits, a key that is not text, a lone surrogate (orjson
refuses what UTF-8 cannot hold), a subclass of str, int, float, dict or list, and a type json.dumps
refuses (a date, a dataclass), so that it is refused with json's own message. (orjson still writes a
plain Enum and a UUID, which json.dumps refuses; no output of digimandate holds either.)
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from digimandate.textsafe import json_safe, json_safe_utf8

_text = json.encoder.encode_basestring  # the C function when available, as json.dumps uses

# Subclasses, dates and dataclasses go to `default`, which refuses them: json.dumps decides.
_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME
            | orjson.OPT_PASSTHROUGH_DATACLASS)
BATCH = 1000  # items of a lazily made array written by one orjson call: about 0.5 MB of text for findings


def _refuse(value: Any) -> Any:
    raise TypeError(type(value).__name__)


# Only text with one of these can hold a float that orjson writes otherwise: `null` (not finite),
# `0.0000` or a digit before `e-` (below 1e-4). The search for `e-` starts at its fixed bytes.
_NEGATIVE_EXPONENT = re.compile(rb"e-(?<=[0-9]e-)")


def _odd_float(value: Any) -> bool:
    """Whether ``value`` holds a float that orjson writes otherwise than json.dumps: not finite, or below 1e-4."""
    kind = type(value)
    if kind is float:
        return value != 0 and not 1e-4 <= abs(value) <= 1.7976931348623157e308  # NaN compares false: odd
    if kind is dict:
        return any(_odd_float(v) for v in value.values())
    if kind is list or kind is tuple:
        return any(_odd_float(v) for v in value)
    return False


def _orjson(value: Any, level: int) -> bytes | None:
    """``value`` inside ``level`` one-item lists, by orjson; None where only json.dumps writes it exactly.

    The lists make orjson indent the value as it stands at ``level`` (no text is re-indented);
    ``_inner`` cuts them off again.
    """
    for _ in range(level):
        value = [value]
    try:
        out = orjson.dumps(value, default=_refuse, option=_OPTIONS)
    except orjson.JSONEncodeError:
        return None
    if (b"null" in out or b"0.0000" in out or _NEGATIVE_EXPONENT.search(out) is not None) and _odd_float(value):
        return None
    return out


def _inner(out: bytes, level: int, front: int = 0, back: int = 0) -> bytes:
    """What ``_orjson(value, level)`` wrote without the lists around it, and ``front`` and ``back`` bytes less."""
    # "  " * i + "[\n" for each list i, then the value's own indent; "\n" + "  " * i + "]" for each list
    return out[level * level + 3 * level + front:len(out) - (level * level + level) - back]


def _python(value: Any, level: int = 0) -> str:
    """``value`` exactly as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, indented to ``level``.

    Text goes through json's own C string encoder; what is rare (numbers other than integers,
    booleans, null, empty or non-text keys) is left to json.dumps, re-indented: JSON text never holds
    a raw newline, so indenting every line of a nested value is exact.
    """
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is int:
        return int.__repr__(value)
    if kind is dict and value:
        inner = "\n" + "  " * (level + 1)
        try:
            items = [_text(k) + ": " + _python(v, level + 1) for k, v in value.items()]
        except TypeError:  # a key that is not text (json.dumps converts it), or a value json refuses too
            items = None
        if items is not None:
            return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    if kind in (list, tuple) and value:
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join(_python(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * level) if level else text


def indented_json(value: Any, level: int = 0) -> str:
    """``value`` exactly as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, much faster.

    ``level``: as it stands at that depth of a larger text (every line after the first indented).
    """
    out = _orjson(value, level)
    return _python(value, level) if out is None else _inner(out, level).decode("utf-8")


def safe_json(value: Any, level: int = 0) -> str:
    """``json_safe(indented_json(value, level))``: the JSON text, safe to print."""
    out = _orjson(value, level)
    return json_safe(_python(value, level)) if out is None else json_safe_utf8(_inner(out, level)).decode("utf-8")


class Lazy:
    """A JSON array whose items are made a batch at a time while the text is written, never all at once."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


class Written(Lazy):
    """A ``Lazy`` array whose items a writer also gives as JSON text, which is what is written.

    ``make(level)`` yields the text of each of ``items`` exactly as ``json.dumps(item, indent=2,
    ensure_ascii=False)`` writes it at that depth (every line after the first indented), a batch at a
    time; ``json_safe`` is applied here. For items of one shape written tens of thousands of times
    (findings): their text made from the parts they share is several times faster than their data
    made and written. ``items`` says what the text is of (and is what the tests hold it to).
    """

    __slots__ = ("make",)

    def __init__(self, items: Iterable[Any], make: Callable[[int], Iterable[str]]) -> None:
        super().__init__(items)
        self.make = make


def iter_json(value: Any, level: int = 0) -> Iterator[str]:
    """``safe_json(value)`` in pieces; a ``Lazy`` array is made and written ``BATCH`` items at a time.

    The text of a result with tens of thousands of findings is never held whole: each batch of
    findings is made, written and dropped in turn.
    """
    if type(value) is Lazy:
        yield from _array(iter(value.items), level)
    elif type(value) is Written:
        yield from _written(iter(value.make(level + 1)), level)
    elif type(value) is dict and value and _holds_lazy(value):
        inner = "\n" + "  " * (level + 1)
        sep = "{" + inner
        for key, item in value.items():
            yield sep + json_safe(_text(key)) + ": "
            yield from iter_json(item, level + 1)
            sep = "," + inner
        yield "\n" + "  " * level + "}"
    elif type(value) is list and _holds_lazy(value):
        yield from _array(iter(value), level)
    else:
        yield safe_json(value, level)


def _array(items: Iterator[Any], level: int) -> Iterator[str]:
    """A JSON array at ``level`` from its items, one orjson call per batch."""
    inner = "\n" + "  " * (level + 1)
    sep = "[" + inner
    while batch := list(itertools.islice(items, BATCH)):
        yield sep
        sep = "," + inner
        out = _orjson(batch, level)
        if out is not None:  # without "[\n" and the items' indent before them, and "\n", the indent and "]" after
            yield json_safe_utf8(_inner(out, level, 2 * level + 4, 2 * level + 2)).decode("utf-8")
            continue
        # an item holds a lazy array, or what only json.dumps writes exactly: item by item
        for i, item in enumerate(batch):
            if i:
                yield sep
            yield from iter_json(item, level + 1)
    yield "[]" if sep[0] == "[" else "\n" + "  " * level + "]"


def _written(items: Iterator[str], level: int) -> Iterator[str]:
    """A JSON array at ``level`` from its items' texts, ``BATCH`` items a piece."""
    inner = "\n" + "  " * (level + 1)
    sep = "[" + inner
    while batch := list(itertools.islice(items, BATCH)):
        yield json_safe(sep + ("," + inner).join(batch))
        sep = "," + inner
    yield "[]" if sep[0] == "[" else "\n" + "  " * level + "]"


def output_chunks(value: Any) -> Iterator[str]:
    """A whole JSON output in pieces: safe to print (``json_safe``), with its closing newline."""
    yield from iter_json(value)
    yield "\n"


def _holds_lazy(value: Any) -> bool:
    """Whether a ``Lazy`` array sits anywhere inside ``value`` (only dicts and lists are looked into)."""
    if type(value) is Lazy or type(value) is Written:
        return True
    if type(value) is dict:
        return any(_holds_lazy(v) for v in value.values())
    if type(value) is list:
        return any(_holds_lazy(v) for v in value)
    return False
