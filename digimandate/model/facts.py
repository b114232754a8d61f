"""The facts an audit asks about: per kind of entity, the key, how an answer is written, and the role that knows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from digimandate.model.org import ASSISTED_CHANNELS, OrgModel, unset_paths

Kind = Literal["bool", "date", "text", "texts", "enum", "enums", "person", "department", "count", "number"]
Role = Literal["secretaris", "kcc", "communicatie", "ict", "proces"]
ROLES: tuple[Role, ...] = ("secretaris", "kcc", "communicatie", "ict", "proces")


@dataclass(frozen=True)
class Fact:
    """One fact of the organisation file that an auditor can ask for and a nota can state."""

    section: str  # governance | mandates | channels | processes
    path: str  # dotted, below the entity (below the organisation for governance)
    kind: Kind
    role: Role | None = None  # None for a channel: KCC or Communicatie, by its type
    values: tuple[str, ...] = ()
    when: str | None = None  # "assisted": an assisted channel; "form": a product with a form

    @property
    def key(self) -> str:
        """The fact's name in the text catalogue: ``processes_service_norm_published``."""
        return f"{self.section}_{self.path.replace('.', '_')}"


ADOPTERS = ("raad", "college", "directie", "none")
GRANTERS = ("raad", "college", "directie", "gemeentesecretaris", "manager", "none")
FREQUENCIES = ("monthly", "quarterly", "half-yearly", "yearly", "none")
POWERS = ("website", "forms", "banners", "processes", "channels", "budget")
SCOPES = ("organisation", "departments")

FACTS: tuple[Fact, ...] = (
    Fact("governance", "governance.portfolio_holder", "text", "secretaris"),
    Fact("governance", "governance.sponsor", "person", "secretaris"),
    Fact("governance", "governance.vision.title", "text", "secretaris"),
    Fact("governance", "governance.vision.adopted_by", "enums", "secretaris", ADOPTERS),
    Fact("governance", "governance.vision.adopted_on", "date", "secretaris"),
    Fact("governance", "governance.vision.valid_until", "date", "secretaris"),
    Fact("governance", "governance.vision.goals", "texts", "secretaris"),
    Fact("governance", "governance.vision.evaluated_on", "date", "secretaris"),
    Fact("governance", "governance.reporting.frequency", "enum", "secretaris", FREQUENCIES),
    Fact("governance", "governance.reporting.last_report", "date", "secretaris"),
    Fact("governance", "governance.reporting.includes_digital_uptake", "bool", "secretaris"),
    Fact("mandates", "scope", "enum", "secretaris", SCOPES),
    Fact("mandates", "granted_by", "enum", "secretaris", GRANTERS),
    Fact("mandates", "granted_on", "date", "secretaris"),
    Fact("mandates", "decision", "text", "secretaris"),
    Fact("mandates", "announced", "bool", "secretaris"),
    Fact("mandates", "review_on", "date", "secretaris"),
    Fact("mandates", "powers.make_proposals", "bool", "secretaris"),
    Fact("mandates", "powers.demand_cooperation", "bool", "secretaris"),
    Fact("mandates", "powers.act_without_approval", "enums", "secretaris", POWERS),
    Fact("mandates", "other_duties", "texts", "secretaris"),
    Fact("mandates", "fte", "number", "secretaris"),
    Fact("mandates", "receives_results", "bool", "secretaris"),
    Fact("mandates", "deputy", "person", "secretaris"),
    Fact("channels", "owner", "department"),
    Fact("channels", "promotes_digital", "bool", when="assisted"),
    Fact("channels", "assisted_digital", "bool", when="assisted"),
    Fact("channels", "satisfaction_measured", "bool"),
    Fact("processes", "department", "department", "proces"),
    Fact("processes", "owner", "person", "proces"),
    Fact("processes", "designer", "person", "proces"),
    Fact("processes", "it_contact", "person", "ict"),
    Fact("processes", "volume.year", "count", "proces"),
    Fact("processes", "volume.total", "count", "proces"),
    Fact("processes", "volume.digital", "count", "proces"),
    Fact("processes", "kpis", "texts", "proces"),
    Fact("processes", "last_user_test", "date", "proces", when="form"),
    Fact("processes", "service_norm.text", "text", "proces"),
    Fact("processes", "service_norm.published", "bool", "proces"),
    Fact("processes", "service_norm.measured", "bool", "proces"),
    Fact("processes", "status_online", "bool", "proces"),
    Fact("processes", "redesign.redesigned_on", "date", "proces"),
    Fact("processes", "redesign.with_users", "bool", "proces"),
)
BY_KEY = {f.key: f for f in FACTS}


