"""The JSON result: a contract other tools read (schema in digimandate/model/schemas/result-v1.json)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from digimandate.audit.result import (
    SCHEMA_VERSION,
    AuditResult,
    Evidence,
    Finding,
    FindingHead,
    SourceEntry,
    dutch_values,
    severities,
)
from digimandate.audit.specs import RuleSet, value_form
from digimandate.i18n import Lang
from digimandate.jsontext import Lazy, Written, indented_json, output_chunks
from digimandate.render.formats import PLAIN, Screen
from digimandate.render.levels import level_name

_text = json.encoder.encode_basestring  # what json.dumps writes a text as (ensure_ascii=False), in C
_sha256 = hashlib.sha256


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


def finding_texts(findings: Iterable[Finding], lang: Lang, level: int) -> Iterator[str]:
    """Each finding's ``finding_dict`` as JSON text at ``level``, byte for byte what ``indented_json`` writes of it.

    Written from the parts findings share: what a head (rule, name, severity, level, basis) writes
    and its message's format are made once per head and shape of values; the values as a message
    shows them, and an entity's place, once for the findings in a row that share them (the rules
    that fail one entity); a tuple of sources once. Per finding only its
    message and fingerprint are made. JSON escapes each character on its own, so a format
    escaped, filled with values escaped, is the message escaped.
    """
    ind, ind2 = "\n" + "  " * (level + 1), "\n" + "  " * (level + 2)
    shapes: dict[tuple[int, tuple[str, ...]], tuple[FindingHead, str, str, str, str, str]] = {}
    sources_text: dict[tuple[str, ...], str] = {}
    dutch = lang == "nl"
    end = "\n" + "  " * level + "}"
    last_entity, last_location, place = "", None, ""
    last_values: tuple[str, ...] | None = None
    escaped: list[str] = []
    for head, entity, location, names, values, sources in findings:
        known = shapes.get((id(head), names))
        if known is None:
            start = ("{" + ind + '"rule": ' + indented_json(head.rule) + "," + ind + '"name": '
                     + indented_json(head.name) + "," + ind + '"dimension": ' + indented_json(head.dimension)
                     + "," + ind + '"severity": ' + indented_json(head.severity) + "," + ind + '"level": '
                     + indented_json(head.level, level + 1) + "," + ind + '"message": "')
            basis = '",' + ind + '"basis": ' + indented_json(head.basis) + "," + ind + '"sources": '
            form = value_form(head.text.get(lang), names)
            # the head is kept with its parts: its id stays its own while they are used
            known = shapes[(id(head), names)] = (head, start, form, _text(form)[1:-1], basis, head.rule + "|")
        _, start, form, escaped_form, basis, rule_bar = known
        if values is not last_values:  # the rules that fail one entity share its values, and follow each other
            last_values = values
            escaped = [_text(v)[1:-1] for v in (dutch_values(values) if dutch else values)]
        message = escaped_form.format(*escaped)
        if entity is not last_entity or location is not last_location:  # the findings at one place follow each other
            last_entity, last_location = entity, location
            place = (
                '",' + ind + '"entity": ' + _text(entity) + "," + ind + '"location": {' + ind2 + '"file": '
                + indented_json(location.file, level + 2) + "," + ind2 + '"line": ' + int.__repr__(location.line)
                + "," + ind2 + '"column": ' + int.__repr__(location.column) + ind + "}," + ind + '"fingerprint": "'
            )
        source_part = sources_text.get(sources)
        if source_part is None:
            source_part = sources_text[sources] = indented_json(list(sources), level + 1)
        yield "".join((start, message, place, _sha256((rule_bar + entity).encode()).hexdigest()[:16], basis,
                       source_part, end))


def _evidence(e: Evidence) -> dict[str, int]:
    return {"checks": e.checks, "decided_by_recorded_facts": e.decided_by_recorded_facts,
            "without_source": e.unsourced, "established": e.established}


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
    for severity, count in severities(result.findings).items():
        by_severity[severity] += count
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
        "findings": Written((finding_dict(f, lang) for f in result.findings),
                            lambda level: finding_texts(result.findings, lang, level)),
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
