"""Declarative rules: compiled once per active rule, run at the audit date of each run."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Any

import jmespath
import pytest
import yaml
from typer.testing import CliRunner

from digimandate.audit import checklist, query
from digimandate.audit.cases import apply_patch, base_org
from digimandate.audit.checklist import load_ruleset, override_rule
from digimandate.audit.flow import audit_document
from digimandate.audit.query import compile_rule, run_query
from digimandate.audit.rules.api import NotApplicable
from digimandate.audit.specs import ActiveRule, Override, RuleSet
from digimandate.audit.view import build_view
from digimandate.cli.app import app
from digimandate.errors import Notice, UsageError
from digimandate.model.document import parse_document
from tests.conftest import EXAMPLES

AUTUMN, SUMMER = date(2026, 11, 1), date(2027, 6, 1)


def view_with(patch: dict[str, Any]) -> dict[str, Any]:
    """The resolved view of the base organisation with ``patch`` applied."""
    return build_view(parse_document(yaml.safe_dump(apply_patch(base_org(), patch), sort_keys=False)))


REPORTED_IN_JANUARY = {"governance": {"reporting": {"last_report": date(2026, 1, 1)}}}


def hits(rule: ActiveRule, view: dict[str, Any], when: date) -> list[tuple[str, dict[str, Any]]]:
    """The messages and the values the query adds (age, last) of one run."""
    try:
        return [(h.message, {k: h.args[k] for k in ("age", "last") if k in h.args}) for h in run_query(rule, view, when)]
    except NotApplicable:
        return [("not applicable", {})]


def test_the_built_in_checklist_is_merged_once_and_each_caller_gets_its_own_copy(counted: list[str]) -> None:
    checklist._merged_builtin.cache_clear()
    first = load_ruleset()
    compiled = len(counted)
    second = load_ruleset()
    assert len(counted) == compiled > 30  # the second load compiled nothing
    assert second.rules == first.rules and second is not first
    second.rules.pop("B004")
    second.notices.append(Notice("checklist_empty_rung", {}))
    second.checklists.clear()
    third = load_ruleset()
    assert "B004" in third.rules and not third.notices and third.checklists == first.checklists


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every expression compiled from now on."""
    seen: list[str] = []
    compile_query = query.compile_query

    def counting(node: dict[str, Any], *args: Any) -> Any:
        seen.append(node["type"])
        return compile_query(node, *args)

    monkeypatch.setattr(query, "compile_query", counting)
    return seen


def test_the_rules_compiled_while_loading_are_reused_by_every_run(counted: list[str]) -> None:
    checklist._merged_builtin.cache_clear()  # loaded before in this process: compiled then
    ruleset = load_ruleset()
    compiled_at_load = len(counted)
    assert compiled_at_load > 30
    doc = parse_document((EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8"))
    first = audit_document(doc, ruleset)
    second = audit_document(doc, ruleset)
    assert len(counted) == compiled_at_load  # not one expression compiled again
    assert first.findings == second.findings and first.findings
    rule = ruleset.rules["B004"]
    assert compile_rule(rule) is compile_rule(rule, AUTUMN) is compile_rule(rule, SUMMER)


def test_age_days_counts_to_the_audit_date_of_each_run(ruleset: RuleSet) -> None:
    rule, view = ruleset.rules["B004"], view_with(REPORTED_IN_JANUARY)
    assert hits(rule, view, AUTUMN) == []  # 304 days: within the 365 allowed
    assert hits(rule, view, SUMMER) == [("too_old", {"age": 516, "last": "2026-01-01"})]
    assert hits(rule, view, AUTUMN) == []  # the shared compiled rule takes each run's date


def test_an_override_compiles_anew_and_leaves_the_original_alone(ruleset: RuleSet) -> None:
    original = ruleset.rules["B004"]
    stricter = override_rule(original, Override(params={"max_report_age_days": 100}), "config")
    view = view_with(REPORTED_IN_JANUARY)
    assert hits(stricter, view, AUTUMN) == [("too_old", {"age": 304, "last": "2026-01-01"})]
    assert hits(original, view, AUTUMN) == []
    assert compile_rule(stricter) is not compile_rule(original)


def test_a_parameter_changed_in_place_is_not_run_from_the_old_compiled_form(ruleset: RuleSet) -> None:
    rule = override_rule(ruleset.rules["B004"], Override(params={"max_report_age_days": 100}), "config")
    view = view_with(REPORTED_IN_JANUARY)
    assert hits(rule, view, AUTUMN) == [("too_old", {"age": 304, "last": "2026-01-01"})]
    rule.params["max_report_age_days"] = 400  # ActiveRule is frozen, its dict is not: the cache guards against it
    assert hits(rule, view, AUTUMN) == []


CHECKLIST = """\
checklist: {id: mine, version: '1', title: {nl: Mijn, en: Mine}}
rules:
  - id: X001
    name: board.reported-today
    dimension: board
    severity: low
    level: 3
    title: {nl: T, en: T}
    rationale: {nl: R, en: R}
    advice: {nl: A, en: A}
    sources: [{ref: T16}]
    messages: {m: {nl: M, en: M}}
    check:
      cases: [{when: "governance.reporting.last_report == $audit_date", message: m}]
"""


def test_a_query_using_the_audit_date_is_compiled_once_per_date(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(CHECKLIST, encoding="utf-8")
    rule = load_ruleset([path], builtin=True).rules["X001"]
    view = view_with({"governance": {"reporting": {"last_report": AUTUMN}}})
    assert [m for m, _ in hits(rule, view, AUTUMN)] == ["m"]
    assert hits(rule, view, SUMMER) == []
    assert [m for m, _ in hits(rule, view, AUTUMN)] == ["m"]
    assert compile_rule(rule, AUTUMN) is compile_rule(rule, AUTUMN) is not compile_rule(rule, SUMMER)


def test_a_compiled_rule_is_dropped_with_its_rule(ruleset: RuleSet) -> None:
    rule = override_rule(ruleset.rules["B004"], Override(params={"max_report_age_days": 7}), "config")
    compile_rule(rule)
    key = id(rule)
    assert key in query._CACHE.entries
    del rule
    gc.collect()
    assert key not in query._CACHE.entries


def test_another_jmespath_major_stops_loading_the_checklist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jmespath, "__version__", "2.0.0")
    checklist._merged_builtin.cache_clear()  # merged before in this process, with the real version
    with pytest.raises(UsageError) as info:
        load_ruleset()
    assert info.value.key == "jmespath_version"
    result = CliRunner().invoke(app, ["check", str(EXAMPLES / "small-municipality.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: jmespath 2.0.0 is installed (")
    assert "Traceback" not in result.output
