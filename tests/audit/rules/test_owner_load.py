"""O004 speaks of a department's process owners once, never once per person or product."""

from __future__ import annotations

from digimandate.audit.specs import RuleSet


def _findings(owners: dict[str, int], ruleset: RuleSet) -> list[tuple[str, str, str]]:
    from digimandate.audit.cases import apply_patch, base_org
    from digimandate.audit.flow import audit_document
    from digimandate.model.document import parse_document
    from tests.conftest import yaml_text

    processes = [{"id": f"{who}{i:02d}", "name": f"{who} {i}", "owner": who}
                 for who, n in owners.items() for i in range(n)]
    result = audit_document(parse_document(yaml_text(apply_patch(base_org(), {"processes": processes}))), ruleset)
    return [(f.entity, f.message_nl, f.message_en) for f in result.findings if f.rule == "O004"]


def test_two_owners_of_one_department_make_one_finding(ruleset: RuleSet) -> None:
    # jan and bas both work in Publiekszaken; jan also owns the base organisation's product
    assert _findings({"jan": 20, "bas": 17}, ruleset) == [(
        "departments/publiekszaken",
        "2 proceseigenaren bij Publiekszaken zijn samen eigenaar van 38 producten, elk meer dan 15 "
        "(eigen norm van de checklist)",
        "2 process owners in Publiekszaken own 38 products between them, each more than 15 "
        "(the checklist's own norm)")]


def test_one_owner_over_the_limit_is_said_as_before(ruleset: RuleSet) -> None:
    # bas is within the norm: only jan's load is counted
    assert _findings({"jan": 20, "bas": 3, "piet": 16}, ruleset) == [
        ("departments/kcc", "Een proceseigenaar bij Klantcontactcentrum is eigenaar van 16 producten, meer dan 15 "
         "(eigen norm van de checklist)",
         "A process owner in Klantcontactcentrum owns 16 products, more than 15 (the checklist's own norm)"),
        ("departments/publiekszaken", "Een proceseigenaar bij Publiekszaken is eigenaar van 21 producten, meer dan 15 "
         "(eigen norm van de checklist)",
         "A process owner in Publiekszaken owns 21 products, more than 15 (the checklist's own norm)")]
