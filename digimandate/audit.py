"""The flow in one call: load, validate, check, score and freeze the result."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digimandate import __version__
from digimandate.checklist import RuleSet
from digimandate.document import Document, load_document
from digimandate.engine import run_rules
from digimandate.loader import Limits
from digimandate.result import AuditResult
from digimandate.scoring import score


def audit_document(doc: Document, ruleset: RuleSet, today: date | None = None) -> AuditResult:
    """Check and score a validated document."""
    org = doc.model.organisation
    audit_date = org.audit_date or today or date.today()
    outcomes = run_rules(doc, ruleset, audit_date)
    findings = sorted((f for o in outcomes for f in o.findings), key=lambda f: f.sort_key())
    return AuditResult(
        tool_version=__version__,
        file=doc.file,
        sha256=doc.loaded.sha256,
        organisation_name=org.name,
        organisation_type=org.type,
        organisation_code=org.code,
        language=org.language,
        audit_date=audit_date,
        ruleset=ruleset,
        outcomes=tuple(outcomes),
        findings=tuple(findings),
        maturity=score(outcomes, ruleset.dimensions),
    )


def audit_file(path: Path, ruleset: RuleSet, limits: Limits = Limits(), today: date | None = None,
               display: str | None = None) -> AuditResult:
    """Load, validate, check and score one organisation file."""
    return audit_document(load_document(path, limits, display), ruleset, today)
