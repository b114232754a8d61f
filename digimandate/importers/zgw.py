"""ZGW Catalogi zaaktypen in three spellings: the API (camelCase), Open Zaak's export zip, Open Zaak's fixture."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from digimandate.importers.common import (
    Draft,
    Found,
    ImportContext,
    Note,
    expect,
    fail,
    norm,
    read_json,
    slugify,
    text_of,
)
from digimandate.importers.registry import Importer, ImportSource

KIND = "zgw"
UPL_PREFIXES = ("http://standaarden.overheid.nl/owms/terms/", "https://standaarden.overheid.nl/owms/terms/")

# The same fields in each spelling: API (camelCase), export (snake_case API names), fixture (database fields).
SPELLINGS = {
    "api": {"omschrijving": "omschrijving", "producten": "productenOfDiensten", "begin": "beginGeldigheid",
            "einde": "eindeGeldigheid", "intern": "indicatieInternOfExtern", "doorlooptijd": "doorlooptijd",
            "servicenorm": "servicenorm"},
    "export": {"omschrijving": "omschrijving", "producten": "producten_of_diensten", "begin": "begin_geldigheid",
               "einde": "einde_geldigheid", "intern": "indicatie_intern_of_extern", "doorlooptijd": "doorlooptijd",
               "servicenorm": "servicenorm"},
    "fixture": {"omschrijving": "zaaktype_omschrijving", "producten": "producten_of_diensten",
                "begin": "datum_begin_geldigheid", "einde": "datum_einde_geldigheid",
                "intern": "indicatie_intern_of_extern", "doorlooptijd": "doorlooptijd_behandeling",
                "servicenorm": "servicenorm_behandeling"},
}


@dataclass
class ZaakType:
    """One version of a zaaktype, whatever the spelling."""

    identificatie: str
    omschrijving: str
    verantwoordelijke: str
    producten: list[str]
    begin: date | None
    einde: date | None
    concept: bool
    intern: bool
    doorlooptijd: str
    servicenorm: str
    where: str
    url: str = ""  # the API's own address of this version (the Zaken API filters by it)


def zaaktypen_from_json(data: Any, where: str) -> list[ZaakType]:
    """Zaaktypen from a JSON document in any of the spellings, or a located error."""
    if isinstance(data, list) and data and all(isinstance(x, dict) and "model" in x for x in data):
        out = []
        for i, item in enumerate(data):
            if item.get("model") == "catalogi.zaaktype":
                fields = expect(item.get("fields"), dict, f"{where}[{i}].fields")
                out.append(_zaaktype(fields, "fixture", f"{where}[{i}].fields"))
        if not out:
            raise fail(where, "imp_not_zaaktypen", "imp_not_zaaktypen_hint")
        return out
    if isinstance(data, dict) and isinstance(data.get("responses"), dict):  # recorded API responses
        out = []
        for n, (uri, body) in enumerate(data["responses"].items()):
            if "zaaktypen" in str(uri).split("?")[0]:  # recorded requests, in order: `responses[1]` is the second
                out.extend(_api_body(body, f"{where}.responses[{n}]"))
        if not out:
            raise fail(where, "imp_not_zaaktypen", "imp_not_zaaktypen_hint")
        return out
    out = _api_body(data, where)
    if not out:
        raise fail(where, "imp_not_zaaktypen", "imp_not_zaaktypen_hint")
    return out


def _api_body(body: Any, where: str) -> list[ZaakType]:
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        items, at = body["results"], f"{where}.results"
    elif isinstance(body, dict):
        items, at = [body], where
    elif isinstance(body, list):
        items, at = body, where
    else:
        raise fail(where, "imp_not_zaaktypen", "imp_not_zaaktypen_hint")
    out = []
    for i, item in enumerate(items):
        here = f"{at}[{i}]" if at != where or isinstance(body, list) else where
        if not isinstance(item, dict) or "identificatie" not in item:
            raise fail(here, "imp_not_zaaktypen", "imp_not_zaaktypen_hint")
        spelling = "api" if "beginGeldigheid" in item or "productenOfDiensten" in item else "export"
        out.append(_zaaktype(item, spelling, here))
    return out


def zaaktypen_from_export(members: dict[str, bytes], where: str) -> list[ZaakType]:
    """Zaaktypen from Open Zaak's catalogue export (a zip with ZaakType.json)."""
    at = f"{where}!ZaakType.json"
    data = read_json(members["ZaakType.json"], at)
    items = expect(data, list, at)
    out = []
    for i, item in enumerate(items):
        item = expect(item, dict, f"{at}[{i}]")
        if "identificatie" not in item:
            raise fail(f"{at}[{i}]", "imp_not_zaaktypen", "imp_not_zaaktypen_hint")
        out.append(_zaaktype(item, "export", f"{at}[{i}]"))
    return out


