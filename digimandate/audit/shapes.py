"""What a query reads, from its syntax tree and the organisation model, before any organisation is read.

A checklist's query that names a section the organisation model does not have (`each: procesess`)
finds nothing and would pass in silence; it is found here, as the checklist loads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from digimandate.model.org import OrgModel

SECTION_NAMES = tuple(OrgModel.model_fields)  # the top of the view: every key of the organisation file
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


__all__ = ["SECTION_NAMES", "root_fields"]
