"""The chain norm -> finding -> source: the register of sources, citations, and what the verdict rests on."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from digimandate.audit.cases import apply_patch, base_org
from digimandate.audit.flow import audit_document
from digimandate.audit.specs import RuleSet
from digimandate.errors import InputError
from digimandate.model.document import parse_document
from digimandate.render import json_format
from tests.conftest import yaml_text

SOURCES = [
    {"id": "organogram", "type": "document", "title": "Organogram 2026", "reference": "intranet, p. 2",
     "provided_by": "directiesecretaris", "dated": date(2026, 1, 10), "obtained": date(2026, 2, 1)},
    {"id": "gesprek-kcc", "type": "interview", "title": "Gesprek met de teamleider KCC",
     "provided_by": "teamleider KCC", "obtained": date(2026, 3, 2), "confidential": True},
    {"id": "zaken", "type": "register", "title": "Zaaksysteem, aantallen 2025", "dated": date(2026, 1, 5)},
]


def _doc(patch: dict[str, Any]) -> Any:
    org = apply_patch(base_org(), patch)
    org["sources"] = SOURCES
    return parse_document(yaml_text(org, sort_keys=False))


def _errors(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_document(text)
    return info.value.format("en")


def test_an_unknown_source_is_a_located_error_with_the_known_ids() -> None:
    text = yaml_text({"schema_version": 1, "organisation": {"name": "Testdam"},
                      "sources": [{"id": "s1", "type": "document", "title": "Organogram"}],
                      "departments": [{"id": "kcc", "name": "KCC", "function": "kcc", "source": ["s1", "s2"]}]},
                     sort_keys=False)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "- s2" in row)
    assert _errors(text) == (f"organisation.yaml:{line}:5: error: departments[0].source[1]: unknown source `s2`\n"
                             "  hint: known sources: s1")


def test_a_source_id_used_twice_is_an_error() -> None:
    text = yaml_text({"schema_version": 1, "organisation": {"name": "Testdam"},
                      "sources": [{"id": "s1", "type": "document", "title": "A"},
                                  {"id": "s1", "type": "interview", "title": "B"}]}, sort_keys=False)
    assert _errors(text) == ("organisation.yaml:8:7: error: sources[1].id: duplicate id `s1` in sources (first at line 5)\n"
                             "  hint: every entry in sources needs its own id")


def test_a_source_needs_a_known_type() -> None:
    text = yaml_text({"schema_version": 1, "organisation": {"name": "Testdam"},
                      "sources": [{"id": "s1", "type": "gerucht", "title": "A"}]}, sort_keys=False)
    assert _errors(text) == ("organisation.yaml:6:9: error: sources[0].type: expected one of document, interview, "
                             "observation, register, data, found 'gerucht'\n"
                             "  hint: allowed: document, interview, observation, register, data")


def test_a_finding_rests_on_the_sources_cited_nearest_to_its_fact(ruleset: RuleSet) -> None:
    doc = _doc({"processes": [{"id": "parkeervergunning", "source": ["organogram"],
                               "volume": {"total": 4000, "source": ["zaken"]}}]})
    assert doc.sources_of("processes/parkeervergunning") == ("organogram",)
    # the volume names its own source: the count rests on the register, not on the organisation chart
    assert doc.sources_of("processes/parkeervergunning", "volume") == ("zaken",)
    intake = doc.intake_paths(doc.processes["parkeervergunning"])[0]
    assert doc.sources_of(intake) == ("organogram",)  # an intake route without its own rests on its process's
    assert doc.sources_of("departments/kcc") == ()


def test_a_governance_part_without_sources_of_its_own_rests_on_the_governance_sources(ruleset: RuleSet) -> None:
    doc = _doc({"governance": {"source": ["organogram"], "vision": {"source": ["gesprek-kcc"]}}})
    assert doc.sources_of("governance/vision") == ("gesprek-kcc",)
    assert doc.sources_of("governance/reporting") == ("organogram",)


def test_findings_carry_their_sources_into_the_json_result(ruleset: RuleSet) -> None:
    doc = _doc({"processes": [{"id": "parkeervergunning", "owner": "_null", "source": ["organogram"]}]})
    result = audit_document(doc, ruleset)
    (o001,) = [f for f in result.findings if f.rule == "O001"]
    assert (o001.basis, o001.sources) == ("observed", ("organogram",))
    data = json.loads(json_format.render(result, ruleset, "nl"))
    (found,) = [f for f in data["findings"] if f["rule"] == "O001"]
    assert found["sources"] == ["organogram"]
    assert [s["id"] for s in data["sources"]] == ["organogram", "gesprek-kcc", "zaken"]


def test_a_confidential_source_is_written_by_type_and_date_only(ruleset: RuleSet) -> None:
    result = audit_document(_doc({}), ruleset)
    data = json.loads(json_format.render(result, ruleset, "en"))
    assert data["sources"][1] == {"id": "gesprek-kcc", "type": "interview", "confidential": True,
                                  "dated": None, "obtained": "2026-03-02"}
    assert "teamleider" not in json.dumps(data)
    assert data["sources"][0]["title"] == "Organogram 2026"


def test_evidence_counts_findings_and_entities_per_source_type(ruleset: RuleSet) -> None:
    doc = _doc({"processes": [{"id": "parkeervergunning", "owner": "_null", "source": ["organogram"]}],
                "departments": [{"id": "kcc", "source": ["gesprek-kcc"]}]})
    result = audit_document(doc, ruleset)
    se = result.source_evidence
    observed = [f for f in result.findings if f.basis == "observed" and f.kind == "check"]
    with_doc = sum(1 for f in observed if "organogram" in f.sources)
    assert dict(se.findings_by_type)["document"] == with_doc > 0
    assert dict(se.findings_by_type).get("none", 0) == sum(1 for f in observed if not f.sources)
    assert dict(se.entities_by_type) == {"document": 1, "interview": 1}


def test_weighty_findings_on_one_source_type_are_named(ruleset: RuleSet) -> None:
    doc = _doc({"processes": [{"id": "parkeervergunning", "owner": "_null", "source": ["organogram"]}]})
    result = audit_document(doc, ruleset)
    single = result.source_evidence.single_type
    assert single and all(f.severity in ("critical", "high") and f.basis == "observed" for f in single)
    two = _doc({"processes": [{"id": "parkeervergunning", "owner": "_null", "source": ["organogram", "zaken"]}]})
    again = audit_document(two, ruleset).source_evidence.single_type
    assert not [f for f in again if f.entity == "processes/parkeervergunning"]  # two types: triangulated


def test_a_file_without_sources_has_no_source_evidence(ruleset: RuleSet) -> None:
    result = audit_document(parse_document(yaml_text(base_org(), sort_keys=False)), ruleset)
    assert result.sources == ()
    assert result.source_evidence.findings_by_type == () and result.source_evidence.single_type == ()
    assert all(f.sources == () for f in result.findings)


# ---------------------------------------------------------------- a fact without a source is recorded, not established

def _cited_everywhere(org: dict[str, Any], but: str | None = None) -> dict[str, Any]:
    """Every entity of ``org`` cites the organogram, except the one at path ``but`` (``channels/website``)."""
    org["governance"]["source"] = ["organogram"]
    for section in ("departments", "people", "mandates", "channels", "systems", "processes"):
        for item in org.get(section) or []:
            if f"{section}/{item['id']}" != but:
                item["source"] = ["organogram"]
    return org


def _audit(org: dict[str, Any], ruleset: RuleSet) -> Any:
    return audit_document(parse_document(yaml_text(org, sort_keys=False)), ruleset)


def test_without_a_register_every_recorded_fact_counts_as_established(ruleset: RuleSet) -> None:
    result = _audit(base_org(), ruleset)
    ev = result.maturity.evidence
    assert ev.unsourced == 0 and ev.established == ev.decided_by_recorded_facts == ev.checks
    assert result.maturity.level == 5


def test_with_a_register_a_fact_without_a_source_is_not_established(ruleset: RuleSet) -> None:
    org = base_org()
    org["sources"] = SOURCES
    result = _audit(org, ruleset)
    ev = result.maturity.evidence
    # the base organisation passes every rule: every check was decided on a recorded fact, none on a source
    assert ev.decided_by_recorded_facts == ev.checks > 0
    assert ev.unsourced == ev.checks and ev.established == 0 and ev.share == 0
    assert result.maturity.level is None and result.maturity.reason == "insufficient_evidence"
    assert {d.reason for d in result.maturity.dimensions.values()} == {"insufficient_evidence"}
    data = json.loads(json_format.render(result, ruleset, "en"))
    assert (data["evidence"]["without_source"], data["evidence"]["established"]) == (ev.checks, 0)
    assert data["maturity"]["dimensions"]["board"]["evidence"]["without_source"] > 0


def test_citing_the_sources_establishes_the_facts_and_the_level(ruleset: RuleSet) -> None:
    org = _cited_everywhere(base_org())
    org["sources"] = SOURCES
    result = _audit(org, ruleset)
    assert result.maturity.evidence.unsourced == 0
    assert result.maturity.level == 5


def test_a_passed_check_on_one_entity_without_a_source_is_counted_for_its_rule(ruleset: RuleSet) -> None:
    org = _cited_everywhere(base_org(), but="channels/telefoon")
    org["sources"] = SOURCES
    result = _audit(org, ruleset)
    unsourced = {o.rule: o.unsourced for o in result.outcomes if o.unsourced}
    # the rules that look at each channel: the phone's fact is recorded, but on no source
    assert unsourced and set(unsourced.values()) == {1}
    assert all(ruleset.rules[r].spec.dimension == "channels" for r in unsourced), unsourced
    assert all(o.status == "passed" for o in result.outcomes if o.rule in unsourced)
    assert result.maturity.dimensions["channels"].evidence.unsourced == len(unsourced)


def test_a_rule_over_the_whole_file_rests_on_the_parts_it_reads(ruleset: RuleSet, tmp_path: Any) -> None:
    from digimandate.audit.checklist import load_ruleset

    extra = tmp_path / "eigen.yaml"
    extra.write_text("""
