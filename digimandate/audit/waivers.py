"""Waivers that expire: a waived finding is shown apart; an expired waiver stops suppressing."""

from __future__ import annotations

from datetime import date
from fnmatch import fnmatchcase

from digimandate.audit.config import Waiver
from digimandate.audit.result import Finding, RuleOutcome, WaivedFinding, message_values
from digimandate.audit.specs import meta_rules
from digimandate.errors import InputError, problem

EXPIRY_WARNING_DAYS = 30


def _meta(rule_id: str, waiver: Waiver, **extra: object) -> Finding:
    rule = meta_rules()[rule_id]
    w = waiver.spec
    args = {"rule": w.rule, "entity": w.entity, "expires": w.expires.isoformat(), "owner": w.owner, **extra}
    names, values = message_values(rule.message, args)
    return Finding(
        rule=rule.id, name=rule.name, dimension=rule.dimension, severity=rule.severity, level=1,
        text=rule.message, message_key=rule.id, entity=f"waivers/{waiver.index}", location=waiver.location,
        names=names, values=values, kind=rule.kind,
    )


def check_waiver_length(waivers: tuple[Waiver, ...], audit_date: date) -> None:
    """A waiver that runs longer than max-waiver-days from the audit date is an input error."""
    problems = [
        problem(w.location, f"waivers[{w.index}].expires", "waiver_too_long", "waiver_too_long_hint",
                rule=w.spec.rule, expires=w.spec.expires.isoformat(), days=(w.spec.expires - audit_date).days,
                audit_date=audit_date.isoformat(), max=w.max_days)
        for w in waivers if (w.spec.expires - audit_date).days > w.max_days
    ]
    if problems:
        raise InputError(problems)


def apply_waivers(outcomes: list[RuleOutcome], waivers: tuple[Waiver, ...], today: date
                  ) -> tuple[list[RuleOutcome], list[WaivedFinding], list[Finding]]:
    """Split findings into kept and waived; report expired, expiring and stale waivers."""
    used: set[int] = set()
    waived: list[WaivedFinding] = []
    new_outcomes = []
    for outcome in outcomes:
        kept = []
        for finding in outcome.findings:
            match = next((w for w in waivers if w.spec.rule == finding.rule
                          and fnmatchcase(finding.entity, w.spec.entity)), None)
            if match is not None:
                used.add(match.index)
            if match is None or match.spec.expires < today:
                kept.append(finding)
            else:
                spec = match.spec
                waived.append(WaivedFinding(finding, spec.rule, spec.entity, spec.reason, spec.justification,
                                            spec.owner, spec.expires, spec.approved_by))
        if outcome.findings and not kept:
            new_outcomes.append(RuleOutcome(outcome.rule, "waived", outcome.findings))
        elif len(kept) != len(outcome.findings):
            new_outcomes.append(RuleOutcome(outcome.rule, outcome.status, tuple(kept)))
        else:
            new_outcomes.append(outcome)
    meta = []
    for w in waivers:
        days = (w.spec.expires - today).days
        if days < 0:
            meta.append(_meta("W001", w))
        elif w.index not in used:
            meta.append(_meta("W003", w))
        elif days <= EXPIRY_WARNING_DAYS:
            meta.append(_meta("W002", w, days=days))
    return new_outcomes, waived, meta
