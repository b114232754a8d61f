"""Maturity model v2: the verdicts issue 13 asks for, on the shipped examples and on written files."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from typer.testing import CliRunner

from digimandate.audit.checklist import load_ruleset
from digimandate.audit.config import Waiver, WaiverSpec
from digimandate.audit.flow import audit_file
from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from digimandate.cli.settings import AuditOptions, resolve
from digimandate.errors import Location
from digimandate.model.document import parse_document
from digimandate.render.common import Audited
from digimandate.render.documents import DocOptions, maturity_chart, memo, report
from tests.conftest import EXAMPLES, ROOT, SAMPLES, audited, audited_text, yaml_text

MATURE = EXAMPLES / "mature-municipality.yaml"
SMALL = EXAMPLES / "small-municipality.yaml"
LARGE = EXAMPLES / "large-municipality.yaml"
WRITTEN = date(2026, 11, 2)
VERSION = "2.5.0"  # the built-in checklist's; test_checklist_version_is_the_one_these_tests_know keeps it true


def audit_text(text: str, ruleset: RuleSet) -> Audited:
    return audited_text(text, ruleset, today=date(2026, 11, 1))


def mature_data() -> dict[str, object]:
    # LibYAML's parser where PyYAML has it: the same data as yaml.safe_load, several times faster
    data: dict[str, object] = yaml.load(MATURE.read_text(encoding="utf-8"),
                                        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def test_builtin_checklist_has_a_rule_on_every_rung(ruleset: RuleSet) -> None:
    graded = [n for n, d in ruleset.dimensions.items() if d.graded]
    assert graded == ["board", "mandate", "channels", "ownership", "processes", "feedback"]
    for name in graded:
        levels = {r.spec.level for r in ruleset.rules.values() if r.spec.dimension == name}
        assert {2, 3, 4, 5} <= levels, name
    assert ruleset.empty_rungs() == []
    assert not ruleset.dimensions["job"].graded


def test_a_custom_checklist_with_an_empty_rung_warns_at_load(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("""\
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
    assert ("website", 3) in rs.empty_rungs()
    assert capsys.readouterr().err == ""  # returned, not printed: the command line says it in the user's language
    assert [n.format("en") for n in rs.notices] == [
        "warning: checklist eigen: dimension website has no rule at level 3; it cannot rise above level 2"]
    assert [n.format("nl") for n in rs.notices] == [
        "waarschuwing: checklist eigen: dimensie website heeft geen regel op niveau 3; die dimensie komt niet boven "
        "niveau 2"]
    assert load_ruleset().notices == []
    result = audit_file(MATURE, rs)
    dim = result.maturity.dimensions["website"]
    assert (dim.level, dim.reason, dim.reason_level) == (2, "level_not_assessed", 3)


def test_a_file_without_channels_and_processes(ruleset: RuleSet) -> None:
    data = mature_data()
    data["channels"] = []
    data["systems"] = []
    data["processes"] = []
    a = audit_text(yaml_text(data), ruleset)
    result = a.result
    dims = result.maturity.dimensions
    for name in ("channels", "ownership", "processes"):
        assert (dims[name].level, dims[name].reason) == (None, "not_assessed"), name
    assert result.maturity.graded().keys() == {"board", "mandate", "feedback"}
    text = memo(a, DocOptions(lang="nl", written=WRITTEN))
    core = text.split("## Kernboodschap\n\n", 1)[1].split("\n", 1)[0]
    for title in ("Kanalen", "Eigenaarschap", "Processen"):
        assert title not in core  # never "the strongest"
    assert "- **Kanalen**: niveau –, score n.v.t.; niet getoetst" in text
    svg = ElementTree.fromstring(maturity_chart(a, "nl"))
    ns = "{http://www.w3.org/2000/svg}"
    italic = [t.text for t in svg.iter(f"{ns}text") if t.get("font-style") == "italic"]
    assert italic == ["niet getoetst"] * 3
    bars = [r for r in svg.iter(f"{ns}rect") if r.get("stroke") == "#000000"]
    assert len(bars) == sum(d.level or 0 for d in dims.values())


