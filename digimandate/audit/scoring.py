"""Maturity model v2: earned levels, coverage-based rules and enough evidence for a verdict.

A dimension reaches level N when every rung 2..N had at least one assessed rule and every assessed
rule on those rungs is met (passed/applicable reaches its ``min_coverage``). A dimension without an
assessed rule has no level; neither has one whose checks rest mostly on facts not recorded.
See docs/maturity.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from digimandate.audit.result import Coverage, DimensionScore, Evidence, Maturity, RuleOutcome, entities_of
from digimandate.audit.specs import WEIGHTS, ActiveRule, RuleSet

TOP_LEVEL = 5
FIRST_RUNG = 2
DEFAULT_MIN_COVERAGE = 1.0
# Without a verdict on these, no overall level: the tip is about board commitment and the mandate.
CORE_DIMENSIONS = ("board", "mandate")
ASSESSED = ("passed", "failed", "error")
# An outcome beside the rule it is about: outcomes name their rule by id, scoring reads the rule's level,
# dimension, severity and parameters.
Judged = tuple[ActiveRule, RuleOutcome]


def min_coverage(rule: ActiveRule) -> float:
    """The share of entities that must pass for the rule to be met (parameter ``min_coverage``)."""
    value = rule.params.get("min_coverage", DEFAULT_MIN_COVERAGE)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else DEFAULT_MIN_COVERAGE


def coverage_of(judged: Judged) -> Coverage:
    """Coverage of one assessed rule; a crashed rule is never met."""
    rule, outcome = judged
    if outcome.status == "error":
        return Coverage(max(outcome.applicable, 1), 0, False)
    applicable = max(outcome.applicable, 1)
    passed = min(outcome.passed, applicable) if outcome.status == "failed" else applicable
    # compare in integers where possible so 0.9 of 10 is exactly 9, not a float a hair below
    met = passed >= applicable * min_coverage(rule) - 1e-9
    return Coverage(applicable, passed, met)


def evidence_of(judged: Iterable[Judged]) -> Evidence:
    """Rule x entity checks, how many of them recorded facts decided, and how many of those rest on no source."""
    checks = unrecorded = unsourced = 0
    for rule, o in judged:
        if o.status not in ASSESSED:
            continue
        cov = coverage_of((rule, o))
        checks += cov.applicable
        unrecorded += len(entities_of(o.findings, "not_recorded"))
        unsourced += o.unsourced
    decided = max(checks - unrecorded, 0)
    return Evidence(checks, decided, min(unsourced, decided))


def score_of(judged: Iterable[Judged]) -> float | None:
    """Coverage-weighted score, 0-100: each rule adds its weight times its coverage."""
    total = got = 0.0
    for rule, o in judged:
        if o.status not in ASSESSED:
            continue
        weight = WEIGHTS[rule.severity]
        total += weight
        got += weight * coverage_of((rule, o)).share
    if total == 0:
        return None
    return round(100 * got / total, 1)


def _enough(evidence: Evidence, minimum: float) -> bool:
    share = evidence.share
    return share is not None and share >= minimum - 1e-9


def dimension_score(name: str, judged: list[Judged], min_evidence: float) -> DimensionScore:
    """Earned level, score, evidence and reason of one dimension."""
    assessed = [(r, o) for r, o in judged if o.status in ASSESSED]
    unmet = {r.id for r, o in assessed if not coverage_of((r, o)).met}
    failed = tuple(r.id for r, o in judged if o.status in ("failed", "error"))
    passed = tuple(r.id for r, o in judged if o.status == "passed")
    not_applicable = tuple(r.id for r, o in judged if o.status == "not_applicable")
    evidence = evidence_of(judged)
    rungs = tuple(sorted({r.spec.level for r, _ in assessed if r.spec.level >= FIRST_RUNG}))
    total = score_of(judged)

    def made(level: int | None, blocking: tuple[str, ...] = (), reason: str | None = None,
             reason_level: int | None = None) -> DimensionScore:
        return DimensionScore(name, level, total, blocking, failed, passed, not_applicable, rungs, reason,
                              reason_level, evidence)

    if not assessed:
        return made(None, reason="not_assessed")
    if not _enough(evidence, min_evidence):
        return made(None, reason="insufficient_evidence")
    level = 1
    for rung in range(FIRST_RUNG, TOP_LEVEL + 1):
        on_rung = [r for r, _ in assessed if r.spec.level == rung]
        if not on_rung:
            return made(level, reason="level_not_assessed", reason_level=rung)
        blocking = tuple(sorted(r.id for r in on_rung if r.id in unmet))
        if blocking:
            return made(level, blocking)
        level = rung
    return made(level)


def score(outcomes: list[RuleOutcome], ruleset: RuleSet) -> Maturity:
    """Score every graded dimension and the organisation as a whole (outcomes as found, never waived)."""
    min_evidence = ruleset.min_evidence
    judged = [(ruleset.rules[o.rule], o) for o in outcomes]
    graded = [n for n, d in ruleset.dimensions.items() if d.graded]
    dims: dict[str, DimensionScore] = {}
    for name in graded:
        mine = [(r, o) for r, o in judged if r.spec.dimension == name]
        if not mine:
            continue
        dims[name] = dimension_score(name, mine, min_evidence)
    on_ladder = [(r, o) for r, o in judged if r.spec.dimension in dims]
    coverage = {r.id: coverage_of((r, o)) for r, o in on_ladder if o.status in ASSESSED}
    evidence = evidence_of(on_ladder)
    total = score_of(on_ladder)
    levels = {n: d.level for n, d in dims.items() if d.level is not None}
    core_missing = any(n in dims and dims[n].level is None for n in CORE_DIMENSIONS)
    if not levels:
        reason = "insufficient_evidence" if any(d.reason == "insufficient_evidence" for d in dims.values()) \
            else "not_assessed"
        return Maturity(None, total, (), dims, evidence, reason, coverage)
    if not _enough(evidence, min_evidence):
        return Maturity(None, total, (), dims, evidence, "insufficient_evidence", coverage)
    if core_missing:
        core = [dims[n] for n in CORE_DIMENSIONS if n in dims and dims[n].level is None]
        reason = "insufficient_evidence" if any(d.reason == "insufficient_evidence" for d in core) \
            else "not_assessed"
        return Maturity(None, total, (), dims, evidence, reason, coverage)
    overall = min(levels.values())
    blocking = tuple(sorted({r for n, d in dims.items() if d.level == overall for r in d.blocking}))
    return Maturity(overall, total, blocking, dims, evidence, None, coverage)
