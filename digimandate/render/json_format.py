"""The JSON result: a contract other tools read (schema in digimandate/model/schemas/result-v1.json)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from digimandate.audit.result import SCHEMA_VERSION, AuditResult, Evidence, Finding, SourceEntry
from digimandate.audit.specs import RuleSet
from digimandate.i18n import Lang
from digimandate.jsontext import Lazy, output_chunks
from digimandate.render.formats import PLAIN, Screen
from digimandate.render.levels import level_name


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
        "basis": f.basis,
        "sources": list(f.sources),
    }


def _evidence(e: Evidence) -> dict[str, int]:
    return {"checks": e.checks, "decided_by_recorded_facts": e.decided_by_recorded_facts}


def _source_dict(s: SourceEntry) -> dict[str, Any]:
    """One source of the register; a confidential one by its type and dates only (outputs may be published)."""
    if s.confidential:
        return {"id": s.id, "type": s.type, "confidential": True,
                "dated": s.dated.isoformat() if s.dated else None,
                "obtained": s.obtained.isoformat() if s.obtained else None}
    return {"id": s.id, "type": s.type, "title": s.title, "reference": s.reference, "provided_by": s.provided_by,
            "dated": s.dated.isoformat() if s.dated else None,
            "obtained": s.obtained.isoformat() if s.obtained else None, "confidential": False}


def _overall_evidence(result: AuditResult) -> dict[str, Any]:
    """The overall evidence, and what it rests on per type of source."""
    se = result.source_evidence
    return {
        **_evidence(result.maturity.evidence),
        "by_source_type": dict(se.findings_by_type),
        "entities_by_source_type": dict(se.entities_by_type),
        "single_source_type": [{"rule": f.rule, "entity": f.entity, "fingerprint": f.fingerprint,
                                "severity": f.severity} for f in se.single_type],
    }


def result_dict(result: AuditResult, lang: Lang) -> dict[str, Any]:
    """The whole result as plain data, keys in a stable order; the lists of findings are made as written."""
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
        "config": result.config,
        "language": lang,
        "checklists": [{"id": c.id, "version": c.version} for c in result.checklists],
        "findings": Lazy(finding_dict(f, lang) for f in result.findings),
        "maturity": {
            "level": m.level,
            "name": level_name(m.level, m.reason, lang),
            "reason": m.reason,
            "score": m.score,
            "blocking": list(m.blocking),
            "dimensions": {
                name: {
                    "level": d.level,
                    "score": d.score,
                    "blocking": list(d.blocking),
                    "not_applicable": list(d.not_applicable),
                    "assessed_levels": list(d.assessed_levels),
                    "reason": d.reason,
                    **({"reason_level": d.reason_level} if d.reason_level is not None else {}),
                    "evidence": _evidence(d.evidence),
                }
                for name, d in m.dimensions.items()
            },
        },
        "coverage": {rule: {"applicable": c.applicable, "passed": c.passed, "met": c.met}
                     for rule, c in (m.coverage or {}).items()},
        "evidence": _overall_evidence(result),
        "sources": [_source_dict(s) for s in result.sources],
        "not_applicable": list(result.not_applicable),
        "disabled": [o.rule for o in result.outcomes if o.status == "disabled"],
        "errors": [{"rule": o.rule, "message": o.error or ""} for o in result.errors],
        "summary": {"findings": len(result.findings), "by_severity": by_severity},
        "waived": Lazy(
            {**finding_dict(w.finding, lang),
             "waiver": {"reason": w.reason, "justification": w.justification, "owner": w.owner,
                        "approved_by": w.approved_by, "expires": w.expires.isoformat()}}
            for w in result.waived
        ),
        "baseline": None if not result.baseline_used else {
            "matched": Lazy(finding_dict(f, lang) for f in result.baselined),
            "fixed": [{"fingerprint": e.fingerprint, "rule": e.rule, "entity": e.entity, "message": e.message}
                      for e in result.baseline_fixed],
        },
    }



def chunks(result: AuditResult, rules: RuleSet, lang: Lang) -> Iterator[str]:
    """The result as indented JSON with a trailing newline, in pieces (the rule catalogue is not needed)."""
    return output_chunks(result_dict(result, lang))


def render(result: AuditResult, rules: RuleSet, lang: Lang) -> str:
    """Render the result as indented JSON with a trailing newline."""
    return "".join(chunks(result, rules, lang))


def write(results: Sequence[AuditResult], rules: RuleSet, lang_for: Callable[[AuditResult], Lang],
          screen: Screen = PLAIN) -> Iterator[str]:
    """One result as an object, several as a list of them; made finding by finding as it is written."""
    if len(results) == 1:
        return chunks(results[0], rules, lang_for(results[0]))
    return output_chunks(Lazy(result_dict(r, lang_for(r)) for r in results))
