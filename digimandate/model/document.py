"""A validated organisation: the model, where each entity stands, and resolved references."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from digimandate.clock import today
from digimandate.errors import InputError, Location, Problem, Term, problem
from digimandate.model.loader import Limits, LList, LMap, Loaded, load_bytes, load_file
from digimandate.model.org import (
    SECTIONS,
    Channel,
    Department,
    Mandate,
    OrgModel,
    Person,
    Process,
    Source,
    System,
)
from digimandate.model.validate import found, suggest, validate_model

SOURCES_KEY = "sources"  # the register's key in the file, as messages name it
_KINDS = {
    "people": "kind_person",
    "departments": "kind_department",
    "channels": "kind_channel",
    "systems": "kind_system",
    "sources": "kind_source",
}


@dataclass
class OrgFile:
    """An organisation file that passed validation."""

    model: OrgModel
    loaded: Loaded
    entities: dict[str, LMap] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    systems: dict[str, System] = field(default_factory=dict)
    processes: dict[str, Process] = field(default_factory=dict)
    mandates: dict[str, Mandate] = field(default_factory=dict)
    # Intake entity paths per process object (the model lives as long as the document).
    intakes: dict[int, list[str]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    # The source ids each entity cites itself (``processes/x``), and those of its parts by key
    # (``processes/x`` + ``volume``): a finding inherits them with its entity's parents.
    cited: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cited_parts: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    _chain: dict[tuple[str, str | None], tuple[str, ...]] = field(default_factory=dict)

    def sources_of(self, entity: str, key: str | None = None) -> tuple[str, ...]:
        """The source ids behind a fact of ``entity``: those cited nearest to it.

        Its part ``key``'s own, else the entity's own, else those of the nearest entity around it: a part that
        names its sources says where that fact came from (the last report to the executive rests on that report,
        not on the vision the governance cites).
        """
        if not self.cited and not self.cited_parts:
            return ()
        memo = (entity, key)
        found = self._chain.get(memo)
        if found is None:
            if entity in SECTIONS:  # a finding about a whole section ("no mandate is organisation-wide")
                ids: dict[str, None] = {}
                for path, cited in self.cited.items():
                    if path.partition("/")[0] == entity and path.count("/") == 1:
                        ids.update(dict.fromkeys(cited))
                found = tuple(ids)
            else:
                found = self.cited_parts.get((entity, key), ()) if key is not None else ()
                parts = entity.split("/")
                # sections are not entities: "processes/x" is the outermost level that can cite
                first = 1 if parts[0] in SECTIONS else 0
                for end in range(len(parts), first, -1):
                    if found:
                        break
                    found = self.cited.get("/".join(parts[:end]), ())
            self._chain[memo] = found
        return found

    def rests_on_source(self, entity: str) -> bool:
        """Whether a fact of ``entity`` that no part names has a source: its own, a part's, or the nearest around it."""
        if self.sources_of(entity):
            return True
        return any(path == entity for path, _ in self.cited_parts)

    described: dict[str, dict[str, Any]] = field(default_factory=dict)  # describe() by entity path
    located: dict[tuple[str, str | None], Location] = field(default_factory=dict)  # locate() by entity and key

    def intake_paths(self, proc: Process) -> list[str]:
        """Entity paths of a process's intake routes, computed once per process."""
        paths = self.intakes.get(id(proc))
        if paths is None:
            paths = self.intakes[id(proc)] = intake_paths(proc)
        return paths

    @property
    def file(self) -> str:
        """The file name as shown to users."""
        return self.loaded.file

    def describe(self, entity: str) -> dict[str, Any]:
        """The id and name of a top-level entity (``mandates/x``), for message placeholders; not to be changed.

        Made once per entity: several rules fail the same one.
        """
        described = self.described.get(entity)
        if described is None:
            described = self.described[entity] = self._describe(entity)
        return described

    def _describe(self, entity: str) -> dict[str, Any]:
        section, _, ident = entity.partition("/")
        ident = ident.partition("/")[0]
        table = getattr(self, section, None) if section in SECTIONS else None
        item = table.get(ident) if isinstance(table, dict) else None
        if item is None:
            return {}
        if section == "mandates":  # a mandate has no name: messages call it by its topic, as the report does
            return {"id": self.mandate_label(item.id)}
        name = getattr(item, "name", None)
        return {"id": item.id, "name": name} if name is not None else {"id": item.id}

    def mandate_label(self, ident: str) -> str:
        """A mandate as messages name it: its topic in quotes ("website en e-formulieren"), else its id."""
        item = self.mandates.get(ident) if isinstance(self.mandates, dict) else None
        topic = getattr(item, "topic", None)
        return f'"{topic}"' if topic else ident

    def locate(self, entity: str, key: str | None = None) -> Location:
        """Find where an entity (or one of its keys) stands; falls back to its nearest parent.

        Found once per entity and key: several rules fail the same entity, and share its location.
        """
        located = self.located.get((entity, key))
        if located is None:
            located = self.located[entity, key] = self._locate(entity, key)
        return located

    def _locate(self, entity: str, key: str | None) -> Location:
        path = entity
        while path:
            raw = self.entities.get(path)
            if raw is not None:
                if key is not None and path == entity and key in raw:
                    return raw.key_location(key)
                return raw.location()
            path = path.rpartition("/")[0]
        root = self.loaded.data
        section = entity.partition("/")[0]
        if section in root:  # a section-wide finding points at the section's key
            return root.key_location(section)
        return root.location()


