"""Baselines: record today's findings, then fail only on new ones and list those since fixed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from digimandate import __version__
from digimandate.audit.result import AuditResult, BaselineEntry
from digimandate.errors import InputError, Location, problem
from digimandate.jsontext import safe_json
from digimandate.reading import MAX_RESULT_BYTES, JsonProblem, parse_json, read_text

BASELINE_VERSION = 1


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fingerprint: str
    rule: str
    entity: str
    message: str


class _Org(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    entries: list[_Entry]


class BaselineFile(BaseModel):
    """A baseline as written by ``digimandate baseline``."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int
    tool: dict[str, str]
    created: str
    organisations: list[_Org]


def baseline_text(results: list[AuditResult]) -> str:
    """The baseline of one or more audits, as stable JSON."""
    data: dict[str, Any] = {
        "schema_version": BASELINE_VERSION,
        "tool": {"name": "digimandate", "version": __version__},
        "created": (results[0].today or results[0].audit_date).isoformat() if results else "",
        "organisations": [
            {
                "name": r.organisation_name,
                "entries": [
                    {"fingerprint": f.fingerprint, "rule": f.rule, "entity": f.entity, "message": f.message_en}
                    for f in sorted(r.findings, key=lambda f: (f.rule, f.entity))
                ],
            }
            for r in results
        ],
    }
    return safe_json(data) + "\n"  # safe to print, as every JSON output


def load_baseline(path: Path) -> dict[str, dict[str, BaselineEntry]]:
    """Read a baseline: per organisation name, its entries by fingerprint."""
    here = Location(str(path), 1, 1)
    text = read_text(path, MAX_RESULT_BYTES)
    try:
        data = BaselineFile.model_validate(parse_json(text))
    except JsonProblem as exc:
        raise InputError([problem(Location(str(path), exc.line, exc.column), "", "baseline_invalid",
                                  "baseline_hint", problem=exc.msg)]) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError([problem(here, where, "baseline_invalid", "baseline_hint", problem=first["msg"])]) from None
    if data.schema_version != BASELINE_VERSION:
        raise InputError([problem(here, "schema_version", "baseline_invalid", "baseline_hint",
                                  problem=f"schema_version {data.schema_version}")])
    return {org.name: {e.fingerprint: BaselineEntry(e.fingerprint, e.rule, e.entity, e.message)
                       for e in org.entries}
            for org in data.organisations}


def apply_baseline(result: AuditResult, baseline: dict[str, dict[str, BaselineEntry]]) -> AuditResult:
    """Move findings recorded in the baseline apart and list the entries that are fixed."""
    entries = baseline.get(result.organisation_name, {})
    known = [f for f in result.findings if f.fingerprint in entries and f.kind != "meta"]
    seen = {f.fingerprint for f in result.findings} | {w.finding.fingerprint for w in result.waived}
    fixed = tuple(e for fp, e in sorted(entries.items(), key=lambda kv: (kv[1].rule, kv[1].entity))
                  if fp not in seen)
    fresh = tuple(f for f in result.findings if f not in known)
    return replace(result, findings=fresh, baselined=tuple(known), baseline_fixed=fixed, baseline_used=True)
