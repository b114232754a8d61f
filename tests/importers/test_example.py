"""The example built by `import`: reproducible from the samples, and audited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digimandate.audit.specs import RuleSet
from digimandate.importers.api import ImportRequest, run_import
from digimandate.importers.report import markdown
from tests.conftest import EXAMPLES, ROOT, audited
from tests.importers.builders import OPENFORMS, UPL, ZGW_API, ZGW_FIXTURE

FOLDER = EXAMPLES / "imported-municipality"
SOURCES = [OPENFORMS / "simple_form_2.zip", OPENFORMS / "dynamische-keuzelijsten.zip", OPENFORMS / "children-flow.zip",
           ZGW_API, ZGW_FIXTURE, f"upl:{UPL}"]


def test_the_imported_file_and_report_are_exactly_what_import_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the report names the files as given, relative to the repository
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")  # 2026-11-01: the date each source was obtained
    imp = run_import(ImportRequest([str(s) for s in SOURCES], Path("examples/imported-municipality/organisation.yaml"),
                             select=("paspoort", "parkeervergunning", "afvalcontainer"), concept=True, internal=True))
    assert imp.text == (FOLDER / "imported.yaml").read_text(encoding="utf-8")
    assert imp.include_missing is None
    report = markdown(imp, "nl")  # the golden file of the Markdown report
    golden = FOLDER / "importverslag.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(report, encoding="utf-8")
    assert report == golden.read_text(encoding="utf-8"), "importverslag.md differs; UPDATE_GOLDEN=1 regenerates"


def test_the_example_audits_with_the_imported_processes(ruleset: RuleSet) -> None:
    kept = audited(FOLDER / "organisation.yaml", ruleset)
    result = kept.result
    assert result.errors == ()
    procs = {p.id: p for p in kept.model.processes}
    assert len(procs) == 11
    assert procs["aanvraag-financiele-ondersteuning-ondernemers-behandelen-v4"].department == "inkomen"
    assert procs["paspoort"].upl == "http://standaarden.overheid.nl/owms/terms/paspoort"
    # owners stay human: every imported process is reported without one
    assert {f.entity for f in result.findings if f.rule == "O001"} == {f"processes/{i}" for i in procs}
    assert all(f.location.file.endswith("imported.yaml") for f in result.findings if f.rule == "O001")
