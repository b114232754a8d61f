"""Every rule case in checklists/cases/ gives exactly the findings it names."""

from __future__ import annotations

import pytest
import yaml

from digimandate.audit.cases import RuleCase, apply_patch, base_org, load_cases
from digimandate.audit.flow import audit_document
from digimandate.audit.specs import RuleSet
from digimandate.errors import Location
from digimandate.model.document import OrgFile, parse_document
from tests.conftest import yaml_text

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_case(case: RuleCase, ruleset: RuleSet) -> None:
    text = yaml_text(apply_patch(base_org(), case.patch), sort_keys=False)
    doc = parse_document(text)
    result = audit_document(doc, ruleset)
    outcome = next(o for o in result.outcomes if o.rule == case.rule)
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
    if case.basis is not None:
        assert {f.basis for f in outcome.findings} == {case.basis}
    for f in outcome.findings:
        assert f.location in own_locations(doc, case.at or f.entity), f"{f.entity} points elsewhere"


def own_locations(doc: OrgFile, entity: str) -> list[Location]:
    """Where the entity itself or one of its keys stands; a path that names nothing fails instead of taking its parent's."""
    if entity == "/":
        return [doc.loaded.data.location()]
    if entity not in doc.entities and "/" not in entity:
        assert entity in doc.loaded.data, f"no section {entity}"
        return [doc.loaded.data.key_location(entity)]
    assert entity in doc.entities, f"no entity {entity}"
    raw = doc.entities[entity]
    return [raw.location(), *(raw.key_location(key) for key in raw)]


def test_own_locations_refuse_a_path_that_names_nothing() -> None:
    doc = parse_document(yaml.safe_dump(base_org(), sort_keys=False))
    mandate = next(iter(k for k in doc.entities if k.startswith("mandates/")))
    assert doc.locate(mandate) in own_locations(doc, mandate)
    assert doc.locate(mandate + "/no-such-part") == doc.locate(mandate)  # locate falls back silently
    with pytest.raises(AssertionError, match="no entity"):
        own_locations(doc, mandate + "/no-such-part")


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