def load_document(path: Path, limits: Limits = Limits(), display: str | None = None) -> OrgFile:
    """Load an organisation file (and the files it includes), validate and resolve it."""
    from digimandate.model.includes import expand_includes

    return build_document(expand_includes(load_file(path, limits, display), path, limits))


def parse_document(text: str, file: str = "organisation.yaml") -> OrgFile:
    """Load an organisation from text (tests and tools)."""
    return build_document(load_bytes(text.encode("utf-8"), file))


def build_document(loaded: Loaded) -> OrgFile:
    """Validate loaded data into an OrgFile."""
    data = loaded.data
    if "schema_version" not in data:
        raise InputError([problem(loaded.at(data.pos), "", "schema_version_missing", "schema_version_hint")])
    version = data["schema_version"]
    if type(version) is not int or version != 1:  # 1.0 and true equal 1 in Python, yet are no version
        at = loaded.at(data.value_at("schema_version"))
        if type(version) not in (int, float):  # "1" in quotes is text, not a version
            raise InputError([problem(at, "schema_version", "schema_version_not_number",
                                      "schema_version_not_number_hint", found=found(version))])
        raise InputError(
            [problem(at, "schema_version", "schema_version_unsupported",
                     "schema_version_unsupported_hint", found=found(version))]
        )
    model = validate_model(loaded, OrgModel)
    doc = OrgFile(model, loaded)
    problems: list[Problem] = []
    _index(doc, problems)
    _resolve(doc, problems)
    _cite(doc, problems)
    _dates(doc, problems)
    if problems:
        raise InputError(problems)
    _keep_positions_only(doc)
    return doc


def _keep_positions_only(doc: OrgFile) -> None:
    """Let the loaded values go: after validation only positions are needed (the model has the data)."""
    doc.entities = {path: raw.positions_only() for path, raw in doc.entities.items()}
    doc.loaded = replace(doc.loaded, data=doc.loaded.data.positions_only())


def _index(doc: OrgFile, problems: list[Problem]) -> None:
    """Record every entity's raw mapping by path and catch duplicate ids."""
    data = doc.loaded.data
    ents = doc.entities
    for key in ("organisation", "governance"):
        if isinstance(data.get(key), LMap):
            ents[key] = data[key]
    gov = data.get("governance")
    if isinstance(gov, LMap):
        for sub in ("vision", "reporting"):
            if isinstance(gov.get(sub), LMap):
                ents[f"governance/{sub}"] = gov[sub]
    m = doc.model
    for section in SECTIONS:
        raw_list: Any = data.get(section)
        items: list[Any] = getattr(m, section)
        table: dict[str, Any] = getattr(doc, section)
        for i, item in enumerate(items):
            raw = raw_list[i]
            if item.id in table:
                first = doc.entities[f"{section}/{item.id}"].value_at("id")[0]
                problems.append(
                    problem(raw.value_location("id"), f"{section}[{i}].id", "duplicate_id",
                            "duplicate_id_hint", id=item.id, section=Term(f"section_{section}"), line=first)
                )
                continue
            table[item.id] = item
            ents[f"{section}/{item.id}"] = raw
    # sub-entities from each item's own mapping: with a duplicate id, the first one is indexed
    for i, mandate in enumerate(m.mandates):
        own: LMap = data["mandates"][i]
        if ents.get(f"mandates/{mandate.id}") is not own:
            continue
        for sub in ("powers", "job_survey"):
            if isinstance(own.get(sub), LMap):
                ents[f"mandates/{mandate.id}/{sub}"] = own[sub]
    for i, proc in enumerate(m.processes):
        own = data["processes"][i]
        if ents.get(f"processes/{proc.id}") is not own:
            continue
        for intake_path, j in zip(doc.intake_paths(proc), range(len(proc.intake or [])), strict=True):
            ents[intake_path] = own["intake"][j]
        for j in range(len(proc.steps or [])):
            ents[f"processes/{proc.id}/steps/{j + 1}"] = own["steps"][j]
    _index_sources(doc, problems)


