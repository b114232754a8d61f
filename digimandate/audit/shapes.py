"""What a query reads and gives, from its syntax tree and the organisation model, before any organisation is read.

A checklist's query that names a section the organisation model does not have (`each: procesess`)
finds nothing and would pass in silence; a message placeholder that no finding fills would show as
`{nmae}` in every report. Both are found here, as the checklist loads.
"""

from __future__ import annotations

import datetime
import functools
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from pydantic import BaseModel

from digimandate.model.org import SECTIONS, Intake, OrgModel, Step

# The top of the view: every key of the organisation file (and `_unset`, the keys it leaves out: view.build_view).
SECTION_NAMES = tuple(OrgModel.model_fields)
_SCALARS = (str, int, float, bool, datetime.date)  # a date is ISO text in the view
# Node types whose first child reads the value a node is given and whose other children read what it gives.
_CHAINS = frozenset({"subexpression", "index_expression", "pipe", "projection", "filter_projection", "flatten",
                     "value_projection"})
# Node types whose every child reads the value the node is given.
_BRANCHES = frozenset({"and_expression", "or_expression", "not_expression", "comparator", "function_expression",
                       "multi_select_list", "multi_select_dict", "key_val_pair"})


def root_fields(node: Mapping[str, Any]) -> Iterator[str]:
    """The field names a query reads from the value it is given (not from values it derives from it)."""
    kind = node["type"]
    children = node.get("children", [])
    if kind == "field":
        yield node["value"]
    elif kind in _CHAINS and children:
        yield from root_fields(children[0])
    elif kind in _BRANCHES:
        for child in children:
            yield from root_fields(child)


class _ListOf(NamedTuple):
    item: Any  # a model class, another _ListOf, "scalar" or None (not known)


def _shape(annotation: Any) -> Any:
    """A field's annotation as a shape: a model class, _ListOf, "scalar" or None when not one of these."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _shape(args[0])
    if origin is list:
        return _ListOf(_shape(args[0]))
    if origin is typing.Literal or annotation in _SCALARS:
        return "scalar"
    if origin in (typing.Union, types.UnionType):
        shapes = [_shape(a) for a in args if a is not type(None)]
        if len(shapes) == 1:
            return shapes[0]
        return "scalar" if "scalar" in shapes else None  # a value of one of several shapes: maybe plain
    return None


@functools.cache
def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """The shape of every field of a model, worked out once."""
    return {name: _shape(info.annotation) for name, info in model.model_fields.items()}


def _gives(node: Mapping[str, Any], shape: Any) -> Any:
    """The shape of what a node gives when it is given ``shape``; None when it cannot tell."""
    kind = node["type"]
    children = node.get("children", [])
    if kind == "field":
        if isinstance(shape, type) and issubclass(shape, BaseModel):
            return _fields(shape).get(node["value"])
        return None
    if kind in ("subexpression", "index_expression", "pipe"):
        for child in children:
            shape = _gives(child, shape)
        return shape
    if kind in ("identity", "current"):
        return shape
    if kind == "index":
        return shape.item if isinstance(shape, _ListOf) else None
    if kind in ("projection", "filter_projection"):
        base = _gives(children[0], shape)
        return _ListOf(_gives(children[1], base.item)) if isinstance(base, _ListOf) else None
    if kind == "flatten":
        base = _gives(children[0], shape)
        if not isinstance(base, _ListOf):
            return None
        return base.item if isinstance(base.item, _ListOf) else base
    return None


@functools.cache
def _entry(section: str) -> Any:
    """The model of one entity of a section."""
    shape = _shape(OrgModel.model_fields[section].annotation)
    return shape.item if isinstance(shape, _ListOf) else None


# The entities the view gives a `_path` (view.build_view): those of the sections, intakes and steps.
_PATHED = frozenset({*(_entry(s) for s in SECTIONS), Intake, Step})


def message_names(each: Mapping[str, Any] | None, entity: str | None) -> frozenset[str] | None:
    """The names a finding fills in from what it is about, when ``each`` (a syntax tree) yields known entities.

    Those are the plain fields of the entity and, for an entity of a section or one within it (an
    intake of a product), its `_path` and the id and name of that section's entity (OrgFile.describe),
    or of the entity a rule names in `entity`. None when the shape of ``each`` cannot be told from
    the model (it follows references, or calls a function).
    """
    model: Any = OrgModel
    if each is not None:
        shape = _gives(each, OrgModel)
        model = shape.item if isinstance(shape, _ListOf) else shape
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
    names = {name for name, shape in _fields(model).items() if shape == "scalar"}
    pathed = each is not None and model in _PATHED
    if pathed:
        names.add("_path")
    if entity:  # named by the rule: OrgFile.describe finds it when it is `section/id`
        section = entity.partition("/")[0] if "/" in entity else None
    else:
        section = next(root_fields(each), None) if pathed and each is not None else None
    if section in SECTIONS:
        names |= {"id", "name"} & set(_fields(_entry(section)))
    return frozenset(names)


__all__ = ["SECTION_NAMES", "message_names", "root_fields"]
