"""Merge what the sources found with the organisation: only new entities, proposals for existing ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from digimandate.importers.common import Draft, Found, IntakeDraft, Note, norm
from digimandate.importers.registry import rank
from digimandate.model.loader import dump

SECTION_ORDER = ("departments", "people", "channels", "systems", "processes")
# Reference fields per section and the section they refer to: written only when they resolve.
REF_FIELDS = {
    "people": {"department": "departments"},
    "channels": {"owner": "departments"},
    "systems": {"owner": "departments"},
    "processes": {"department": "departments", "owner": "people", "designer": "people", "it_contact": "people"},
}
# References an entity cannot be written without.
REQUIRED_REFS = (("people", "department", "departments"),)
# Key order of written entities: as in the model.
KEY_ORDER = ("id", "name", "type", "function", "department", "title", "upl", "owner", "designer", "it_contact",
             "last_user_test", "refs", "intake", "volume", "source")


@dataclass
class Entity:
    """A merged entity: hand-written (``where`` is file:line:col) or new."""

    section: str
    id: str
    fields: dict[str, Any]
    refs: list[str]
    intake: list[IntakeDraft]
    where: str
    existing: bool
    source: str = ""
    cites: list[str] = field(default_factory=list)  # ids of the register sources it came from
    # For a hand-written entity: what the sources add (a proposal) and who said so.
    add_fields: dict[str, Any] = field(default_factory=dict)
    add_refs: list[str] = field(default_factory=list)
    add_intake: list[IntakeDraft] = field(default_factory=list)
    proposed_by: list[tuple[str, str]] = field(default_factory=list)  # (source, where)
    cells: dict[str, str] = field(default_factory=dict)  # model key -> the workbook cell its value came from

    def at(self, key: str) -> str:
        """Where the value of ``key`` came from: its cell when a workbook gave it, else the entity."""
        return self.cells.get(key, self.where)

    def as_yaml_dict(self) -> dict[str, Any]:
        """The entity as written in the machine-owned file."""
        out: dict[str, Any] = {"id": self.id, **self.fields}
        if self.refs:
            out["refs"] = sorted(set(self.refs))
        if self.intake:
            out["intake"] = [i.as_dict() for i in self.intake]
        if self.cites:
            out["source"] = list(self.cites)
        return {k: out[k] for k in sorted(out, key=lambda k: KEY_ORDER.index(k) if k in KEY_ORDER else 99)}


@dataclass
class Merged:
    """New entities per section, hand-written entities with proposals, and the notes merging produced."""

    new: dict[str, list[Entity]]
    existing: dict[str, list[Entity]]
    notes: list[Note]


def existing_entities(data: dict[str, Any], locate: Any) -> dict[str, list[Entity]]:
    """Hand-written entities (the organisation without the machine-owned file) as Entities."""
    out: dict[str, list[Entity]] = {s: [] for s in SECTION_ORDER}
    for section in SECTION_ORDER:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            fields = {k: v for k, v in item.items() if k not in ("id", "refs", "intake")}
            intake = [IntakeDraft(str(x.get("channel")), x.get("form"), x.get("lands_in"))
                      for x in item.get("intake") or [] if isinstance(x, dict)]
            refs = [r for r in item.get("refs") or [] if isinstance(r, str)]
            out[section].append(Entity(section, item["id"], fields, refs, intake, locate(items, i), True))
    return out


def merge(founds: list[Found], existing: dict[str, list[Entity]]) -> Merged:
    """Match every draft to a hand-written or new entity, by refs, then type, id or name; precedence decides."""
    notes: list[Note] = []
    new: dict[str, list[Entity]] = {s: [] for s in SECTION_ORDER}
    idmap: dict[tuple[str, str, str], str] = {}
    drafts = [d for f in founds for d in f.drafts]
    for section in SECTION_ORDER:
        # precedence first; within it, entities before the routes and owners (Kanalen, RACI) that refer to them
        mine = sorted((d for d in drafts if d.section == section), key=lambda d: (rank(d.kind), "name" not in d.fields))
        for draft in mine:
            if section == "processes":
                draft.intake = [_remap(i, draft.source, idmap) for i in draft.intake]
            for key, target in REF_FIELDS.get(section, {}).items():
                if key in draft.fields:
                    draft.fields[key] = idmap.get((draft.source, target, draft.fields[key]), draft.fields[key])
            hit = _match(draft, existing[section], new[section])
            if hit is None:
                if "name" not in draft.fields or (section != "processes" and "type" not in draft.fields \
                        and section in ("channels", "systems")):
                    notes.append(Note(draft.source, "person", draft.where, "imp_unknown_entity",
                                      {"section": section, "id": draft.id}, yaml=f"- id: {draft.id}\n  name: ..."))
                    continue
                fields = {k: dict(v) if isinstance(v, dict) else v for k, v in draft.fields.items()}
                hit = Entity(section, draft.id, fields, list(draft.refs), list(draft.intake), draft.where,
                             False, draft.source, [draft.cite] if draft.cite else [],
                             cells={k: w for k, w in draft.cells.items() if k in fields})
                new[section].append(hit)
                if draft.by_type:  # a stand-in: the source knows the kind of system, not its name or owner
                    notes.append(Note(draft.source, "person", draft.where, "imp_stand_in",
                                      {"entity": f"{section}/{draft.id}", "name": draft.fields.get("name", "")},
                                      yaml="name: ...\nowner: <department id>"))
            elif hit.existing:
                _propose(hit, draft, notes)
            else:
                _absorb(hit, draft, notes)
            idmap[(draft.source, section, draft.id)] = hit.id
    return Merged(new, existing, notes)


def _remap(intake: IntakeDraft, source: str, idmap: dict[tuple[str, str, str], str]) -> IntakeDraft:
    lands = idmap.get((source, "systems", intake.lands_in), intake.lands_in) if intake.lands_in else None
    channel = idmap.get((source, "channels", intake.channel), intake.channel)
    return IntakeDraft(channel, intake.form, lands, intake.where)


def _match(draft: Draft, existing: list[Entity], new: list[Entity]) -> Entity | None:
    keys = set(draft.refs) | set(draft.links)
    for pool in (existing, new):
        for ent in pool:
            if keys & set(ent.refs):
                return ent
    if draft.by_type:
        for pool in (existing, new):
            same = [e for e in pool if e.fields.get("type") == draft.fields.get("type")]
            if same:
                return next((e for e in same if e.id == draft.id), same[0])
    name = norm(str(draft.fields.get("name", "")))
    for pool in (existing, new):
        for ent in pool:
            if ent.id == draft.id or (name and norm(str(ent.fields.get("name", ""))) == name):
                return ent
    return None


def _same_intake(a: IntakeDraft, b: IntakeDraft) -> bool:
    return a.channel == b.channel and a.lands_in == b.lands_in and (a.form == b.form or b.form is None)


def _completes(new: IntakeDraft, old: IntakeDraft) -> bool:
    return new.channel == old.channel and old.lands_in is None and old.form in (None, new.form)


def _propose(ent: Entity, draft: Draft, notes: list[Note]) -> None:
    """A hand-written entity wins; what a source adds becomes a proposal, a disagreement a conflict."""
    for key, value in draft.fields.items():
        mine = ent.fields.get(key)
        if isinstance(value, dict) and (mine is None or isinstance(mine, dict)):
            _propose_parts(ent, draft, key, dict(mine or {}), value, notes)
        elif mine is None and key not in ent.add_fields:
            ent.add_fields[key] = value
        elif mine is not None and mine != value and key != "name":
            notes.append(Note(draft.source, "conflict", draft.where, "imp_conflict_kept",
                              {"entity": f"{ent.section}/{ent.id}", "key": key, "theirs": value, "ours": mine,
                               "at": ent.where}))
    for ref in draft.refs:
        if ref not in ent.refs and ref not in ent.add_refs:
            ent.add_refs.append(ref)
    for intake in draft.intake:
        if not any(_same_intake(x, intake) for x in ent.intake + ent.add_intake):
            ent.add_intake.append(intake)
    ent.proposed_by.append((draft.source, draft.where))


def _propose_parts(ent: Entity, draft: Draft, key: str, base: dict[str, Any], value: dict[str, Any],
                   notes: list[Note]) -> None:
    """A volume: what the file (``base``) lacks is proposed, the whole volume to paste; sources are all cited."""
    theirs = ent.add_fields.setdefault(key, dict(base))
    for sub, v in value.items():
        have = theirs.get(sub)
        if sub == "source":
            theirs[sub] = [*(have or []), *(x for x in v if x not in (have or []))]
        elif have is None:
            theirs[sub] = v
        elif have != v:
            notes.append(Note(draft.source, "conflict", draft.where, "imp_conflict_kept",
                              {"entity": f"{ent.section}/{ent.id}", "key": f"{key}.{sub}", "theirs": v, "ours": have,
                               "at": ent.where}))
    if {k: v for k, v in theirs.items() if k != "source"} == {k: v for k, v in base.items() if k != "source"}:
        del ent.add_fields[key]  # nothing new but a citation: nothing to propose


def _absorb(ent: Entity, draft: Draft, notes: list[Note]) -> None:
    """Two sources describe one new entity: the first (by precedence) keeps each fact, the other fills gaps."""
    for key, value in draft.fields.items():
        mine = ent.fields.get(key)
        if isinstance(value, dict) and isinstance(mine, dict):  # a volume: two sources give its parts
            for sub, v in value.items():
                if mine.get(sub) is None:
                    mine[sub] = v
                elif sub == "source":  # both registers are cited
                    mine[sub] = [*mine[sub], *(x for x in v if x not in mine[sub])]
                elif mine[sub] != v:
                    notes.append(Note(draft.source, "conflict", draft.where, "imp_conflict_precedence",
                                      {"entity": f"{ent.section}/{ent.id}", "key": f"{key}.{sub}", "theirs": v,
                                       "ours": mine[sub], "winner": ent.source}))
        elif mine is None:
            ent.fields[key] = dict(value) if isinstance(value, dict) else value
            if key in draft.cells:
                ent.cells[key] = draft.cells[key]
        elif mine != value and key != "name":
            notes.append(Note(draft.source, "conflict", draft.where, "imp_conflict_precedence",
                              {"entity": f"{ent.section}/{ent.id}", "key": key, "theirs": value, "ours": mine,
                               "winner": ent.source}))
    for ref in draft.refs:
        if ref not in ent.refs:
            ent.refs.append(ref)
    for intake in draft.intake:
        if not any(_same_intake(x, intake) for x in ent.intake):
            ent.intake.append(intake)
    if draft.cite and draft.cite not in ent.cites:
        ent.cites.append(draft.cite)


def resolve(merged: Merged) -> None:
    """Keep only references that resolve; each dropped one becomes a question for a person."""
    ids = {s: {e.id for e in merged.existing[s] + merged.new[s]} for s in SECTION_ORDER}
    for section, key, target in REQUIRED_REFS:  # without it the entity cannot be written at all
        for ent in list(merged.new[section]):
            if ent.fields.get(key) not in ids[target]:
                merged.new[section].remove(ent)
                ids[section].discard(ent.id)
                merged.notes.append(Note(ent.source, "person", ent.at(key), "imp_unresolved_required",
                                         {"entity": f"{section}/{ent.id}", "key": key,
                                          "value": ent.fields.get(key)}, yaml=f"{key}: <department id>"))
    for section in SECTION_ORDER:
        for ent in merged.new[section] + merged.existing[section]:
            fields = ent.add_fields if ent.existing else ent.fields
            for key, target in REF_FIELDS.get(section, {}).items():
                value = fields.get(key)
                if value is not None and value not in ids[target]:
                    del fields[key]
                    merged.notes.append(Note(ent.source or "", "person", ent.at(key), "imp_unresolved",
                                             {"entity": f"{section}/{ent.id}", "key": key, "value": value},
                                             yaml=f"{key}: <{target[:-1] if target != 'people' else 'person'} id>"))
            routes = ent.add_intake if ent.existing else ent.intake
            kept = []
            for intake in routes:
                if intake.channel not in ids["channels"]:
                    merged.notes.append(Note(ent.source or "", "person", intake.where or ent.where, "imp_unresolved",
                                             {"entity": f"{section}/{ent.id}", "key": "intake.channel",
                                              "value": intake.channel}, yaml="- channel: <channel id>"))
                    continue
                if intake.lands_in is not None and intake.lands_in not in ids["systems"]:
                    merged.notes.append(Note(ent.source or "", "person", intake.where or ent.where, "imp_unresolved",
                                             {"entity": f"{section}/{ent.id}", "key": "intake.lands_in",
                                              "value": intake.lands_in}, yaml="lands_in: <system id>"))
                    intake = IntakeDraft(intake.channel, intake.form, None, intake.where)
                kept.append(intake)
            routes[:] = kept


def proposals(merged: Merged) -> list[Note]:
    """One proposal per hand-written entity the sources add to, as the YAML to paste."""
    out = []
    for section in SECTION_ORDER:
        for ent in merged.existing[section]:
            if not ent.proposed_by:
                continue
            snippet: dict[str, Any] = dict(ent.add_fields)
            if ent.add_refs:
                snippet["refs"] = sorted(set(ent.refs + ent.add_refs))
            if ent.add_intake:
                # a hand-written route that does not say where it lands is completed, not repeated
                kept = [i for i in ent.intake if not any(_completes(a, i) for a in ent.add_intake)]
                snippet["intake"] = [i.as_dict() for i in kept + ent.add_intake]
            source, where = ent.proposed_by[0]
            if snippet:
                text = dump(snippet, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
                out.append(Note(source, "proposal", ent.where, "imp_proposal",
                                {"entity": f"{section}/{ent.id}", "from": where}, yaml=text))
            else:
                out.append(Note(source, "matched", ent.where, "imp_matched",
                                {"entity": f"{section}/{ent.id}", "from": where}))
    return out
