"""Every rule case in checklists/cases/ gives exactly the findings it names."""

from __future__ import annotations

import pytest
import yaml

from digimandate.audit.cases import Case, apply_patch, base_org, load_cases
from digimandate.audit.checklist import RuleSet
from digimandate.audit.flow import audit_document
from digimandate.model.document import parse_document

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_case(case: Case, ruleset: RuleSet) -> None:
    text = yaml.safe_dump(apply_patch(base_org(), case.patch), sort_keys=False)
    result = audit_document(parse_document(text), ruleset)
    outcome = next(o for o in result.outcomes if o.rule.id == case.rule)
    assert outcome.error is None
    if case.expect is None:
        assert outcome.status == "not_applicable"
        return
    assert sorted(f.entity for f in outcome.findings) == sorted(case.expect)
    assert outcome.status == ("failed" if case.expect else "passed")
    for f in outcome.findings:
        assert "{" not in f.message_en + f.message_nl, "a placeholder was left unfilled"
    if case.messages is not None:
        assert sorted(f.message_key for f in outcome.findings) == sorted(case.messages)


def test_base_passes_every_rule(ruleset: RuleSet) -> None:
    result = audit_document(parse_document(yaml.safe_dump(base_org())), ruleset)
    assert result.findings == ()
    assert result.not_applicable == ()
    assert result.maturity.level == 5


def test_every_rule_has_a_failing_and_a_passing_case(ruleset: RuleSet) -> None:
    failing = {c.rule for c in CASES if c.expect}
    passing = {c.rule for c in CASES if c.expect == []}
    assert set(ruleset.rules) - failing == set()
    assert set(ruleset.rules) - passing == set()


def test_patch_merges_entities_by_id() -> None:
    base = {"a": [{"id": "x", "v": 1, "w": 2}, {"id": "y"}], "b": {"c": 1, "d": 2}}
    patch = {"a": [{"id": "x", "v": None}, {"id": "y", "_delete": True}, {"id": "z"}], "b": {"c": 3}}
    assert apply_patch(base, patch) == {"a": [{"id": "x", "w": 2}, {"id": "z"}], "b": {"c": 3, "d": 2}}
