"""SARIF 2.1.0 for code scanning: rules from the checklists, results with stable fingerprints."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from digimandate.audit.result import AuditResult, Finding, WaivedFinding, fingerprint, message_text
from digimandate.audit.specs import RuleSet
from digimandate.i18n import Lang
from digimandate.jsontext import Lazy, output_chunks
from digimandate.render.common import LEVELS, relative_uri, rule_url
from digimandate.render.formats import PLAIN, Screen

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules(rules: RuleSet, lang: Lang) -> list[dict[str, Any]]:
    """``driver.rules``: the catalogue of every rule that ran, then the meta rules; findings point in by index."""
    out = []
    for r in rules.sorted():
        if not r.enabled:
            continue
        spec = r.spec
        help_text = f"{spec.advice.get(lang)}\n\n{spec.rationale.get(lang)}"
        out.append({
            "id": spec.id,
            "name": spec.name,
            "shortDescription": {"text": spec.title.get(lang)},
            "fullDescription": {"text": spec.rationale.get(lang)},
            "help": {"text": help_text, "markdown": f"**{spec.advice.get(lang)}**\n\n{spec.rationale.get(lang)}"},
            "helpUri": rule_url(spec.id),
            "defaultConfiguration": {"level": LEVELS[r.severity]},
            "properties": {"tags": ["digimandate", spec.dimension], "severity": r.severity, "level": spec.level},
        })
    for meta in rules.meta.values():
        out.append({
            "id": meta.id,
            "name": meta.name,
            "shortDescription": {"text": meta.title.get(lang)},
            "fullDescription": {"text": meta.title.get(lang)},
            "help": {"text": meta.advice.get(lang)},
            "helpUri": rule_url(meta.id),
            "defaultConfiguration": {"level": LEVELS[meta.severity]},
            "properties": {"tags": ["digimandate", meta.dimension], "severity": meta.severity},
        })
    return out


def _result(f: Finding, index: dict[str, int], lang: Lang, suppression: dict[str, Any] | None,
            uris: dict[str, tuple[str, bool]]) -> dict[str, Any]:
    head, entity, location, names, values, _ = f  # read once: tens of thousands of findings
    file = location.file
    found = uris.get(file)
    if found is None:  # a result names a few files, each for thousands of findings
        found = uris[file] = relative_uri(file)
    uri, relative = found
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    rule, severity = head.rule, head.severity
    out: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": index[rule],
        "level": LEVELS[severity],
        "message": {"text": message_text(head.text, names, values, lang)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {"startLine": location.line, "startColumn": location.column},
            },
            "logicalLocations": [{"name": entity.rsplit("/", 1)[-1], "fullyQualifiedName": entity,
                                  "kind": "object"}],
        }],
        "partialFingerprints": {"digimandate/v1": fingerprint(rule, entity)},
        "properties": {"severity": severity, "dimension": head.dimension, "entity": entity},
    }
    if suppression is not None:
        out["suppressions"] = [suppression]
    return out


def sarif_dict(result: AuditResult, catalogue: RuleSet, lang: Lang) -> dict[str, Any]:
    """The SARIF log as plain data; its results are made as they are written."""
    rules = _rules(catalogue, lang)
    index = {r["id"]: i for i, r in enumerate(rules)}
    uris: dict[str, tuple[str, bool]] = {}

    def waived(w: WaivedFinding) -> dict[str, Any]:
        return _result(w.finding, index, lang, {
            "kind": "external",
            "status": "accepted",
            "justification": f"{w.reason}: {w.justification} (owner: {w.owner}, expires {w.expires.isoformat()})",
        }, uris)

    results = Lazy(itertools.chain((_result(f, index, lang, None, uris) for f in result.findings),
                                   (waived(w) for w in result.waived)))
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "digimandate",
                "version": result.tool_version,
                "semanticVersion": result.tool_version,
                "informationUri": rule_url("").rstrip("#"),
                "rules": rules,
            }},
            "invocations": [{"executionSuccessful": not result.errors}],
            "results": results,
            "properties": {
                "organisation": result.organisation_name,
                "maturityLevel": result.maturity.level,
                **({"config": result.config} if result.config is not None else {}),
            },
        }],
    }


def chunks(result: AuditResult, rules: RuleSet, lang: Lang) -> Iterator[str]:
    """The SARIF 2.1.0 document in pieces."""
    return output_chunks(sarif_dict(result, rules, lang))


def render(result: AuditResult, rules: RuleSet, lang: Lang) -> str:
    """Render the result as a SARIF 2.1.0 document."""
    return "".join(chunks(result, rules, lang))


def write(results: Sequence[AuditResult], rules: RuleSet, lang_for: Callable[[AuditResult], Lang],
          screen: Screen = PLAIN) -> Iterator[str]:
    """One SARIF log, with a run per result; made finding by finding as it is written."""
    if len(results) == 1:
        return chunks(results[0], rules, lang_for(results[0]))
    logs = [sarif_dict(r, rules, lang_for(r)) for r in results]
    logs[0]["runs"] = [run for log in logs for run in log["runs"]]
    return output_chunks(logs[0])