@dataclass(frozen=True)
class Subject:
    """One fact of one entity: ``processes/parkeervergunning`` and ``service_norm.published``."""

    fact: Fact
    entity: str  # "governance", or section/id
    role: Role

    @property
    def ident(self) -> str:
        """The fact's one id in a spreadsheet: ``processes/parkeervergunning#service_norm.published``."""
        return f"{self.entity}#{self.fact.path}"


def entities(model: OrgModel, section: str) -> list[tuple[str, BaseModel]]:
    """The entities of a section by path; governance is one, the organisation file itself."""
    if section == "governance":
        return [("governance", model)]
    return [(f"{section}/{item.id}", item) for item in getattr(model, section)]


def _applies(fact: Fact, item: BaseModel) -> bool:
    if fact.when == "assisted":
        return getattr(item, "type", None) in ASSISTED_CHANNELS
    if fact.when == "form":
        return any(i.form for i in getattr(item, "intake", None) or [])
    return True


def _role(fact: Fact, item: BaseModel) -> Role:
    if fact.role is not None:
        return fact.role
    return "kcc" if getattr(item, "type", None) in ASSISTED_CHANNELS or getattr(item, "type", None) == "chat" \
        else "communicatie"


def subjects(model: OrgModel) -> list[Subject]:
    """Every fact that applies to an entity of the organisation, in the catalogue's order per entity."""
    out = []
    for section in ("governance", "mandates", "channels", "processes"):
        facts = [f for f in FACTS if f.section == section]
        for entity, item in entities(model, section):
            out += [Subject(f, entity, _role(f, item)) for f in facts if _applies(f, item)]
    return out


def unset(model: OrgModel) -> list[Subject]:
    """The facts that apply and that the file leaves out: what an information request asks."""
    missing: dict[str, set[str]] = {}
    for section in ("governance", "mandates", "channels", "processes"):
        for entity, item in entities(model, section):
            missing[entity] = set(unset_paths(item))
    return [s for s in subjects(model) if s.fact.path in missing[s.entity]]


def value_of(model: OrgModel, subject: Subject, item: BaseModel | None = None) -> tuple[bool, Any]:
    """Whether the file records the fact, and its value (None: recorded as none).

    ``item``: the subject's entity, when the caller has it (finding it is a search through its section).
    """
    node: Any = item if item is not None else dict(entities(model, subject.fact.section))[subject.entity]
    for part in subject.fact.path.split("."):
        if not isinstance(node, BaseModel) or part not in node.model_fields_set:
            return False, None
        node = getattr(node, part)
        if node is None:
            return True, None
    return True, node


# A fact that only exists when another one does: no date of adoption for a course adopted by no one
DEPENDS_ON = {
    ("governance", "governance.vision.adopted_on"): "governance.vision.adopted_by",
    ("mandates", "granted_on"): "granted_by",
    ("processes", "service_norm.published"): "service_norm.text",
    ("processes", "service_norm.measured"): "service_norm.text",
    ("processes", "redesign.with_users"): "redesign.redesigned_on",
}


def moot(model: OrgModel, subject: Subject, item: BaseModel | None = None) -> bool:
    """Whether the fact cannot exist, because the file records the fact it depends on as none."""
    parent = DEPENDS_ON.get((subject.fact.section, subject.fact.path))
    if parent is None:
        return False
    fact = next(f for f in FACTS if f.section == subject.fact.section and f.path == parent)
    known, value = value_of(model, Subject(fact, subject.entity, subject.role), item)
    return known and value in (None, [], "none", ["none"])


def open_facts(model: OrgModel) -> list[Subject]:
    """The facts the file leaves out that matter: unset, and not moot because a fact they depend on settles them."""
    items = by_entity(model)
    return [s for s in unset(model) if not moot(model, s, items[s.entity])]


def by_entity(model: OrgModel) -> dict[str, BaseModel]:
    """Every entity facts are about, by its path (``processes/x``, ``governance``); the first of an id."""
    out: dict[str, BaseModel] = {}
    for section in ("governance", "mandates", "channels", "processes"):
        for entity, item in entities(model, section):
            out.setdefault(entity, item)
    return out
