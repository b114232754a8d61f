"""Small helpers shared by the machine-readable renderers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from digimandate import DOCS_URL

# SARIF and GitHub know three levels; critical and high block, medium warns, the rest informs.
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}


def rule_url(rule_id: str) -> str:
    """The rule's section in the published rule reference."""
    return f"{DOCS_URL}#{rule_id.lower()}"


def relative_uri(file: str) -> tuple[str, bool]:
    """A URI for a file: relative to the working folder when it lies below it (True), else absolute."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri(), False
    return quote(path.as_posix().removeprefix("./")), True


def github_escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's data (or property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def in_github_actions() -> bool:
    """Tell whether we run as a GitHub Actions step."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


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
