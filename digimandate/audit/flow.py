"""The flow in one call: load, validate, check, (waive), score and freeze the result."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digimandate import __version__
from digimandate.audit.config import Waiver
from digimandate.audit.engine import run_rules
from digimandate.audit.result import AuditResult, ChecklistId, Finding, WaivedFinding
from digimandate.audit.scoring import score
from digimandate.audit.sources import source_entries, source_evidence
from digimandate.audit.specs import RuleSet
from digimandate.clock import today as clock_today
from digimandate.model.document import OrgFile, load_document
from digimandate.model.loader import Limits


def audit_document(doc: OrgFile, ruleset: RuleSet, today: date | None = None,
                   waivers: tuple[Waiver, ...] = ()) -> AuditResult:
    """Check and score a validated document; waivers are judged against ``today``."""
    org = doc.model.organisation
    now = today or clock_today()
    audit_date = org.audit_date or now
    outcomes = run_rules(doc, ruleset, audit_date)
    # Maturity v2: level, score and coverage are computed as found; a waiver never changes them.
    maturity = score(outcomes, ruleset)
    waived: list[WaivedFinding] = []
    meta: list[Finding] = []
    if waivers:
        from digimandate.audit.waivers import apply_waivers, check_waiver_length

        check_waiver_length(waivers, audit_date)
        outcomes, waived, meta = apply_waivers(outcomes, waivers, now)
    findings = [f for o in outcomes if o.status != "waived" for f in o.findings] + meta
    findings.sort(key=Finding.sort_key)  # in place: a sorted copy beside the list would raise the peak of memory
    return AuditResult(
        tool_version=__version__,
        file=doc.file,
        sha256=doc.loaded.sha256,
        organisation_name=org.name,
        organisation_type=org.type,
        organisation_code=org.code,
        language=org.language,
        audit_date=audit_date,
        checklists=tuple(ChecklistId(c.id, c.version) for c in ruleset.checklists),
        outcomes=tuple(outcomes),
        findings=tuple(findings),
        maturity=maturity,
        waived=tuple(sorted(waived, key=lambda w: w.finding.sort_key())),
        today=now,
        inputs=doc.loaded.parts,
        audit_date_recorded=org.audit_date is not None,
        sources=source_entries(doc),
        source_evidence=source_evidence(doc, findings),
        inhabitants=org.inhabitants,
    )


def audit_file(path: Path, ruleset: RuleSet, limits: Limits = Limits(), today: date | None = None,
               display: str | None = None, waivers: tuple[Waiver, ...] = ()) -> AuditResult:
    """Load, validate, check and score one organisation file."""
    return audit_document(load_document(path, limits, display), ruleset, today, waivers)
