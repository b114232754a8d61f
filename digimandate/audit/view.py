"""The resolved view: the organisation as plain data where each reference is the entity it names.

Every object of the view has ``_unset``: the facts (dotted paths) the file leaves out of it, so a query
can tell a key left out (not recorded) from one given as null or ``[]`` (recorded: there is none).
Every product has ``_requested``: whether the UPL marks it as applied for or reported (null: not in the list).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from digimandate.audit.upl import requested
from digimandate.model.document import OrgFile
from digimandate.model.org import unset_paths

JsonDict = dict[str, Any]


def build_view(doc: OrgFile) -> JsonDict:
    """Dump the model to plain data and link references, so ``owner.department.function`` works."""
    m = doc.model
    root: JsonDict = m.model_dump(mode="json")
    _mark_unset(m, root, {})
    tables: dict[str, dict[str, JsonDict]] = {}
    for section in ("departments", "people", "mandates", "channels", "systems", "processes"):
        table = {}
        for item in root[section]:
            item["_path"] = f"{section}/{item['id']}"
            table[item["id"]] = item
        tables[section] = table
    people, depts = tables["people"], tables["departments"]
    channels, systems = tables["channels"], tables["systems"]

    def one(table: dict[str, JsonDict], ref: Any) -> Any:
        return table.get(ref, ref) if ref is not None else None

    def many(table: dict[str, JsonDict], refs: Any) -> Any:
        return None if refs is None else [table.get(r, r) for r in refs]

    root["organisation"]["_path"] = "organisation"
    gov = root.get("governance")
    if gov is not None:
        gov["_path"] = "governance"
        gov["sponsor"] = one(people, gov["sponsor"])
    for d in root["departments"]:
        d["manager"] = one(people, d["manager"])
    for p in root["people"]:
        p["department"] = one(depts, p["department"])
    for md in root["mandates"]:
        md["holders"] = many(people, md["holders"])
        md["departments"] = many(depts, md["departments"])
        md["works_in"] = many(depts, md["works_in"])
        md["needs_approval_from"] = many(depts, md["needs_approval_from"])
    for c in root["channels"]:
        c["owner"] = one(depts, c["owner"])
        c["co_owners"] = many(depts, c["co_owners"])
    for s in root["systems"]:
        s["owner"] = one(depts, s["owner"])
    for proc_model, pr in zip(m.processes, root["processes"], strict=True):
        pr["department"] = one(depts, pr["department"])
        # the UPL's own flag: false for a product nobody applies for or reports (rules about requests skip it)
        pr["_requested"] = requested(proc_model.upl)
        for key in ("owner", "designer", "it_contact"):
            pr[key] = one(people, pr[key])
        for path, intake in zip(doc.intake_paths(proc_model), pr["intake"] or [], strict=True):
            intake["_path"] = path
            intake["channel"] = one(channels, intake["channel"])
            intake["lands_in"] = one(systems, intake["lands_in"])
        for j, step in enumerate(pr["steps"] or []):
            step["_path"] = f"{pr['_path']}/steps/{j + 1}"
    return root


def _mark_unset(model: BaseModel, data: JsonDict, shared: dict[tuple[str, ...], list[str]]) -> None:
    """Give ``data`` (the dump of ``model``) and every object in it their ``_unset`` paths.

    Objects that leave out the same facts share one list (``shared``): the view is only read, and
    10,000 products of one shape would otherwise hold 10,000 copies of it.
    """
    paths = unset_paths(model)
    data["_unset"] = shared.setdefault(tuple(paths), paths)
    for name in model.model_fields_set:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _mark_unset(value, data[name], shared)
        elif isinstance(value, list):
            for item, dumped in zip(value, data[name], strict=True):
                if isinstance(item, BaseModel):
                    _mark_unset(item, dumped, shared)
