"""Plain located data to typed models: pydantic errors become located, bilingual problems."""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from digimandate.errors import InputError, Location, Problem, Term, excerpt, problem
from digimandate.model.loader import LList, LMap, Loaded
from digimandate.model.org import REFUSED_CHARS, TAG
from digimandate.textsafe import BIDI_CONTROLS

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string_type": "type_text",
    "int_type": "type_integer",
    "int_parsing": "type_integer",
    "int_from_float": "type_integer",
    "float_type": "type_number",
    "float_parsing": "type_number",
    "bool_type": "type_boolean",
    "bool_parsing": "type_boolean",
    "date_type": "type_date",
    "date_parsing": "type_date",
    "date_from_datetime_parsing": "type_date",
    "date_from_datetime_inexact": "type_date",
    "list_type": "type_list",
    "dict_type": "type_mapping",
    "model_type": "type_mapping",
    "model_attributes_type": "type_mapping",
}
_EXAMPLES = {
    "type_text": '"some text"',
    "type_integer": "12",
    "type_number": "0.8",
    "type_boolean": "true",
    "type_date": "2026-11-01",
    "type_list": "[a, b]",
    "type_mapping": "{key: value}",
}
_RANGE = {
    "greater_than_equal": ">= {ge}",
    "less_than_equal": "<= {le}",
    "greater_than": "> {gt}",
    "less_than": "< {lt}",
}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def found(value: Any) -> Any:
    """Describe a value the user wrote, for a message."""
    if isinstance(value, dict):
        return Term("type_mapping")
    if isinstance(value, (LList, list)):
        return Term("type_list")
    if value is None:
        return Term("type_nothing")
    if isinstance(value, str):
        return excerpt(value)
    if isinstance(value, bool):  # as YAML writes it
        return "true" if value else "false"
    return str(value)


