"""The organisation's own goals and dates (tip16 2.2): laws in force, an expired course, the goals it set itself."""

from __future__ import annotations

from datetime import date

from digimandate.audit.flow import audit_document
from digimandate.audit.specs import RuleSet
from digimandate.model.document import parse_document

OLD = """\
schema_version: 1
organisation: {name: Gemeente Oud, type: gemeente, audit_date: %s}
departments:
  - {id: kcc, name: Klantcontactcentrum, function: kcc}
channels:
  - {id: telefoon, name: "14 0123", type: phone, owner: kcc, assisted_digital: false}
"""


def test_a_norm_with_a_legal_source_does_not_apply_before_the_law_came_into_force(ruleset: RuleSet) -> None:
    assert ruleset.rules["C005"].spec.in_force_from == "2024-01-01"
    before = audit_document(parse_document(OLD % "2007-06-01"), ruleset)
    assert next(o for o in before.outcomes if o.rule == "C005").status == "not_applicable"
    on_the_day = audit_document(parse_document(OLD % "2024-01-01"), ruleset)
    assert next(o for o in on_the_day.outcomes if o.rule == "C005").status == "failed"


def test_every_rule_that_cites_a_law_in_force_from_a_date_carries_that_date(ruleset: RuleSet) -> None:
    for active in ruleset.rules.values():
        spec = active.spec
        dates = {ruleset.sources[s.ref].in_force for s in spec.sources
                 if s.ref in ruleset.sources and ruleset.sources[s.ref].in_force}
        if dates:
            assert spec.in_force_from == max(d for d in dates if d), spec.id


VISION = """\
schema_version: 1
organisation: {name: Gemeente Doel, type: gemeente, audit_date: 2026-11-01}
governance:
  vision:
    title: Dienstverleningsvisie 2022-2025
    adopted_by: raad
    valid_until: 2025-12-31
    goals: [{text: 80% digitaal in 2026, digital_share: 0.8, by: 2026-07-01}]
departments:
  - {id: pz, name: Publiekszaken, function: publiekszaken}
channels:
  - {id: web, name: www.doel.nl, type: website, owner: pz}
processes:
  - {id: a, name: Parkeervergunning, intake: [{channel: web}], volume: {total: 700, digital: 500}}
  - {id: b, name: Evenementenvergunning, intake: [{channel: web}], volume: {total: 300, digital: 70}}
"""


def test_an_expired_vision_is_reported_as_expired_and_the_own_goal_is_tested_first(ruleset: RuleSet) -> None:
    result = audit_document(parse_document(VISION), ruleset)
    (b002,) = [f for f in result.findings if f.rule == "B002"]
    assert b002.message_key == "expired" and b002.basis == "observed"
    assert "liep tot 2025-12-31" in b002.message_nl
    f003 = {f.message_key: f for f in result.findings if f.rule == "F003"}
    # 570 of 1000 requests digital (57%) against the organisation's own 80%
    assert f003["own_goal_missed"].message_nl == (
        'Van alle getelde aanvragen komt 57% digitaal binnen; het eigen doel van de organisatie is 80% '
        '("80% digitaal in 2026")')


def _documents(text: str, written: date) -> tuple[str, str]:
    from digimandate.audit.checklist import load_ruleset
    from digimandate.render.common import Audited
    from digimandate.render.doc.common import DocContext
    from digimandate.render.doc.memo import build_memo
    from digimandate.render.doc.report import build_report
    from digimandate.render.doc.to_markdown import render_markdown

    doc = parse_document(text)
    rules = load_ruleset()
    a = Audited(audit_document(doc, rules), rules, doc.model)
    ctx = DocContext("nl", written)
    return render_markdown(build_report(a, ctx)), render_markdown(build_memo(a, ctx, "directie"))


MANDATE = VISION + """\
people:
  - {id: eva, name: Eva Smit, department: pz}
mandates:
  - {id: digitaal, holders: [eva], scope: organisation, granted_by: directie, review_on: 2027-01-15}
"""


def test_a_mandate_review_before_the_follow_up_audit_is_said() -> None:
    report, memo = _documents(MANDATE, date(2026, 11, 15))
    said = ("Het organisatiebrede mandaat wordt volgens het besluit op 15 januari 2027 herzien, vóór het "
            "vervolgonderzoek op")
    assert said in report and said in memo
    later = MANDATE.replace("review_on: 2027-01-15", "review_on: 2028-01-15")
    assert said.split(" op ")[0] not in "".join(_documents(later, date(2026, 11, 15)))


def test_a_peildatum_more_than_a_year_before_the_report_is_named_in_the_method() -> None:
    named = "ligt meer dan een jaar vóór de datum van dit rapport"
    assert named not in _documents(VISION, date(2027, 11, 1))[0]  # exactly a year: still current
    report = _documents(VISION, date(2027, 11, 2))[0]
    assert ("De peildatum, 1 november 2026, ligt meer dan een jaar vóór de datum van dit rapport (2 november 2027)."
            in report)
