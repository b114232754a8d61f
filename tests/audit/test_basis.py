"""Basis follows the fact: a key left out is not recorded, a key given as null or [] is observed (tip16 2.2)."""

from __future__ import annotations

import re

from digimandate.audit.cases import apply_patch, base_org
from digimandate.audit.flow import audit_document
from digimandate.audit.specs import Query, RuleSet
from digimandate.audit.view import build_view
from digimandate.model.document import parse_document
from tests.conftest import yaml_text


def _audit(patch: dict[str, object], ruleset: RuleSet):  # type: ignore[no-untyped-def]
    return audit_document(parse_document(yaml_text(apply_patch(base_org(), patch), sort_keys=False)), ruleset)


def test_no_mandates_key_is_not_recorded_and_earns_no_mandate_level(ruleset: RuleSet) -> None:
    result = _audit({"mandates": None}, ruleset)
    m001 = [f for f in result.findings if f.rule == "M001"]
    assert [(f.message_key, f.basis) for f in m001] == [("not_recorded", "not_recorded")]
    assert "niet vastgelegd" in m001[0].message_nl.lower()
    assert result.maturity.dimensions["mandate"].level is None  # never "Mandaat niveau 1"


def test_an_empty_list_of_mandates_is_observed(ruleset: RuleSet) -> None:
    result = _audit({"mandates": []}, ruleset)
    m001 = [f for f in result.findings if f.rule == "M001"]
    assert [(f.message_key, f.basis) for f in m001] == [("none", "observed")]
    assert result.maturity.dimensions["mandate"].level == 1


def test_owner_messages_differ_by_basis(ruleset: RuleSet) -> None:
    absent = _audit({"processes": [{"id": "parkeervergunning", "owner": None}]}, ruleset)
    null = _audit({"processes": [{"id": "parkeervergunning", "owner": "_null"}]}, ruleset)
    (a,) = [f for f in absent.findings if f.rule == "O001"]
    (n,) = [f for f in null.findings if f.rule == "O001"]
    assert "niet vastgelegd" in a.message_nl and "is er geen proceseigenaar" not in a.message_nl
    assert "is er geen proceseigenaar" in n.message_nl
    assert (a.basis, n.basis) == ("not_recorded", "observed")


def test_the_view_names_what_the_file_leaves_out() -> None:
    text = yaml_text(apply_patch(base_org(), {"mandates": [{"id": "digitaal", "powers": None, "deputy": "_null"}]}))
    view = build_view(parse_document(text))
    mandate = view["mandates"][0]
    assert "powers" in mandate["_unset"] and "powers.make_proposals" in mandate["_unset"]
    assert "deputy" not in mandate["_unset"]  # given as null: recorded that there is none
    assert "topic" not in mandate["_unset"]


def test_a_case_is_not_recorded_exactly_when_it_tests_a_key_left_out(ruleset: RuleSet) -> None:
    """The basis of a query case follows the fact it tests, never the name of its message."""
    for rule in ruleset.rules.values():
        check = rule.spec.check
        if not isinstance(check, Query):
            continue
        for case in check.cases:
            tests_absence = re.search(r"contains\(_unset,", case.when) is not None
            assert tests_absence == (case.basis == "not_recorded"), (rule.id, case.when)


def test_one_missing_redesign_is_one_finding(ruleset: RuleSet) -> None:
    # whether and when a product was redesigned is P006's fact; O006 asks only about users in a redesign recorded
    for redesign in (None, "_null", {"redesigned_on": None, "with_users": True}):
        result = _audit({"processes": [{"id": "parkeervergunning", "redesign": redesign}]}, ruleset)
        about = [(f.rule, f.message_key) for f in result.findings
                 if f.entity == "processes/parkeervergunning" and f.rule in ("O006", "P006")]
        assert len(about) == 1 and about[0][0] == "P006", (redesign, about)
