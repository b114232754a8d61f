"""The JSON result: a contract other tools read (schema in digimandate/schemas/result-v1.json)."""

from __future__ import annotations

import json
from typing import Any

from digimandate.i18n import Lang, t
from digimandate.result import SCHEMA_VERSION, AuditResult, Finding


def finding_dict(f: Finding, lang: Lang) -> dict[str, Any]:
    """One finding as a JSON object."""
    return {
        "rule": f.rule,
        "name": f.name,
        "dimension": f.dimension,
        "severity": f.severity,
        "level": f.level,
        "message": f.message(lang),
        "entity": f.entity,
        "location": {"file": f.location.file, "line": f.location.line, "column": f.location.column},
        "fingerprint": f.fingerprint,
    }


def result_dict(result: AuditResult, lang: Lang) -> dict[str, Any]:
    """The whole result as plain data, keys in a stable order."""
    m = result.maturity
    by_severity: dict[str, int] = {s: 0 for s in ("critical", "high", "medium", "low", "info")}
    for f in result.findings:
        by_severity[f.severity] += 1
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "digimandate", "version": result.tool_version},
        "organisation": {
            "name": result.organisation_name,
            "type": result.organisation_type,
            "code": result.organisation_code,
            "audit_date": result.audit_date.isoformat(),
        },
        "input": {"file": result.file, "sha256": result.sha256},
        "language": lang,
        "checklists": [{"id": c.id, "version": c.version} for c in result.ruleset.checklists],
        "findings": [finding_dict(f, lang) for f in result.findings],
        "maturity": {
            "level": m.level,
            "name": t(f"level_{m.level}", lang),
            "score": m.score,
            "blocking": list(m.blocking),
            "dimensions": {
                name: {
                    "level": d.level,
                    "score": d.score,
                    "blocking": list(d.blocking),
                    "not_applicable": list(d.not_applicable),
                }
                for name, d in m.dimensions.items()
            },
        },
        "not_applicable": list(result.not_applicable),
        "disabled": [o.rule.id for o in result.outcomes if o.status == "disabled"],
        "errors": [{"rule": o.rule.id, "message": o.error or ""} for o in result.errors],
        "summary": {"findings": len(result.findings), "by_severity": by_severity},
        "waived": [
            {**finding_dict(w.finding, lang),
             "waiver": {"reason": w.reason, "justification": w.justification, "owner": w.owner,
                        "expires": w.expires.isoformat()}}
            for w in result.waived
        ],
        "baseline": None if not result.baseline_used else {
            "matched": [finding_dict(f, lang) for f in result.baselined],
            "fixed": [{"fingerprint": e.fingerprint, "rule": e.rule, "entity": e.entity, "message": e.message}
                      for e in result.baseline_fixed],
        },
    }



def render(result: AuditResult, lang: Lang) -> str:
    """Render the result as indented JSON with a trailing newline."""
    data = result_dict(result, lang)
    findings = data["findings"]
    if not findings:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # With an indent, json.dumps runs its pure-Python encoder; findings are most of a large result,
    # so they are written by _indented, in exactly the layout json.dumps gives (tested byte for byte).
    data["findings"] = []
    text = json.dumps(data, indent=2, ensure_ascii=False)
    marker = '\n  "findings": []'  # cannot occur inside a string: JSON escapes newlines
    return text.replace(marker, '\n  "findings": ' + _indented(findings, 1), 1) + "\n"


_text = json.encoder.encode_basestring  # the C function when available, as json.dumps uses


def _indented(value: Any, level: int) -> str:
    """``value`` as json.dumps(indent=2, ensure_ascii=False) writes it at nesting ``level``."""
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is int:
        return str(value)
    if kind is dict and value:
        inner = "\n" + "  " * (level + 1)
        items = [_text(k) + ": " + _indented(v, level + 1) for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    if kind is list and value:
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join(_indented(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False)  # floats, booleans, null, empty containers