def _index_sources(doc: OrgFile, problems: list[Problem]) -> None:
    """Index the register of sources by id; a second source with an id already used is an error."""
    raw_list: Any = doc.loaded.data.get("sources")
    for i, src in enumerate(doc.model.sources):
        if src.id in doc.sources:
            first = raw_list[[s.id for s in doc.model.sources].index(src.id)].value_at("id")[0]
            problems.append(problem(raw_list[i].value_location("id"), f"sources[{i}].id", "duplicate_id",
                                    "duplicate_id_hint", id=src.id, section=Term(f"section_{SOURCES_KEY}"), line=first))
            continue
        doc.sources[src.id] = src


# Dates of what has happened, per place in the file: none may fall after the peildatum.
_PAST: dict[tuple[str, ...], tuple[str, ...]] = {
    ("governance", "vision"): ("adopted_on", "evaluated_on"),
    ("governance", "reporting"): ("last_report",),
    ("mandates",): ("granted_on",),
    ("processes",): ("last_user_test",),
    ("processes", "redesign"): ("redesigned_on",),
}


def _dates(doc: OrgFile, problems: list[Problem]) -> None:
    """A recorded event dated after the peildatum (the audit date, or today without one) is a typo or a plan."""
    org = doc.model.organisation
    peildatum = org.audit_date or today()
    hint = "peildatum_recorded" if org.audit_date else "peildatum_today"
    data = doc.loaded.data
    # each place: its shape (a key of _PAST), the mapping, and how its path is written (made only for a problem)
    places: list[tuple[tuple[str, ...], Any, str, int | None]] = []
    for section in ("mandates", "processes"):
        places += [((section,), item, section + "[{}]", i) for i, item in enumerate(data.get(section) or [])]
    places += [(("processes", "redesign"), item.get("redesign"), "processes[{}].redesign", i)
               for shape, item, _, i in places if shape == ("processes",)]
    gov = data.get("governance")
    if isinstance(gov, LMap):
        places += [(("governance", sub), gov.get(sub), "governance." + sub, None) for sub in ("vision", "reporting")]
    for shape, raw, written, index in places:
        if not isinstance(raw, LMap):
            continue
        for key in _PAST[shape]:
            when = raw.get(key)
            if isinstance(when, date) and when > peildatum:
                path = written if index is None else written.format(index)
                problems.append(problem(raw.value_location(key), f"{path}.{key}", "date_after_peildatum", hint,
                                        value=when.isoformat(), peildatum=peildatum.isoformat()))


_FIELD_ORDER: dict[type[BaseModel], dict[str, int]] = {}


def _given_fields(model: BaseModel) -> list[str]:
    """The fields ``model`` was given that can hold a part citing sources, in the order its class declares them.

    A product of a file only begun gives three of its thirty fields, none of them a part: the
    given ones are crossed with the few that can hold one, rather than each looked up.
    """
    cls = type(model)
    order = _FIELD_ORDER.get(cls)
    if order is None:
        order = _FIELD_ORDER[cls] = {name: i for i, (name, info) in enumerate(cls.model_fields.items())
                                     if name != "source" and _holds_model(info.annotation)}
    given = order.keys() & model.model_fields_set
    return sorted(given, key=order.__getitem__) if given else []