checklist: {id: eigen, version: "1", title: {nl: Eigen, en: Own}}
dimensions:
  website: {title: {nl: Website, en: Website}}
sources:
  X: {title: Eigen bron}
rules:
  - id: X001
    name: website.exists
    dimension: website
    severity: low
    level: 2
    title: {nl: Er is een website, en: There is a website}
    rationale: {nl: Omdat het moet., en: Because it must.}
    advice: {nl: Maak er een., en: Make one.}
    sources: [{ref: X, quote: "er is een website"}]
    messages: {none: {nl: Geen website, en: No website}}
    check: {cases: [{when: "!(channels[?type == 'website'])", message: none}]}
""", encoding="utf-8")
    rs = load_ruleset([extra])
    org = base_org()
    org["sources"] = SOURCES
    org["channels"][0]["source"] = ["organogram"]  # one channel cites a source: the channels section rests on it
    (outcome,) = [o for o in _audit(org, rs).outcomes if o.rule == "X001"]
    assert (outcome.status, outcome.unsourced) == ("passed", 0)
    del org["channels"][0]["source"]
    (outcome,) = [o for o in _audit(org, rs).outcomes if o.rule == "X001"]
    assert (outcome.status, outcome.unsourced) == ("passed", 1)
    # a failing finding of such a rule cites the sources of what it read
    org["channels"] = [dict(c, source=["organogram"]) for c in org["channels"] if c["type"] != "website"]
    for proc in org["processes"]:
        proc["intake"] = [i for i in proc.get("intake") or [] if i["channel"] in {c["id"] for c in org["channels"]}]
    (finding,) = [f for f in _audit(org, rs).findings if f.rule == "X001"]
    assert finding.sources == ("organogram",)
