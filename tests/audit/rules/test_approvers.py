"""Who must approve each change under a mandate: the names in the file, each one readable on its own."""

from __future__ import annotations

from digimandate.audit.specs import RuleSet
from tests.conftest import EXAMPLES, audited, audited_text


def test_approvers_whose_names_hold_a_conjunction_are_set_apart_by_semicolons(ruleset: RuleSet) -> None:
    # "ICT en Informatiebeheer" is one department: with commas the reader cannot tell where each name ends
    result = audited(EXAMPLES / "small-municipality.yaml", ruleset).result
    who = next(f.arg("who") for f in result.findings if f.rule == "M017")
    assert who == "manager (Communicatie); Klantcontactcentrum; ICT en Informatiebeheer"


def test_approvers_with_plain_names_are_set_apart_by_commas(ruleset: RuleSet) -> None:
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8").replace(
        "name: ICT en Informatiebeheer", "name: Informatiebeheer")
    assert "name: Informatiebeheer" in text
    result = audited_text(text, ruleset).result
    assert next(f.arg("who") for f in result.findings if f.rule == "M017") == \
        "manager (Communicatie), Klantcontactcentrum, Informatiebeheer"
