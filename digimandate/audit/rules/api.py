"""What a Python check may use: its context, its hits, NotApplicable, and the decorator that registers it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from digimandate.model.document import OrgFile

Basis = Literal["observed", "not_recorded"]


class NotApplicable(Exception):
    """Raised by a check that has nothing to look at in this organisation."""


NO_ARGS: Mapping[str, Any] = MappingProxyType({})


class Hit(NamedTuple):
    """One failure a check found: the entity, a message key from the checklist, and its values.

    ``basis`` is ``not_recorded`` when the fact the check needs is left out of the file, and
    ``observed`` when the file states it (an explicit null or ``[]`` records that there is none).
    ``item`` is the object a query rule found the failure in: its plain values (text and numbers)
    fill the message where ``args`` does not. A tuple: a rule over 10,000 products makes 10,000 of
    them, and a frozen dataclass takes several times longer to make.
    """

    entity: str
    message: str
    args: Mapping[str, Any] = NO_ARGS
    key: str | None = None
    basis: Basis = "observed"
    item: Mapping[str, Any] | None = None


@dataclass
class Tally:
    """How many entities a rule looked at, so a rule can be met by coverage (maturity v2).

    ``entities`` keeps which ones, when the run needs to know whether their facts cite a source (the file keeps
    a register of sources); else it stays None and only the count is kept.
    """

    examined: int = 0
    entities: list[str] | None = None

    def add(self, count: int = 1, entities: Iterable[str] = ()) -> None:
        """Count ``count`` more entities looked at (``entities``: which, where known)."""
        self.examined += count
        if self.entities is not None:
            self.entities.extend(entities)


@dataclass(frozen=True)
class Context:
    """What a check may look at: the organisation, the rule's parameters and the audit date."""

    doc: OrgFile
    params: dict[str, Any]
    audit_date: date
    tally: Tally = field(default_factory=Tally)

    def examine(self, *entities: str) -> None:
        """Record that the check looked at these entities (pass or fail), by their paths."""
        self.tally.add(len(entities), entities)


CheckFn = Callable[[Context], Iterable[Hit]]
REGISTRY: dict[str, CheckFn] = {}


def check(rule_id: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check under a rule id; a second check for the same id is a programming error."""

    def register(fn: CheckFn) -> CheckFn:
        if rule_id in REGISTRY:
            raise RuntimeError(f"duplicate check for {rule_id}")
        REGISTRY[rule_id] = fn
        return fn

    return register