def _holds_model(annotation: Any) -> bool:
    """Whether a field of this type can hold a model (itself, in a list, or among the types of a union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


def _cite(doc: OrgFile, problems: list[Problem]) -> None:
    """Record which sources each entity cites, and check that every cited id is in the register."""
    m = doc.model
    data = doc.loaded.data
    known = sorted(doc.sources)

    def visit(model: BaseModel, raw: Any, path: str, entity: str | None) -> None:
        """Collect ``source`` of ``model`` (at ``path`` in the file), cited on ``entity`` or a part of it."""
        ids = getattr(model, "source", None)
        if ids:
            for j, ident in enumerate(ids):
                if ident not in doc.sources:
                    at = raw["source"].item_location(j) if isinstance(raw, LMap) and "source" in raw \
                        else data.location()
                    guess = suggest(ident, known)
                    hint = "dangling_ref_hint_none" if not known else \
                        ("dangling_ref_hint_mean" if guess else "dangling_ref_hint")
                    shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
                    problems.append(problem(at, f"{path}.source[{j}]", "dangling_ref", hint,
                                            kind=Term("kind_source"), ref=ident, section=Term(f"section_{SOURCES_KEY}"),
                                            known=shown, suggestion=guess or ""))
            cited = tuple(dict.fromkeys(i for i in ids if i in doc.sources))
            if entity is not None:
                doc.cited[entity] = cited
        for name in _given_fields(model):
            value = getattr(model, name)
            sub_raw = raw.get(name) if isinstance(raw, LMap) else None
            if isinstance(value, BaseModel):
                own = _SUB_ENTITIES.get((entity.partition("/")[0] if entity else "", name)) if entity else None
                if own is not None and entity is not None:
                    visit(value, sub_raw, f"{path}.{name}", f"{entity}/{own}")
                else:
                    visit(value, sub_raw, f"{path}.{name}", None)
                    part = tuple(dict.fromkeys(_all_ids(value, doc)))
                    if part and entity is not None:
                        doc.cited_parts[(entity, name)] = part
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                part_ids: list[str] = []
                for j, item in enumerate(value):
                    item_raw = sub_raw[j] if isinstance(sub_raw, LList) and j < len(sub_raw) else None
                    visit(item, item_raw, f"{path}.{name}[{j}]", None)
                    part_ids.extend(_all_ids(item, doc))
                if part_ids and entity is not None:
                    doc.cited_parts[(entity, name)] = tuple(dict.fromkeys(part_ids))

    visit(m.organisation, data.get("organisation"), "organisation", "organisation")
    if m.governance is not None:
        visit(m.governance, data.get("governance"), "governance", "governance")
    for section in SECTIONS:
        table: dict[str, Any] = getattr(doc, section)
        listed: list[Any] = getattr(m, section)
        for i, ent in enumerate(listed):
            if table.get(ent.id) is not listed[i]:
                continue  # a duplicate id, already reported
            entity = f"{section}/{ent.id}"
            visit(ent, data[section][i], f"{section}[{i}]", entity)
            if section == "processes":
                for intake, ipath in zip(ent.intake or [], doc.intake_paths(ent), strict=True):
                    if intake.source:
                        doc.cited[ipath] = tuple(dict.fromkeys(x for x in intake.source if x in doc.sources))
                for j, step in enumerate(ent.steps or []):
                    if step.source:
                        doc.cited[f"{entity}/steps/{j + 1}"] = tuple(
                            dict.fromkeys(x for x in step.source if x in doc.sources))


# Parts of an entity that are entities of their own (``mandates/x/powers``); other parts are cited by key.
_SUB_ENTITIES = {
    ("governance", "vision"): "vision",
    ("governance", "reporting"): "reporting",
    ("mandates", "powers"): "powers",
    ("mandates", "job_survey"): "job_survey",
}


def _all_ids(model: BaseModel, doc: OrgFile) -> list[str]:
    """Every known source id cited in ``model`` and below it."""
    out = [i for i in getattr(model, "source", None) or [] if i in doc.sources]
    for name in model.model_fields_set:
        if name == "source":
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            out.extend(_all_ids(value, doc))
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    out.extend(_all_ids(item, doc))
    return out


def intake_paths(proc: Process) -> list[str]:
    """Entity paths of a process's intake routes, named by channel (``-2`` on a repeat)."""
    seen: dict[str, int] = {}
    out = []
    for intake in proc.intake or []:
        n = seen[intake.channel] = seen.get(intake.channel, 0) + 1
        suffix = "" if n == 1 else f"-{n}"
        out.append(f"processes/{proc.id}/intake/{intake.channel}{suffix}")
    return out