def test_every_rule_waived_changes_only_exit_code_and_presentation(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    org = tmp_path / "organisation.yaml"
    org.write_bytes(SMALL.read_bytes())
    plain = audit_file(org, load_ruleset(), today=date(2026, 11, 1))
    waivers = tuple(
        Waiver(WaiverSpec(rule=rule, entity="*", reason="accepted-risk", justification="alles",
                          owner="directie", approved_by="college", expires=date(2027, 10, 31)),
               Location(str(org), 1, 1), i)
        for i, rule in enumerate(sorted({f.rule for f in plain.findings})))
    rules = load_ruleset()
    kept = audited(org, rules, today=date(2026, 11, 1), waivers=waivers)
    waived = kept.result
    assert waived.findings == () and len(waived.waived) == len(plain.findings)
    assert waived.maturity == plain.maturity  # level, score, coverage and evidence as found
    assert waived.maturity.level == 1
    text = memo(kept, DocOptions(lang="en", written=WRITTEN))
    assert "No decisions are needed" not in text
    assert "1. Drop the approval per change under the departmental mandate" in text


def test_a_waiver_beyond_max_waiver_days_is_refused(ruleset: RuleSet) -> None:
    from digimandate.errors import InputError

    waiver = Waiver(WaiverSpec(rule="M001", entity="mandates", reason="accepted-risk", justification="later",
                               owner="directie", approved_by="college", expires=date(2099, 1, 1)),
                    Location("config.yaml", 3, 5), 0)
    with pytest.raises(InputError):
        audit_file(SMALL, ruleset, today=date(2026, 11, 1), waivers=(waiver,))


def test_every_rule_disabled_has_no_level(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    org = tmp_path / "organisation.yaml"
    org.write_bytes(MATURE.read_bytes())
    settings = resolve(org, AuditOptions(select=("B",), ignore=("B", "M", "C", "O", "P", "F", "J")))
    result = audit_file(org, settings.ruleset)
    assert result.maturity.level is None
    assert result.maturity.reason == "not_assessed"
    assert all(d.level is None for d in result.maturity.dimensions.values())


def test_a_departmental_mandate_beside_the_organisation_wide_one(ruleset: RuleSet) -> None:
    data = mature_data()
    mandates = data["mandates"]
    assert isinstance(mandates, list)
    mandates.append({"id": "sociale-media", "topic": "sociale media", "holders": ["fatima"],
                     "scope": "departments", "departments": ["kcc"], "granted_by": "manager",
                     "announced": False, "powers": {"make_proposals": False, "demand_cooperation": False},
                     "needs_approval_from": ["manager"], "fte": 0.1})
    before = audit_file(MATURE, ruleset)
    after = audit_text(yaml_text(data), ruleset)
    assert after.result.maturity.level == before.maturity.level == 5
    assert [f for f in after.result.findings if f.entity.startswith("mandates/sociale-media")] == []
    assert "opnieuw verlenen" not in memo(after, DocOptions(lang="nl", written=WRITTEN))


def test_large_example_reports_ownership_coverage(ruleset: RuleSet) -> None:
    a = audited(LARGE, ruleset)
    cov = a.result.maturity.coverage
    assert cov is not None
    assert (cov["O001"].applicable, cov["O001"].passed, cov["O001"].met) == (240, 222, False)
    text = report(a, DocOptions(lang="nl", written=WRITTEN))
    assert "- O001 Elk product heeft een proceseigenaar: 222 van 240 (92%)" in text


def test_sixteen_of_240_without_owner_weighs_by_coverage(ruleset: RuleSet, tmp_path: Path) -> None:
    from digimandate.audit.cases import base_org

    data = base_org()
    template = data["processes"][0]
    procs = []
    for i in range(240):
        proc = copy.deepcopy(template)
        proc["id"] = f"product-{i}"
        proc["name"] = f"Product {i}"
        if i < 16:
            del proc["owner"]
        procs.append(proc)
    data["processes"] = procs
    text = yaml_text(data)
    result = audit_text(text, ruleset).result
    o001 = next(o for o in result.outcomes if o.rule == "O001")
    assert len(o001.findings) == 16  # every failing product is still a finding
    cov = result.maturity.coverage
    assert cov is not None and (cov["O001"].applicable, cov["O001"].passed) == (240, 224)
    all_missing = copy.deepcopy(data)
    for proc in all_missing["processes"]:
        proc.pop("owner", None)
    worse = audit_text(yaml_text(all_missing), ruleset).result
    own, own_worse = result.maturity.dimensions["ownership"], worse.maturity.dimensions["ownership"]
    assert own.score is not None and own_worse.score is not None and own.score > own_worse.score
    # a checklist that accepts 90% coverage meets the rule, and the ladder follows
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text('checklist: {id: lenient, version: "1", title: {nl: Soepel, en: Lenient}}\n'
                       "overrides:\n  O001: {params: {min_coverage: 0.9}}\n"
                       "  O004: {params: {max_processes_per_owner: 300}}\n", encoding="utf-8")
    met = audit_text(text, load_ruleset([lenient])).result
    assert met.maturity.coverage is not None and met.maturity.coverage["O001"].met
    assert met.maturity.dimensions["ownership"].level == 5
    assert result.maturity.dimensions["ownership"].level == 1  # strict: 224 of 240 does not meet O001


THIN = """\
schema_version: 1
organisation: {name: Gemeente Dunbestand, type: gemeente, audit_date: 2026-11-01}
governance: {portfolio_holder: Wethouder Dienstverlening}
departments:
  - {id: kcc, name: Klantcontactcentrum, function: kcc}
  - {id: burgerzaken, name: Burgerzaken, function: publiekszaken}
people:
  - {id: eva, name: Eva Smit, department: kcc}
mandates:
  - {id: digitaal, holders: [eva], scope: organisation, granted_by: directie}
channels:
  - {id: website, name: www.dunbestand.nl, type: website}
  - {id: balie, name: Balie, type: counter}
processes:
  - {id: paspoort, name: Paspoort, department: burgerzaken}
  - {id: rijbewijs, name: Rijbewijs, department: burgerzaken}
  - {id: afval, name: Grofvuil ophalen, department: burgerzaken}
"""


def test_a_thin_file_gives_no_level_and_leads_with_facts_to_collect(ruleset: RuleSet) -> None:
    a = audit_text(THIN, ruleset)
    result = a.result
    m = result.maturity
    assert m.level is None and m.reason == "insufficient_evidence"
    share = m.evidence.share
    assert share is not None and share < 0.5
    # every fact a rule needs is left out here, so nothing is called observed (tip16 2.2)
    assert not any(f.basis == "observed" for f in result.findings)
    nl = memo(a, DocOptions(lang="nl", written=WRITTEN))
    assert "onvoldoende gegevens om een niveau vast te stellen" in nl
    assert "Ad hoc" not in nl
    headings = [line for line in nl.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["## Kernboodschap", "## Eerst te verzamelen gegevens"]
    doc = report(a, DocOptions(lang="en", written=WRITTEN))
    assert "No maturity level can be established for Gemeente Dunbestand yet: only " in doc
    assert "of the checks rest on recorded facts, and at least 50% is needed." in doc
    # nobody is asked to decide on a fact that is merely not recorded
    decisions = nl.split("## Beslispunten", 1)[1].split("## ", 1)[0]
    assert "mandates/" not in decisions and "toestemming" not in decisions
    assert "### Facts to collect first" in doc


def test_findings_tell_observed_from_not_recorded(ruleset: RuleSet) -> None:
    result = audit_file(SMALL, ruleset)
    basis = {(f.rule, f.message_key): f.basis for f in result.findings}
    assert basis[("C001", "communicatie_only")] == "observed"
    assert basis[("B001", "not_recorded")] == "not_recorded"
    # the basis follows the fact, and the message says which: "niet vastgelegd" only when it is left out
    for f in result.findings:
        assert ("vastgelegd" in f.message_nl) == (f.basis == "not_recorded"), (f.rule, f.message_nl)


def test_every_v1_example_and_readme_file_still_validates() -> None:
    from digimandate.model.document import load_document

    for path in sorted(EXAMPLES.glob("*.yaml")):
        load_document(path)
    single = THIN.replace("governance: {portfolio_holder: Wethouder Dienstverlening}",
                          "governance: {vision: {title: Koers, adopted_by: college}}")
    assert parse_document(single).model.governance.vision.adopters() == ["college"]  # type: ignore[union-attr]


def test_previous_result_of_another_checklist_version_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    before = json.loads(runner.invoke(app, ["check", str(SMALL), "-f", "json", "--lang", "en"]).stdout)
    before["checklists"] = [{"id": "tip16", "version": "1.0.0"}]
    previous = tmp_path / "previous.json"
    previous.write_text(json.dumps(before), encoding="utf-8")
    result = runner.invoke(app, ["memo", str(SMALL), "--previous", str(previous), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stderr == ("warning: the earlier result was audited with checklist tip16 1.0.0, this one with "
                             f"{VERSION}; levels and findings are not directly comparable\n")
    for same in ("2.5.1", "2.5.0", "2.5.7"):  # a patch version changes words, not judgements (the checklist's changes)
        before["checklists"] = [{"id": "tip16", "version": same}]
        previous.write_text(json.dumps(before), encoding="utf-8")
        assert runner.invoke(app, ["memo", str(SMALL), "--previous", str(previous)]).stderr == "", same
    for other in ("2.4.4", "3.5.1", "2.5"):
        before["checklists"] = [{"id": "tip16", "version": other}]
        previous.write_text(json.dumps(before), encoding="utf-8")
        assert runner.invoke(app, ["memo", str(SMALL), "--previous", str(previous), "--lang", "en"]).stderr == (
            f"warning: the earlier result was audited with checklist tip16 {other}, this one with {VERSION}; levels and "
            "findings are not directly comparable\n"), other


def test_report_names_staff_only_when_asked(ruleset: RuleSet) -> None:
    result = audited(EXAMPLES / "english-agency.yaml", ruleset)
    holders = [p.name for p in result.model.people if any(p.id in (m.holders or []) for m in result.model.mandates)]
    assert holders
    plain = report(result, DocOptions(lang="en", written=WRITTEN))
    named = report(result, DocOptions(lang="en", written=WRITTEN, names=True))
    section = plain.split("## Job design", 1)[1]
    assert not any(name in section for name in holders)
    # the role, not the person; one holder is "Holder", not "Holders"
    assert "Holder: Head of Digital Services (Contact Centre)" in section and "Holders:" not in section
    assert any(name in named.split("## Job design", 1)[1] for name in holders)
    board = memo(result, DocOptions(lang="en", written=WRITTEN))
    assert not any(name in board for name in holders)


SEED = SAMPLES / "seed"


def _seed_text() -> str:
    files = sorted(SEED.glob("*.txt"))
    assert files, "the seed text is in tests/data/samples/seed"
    return " ".join(files[0].read_text(encoding="utf-8").split())


def test_tip16_quotes_are_exact_and_attributed_to_the_next_speaker_card(ruleset: RuleSet) -> None:
    seed = _seed_text()
    cards = [(m.start(), m.group(1)) for m in re.finditer(r"(Gemeente [A-Z][a-z]+) Meer tips van", seed)]
    for rule in ruleset.rules.values():
        for src in rule.spec.sources:
            if src.ref != "T16" or src.quote is None:
                continue
            at = seed.find(src.quote)
            assert at >= 0, (rule.id, src.quote)
            if src.attribution is not None:
                following = next(name for pos, name in cards if pos > at)
                assert following == src.attribution, (rule.id, src.quote)


def test_every_source_is_checkable(ruleset: RuleSet) -> None:
    for rule in ruleset.rules.values():
        for src in rule.spec.sources:
            info = ruleset.sources[src.ref]
            assert info.url or src.quote or info.own_norm or src.ref == "JCM", (rule.id, src.ref)
            if info.own_norm:
                assert src.note is not None, (rule.id, "an own norm gives its reasoning")
    law = ruleset.sources["AWB21"]
    assert law.article and law.text and law.in_force == "2024-01-01"
    c005 = ruleset.rules["C005"]
    assert (c005.severity, c005.spec.level, [s.ref for s in c005.spec.sources]) == ("high", 3, ["AWB21"])


def test_own_norms_are_labelled_in_the_reader_s_language(ruleset: RuleSet) -> None:
    from digimandate.render import rules_doc

    assert "- OWN: eigen norm van de checklist" in rules_doc.explain(ruleset, "M013", "nl")
    assert "- OWN: the checklist's own norm" in rules_doc.explain(ruleset, "M013", "en")


def test_thresholds_have_a_rationale_and_texts_read_the_parameter(ruleset: RuleSet) -> None:
    for rule in ruleset.rules.values():
        spec = rule.spec
        for key, param in spec.params.items():
            assert param.rationale is not None, (rule.id, key)
            texts = [spec.title, spec.advice, *(spec.messages.values()), *([spec.decision] if spec.decision else [])]
            default = param.default
            if isinstance(default, bool) or key == "min_coverage":
                continue
            shown = {str(default), f"{default:g}" if isinstance(default, float) else str(default)}
            if isinstance(default, float) and default < 1:
                shown.add(f"{default:.0%}")
            for text in texts:
                for lang_text in (text.nl, text.en):
                    words = set(re.findall(r"[0-9][0-9.,%]*", lang_text))
                    assert not (shown & words), (rule.id, key, lang_text)


def test_explain_shows_level_coverage_rule_and_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    out = CliRunner().invoke(app, ["explain", "O001", "--lang", "en"]).stdout
    assert "level: 2 (Assigned)" in out
    assert "Met when at least 100% of the entities it applies to pass (min_coverage 1.0)" in out
    assert "- T16: Optimaal Digitaal, tip 16" in out and "(Gemeente Rotterdam)" in out


def test_json_result_carries_coverage_evidence_and_basis(monkeypatch: pytest.MonkeyPatch) -> None:
    import jsonschema

    monkeypatch.chdir(ROOT)
    data = json.loads(CliRunner().invoke(app, ["check", str(MATURE), "-f", "json"]).stdout)
    schema = json.loads((ROOT / "digimandate" / "model" / "schemas" / "result-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["checklists"] == [{"id": "tip16", "version": VERSION}]
    assert data["evidence"]["checks"] == data["evidence"]["decided_by_recorded_facts"] > 0
    assert all(c["met"] for c in data["coverage"].values())
    assert data["maturity"]["dimensions"]["board"]["assessed_levels"] == [2, 3, 4, 5]


def test_report_names_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    plain = runner.invoke(app, ["report", str(EXAMPLES / "english-agency.yaml"), "--lang", "en"]).stdout
    named = runner.invoke(app, ["report", str(EXAMPLES / "english-agency.yaml"), "--lang", "en", "--names"]).stdout
    assert plain != named and "Holder: Head of Digital Services (Contact Centre)" in plain


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency",
                                     "mature-municipality"])
def test_no_person_is_named_in_a_memo(ruleset: RuleSet, example: str) -> None:
    result = audited(EXAMPLES / f"{example}.yaml", ruleset)
    people = [p.name for p in result.model.people]
    for lang in ("nl", "en"):
        text = memo(result, DocOptions(lang=lang, written=WRITTEN))
        assert [n for n in people if n in text] == [], (example, lang)


def test_memo_says_when_the_norms_were_changed(ruleset: RuleSet) -> None:
    extra = EXAMPLES / "checklists" / "rivierenstad-extra.yaml"
    result = audited(SMALL, load_ruleset([extra]))
    text = memo(result, DocOptions(lang="en", written=WRITTEN))
    assert ("The norms were adapted for this audit (switched off or with other thresholds): "
            "A member of the executive holds the portfolio, The organisation-wide mandate has a deputy, "
            "The digital share meets its target where the target fits; set by rivierenstad-extra.") in text
    assert "norms were adapted" not in memo(audited(SMALL, ruleset), DocOptions(lang="en", written=WRITTEN))
