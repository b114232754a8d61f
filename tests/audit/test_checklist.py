"""Checklists as data: the registry and the checklist agree, and extra checklists are validated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from digimandate.audit.cases import apply_patch, base_org
from digimandate.audit.checklist import load_ruleset
from digimandate.audit.flow import audit_document
from digimandate.audit.rules import REGISTRY, check
from digimandate.audit.specs import PythonCheck, Query, RuleSet, builtin_dir
from digimandate.errors import InputError
from digimandate.model.document import parse_document
from tests.conftest import EXAMPLES

# Checklist tip16 2.0 (docs/maturity.md): every rule with its name, severity and level.
DESIGN_RULES = {
    "B001": ("board.sponsor", "high", 2), "B002": ("board.course", "medium", 3),
    "B003": ("board.portfolio-holder", "low", 3), "B004": ("board.informed", "medium", 4),
    "B005": ("board.uptake-in-reports", "low", 4), "B006": ("board.course-goals", "medium", 5),
    "B007": ("board.course-in-force", "medium", 4),
    "M001": ("mandate.organisation-wide", "critical", 2), "M002": ("mandate.holder", "critical", 2),
    "M003": ("mandate.granted-by-leadership", "high", 3), "M004": ("mandate.announced", "medium", 3),
    "M005": ("mandate.demand-cooperation", "high", 3), "M006": ("mandate.make-proposals", "medium", 3),
    "M007": ("mandate.no-approval-per-change", "high", 3), "M008": ("mandate.act-on-online", "medium", 4),
    "M009": ("mandate.focus", "medium", 4), "M010": ("mandate.compact-team", "low", 4),
    "M011": ("mandate.written-decision", "low", 3), "M012": ("mandate.embedded", "low", 5),
    "M013": ("mandate.review", "low", 5), "M014": ("mandate.continuity", "low", 5),
    "M015": ("mandate.departmental-scope", "medium", 1), "M016": ("mandate.departmental-powers", "high", 1),
    "M017": ("mandate.departmental-approvals", "high", 1), "M018": ("mandate.departmental-time", "medium", 1),
    "C001": ("channels.online-owned-by-communicatie-only", "high", 3), "C002": ("channels.owner", "high", 2),
    "C003": ("channels.kcc-connected-to-online", "medium", 4), "C004": ("channels.promote-digital", "medium", 4),
    "C005": ("channels.assisted-digital", "high", 3), "C006": ("channels.satisfaction-measured", "low", 5),
    "O001": ("ownership.process-owner", "high", 2), "O002": ("ownership.owner-in-business", "medium", 4),
    "O003": ("ownership.triangle", "medium", 3), "O004": ("ownership.owner-load", "low", 4),
    "O005": ("ownership.service-norm", "medium", 4), "O006": ("ownership.redesign-with-users", "low", 5),
    "P001": ("processes.form-lands-in-system", "high", 3), "P002": ("processes.no-print", "medium", 4),
    "P003": ("processes.digital-intake", "medium", 2),
    "P004": ("processes.assisted-intake-lands-in-system", "low", 4),
    "P005": ("processes.online-intake-lands-in-system", "high", 3),
    "P006": ("processes.journey-redesigned", "low", 5), "P007": ("processes.status-online", "medium", 4),
    "F001": ("feedback.uptake-measured", "medium", 3), "F002": ("feedback.holder-sees-results", "medium", 4),
    "F003": ("feedback.digital-share", "low", 5), "F004": ("feedback.user-tested", "low", 5),
    "F005": ("feedback.kpis", "low", 2), "F006": ("feedback.service-norm-measured", "medium", 4),
    "J001": ("job.autonomy-and-feedback", "high", 4), "J002": ("job.motivating-potential", "medium", 5),
    "J003": ("job.survey-taken", "info", 5),
}
EXTRA = EXAMPLES / "checklists" / "rivierenstad-extra.yaml"


def test_builtin_has_every_rule_of_the_design(ruleset: RuleSet) -> None:
    actual = {r.id: (r.spec.name, r.severity, r.spec.level) for r in ruleset.rules.values()}
    assert actual == DESIGN_RULES
    for r in ruleset.rules.values():
        assert r.spec.dimension == r.spec.name.split(".")[0]


def test_python_checks_and_checklist_pair_up(ruleset: RuleSet) -> None:
    named = {r.spec.check.python for r in ruleset.rules.values() if isinstance(r.spec.check, PythonCheck)}
    assert named == set(REGISTRY)


def test_at_least_a_third_of_the_rules_are_declarative(ruleset: RuleSet) -> None:
    declarative = [r for r in ruleset.rules.values() if isinstance(r.spec.check, Query)]
    assert len(declarative) * 3 >= len(ruleset.rules)


def test_every_text_exists_in_both_languages(ruleset: RuleSet) -> None:
    for r in ruleset.rules.values():
        texts = [r.spec.title, r.spec.rationale, r.spec.advice, *r.spec.messages.values()]
        texts += [p.description for p in r.spec.params.values()]
        for text in texts:
            assert (text.nl.strip() and text.en.strip() and text.nl != text.en) or text.nl == "info", r.id


def test_every_rationale_gives_a_reason_beyond_what_it_quotes(ruleset: RuleSet) -> None:
    """A practitioner's words may support a rationale, never stand in for it: documents argue decisions with it."""
    for r in ruleset.rules.values():
        for lang in ("nl", "en"):
            own = re.sub(r'"[^"]*"', "", r.spec.rationale.get(lang)).strip(" .:")
            assert len(own) > 40, (r.id, lang, own)


