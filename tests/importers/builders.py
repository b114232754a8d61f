"""Populated exports built in memory from the real samples in tests/data/samples (none of them has a backend)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from tests.conftest import SAMPLES

DATA = SAMPLES
OPENFORMS = DATA / "openforms"
ZGW_API = DATA / "zgw" / "catalogi_api_zaaktype_response_ZT-001.json"
ZGW_FIXTURE = DATA / "zgw" / "openzaak_docker_fixture_catalogi.json"
UPL = DATA / "upl-sdg" / "UPL-actueel.csv"

EMAIL = {"key": "email1", "name": "E-mail", "backend": "email",
         "options": {"to_emails": ["info@example.nl"], "attach_files_to_email": None}}
ZGW = {"key": "zgw1", "name": "Zaak", "backend": "zgw-create-zaak",
       "options": {"case_type_identification": "ZT-001", "catalogue": {"domain": "TEST", "rsin": "000000000"}}}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def pack(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def form_export(sample: str, backends: list[dict[str, Any]] | None = None, name: str | None = None,
                slug: str | None = None, legacy: tuple[str, dict[str, Any]] | None = None, **extra: Any) -> bytes:
    """A sample export with its one form changed: backends, name, slug, or the pre-2.3 single backend."""
    files = members(OPENFORMS / sample)
    forms = json.loads(files["forms.json"])
    form = forms[0]
    if backends is not None:
        form["registration_backends"] = backends
    if legacy is not None:
        form["registration_backend"], form["registration_backend_options"] = legacy
    if name:
        form["name"] = name
    if slug:
        form["slug"] = slug
    form.update(extra)
    files["forms.json"] = json.dumps(forms).encode()
    return pack(files)


def bulk_export(exports: dict[str, bytes]) -> bytes:
    """Open Formulieren's bulk export: one form_<slug>.zip per form."""
    return pack({f"form_{slug}.zip": data for slug, data in exports.items()})


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def api_zaaktype() -> dict[str, Any]:
    """The real ZT-001 zaaktype from the recorded Catalogi API response."""
    body = json.loads(ZGW_API.read_text(encoding="utf-8"))
    for uri, response in body["responses"].items():
        if "zaaktypen" in uri:
            return dict(response["results"][0])
    raise AssertionError("no zaaktype in the sample")


def zaaktype_export(zaaktypen: list[dict[str, Any]]) -> bytes:
    """Open Zaak's catalogue export: ZaakType.json with the snake_case API names."""
    rows = [{snake(k): v for k, v in zt.items()} for zt in zaaktypen]
    return pack({"ZaakType.json": json.dumps(rows).encode(), "Catalogus.json": b"[]"})


def with_extension(path: Path, sheet: str = "xl/worksheets/sheet2.xml") -> None:
    """Give a sheet what Excel writes for a drop-down list on another sheet: an extension openpyxl warns of."""
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    members[sheet] = members[sheet].replace(
        b"</worksheet>", b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/></extLst></worksheet>')
    with zipfile.ZipFile(path, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)


def without_default_style(raw: bytes) -> bytes:
    """A workbook whose stylesheet has no cell styles, as some tools write it: openpyxl warns of it."""
    with zipfile.ZipFile(io.BytesIO(raw)) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    members["xl/styles.xml"] = re.sub(rb"<cellStyles.*?</cellStyles>", b"", members["xl/styles.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
    return out.getvalue()
