"""Maturity levels and severity-weighted scores from rule outcomes."""

from __future__ import annotations

from collections.abc import Iterable

from digimandate.audit.checklist import WEIGHTS
from digimandate.audit.result import DimensionScore, Maturity, Outcome

TOP_LEVEL = 5


def level_of(outcomes: Iterable[Outcome]) -> int:
    """The highest level N such that no failing rule guards a level at or below N (at least 1)."""
    failing = [o.rule.spec.level for o in outcomes if o.status in ("failed", "error")]
    if not failing:
        return TOP_LEVEL
    return max(1, min(failing) - 1)


def score_of(outcomes: Iterable[Outcome]) -> float | None:
    """Share of the applicable weight that passes, 0-100; None when no weight applies."""
    total = passed = 0.0
    for o in outcomes:
        if o.status not in ("passed", "waived", "failed", "error"):
            continue
        weight = WEIGHTS[o.rule.severity]
        total += weight
        if o.status in ("passed", "waived"):
            passed += weight
    if total == 0:
        return None
    return round(100 * passed / total, 1)


def blocking(outcomes: Iterable[Outcome], level: int) -> tuple[str, ...]:
    """Ids of the failing rules that stand between ``level`` and the next one."""
    return tuple(sorted(o.rule.id for o in outcomes
                        if o.status in ("failed", "error") and o.rule.spec.level == level + 1))


def score(outcomes: list[Outcome], dimensions: Iterable[str]) -> Maturity:
    """Score every dimension and the organisation as a whole."""
    dims = {}
    for name in dimensions:
        mine = [o for o in outcomes if o.rule.spec.dimension == name]
        if all(o.status == "disabled" for o in mine):  # nothing checked: no level to claim
            continue
        level = level_of(mine)
        dims[name] = DimensionScore(
            name=name,
            level=level,
            score=score_of(mine),
            blocking=blocking(mine, level),
            failed=tuple(o.rule.id for o in mine if o.status in ("failed", "error")),
            passed=tuple(o.rule.id for o in mine if o.status in ("passed", "waived")),
            not_applicable=tuple(o.rule.id for o in mine if o.status == "not_applicable"),
        )
    overall = level_of(outcomes)
    return Maturity(overall, score_of(outcomes), blocking(outcomes, overall), dims)