def test_registry_refuses_a_second_check_for_an_id() -> None:
    with pytest.raises(RuntimeError, match="duplicate check for M007"):
        check("M007")(lambda ctx: [])


def test_extra_checklist_adds_rules_and_overrides(ruleset: RuleSet) -> None:
    rs = load_ruleset([EXTRA])
    assert {"RS001", "RS002", "RS003"} <= set(rs.rules)
    assert rs.rules["M014"].enabled is False
    assert rs.rules["F003"].params["min_digital_share"] == 0.7
    assert rs.rules["B003"].severity == "medium"
    assert rs.rules["B003"].changed_by == ("rivierenstad-extra",)
    assert "registry" in rs.dimensions


def extra_findings(patch: dict[str, object]) -> dict[str, list[str]]:
    rs = load_ruleset([EXTRA])
    text = yaml.safe_dump(apply_patch(base_org(), patch), sort_keys=False)
    result = audit_document(parse_document(text), rs)
    out: dict[str, list[str]] = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f"{f.entity}: {f.message_en}")
    return out


def test_extra_rules_fail_and_pass() -> None:
    base = extra_findings({})
    assert base == {"RS001": ["processes/parkeervergunning: Product Parkeervergunning does not refer to the UPL"]}
    found = extra_findings({
        "governance": {"sponsor": "klaas"},
        "systems": [{"id": "zaaksysteem", "owner": None}],
        "processes": [{"id": "parkeervergunning", "upl": "http://standaarden.overheid.nl/owms/terms/x"}],
    })
    assert found["RS002"] == ["governance: Sponsor Klaas Klaassen works in ICT, not in management"]
    assert found["RS003"] == ["systems/zaaksysteem: System Open Zaak has no owner"]
    assert "RS001" not in found


