"""Every shipped example validates and audits; each shows what it is meant to show."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from digimandate.audit.flow import audit_file
from digimandate.audit.specs import RuleSet
from digimandate.model.document import load_document
from tests.conftest import EXAMPLES, SAMPLES

ORGS = [*sorted(EXAMPLES.glob("*.yaml")), EXAMPLES / "imported-municipality" / "organisation.yaml"]  # that one by import


def test_there_are_examples() -> None:
    assert {p.name for p in ORGS} >= {"small-municipality.yaml", "mature-municipality.yaml",
                                      "large-municipality.yaml", "english-agency.yaml"}


@pytest.mark.parametrize("path", ORGS, ids=[p.name for p in ORGS])
def test_example_validates_and_audits(path: Path, ruleset: RuleSet) -> None:
    result = audit_file(path, ruleset)
    assert result.errors == ()
    level = result.maturity.level
    assert (level is not None and 1 <= level <= 5) or result.maturity.reason in ("not_assessed",
                                                                                 "insufficient_evidence")


def rules_failed(path: Path, ruleset: RuleSet) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in audit_file(path, ruleset).findings:
        out.setdefault(f.rule, []).append(f.entity)
    return out


def test_small_municipality_shows_the_tips_problems(ruleset: RuleSet) -> None:
    failed = rules_failed(EXAMPLES / "small-municipality.yaml", ruleset)
    assert failed["C001"] == ["channels/website"]  # the website is Communicatie's domain only
    # its only mandate is departmental: M001 fails and the strength rules do not judge it (model v2)
    assert "M007" not in failed
    assert failed["P001"] == ["processes/parkeervergunning/intake/website"]  # form lands in a mailbox
    assert failed["O001"] == ["processes/melding-openbare-ruimte"]  # a process without owner
    assert "M001" in failed


def test_mature_municipality_has_no_findings(ruleset: RuleSet) -> None:
    result = audit_file(EXAMPLES / "mature-municipality.yaml", ruleset)
    assert result.findings == ()
    assert result.not_applicable == ()
    assert result.maturity.level == 5


def test_english_example_is_in_english(ruleset: RuleSet) -> None:
    result = audit_file(EXAMPLES / "english-agency.yaml", ruleset)
    assert result.language == "en"
    assert result.findings


def test_large_municipality_uses_real_upl_products() -> None:
    doc = load_document(EXAMPLES / "large-municipality.yaml")
    processes = doc.model.processes
    assert len(processes) >= 200
    upl = SAMPLES / "upl-sdg" / "UPL-actueel.csv"
    with upl.open(encoding="utf-8") as fh:
        municipal = {row["URI"]: row["UniformeProductnaam"] for row in csv.DictReader(fh) if row["Gemeente"] == "X"}
    for proc in processes:
        assert proc.upl in municipal, proc.upl
        assert proc.name.lower() == municipal[proc.upl].lower()


def test_large_municipality_lists_no_product_a_national_body_delivers() -> None:
    # the UPL marks Huurtoeslag and AOW for municipalities too (they inform about them); the SVB, the UWV, the
    # Belastingdienst, DUO and the IND deliver them, so a municipality's own list holds none of them
    names = {p.name for p in load_document(EXAMPLES / "large-municipality.yaml").model.processes}
    national = {"Huurtoeslag", "Zorgtoeslag", "Kinderopvangtoeslag", "AOW-uitkering", "Anw-uitkering",
                "Studiefinanciering", "WIA-uitkering", "Verblijfsvergunning", "Kadastrale gegevens kopie"}
    assert names & national == set()
    assert {"Bijzonderebijstandsuitkering", "Omgevingsvergunning", "Noodreisdocument"} <= names


def test_large_example_is_reproducible(tmp_path: Path) -> None:
    upl = SAMPLES / "upl-sdg" / "UPL-actueel.csv"
    import runpy
    import sys

    target = tmp_path / "large.yaml"
    argv = sys.argv
    sys.argv = ["make_large_example.py", str(upl), str(target)]
    try:
        runpy.run_path(str(EXAMPLES.parent / "scripts" / "make_large_example.py"), run_name="__main__")
    finally:
        sys.argv = argv
    assert target.read_text(encoding="utf-8") == (EXAMPLES / "large-municipality.yaml").read_text(encoding="utf-8")


def test_example_reactie_names_only_roles_of_the_organisation() -> None:
    """Whoever the shipped reactie makes owner of an action holds that role in the organisation file."""
    from digimandate.render.doc.stages import load_reactie

    model = load_document(EXAMPLES / "small-municipality.yaml").model
    roles = {p.title.casefold() for p in model.people if p.title}
    assert model.governance is not None and model.governance.portfolio_holder is not None
    roles.add(model.governance.portfolio_holder.casefold())
    reactie = load_reactie(EXAMPLES / "audit" / "small-municipality.reactie.yaml").spec
    owners = {a.owner.casefold() for r in reactie.responses for a in r.actions}
    assert owners and owners <= roles, owners - roles
    departments = {d.name.casefold() for d in model.departments}
    # an action that names a department names one the file has (no "Openbare Ruimte" that does not exist)
    assert "openbare ruimte" not in departments
    assert not any("hoofd openbare ruimte" in a.action.casefold() for r in reactie.responses for a in r.actions)
