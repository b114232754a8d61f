"""What a comparison needs of one audit: per norm a verdict and its coverage, per dimension a level."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Literal

from digimandate.audit.result import AuditResult, RuleOutcome

# meets / partly (some places pass) / does not meet / not established (only absent facts) /
# not applicable (nothing to look at) / not assessed (switched off, or the check crashed)
Verdict = Literal["meets", "partly", "fails", "not_established", "not_applicable", "not_assessed"]

# CBS gemeentegrootteklassen: the lower bound of each class in inhabitants
SIZE_BOUNDS: tuple[int, ...] = (0, 5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000)
NO_SIZE = "unknown"  # inhabitants not recorded
NOT_MUNICIPAL = "other"  # the classes are those of municipalities


@dataclass(frozen=True, slots=True)
class NormResult:
    """One norm of one organisation: the verdict and, where it looked at places, how many passed."""

    verdict: Verdict
    applicable: int = 0
    passed: int = 0


@dataclass(frozen=True, slots=True)
class DimensionLevel:
    """One dimension of one organisation: its level (None: no level), why not, and the norm that holds it."""

    level: int | None
    score: float | None
    reason: str | None
    blocking: tuple[str, ...]
    graded: bool


@dataclass(frozen=True, slots=True)
class Profile:
    """One organisation as a comparison sees it; small, so that a worker can send it back cheaply."""

    name: str
    type: str | None
    inhabitants: int | None
    level: int | None
    reason: str | None
    dimensions: dict[str, DimensionLevel]
    norms: dict[str, NormResult]
    audit_date: str
    audit_date_recorded: bool
    sourced: bool = False  # the file keeps a register of sources: only a fact with a source is established

    @property
    def size_class(self) -> str:
        """The CBS size class ("3": 10.000 to 20.000), ``unknown`` without inhabitants, ``other`` if not municipal."""
        if self.type not in (None, "gemeente"):
            return NOT_MUNICIPAL
        if self.inhabitants is None:
            return NO_SIZE
        return str(size_class(self.inhabitants))


def size_class(inhabitants: int) -> int:
    """The CBS class number, 1 (under 5.000) to 8 (250.000 and more)."""
    return max(i for i, bound in enumerate(SIZE_BOUNDS, 1) if inhabitants >= bound)


def verdict(outcome: RuleOutcome, applicable: int, passed: int, met: bool) -> Verdict:
    """A rule's outcome in the four words of a normenkader (plus not applicable and not assessed)."""
    if outcome.status == "passed":
        return "meets"
    if outcome.status == "not_applicable":
        return "not_applicable"
    if outcome.status in ("disabled", "error"):
        return "not_assessed"
    if met:  # enough places pass for the checklist's coverage threshold
        return "meets"
    if outcome.findings and all(f.basis == "not_recorded" for f in outcome.findings):
        return "not_established"  # an absent fact is not established, never observed as failing
    return "partly" if passed > 0 else "fails"


def profile(result: AuditResult) -> Profile:
    """The comparison's view of one audit result."""
    coverage = result.maturity.coverage or {}
    norms: dict[str, NormResult] = {}
    for o in result.outcomes:
        cov = coverage.get(o.rule)
        # a waived outcome keeps its findings but not its counts: the coverage was computed before waivers
        applicable, passed, met = (cov.applicable, cov.passed, cov.met) if cov else (o.applicable, o.passed, False)
        norms[o.rule] = NormResult(verdict(o, applicable, passed, met), applicable, passed)
    dims = {name: DimensionLevel(d.level, d.score, d.reason, d.blocking, d.graded)
            for name, d in result.maturity.dimensions.items()}
    return Profile(result.organisation_name, result.organisation_type, result.inhabitants, result.maturity.level,
                   result.maturity.reason, dims, norms, result.audit_date.isoformat(), result.audit_date_recorded,
                   bool(result.sources))


@dataclass(frozen=True, slots=True)
class Median:
    """The median of levels as levels: one level, or the two middle ones of an even count that differ."""

    low: int
    high: int

    def offset(self, level: int) -> int:
        """How many levels ``level`` lies above (+) or below (-) the median; 0 on or between its levels."""
        return level - self.high if level > self.high else level - self.low if level < self.low else 0


def median(values: list[int]) -> Median | None:
    """The median of the levels that exist; None when there is none.

    Never a level no organisation could hold: the median of 1 and 5 is "between 1 and 5", not 3.
    """
    if not values:
        return None
    return Median(int(statistics.median_low(values)), int(statistics.median_high(values)))
