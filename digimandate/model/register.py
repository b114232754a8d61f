"""The sources register as an audit step reads it: each source, and the sources an entity and its parents cite."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

from digimandate.model.org import Source, SourceType

SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)


@dataclass(frozen=True)
class Entry:
    """One source of the register, as the documents cite it."""

    id: str
    type: str
    title: str
    reference: str = ""
    provided_by: str = ""
    dated: date | None = None
    obtained: date | None = None
    confidential: bool = False

    @property
    def day(self) -> date | None:
        """The date a citation names, as the report's list of sources gives it: the source's own, else when obtained."""
        return self.dated or self.obtained


def entries(sources: Iterable[Source]) -> dict[str, Entry]:
    """The validated register (``OrgFile.sources``) as the documents cite it, by id."""
    return {s.id: Entry(s.id, s.type, s.title, s.reference or "", s.provided_by or "", s.dated, s.obtained,
                        bool(s.confidential)) for s in sources}


def cited(data: Any, entity: str, path: str = "") -> tuple[str, ...]:
    """The source ids cited nearest to a fact of an entity (``processes/x``, ``governance``), in file order.

    ``path`` is the fact below the entity (``service_norm.published``, ``intake.0``): the ids of the fact when it is
    an object that cites, else of the nearest object on the way up to the entity that does (as
    ``OrgFile.sources_of`` finds them for a finding).
    """
    return cited_in(entity_node(data, entity), path)


def entity_node(data: Any, entity: str) -> Any:
    """The object of an entity (``processes/x``, ``governance``) in the file's data; None when there is none."""
    if entity == "governance":
        return data
    section, _, ident = entity.partition("/")
    items = data.get(section) if isinstance(data, dict) else None
    return next((i for i in items or [] if isinstance(i, dict) and i.get("id") == ident), None)


def entity_nodes(data: Any) -> dict[str, Any]:
    """Every entity's object in the file's data by its path; the first of an id that is there twice."""
    out: dict[str, Any] = {"governance": data}
    for section, items in data.items() if isinstance(data, dict) else ():
        if isinstance(section, str) and isinstance(items, list):
            for i in items:
                if isinstance(i, dict) and isinstance(i.get("id"), str):
                    out.setdefault(f"{section}/{i['id']}", i)
    return out


def cited_in(node: Any, path: str = "") -> tuple[str, ...]:
    """The source ids cited nearest to the fact at ``path`` below an entity's object ``node`` (as ``cited``)."""
    if node is None:
        return ()
    chain: list[Any] = [node]
    for part in path.split(".") if path else []:
        # down objects and lists: an intake route (``intake.0``) is an object of its own, with its own sources
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            chain.append(node)
        elif not isinstance(node, list):
            break
    for obj in reversed(chain):
        found = obj.get("source") if isinstance(obj, dict) else None
        ids = [i for i in found if isinstance(i, str)] if isinstance(found, list) else []
        if ids:
            return tuple(dict.fromkeys(ids))
    return ()
