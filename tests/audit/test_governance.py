"""Governance as the law has it (tip16 2.2): who adopts the course, who sponsors, who grants the mandate."""

from __future__ import annotations

from digimandate.audit.rules.board import top_official
from digimandate.audit.specs import RuleSet


def test_the_directie_grants_the_organisation_wide_mandate_and_the_executive_agrees(ruleset: RuleSet) -> None:
    m001 = ruleset.rules["M001"].spec
    assert (m001.role, m001.decided_by) == ("directie", "directie")
    texts = [m001.action, m001.advice, m001.decision]
    for text in texts:
        assert text is not None
        assert "directie" in text.nl and "management" in text.en
        assert "bestuursbesluit" not in text.nl and "decision of the executive" not in text.en
    # the college sets the rules for the civil service (art. 160 Gemeentewet): it agrees, as the proposal asks
    assert m001.decision is not None and m001.decision.nl.endswith("het college laten instemmen.")
    assert m001.decision.en.endswith("put it to the executive for its agreement.")
    m003 = ruleset.rules["M003"].spec
    assert m003.decided_by == "directie" and "`" not in m003.messages["not_leadership"].nl


def test_the_top_official_is_known_by_title() -> None:
    for title in ("Gemeentesecretaris", "gemeentesecretaris / algemeen directeur", "Provinciesecretaris",
                  "secretaris-directeur", "Municipal Secretary"):
        assert top_official(title), title
    for title in ("Commissiesecretaris", "Secretaresse", "Griffier", None):
        assert not top_official(title), title