_REFUSED = re.compile(f"[{REFUSED_CHARS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def _text_problem(value: Any, pos: Location, path: str, ctx: dict[str, Any]) -> Problem | None:
    """The problem with a text that breaks a text rule (control character, only spaces), if it is one."""
    if not isinstance(value, str) or "a-z0-9" in str(ctx.get("pattern", "")):
        return None
    bad = _REFUSED.search(value)
    if bad:
        key = "text_bidi" if _BIDI.match(bad.group()) else "text_control"
        return problem(pos, path, key, f"{key}_hint", char=f"U+{ord(bad.group()):04X}", column=bad.start() + 1)
    return problem(pos, path, "text_blank", "text_blank_hint")


def breadcrumb(loc: Sequence[str | int]) -> str:
    """Write a pydantic location as ``processes[2].owner``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def walk(data: LMap, loc: Sequence[str | int]) -> tuple[Location, Location]:
    """Follow ``loc`` as far as the data goes: where the value and where its key stand."""
    node: Any = data
    value_at = key_at = data.location()
    for part in loc:
        if isinstance(node, LMap) and isinstance(part, str) and part in node:
            value_at, key_at = node.value_location(part), node.key_location(part)
            node = node[part]
        elif isinstance(node, LList) and isinstance(part, int) and 0 <= part < len(node):
            value_at = key_at = node.item_location(part)
            node = node[part]
        else:
            break
    return value_at, key_at


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """List the keys a model accepts at ``loc`` (for "did you mean")."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        fields = {info.alias or name: info for name, info in current.model_fields.items()}
        info = fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _inner_model(annotation: Any) -> Any:
    """Find the model type inside ``X | None`` or ``list[X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def suggest(word: str, options: Sequence[str]) -> str | None:
    """Return the closest option to ``word``, if any is close."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def slug(text: str) -> str:
    """Turn free text into a valid id suggestion."""
    out = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    return out or "my-id"


def convert(error: ErrorDetails, loaded: Loaded, model: type[BaseModel]) -> Problem:
    """Turn one pydantic error into a located problem."""
    # the tag of a value that may be of two kinds is no key of the file: leave it out of the path
    loc = [p for p in error["loc"] if isinstance(p, int) or (isinstance(p, str) and not p.startswith(TAG))]
    etype = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    pos, key_pos = walk(loaded.data, loc)  # Locations: an included item keeps its own file
    path = breadcrumb(loc)
    if etype == "extra_forbidden":
        key = str(loc[-1])
        fields = _fields_at(model, loc[:-1])
        guess = suggest(key, fields)
        if guess:
            return problem(key_pos, path, "unknown_key", "did_you_mean", key=key, suggestion=guess)
        return problem(
            key_pos, path, "unknown_key", "allowed_keys", key=key, allowed=", ".join(fields)
        )
    if etype == "missing":
        return problem(pos, path, "missing_key", "missing_key_hint", key=str(loc[-1]))
    if etype in ("literal_error", "enum"):
        allowed_list = _QUOTED.findall(str(ctx.get("expected", "")))
        guess = suggest(str(value), allowed_list) if isinstance(value, str) else None
        hint = "did_you_mean_or_allowed" if guess else "allowed_values"
        return problem(
            pos, path, "bad_enum", hint,
            allowed=", ".join(allowed_list), found=found(value), suggestion=guess or "",
        )
    if etype in ("string_too_short", "string_pattern_mismatch"):
        text_problem = _text_problem(value, pos, path, ctx)
        if text_problem is not None:
            return text_problem
    if etype == "string_too_long":
        return problem(pos, path, "text_too_long", "text_too_long_hint", length=len(str(value)),
                       limit=ctx.get("max_length"))
    if etype == "finite_number":
        return problem(pos, path, "not_finite", "not_finite_hint", found=found(value))
    if etype == "string_pattern_mismatch":
        text = str(value)
        if "a-z0-9" in str(ctx.get("pattern", "")):
            return problem(pos, path, "bad_id", "bad_id_hint", found=excerpt(text), suggestion=slug(text))
        return problem(pos, path, "bad_pattern", "bad_pattern_hint", found=excerpt(text),
                       pattern=ctx.get("pattern"))
    if etype in _EXPECTED:
        kind = _EXPECTED[etype]
        if isinstance(value, str) and kind == "type_date":
            if not _ISO_DATE.match(value):
                return problem(pos, path, "impossible_date", "date_hint", value=value)
            return problem(pos, path, "expected_type", "quoted_date_hint", expected=Term(kind), found=found(value),
                           example=value)
        return problem(
            pos, path, "expected_type", "expected_type_hint",
            expected=Term(kind), found=found(value), example=_EXAMPLES[kind],
        )
    if etype in _RANGE:
        bounds = {k: str(ctx[k]) if isinstance(ctx.get(k), int) else f"{ctx[k]:g}" if isinstance(ctx.get(k), float)
                  else ctx.get(k)
                  for k in ("ge", "le", "gt", "lt")}
        constraint = _RANGE[etype].format(**bounds)
        # a date has its own hint; else the default speaks of the organisation model, and another model
        # may name its own (a ClassVar)
        hint = ("date_range_hint" if isinstance(value, date)
                else "year_range_hint" if loc and loc[-1] == "year"
                else getattr(model, "out_of_range_hint", "out_of_range_hint"))
        return problem(pos, path, "out_of_range", hint, found=found(value), constraint=constraint)
    return problem(pos, path, "invalid_value", "invalid_value_hint", found=found(value),
                   reason=error["msg"])


def validate_model(loaded: Loaded, model: type[M], data: Any = None, hints: dict[str, str] | None = None) -> M:
    """Validate loaded data against ``model``; every error becomes a located problem.

    ``hints`` replaces a hint by one that fits the file (the default hints speak of an organisation file).
    """
    try:
        return model.model_validate(loaded.data if data is None else data)
    except ValidationError as exc:
        problems = [convert(e, loaded, model) for e in exc.errors(include_url=False)]
        if hints:
            problems = [replace(p, hint=hints.get(p.hint, p.hint)) if p.hint else p for p in problems]
        raise InputError(_dedupe(problems)) from None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Location, str, str]] = set()
    out = []
    for p in problems:
        key = (p.location, p.path, p.key)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
