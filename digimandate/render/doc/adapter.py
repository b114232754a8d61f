"""The one place that reads audit-result fields of maturity model v2, with fallbacks for v1 results.

v2 adds: a level of ``None`` (not assessed, or too little evidence), ``reason`` per dimension,
``basis`` per finding, per-rule ``coverage`` and overall ``evidence``. Everything else in the
document code asks this module, so the v2 merge changes only this file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from digimandate.audit.result import AuditResult, Finding
from digimandate.audit.specs import ActiveRule, Query
from digimandate.render.common import Audited

_SECTIONS = ("processes", "channels", "mandates", "systems", "departments", "people")


@dataclass(frozen=True)
class DocCoverage:
    """How many entities a rule looked at and how many passed."""

    applicable: int
    passed: int


def level(scored: Any) -> int | None:
    """The level of the maturity or a dimension; ``None`` when it was not assessed."""
    value = getattr(scored, "level", None)
    return value if isinstance(value, int) else None


def reason(scored: Any) -> str | None:
    """Why a dimension has no level or stops below a rung (v2), else ``None``."""
    value = getattr(scored, "reason", None)
    return value if isinstance(value, str) else None


def basis(finding: Finding) -> str:
    """``observed`` (a recorded fact fails) or ``not_recorded`` (the fact is missing)."""
    value = getattr(finding, "basis", None)
    if value in ("observed", "not_recorded"):
        return str(value)
    # v1 has no basis; its messages for absent facts carry "not_recorded" in their key
    key = finding.message_key
    return "not_recorded" if ("not_recorded" in key or key == "no_governance") else "observed"


def top_entity(entity: str) -> str:
    """The top-level entity of a path: ``processes/x/intake/web`` is ``processes/x``."""
    parts = entity.split("/")
    return "/".join(parts[:2])


def coverage(a: Audited, rule: ActiveRule, findings: list[Finding]) -> DocCoverage | None:
    """Per-rule coverage: from the v2 result, else counted from the model where that is sound."""
    result = a.result
    v2 = getattr(result.maturity, "coverage", None)
    if isinstance(v2, dict):
        if rule.id in v2:
            entry = v2[rule.id]
            return DocCoverage(int(entry.applicable), int(entry.passed))
        if rule.spec.dimension in result.maturity.dimensions:  # on the ladder and not assessed: no count
            return None
    if not findings:
        return None
    sections = {f.entity.partition("/")[0] for f in findings}
    if len(sections) != 1:
        return None
    section = sections.pop()
    check = rule.spec.check
    # a filtered query looks at fewer entities than the section holds; v1 does not say how many
    if section not in _SECTIONS or (isinstance(check, Query) and check.where is not None):
        return None
    if isinstance(check, Query) and check.each is None:
        return None
    total = len(getattr(a.model, section))
    failed = len({top_entity(f.entity) for f in findings})
    return DocCoverage(total, total - failed) if total >= failed else None


def evidence(result: AuditResult) -> tuple[int, int, int] | None:
    """(checks, decided by established facts, decided by facts without a source) over the audit, else ``None``."""
    v2 = getattr(result.maturity, "evidence", None)
    if v2 is not None and hasattr(v2, "checks"):
        return int(v2.checks), int(v2.established), int(v2.unsourced)
    return None


def reason_level(scored: Any) -> int | None:
    """The rung that had no assessed rule, with reason ``level_not_assessed`` (v2), else ``None``."""
    value = getattr(scored, "reason_level", None)
    return value if isinstance(value, int) else None


def graded(a: Audited, name: str) -> bool:
    """Whether a dimension is on the ladder: job design (v2) is advisory, never graded."""
    ds = a.result.maturity.dimensions.get(name)
    if ds is not None:
        return bool(getattr(ds, "graded", True))
    dim = a.rules.dimensions.get(name)
    return bool(getattr(dim, "graded", True)) if dim is not None else False
