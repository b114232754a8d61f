"""Indented JSON text, the same bytes as json.dumps(indent=2), for results, SARIF logs and baselines."""

from __future__ import annotations

import json
from typing import Any

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