def test_override_changes_a_parameter() -> None:
    found = extra_findings({"processes": [{"id": "parkeervergunning", "volume": {"total": 100, "digital": 60}}]})
    assert found["F003"] == ["processes/parkeervergunning: For the product Parkeervergunning, 60% of requests come in digitally, less than 70% "
                             "(the checklist's own norm)"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "checklist: {id: mine, version: '1', title: {nl: Mijn, en: Mine}}\n"
RULE = """\
rules:
  - id: X001
    name: board.x
    dimension: board
    severity: low
    level: 3
    title: {nl: T, en: T}
    rationale: {nl: R, en: R}
    advice: {nl: A, en: A}
    sources: [{ref: T16}]
    messages: {m: {nl: M, en: M}}
    check:
      cases: [{when: "%s", message: m}]
"""


def load_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as info:
        load_ruleset([write(tmp_path, text)])
    return info.value.format("en")


def test_override_of_an_unknown_rule(tmp_path: Path) -> None:
    message = load_error(tmp_path, HEADER + "overrides:\n  M070: {enabled: false}\n")
    assert message == (f"{tmp_path}/extra.yaml:3:3: error: overrides.M070: there is no rule M070 to change\n"
                       "  hint: did you mean `M017`?")


def test_override_of_an_unknown_parameter(tmp_path: Path) -> None:
    message = load_error(tmp_path, HEADER + "overrides:\n  M010:\n    params: {max_holder: 3}\n")
    assert message == (f"{tmp_path}/extra.yaml:4:14: error: overrides.M010.params.max_holder: rule M010 has no "
                       "parameter `max_holder`\n  hint: did you mean `max_holders`?")


def test_rule_naming_a_python_check_that_does_not_exist(tmp_path: Path) -> None:
    text = HEADER + RULE.replace('      cases: [{when: "%s", message: m}]', "      python: X001")
    message = load_error(tmp_path, text)
    assert message == (f"{tmp_path}/extra.yaml:13:5: error: rules[0].check.python: there is no Python check named "
                       "X001\n  hint: write the condition as a query (`each`, `where`, `cases`) instead")


def test_rule_with_a_broken_query(tmp_path: Path) -> None:
    message = load_error(tmp_path, HEADER + RULE % "owner ==")
    assert message.startswith(f"{tmp_path}/extra.yaml:14:16: error: rules[0].check.cases[0].when: the query does "
                              "not parse: ")


def test_rule_with_an_unknown_parameter(tmp_path: Path) -> None:
    message = load_error(tmp_path, HEADER + RULE % "length(mandates) > $nope")
    assert message == (f"{tmp_path}/extra.yaml:14:16: error: rules[0].check.cases[0].when: the query uses $nope, which rule X001 does not "
                       "define\n  hint: define it under `params:`, or use $audit_date")


def test_rule_id_clash_with_builtin(tmp_path: Path) -> None:
    message = load_error(tmp_path, HEADER + (RULE % "true").replace("X001", "B001"))
    assert message == (f"{tmp_path}/extra.yaml:3:5: error: rules[0].id: rule B001 is already defined by checklist "
                       "`tip16`\n  hint: choose a new id, or change the existing rule under `overrides:`")


def test_builtin_dir_holds_the_checklist() -> None:
    assert (builtin_dir() / "tip16.yaml").is_file()


def test_a_query_ordering_text_against_a_number_is_null_not_a_crash(tmp_path: Path) -> None:
    rs = load_ruleset([write(tmp_path, HEADER + (RULE % "organisation.name < `5`"))])
    result = audit_document(parse_document(yaml.safe_dump(base_org())), rs)
    outcome = next(o for o in result.outcomes if o.rule == "X001")
    assert outcome.status == "passed"


def test_an_action_by_the_mandate_holder_comes_after_the_mandate(ruleset: RuleSet) -> None:
    """Issue 25, point 6: whoever acts as "the mandate holder" waits for the action that creates the mandate."""
    specs = {r.id: r.spec for r in ruleset.rules.values()}

    def waits_for(rule_id: str, seen: frozenset[str] = frozenset()) -> set[str]:
        direct = set(specs[rule_id].after)
        return direct.union(*(waits_for(a, seen | {rule_id}) for a in direct - seen if a in specs))

    holders = [i for i, s in specs.items()
               if s.role == "mandate_holder" or any(m.role == "mandate_holder" for m in s.by_message.values())]
    assert holders
    for rule_id in holders:
        assert "M001" in waits_for(rule_id), rule_id


def test_a_bundle_of_an_unknown_dimension_is_refused_where_it_is_named(tmp_path: Path) -> None:
    text = HEADER + ("bundles:\n  mine:\n    title: {nl: Mijn, en: Mine}\n    role: directie\n"
                     "    dimensions: [board, boards]\n")
    message = load_error(tmp_path, text)
    assert message == (f"{tmp_path}/extra.yaml:6:25: error: bundles.mine.dimensions[1]: unknown dimension `boards`\n"
                       "  hint: known dimensions: board, mandate, channels, ownership, processes, feedback, job; or "
                       "define it under `dimensions:`")
