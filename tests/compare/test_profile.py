"""A comparison's view of one audit: verdicts per norm, size classes, medians."""

from __future__ import annotations

from dataclasses import replace

import pytest

from digimandate.audit.result import Finding, RuleOutcome
from digimandate.audit.specs import RuleSet, Text
from digimandate.compare.profile import NO_SIZE, NOT_MUNICIPAL, Median, median, profile, size_class, verdict
from digimandate.errors import Location
from tests.conftest import EXAMPLES, audited


def finding(basis: str) -> Finding:
    return Finding("P001", "x", "processes", "high", 2, Text(nl="x", en="x"), "x", "processes/a",
                   Location("f.yaml", 1, 1), basis=basis)


@pytest.mark.parametrize(("status", "bases", "passed", "met", "expected"), [
    ("passed", (), 3, True, "meets"),
    ("not_applicable", (), 0, False, "not_applicable"),
    ("disabled", (), 0, False, "not_assessed"),
    ("error", (), 0, False, "not_assessed"),
    ("failed", ("observed",), 9, True, "meets"),  # enough places pass for the checklist's threshold
    ("failed", ("not_recorded", "not_recorded"), 0, False, "not_established"),
    ("failed", ("not_recorded", "not_recorded"), 2, False, "not_established"),
    ("failed", ("observed", "not_recorded"), 2, False, "partly"),
    ("failed", ("observed",), 0, False, "fails"),
    ("waived", ("observed",), 1, False, "partly"),  # a waived finding is still a norm not met
])
def test_verdict(status: str, bases: tuple[str, ...], passed: int, met: bool, expected: str) -> None:
    outcome = RuleOutcome("P001", status, tuple(finding(b) for b in bases))  # type: ignore[arg-type]
    assert verdict(outcome, 10, passed, met) == expected


@pytest.mark.parametrize(("inhabitants", "expected"), [
    (0, 1), (4_999, 1), (5_000, 2), (9_999, 2), (10_000, 3), (20_000, 4), (49_999, 4), (50_000, 5),
    (100_000, 6), (150_000, 7), (249_999, 7), (250_000, 8), (900_000, 8),
])
def test_cbs_size_classes(inhabitants: int, expected: int) -> None:
    assert size_class(inhabitants) == expected


def test_profile_of_an_example(ruleset: RuleSet) -> None:
    p = profile(audited(EXAMPLES / "small-municipality.yaml", ruleset).result)
    assert (p.name, p.inhabitants, p.size_class) == ("Gemeente Dijkveld", 21_500, "4")
    assert p.norms["M001"].verdict == "fails"  # no organisation-wide mandate is recorded as absent
    assert p.dimensions["channels"].level is None and p.dimensions["channels"].reason == "insufficient_evidence"
    assert replace(p, inhabitants=None).size_class == NO_SIZE
    assert replace(p, type="waterschap").size_class == NOT_MUNICIPAL


def test_profile_counts_come_from_coverage(ruleset: RuleSet) -> None:
    result = audited(EXAMPLES / "large-municipality.yaml", ruleset).result
    p = profile(result)
    coverage = result.maturity.coverage or {}
    assert len(coverage) > 20
    assert {rule: (n.applicable, n.passed) for rule, n in p.norms.items() if rule in coverage} == {
        rule: (c.applicable, c.passed) for rule, c in coverage.items()}
    assert {n.verdict for n in p.norms.values()} >= {"meets", "partly", "not_established"}


def test_the_median_is_a_level_or_between_two_levels() -> None:
    assert median([1, 5]) == Median(1, 5)  # never 3, a level neither organisation holds
    assert median([2, 3]) == Median(2, 3)  # never 2,5
    assert median([1, 2, 2]) == Median(2, 2)
    assert median([3, 1, 4, 3]) == Median(3, 3)
    assert median([]) is None
    assert [Median(2, 3).offset(v) for v in (1, 2, 3, 5)] == [-1, 0, 0, 2]