def _zaaktype(item: dict[str, Any], spelling: str, where: str) -> ZaakType:
    names = SPELLINGS[spelling]
    ident = text_of(item.get("identificatie"))
    desc = text_of(item.get(names["omschrijving"]))
    if not ident or not desc:
        raise fail(where, "imp_zaaktype_incomplete", "imp_not_zaaktypen_hint", name=names["omschrijving"])
    products = item.get(names["producten"])
    if isinstance(products, str):  # the fixture keeps the list as JSON text
        try:
            products = json.loads(products) if products.strip() else []
        except json.JSONDecodeError:
            products = [products]
    if not isinstance(products, list):
        products = []
    return ZaakType(
        identificatie=ident,
        omschrijving=desc,
        verantwoordelijke=text_of(item.get("verantwoordelijke")),
        producten=[p for p in products if isinstance(p, str)],
        begin=_date(item.get(names["begin"]), f"{where}.{names['begin']}"),
        einde=_date(item.get(names["einde"]), f"{where}.{names['einde']}"),
        concept=item.get("concept") is True,
        intern=text_of(item.get(names["intern"])).lower() == "intern",
        doorlooptijd=text_of(item.get(names["doorlooptijd"])),
        servicenorm=text_of(item.get(names["servicenorm"])),
        where=where,
        url=url if (url := text_of(item.get("url"))).startswith(("https://", "http://")) else "",
    )


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise fail(where, "imp_bad_date", "imp_bad_date_hint", found=str(value)) from None


def import_zaaktypen(zaaktypen: list[ZaakType], source: str, ctx: ImportContext) -> Found:
    """One process per zaaktype valid on the audit date; concept and internal ones only when asked."""
    found = Found()
    by_dept = {norm(k): k for k in ctx.departments} | {norm(v): k for k, v in ctx.departments.items()}
    for zt in zaaktypen:
        if (zt.begin is not None and zt.begin > ctx.audit_date) or (zt.einde is not None and zt.einde < ctx.audit_date):
            found.notes.append(Note(source, "skipped", zt.where, "imp_zt_not_valid",
                                    {"id": zt.identificatie, "date": ctx.audit_date.isoformat()}))
            continue
        if zt.concept and not ctx.concept:
            found.notes.append(Note(source, "skipped", zt.where, "imp_zt_concept", {"id": zt.identificatie}))
            continue
        if zt.intern and not ctx.internal:
            found.notes.append(Note(source, "skipped", zt.where, "imp_zt_intern", {"id": zt.identificatie}))
            continue
        fields: dict[str, Any] = {"name": zt.omschrijving}
        refs = [f"zaaktype:{zt.identificatie}"] + ([f"zaaktype:{zt.url}"] if zt.url else [])
        proc = Draft("processes", slugify(zt.omschrijving), fields, refs, source, KIND, zt.where)
        _upl(zt, proc, source, ctx, found)
        if zt.verantwoordelijke:
            dept = by_dept.get(norm(zt.verantwoordelijke))
            if dept:
                fields["department"] = dept
            else:
                found.notes.append(Note(source, "person", zt.where, "imp_zt_department",
                                        {"id": zt.identificatie, "who": zt.verantwoordelijke},
                                        yaml="department: <department id>\nowner: <person id>"))
        if zt.doorlooptijd or zt.servicenorm:
            found.notes.append(Note(source, "mapped", zt.where, "imp_zt_times",
                                    {"id": zt.identificatie, "doorlooptijd": zt.doorlooptijd or "-",
                                     "servicenorm": zt.servicenorm or "-"}))
        found.drafts.append(proc)
        found.notes.append(Note(source, "mapped", zt.where, "imp_zt_mapped",
                                {"id": zt.identificatie, "name": zt.omschrijving, "process": proc.id}))
    return found


def _upl(zt: ZaakType, proc: Draft, source: str, ctx: ImportContext, found: Found) -> None:
    for uri in zt.producten:
        if not uri.startswith(UPL_PREFIXES):
            continue
        if ctx.upl is None:
            found.notes.append(Note(source, "person", zt.where, "imp_zt_upl_unchecked", {"uri": uri},
                                    yaml=f"upl: {uri}"))
        elif uri in ctx.upl:
            proc.fields.setdefault("upl", uri)
        else:
            found.notes.append(Note(source, "conflict", zt.where, "imp_zt_upl_unknown", {"uri": uri}))


def _recognise(src: ImportSource) -> bool:
    """Open Zaak's catalogue export, or JSON (the API's responses or Open Zaak's fixture)."""
    if src.members:
        return "ZaakType.json" in src.members
    return src.text.lstrip("\ufeff \r\n\t")[:1] in ("{", "[")


def _read(src: ImportSource, ctx: ImportContext) -> Found:
    types = (zaaktypen_from_export(src.members, src.name) if src.members
             else zaaktypen_from_json(read_json(src.raw, src.name), src.name))
    return import_zaaktypen(types, src.name, ctx)


IMPORTER = Importer(KIND, rank=2, order=2, read=_read, recognise=_recognise, sniff=30, extensions=("json", "zip"),
                    writes=frozenset({("processes", "name"), ("processes", "department"), ("processes", "upl")}))