class _Refs:
    """Collects dangling-reference problems with the known ids as a hint."""

    def __init__(self, doc: OrgFile, problems: list[Problem]) -> None:
        self.doc = doc
        self.problems = problems

    def check(self, value: str | None, section: str, raw: LMap | LList, key: str | int, path: str,
              extra: tuple[str, ...] = ()) -> None:
        """Add a problem when ``value`` names no entity in ``section``."""
        if value is None or value in extra:
            return
        table: dict[str, Any] = getattr(self.doc, section)
        if value in table:
            return
        at = raw.value_location(str(key)) if isinstance(raw, LMap) else raw.item_location(int(key))
        kind = "kind_department_or_manager" if extra else _KINDS[section]
        known_ids = sorted(table)
        known = ", ".join(known_ids[:12]) + (", ..." if len(known_ids) > 12 else "")
        guess = suggest(value, known_ids)
        if not known_ids:
            hint = "dangling_ref_hint_none"
        else:
            hint = "dangling_ref_hint_mean" if guess else "dangling_ref_hint"
        self.problems.append(
            problem(at, path, "dangling_ref", hint, kind=Term(kind), ref=value,
                    section=Term(f"section_{section}"), known=known, suggestion=guess or "")
        )

    def check_list(self, values: list[str] | None, section: str, raw: LMap, key: str, path: str,
                   extra: tuple[str, ...] = ()) -> None:
        """Check every id of a list."""
        for j, value in enumerate(values or []):
            self.check(value, section, raw[key], j, f"{path}.{key}[{j}]", extra)


def _resolve(doc: OrgFile, problems: list[Problem]) -> None:
    """Check that every reference names an entity of the right kind."""
    refs = _Refs(doc, problems)
    data = doc.loaded.data
    m = doc.model
    if m.governance is not None:
        refs.check(m.governance.sponsor, "people", data["governance"], "sponsor", "governance.sponsor")
    for i, d in enumerate(m.departments):
        refs.check(d.manager, "people", data["departments"][i], "manager", f"departments[{i}].manager")
    for i, p in enumerate(m.people):
        refs.check(p.department, "departments", data["people"][i], "department", f"people[{i}].department")
    for i, md in enumerate(m.mandates):
        raw = data["mandates"][i]
        path = f"mandates[{i}]"
        refs.check_list(md.holders, "people", raw, "holders", path)
        refs.check_list(md.departments, "departments", raw, "departments", path)
        refs.check_list(md.works_in, "departments", raw, "works_in", path)
        refs.check_list(md.needs_approval_from, "departments", raw, "needs_approval_from", path,
                        extra=("manager",))
        refs.check(md.deputy, "people", raw, "deputy", f"{path}.deputy")
        if md.scope == "organisation" and md.departments:
            problems.append(problem(raw.key_location("departments"), f"{path}.departments",
                                    "departments_without_scope", "departments_without_scope_hint"))
    for i, c in enumerate(m.channels):
        raw = data["channels"][i]
        refs.check(c.owner, "departments", raw, "owner", f"channels[{i}].owner")
        refs.check_list(c.co_owners, "departments", raw, "co_owners", f"channels[{i}]")
    for i, s in enumerate(m.systems):
        refs.check(s.owner, "departments", data["systems"][i], "owner", f"systems[{i}].owner")
        refs.check(s.delivers_to, "systems", data["systems"][i], "delivers_to", f"systems[{i}].delivers_to")
    people, depts, channels, systems = doc.people, doc.departments, doc.channels, doc.systems
    for i, pr in enumerate(m.processes):
        raw = data["processes"][i]
        # Paths are only worth building for a reference that names nothing (thousands of processes).
        if pr.department is not None and pr.department not in depts:
            refs.check(pr.department, "departments", raw, "department", f"processes[{i}].department")
        for key in ("owner", "designer", "it_contact"):
            who = getattr(pr, key)
            if who is not None and who not in people:
                refs.check(who, "people", raw, key, f"processes[{i}].{key}")
        for j, intake in enumerate(pr.intake or []):
            if intake.channel not in channels or (intake.lands_in is not None and intake.lands_in not in systems):
                raw_in = raw["intake"][j]
                path = f"processes[{i}].intake[{j}]"
                refs.check(intake.channel, "channels", raw_in, "channel", f"{path}.channel")
                refs.check(intake.lands_in, "systems", raw_in, "lands_in", f"{path}.lands_in")
        vol = pr.volume
        if vol and vol.total is not None and vol.digital is not None and vol.digital > vol.total:
            raw_vol = raw["volume"]
            problems.append(problem(raw_vol.value_location("digital"), f"processes[{i}].volume.digital",
                                    "digital_above_total", "digital_above_total_hint",
                                    digital=vol.digital, total=vol.total))
