"""Open Formulieren: form exports (three generations) and bulk exports (a zip of form zips)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from digimandate.errors import Term
from digimandate.importers.common import (
    Draft,
    Found,
    ImportContext,
    IntakeDraft,
    Note,
    expect,
    fail,
    read_json,
    read_zip,
    slugify,
    text_of,
    unsafe_notes,
)
from digimandate.importers.registry import Importer, ImportSource

KIND = "openforms"
TEST_BACKENDS = frozenset({"demo", "failing-demo", "exception-demo"})
ZAAK_BACKENDS = frozenset({"zgw-create-zaak", "stuf-zds-create-zaak"})
PERSON_BACKENDS = frozenset({"objects_api", "json_dump", "microsoft-graph"})

WEBSITE = Draft("channels", "website", {"name": "Website", "type": "website"}, [], "", KIND, "", by_type=True)
FORM_SYSTEM = Draft("systems", "open-formulieren", {"name": "Open Formulieren", "type": "forms"}, [], "", KIND, "",
                    by_type=True)
ZAAKSYSTEEM = Draft("systems", "zaaksysteem", {"name": "Zaaksysteem", "type": "zaaksysteem"}, [], "", KIND, "",
                    by_type=True)


def looks_like(members: dict[str, bytes]) -> bool:
    """A form export holds forms.json; a bulk export holds form zips."""
    return "forms.json" in members or (bool(members) and all(n.endswith(".zip") for n in members))


def import_openforms(members: dict[str, bytes], source: str) -> Found:
    """Turn every active form of an export (or a bulk export) into a process with a website intake."""
    found = Found()
    if "forms.json" in members:
        _export(members, source, source, found)
        return found
    nested = [n for n in sorted(members) if n.endswith(".zip")]
    if not nested or len(nested) != len(members):
        raise fail(source, "imp_not_export", "imp_not_export_hint", kind=Term("imp_kind_openforms"))
    for name in nested:
        where = f"{source}!{name}"
        inner = read_zip(members[name], where, depth=1)
        found.notes += unsafe_notes(source, where, inner.unsafe)
        if "forms.json" not in inner:
            raise fail(where, "imp_not_export", "imp_not_export_hint", kind=Term("imp_kind_openforms"))
        _export(inner, source, where, found)
    return found


def _export(members: dict[str, bytes], source: str, where: str, found: Found) -> None:
    at = f"{where}!forms.json"
    forms = expect(read_json(members["forms.json"], at), list, at)
    for i, form in enumerate(forms):
        _form(expect(form, dict, f"{at}[{i}]"), f"{at}[{i}]", source, found)


def _form(form: dict[str, Any], at: str, source: str, found: Found) -> None:
    name = text_of(form.get("name"))
    slug = text_of(form.get("slug"))
    if not name or not slug:
        raise fail(at, "imp_form_incomplete", "imp_not_export_hint", kind=Term("imp_kind_openforms"))
    if form.get("is_deleted") is True or form.get("active") is False:
        found.notes.append(Note(source, "skipped", at, "imp_form_inactive", {"name": name}))
        return
    if form.get("maintenance_mode") is True:
        found.notes.append(Note(source, "warning", at, "imp_form_maintenance", {"name": name}))
    ref = f"openforms:{slug}"
    proc = Draft("processes", slugify(name), {"name": name}, [ref], source, KIND, at)
    backends = _backends(form, at)
    landed = False
    for backend, options, bat in backends:
        if backend in TEST_BACKENDS:
            found.notes.append(Note(source, "skipped", bat, "imp_backend_test", {"backend": backend}))
            continue
        target = _target(backend, options, bat, name, source, found)
        if target is None:
            continue
        landed = True
        proc.intake.append(IntakeDraft("website", True, target.id, bat))
        if bat.endswith("]") and not bat.endswith("registration_backends[0]"):  # not the default backend
            found.notes.append(Note(source, "mapped", bat, "imp_backend_alternative", {"backend": backend}))
        if backend in ZAAK_BACKENDS:
            code = text_of(options.get("case_type_identification") or options.get("zds_zaaktype_code"))
            if code:
                proc.links.append(f"zaaktype:{code}")
    if not [b for b in backends if b[0] not in TEST_BACKENDS]:
        found.notes.append(Note(source, "warning", at, "imp_form_no_backend", {"name": name}))
        _use(FORM_SYSTEM, source, at, found)
        proc.intake.append(IntakeDraft("website", True, FORM_SYSTEM.id, at))
        landed = True
    if not landed:
        proc.intake.append(IntakeDraft("website", True, None, at))
    _use(WEBSITE, source, at, found)
    found.drafts.append(proc)
    if proc.links:  # the process is the zaaktype's, whatever it is called once merged
        found.notes.append(Note(source, "mapped", at, "imp_form_mapped_linked",
                                {"name": name, "zaaktype": ", ".join(r.partition(":")[2] for r in proc.links)}))
    else:
        found.notes.append(Note(source, "mapped", at, "imp_form_mapped", {"name": name, "id": proc.id}))


def _backends(form: dict[str, Any], at: str) -> list[tuple[str, dict[str, Any], str]]:
    """The registration backends of each export generation, each with its location."""
    out: list[tuple[str, dict[str, Any], str]] = []
    if "registration_backends" in form:  # 2.3 and later
        items = expect(form["registration_backends"], list, f"{at}.registration_backends")
        for i, item in enumerate(items):
            bat = f"{at}.registration_backends[{i}]"
            item = expect(item, dict, bat)
            backend = text_of(item.get("backend"))
            options = item.get("options") or {}
            if backend:
                out.append((backend, expect(options, dict, f"{bat}.options"), bat))
        return out
    backend = text_of(form.get("registration_backend"))  # before 2.3: one backend
    if backend:
        options = form.get("registration_backend_options") or {}
        out.append((backend, expect(options, dict, f"{at}.registration_backend_options"),
                    f"{at}.registration_backend"))
    return out


def _target(backend: str, options: dict[str, Any], at: str, name: str, source: str, found: Found) -> Draft | None:
    """The system a backend delivers to, or None when a person must say."""
    if backend == "email":
        emails = options.get("to_emails") or []
        first = text_of(emails[0]) if isinstance(emails, list) and emails else ""
        if not first:
            found.notes.append(Note(source, "person", at, "imp_email_from_variable", {"name": name},
                                    yaml="lands_in: <system id of the mailbox>"))
            return None
        mailbox = Draft("systems", slugify(f"mailbox {first}"), {"name": first, "type": "mailbox"},
                        [f"email:{first.lower()}"], source, KIND, at)
        found.drafts.append(mailbox)
        return mailbox
    if backend in ZAAK_BACKENDS:
        _use(ZAAKSYSTEEM, source, at, found)
        return ZAAKSYSTEEM
    if backend in PERSON_BACKENDS:
        found.notes.append(Note(source, "person", at, "imp_backend_person", {"name": name, "backend": backend},
                                yaml="lands_in: <system id>"))
        return None
    found.notes.append(Note(source, "person", at, "imp_backend_unknown", {"name": name, "backend": backend},
                            yaml="lands_in: <system id>"))
    return None


def _use(stand_in: Draft, source: str, at: str, found: Found) -> None:
    """Add a stand-in entity (the website, the zaaksysteem) once per source."""
    if not any(d.section == stand_in.section and d.id == stand_in.id for d in found.drafts):
        found.drafts.append(Draft(stand_in.section, stand_in.id, dict(stand_in.fields), [], source, KIND, at,
                                  by_type=True))


def _read(src: ImportSource, ctx: ImportContext) -> Found:
    return import_openforms(src.members, src.name)


def dated(src: ImportSource) -> dt.date | None:
    """When the export was made: `created` in its `_meta.json` (a bulk export: the latest of its forms')."""
    metas = [src.members.get("_meta.json")]
    if "_meta.json" not in src.members:
        metas = [_inner_meta(data) for name, data in sorted(src.members.items()) if name.endswith(".zip")]
    days = []
    for meta in metas:
        try:
            created = json.loads(meta or b"{}").get("created")
            days.append(dt.datetime.fromisoformat(str(created)).date())
        except (ValueError, AttributeError, TypeError):
            continue
    return max(days) if days else None


def _inner_meta(data: bytes) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            info = inner.getinfo("_meta.json")
            return inner.read(info) if info.file_size < 10_000 else None
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None


IMPORTER = Importer(KIND, rank=3, order=3, read=_read, sniff=40,
                    recognise=lambda src: bool(src.members) and looks_like(src.members), dated=dated,
                    extensions=("zip",),
                    writes=frozenset({("processes", "name"), ("processes", "intake")}))
