"""What a new user trips on (issue 25): init, the default file, folders, option errors and mixed languages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from digimandate.cli.help import parse_error_text
from tests.conftest import EXAMPLES, audited

SMALL = EXAMPLES / "small-municipality.yaml"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    return CliRunner()


def test_init_comment_names_the_file_it_wrote(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init", "organisatie.yaml", "--lang", "nl"]).exit_code == 0
    assert Path("organisatie.yaml").read_text(encoding="utf-8").splitlines()[4] == \
        "# Controleer met: digimandate check organisatie.yaml"


def test_init_on_a_folder_writes_inside_it(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--lang", "nl"])
    assert result.exit_code == 0
    written = tmp_path / "organisatie.yaml"
    assert result.stderr == f"{written} geschreven\n"
    assert written.read_text(encoding="utf-8").splitlines()[4] == f"# Controleer met: digimandate check {written}"
    result = runner.invoke(app, ["init", str(tmp_path), "--lang", "en"])
    assert (tmp_path / "organisation.yaml").is_file()


def test_commands_without_a_file_find_organisatie_yaml(runner: CliRunner, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("organisatie.yaml").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    assert runner.invoke(app, ["validate", "--lang", "en"]).stdout.startswith("organisatie.yaml: valid (")
    assert runner.invoke(app, ["check", "--lang", "en"]).exit_code == 1
    assert runner.invoke(app, ["report", "-o", "-", "--lang", "en"]).stdout.startswith("# Advice report: ")


def test_validate_on_a_folder_says_check_audits_it(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path), "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr == (f"fout: {tmp_path} is een map; validate controleert één bestand\n"
                             f"  tip: noem een bestand in de map, of licht de hele map door met "
                             f"`digimandate check {tmp_path}`\n")


def test_option_errors_speak_plainly() -> None:
    assert parse_error_text("Invalid value for '--audience': Value error, 'x' is not one of 'directie', 'college'.",
                            "en") == "Invalid value for '--audience': 'x' is not one of 'directie', 'college'."
    assert parse_error_text("Invalid value for '--audience': Value error, 'x' is not one of 'directie', 'college'.",
                            "nl") == "Ongeldige waarde voor '--audience': 'x' is niet een van 'directie', 'college'."


def test_max_bytes_has_no_range_in_help_and_says_its_minimum(runner: CliRunner) -> None:
    help_text = runner.invoke(app, ["check", "--help"], terminal_width=200).stdout
    assert "x>=" not in help_text
    result = runner.invoke(app, ["check", str(SMALL), "--max-bytes", "0"], terminal_width=200)
    assert result.exit_code == 2
    assert "Invalid value for '--max-bytes': the value must be at least 1" in result.stderr


@pytest.mark.parametrize("command", ["check", "report", "memo"])
def test_help_names_folders_standard_input_and_the_default_file(runner: CliRunner, command: str) -> None:
    text = re.sub(r"[│\s]+", " ", runner.invoke(app, [command, "--help"]).stdout)
    assert "folder" in text
    assert "- reads standard input" in text
    assert "Without: organisation.yaml, or else organisatie.yaml." in text


def test_previous_that_is_not_a_result_says_what_was_expected(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "vorige.json"
    bad.write_text("nope\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(SMALL), "--previous", str(bad), "-o", str(tmp_path / "r.md"),
                                 "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{bad}:1:1: fout: geen digimandate-resultaat: dit is geen JSON, en verwacht was de JSON-uitvoer van een "
        "eerdere audit")


def test_junit_failure_text_is_in_one_language(runner: CliRunner) -> None:
    out = runner.invoke(app, ["check", str(SMALL), "-f", "junit", "--lang", "nl"]).stdout
    assert "[hoog]" in out
    assert "[high]" not in out


def test_a_folder_run_speaks_dutch_about_a_broken_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("schema_version: 1\norganisation: {name: X\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--lang", "nl"])
    assert f"{tmp_path / 'b.yaml'}:3:1: fout: YAML-syntaxfout: een komma of een sluitende accolade werd verwacht\n" in result.stderr
    assert os.path.isdir(tmp_path)


def test_explain_knows_the_rules_about_waivers(runner: CliRunner) -> None:
    out = runner.invoke(app, ["explain", "w003", "--lang", "en"]).stdout
    assert out.splitlines()[:2] == ["W003 waivers.stale", "A waiver matches no finding"]
    assert "  Remove the waiver; the finding is fixed, or the rule or entity no longer exists." in out


def test_validate_writes_one_as_one(runner: CliRunner, tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text("schema_version: 1\norganisation: {name: X, audit_date: 2026-11-01}\n"
                   "departments: [{id: a, name: A, function: kcc}]\n"
                   "people: [{id: p, name: P, department: a}]\n"
                   "processes: [{id: x, name: X}]\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", str(org), "--lang", "nl"]).stdout == (
        f"{org}: geldig (1 afdeling, 1 persoon, 0 mandaten, 0 kanalen, 0 systemen, 1 proces)\n")
    assert runner.invoke(app, ["validate", str(org), "--lang", "en"]).stdout == (
        f"{org}: valid (1 department, 1 person, 0 mandates, 0 channels, 0 systems, 1 process)\n")


@pytest.mark.parametrize("fmt", ["terminal", "json", "sarif", "junit", "github"])
def test_findings_name_a_mandate_by_its_topic(runner: CliRunner, fmt: str) -> None:
    """Issue 25, point 5: "website en e-formulieren" as the report says it, not the id website-en-formulieren."""
    out = runner.invoke(app, ["check", str(SMALL), "-f", fmt, "--lang", "nl"]).stdout
    quote = "\\\"" if fmt in ("json", "sarif") else "\""
    assert (f"Er is geen organisatiebreed mandaat: {quote}website en e-formulieren{quote} geldt niet voor "
            "de hele organisatie, maar voor een of enkele afdelingen") in out
    assert "mandaat website-en-formulieren" not in out
    assert ": website-en-formulieren geldt" not in out


def test_appendix_e_names_the_holders_roles(runner: CliRunner) -> None:
    out = runner.invoke(app, ["report", str(SMALL), "-o", "-", "--lang", "nl"]).stdout
    assert '**"website en e-formulieren":** Houder: Adviseur digitale dienstverlening (Communicatie)' in out
    assert "de houder van het mandaat" not in out.split("Bijlage F")[-1]


def test_counts_say_what_they_know(runner: CliRunner) -> None:
    """Issue 25, point 4: a product without a recorded volume is unknown, not 0; a form's action counts the forms."""
    nl = runner.invoke(app, ["report", str(SMALL), "-o", "-", "--lang", "nl"]).stdout
    # per department (appendix E): the volume of that department's products, what is known as known
    assert ("Dit geldt voor de producten Evenementenvergunning aanvragen en Melding openbare ruimte doen. (minstens 85 aanvragen per jaar; "
            "volume bekend van 1 van de 2) | laag / middel |") in nl
    assert ("wordt overgetypt. Dit geldt voor het product Parkeervergunning aanvragen. (210 digitale aanvragen per jaar) "
            "| hoog / groot |") in nl
    en = runner.invoke(app, ["report", str(SMALL), "-o", "-", "--lang", "en"]).stdout
    assert "(at least 85 requests a year; volume known for 1 of the 2)" in en
    assert "(210 digital requests a year)" in en


@pytest.mark.parametrize("example", ["small-municipality", "english-agency", "large-municipality"])
def test_the_mandate_holder_acts_after_the_mandate_is_given(ruleset: RuleSet, example: str) -> None:
    from digimandate.render.doc.actions import recommendations

    recs = recommendations(audited(EXAMPLES / f"{example}.yaml", ruleset))
    order = [rec.rule.id for rec in recs]
    for i, rec in enumerate(recs):
        if rec.role == "mandate_holder" and "M001" in order:
            assert order.index("M001") < i, (rec.rule.id, order)


def test_a_missing_audit_date_is_said_not_silently_today(runner: CliRunner, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    org = tmp_path / "org.yaml"
    org.write_text(SMALL.read_text(encoding="utf-8").replace("  audit_date: 2026-11-01\n", ""), encoding="utf-8")
    result = runner.invoke(app, ["check", str(org), "--lang", "nl"])
    assert result.stderr == (
        f"waarschuwing: {org} legt geen peildatum vast (organisation.audit_date); de audit gebruikt vandaag, "
        "2026-12-01\n  tip: leg de peildatum vast, dan geeft een latere run dezelfde uitkomst en noemen de "
        "documenten die datum\n")
    report = runner.invoke(app, ["report", str(org), "-o", "-", "--lang", "nl"]).stdout
    assert "1 december 2026 (niet vastgelegd in de beschrijving; de dag van de audit is gebruikt)" in report
    memo = runner.invoke(app, ["memo", str(org), "-o", "-", "--lang", "en"]).stdout
    assert "1 December 2026 (not recorded in the description; the day of the audit was used)" in memo
    recorded = runner.invoke(app, ["check", str(SMALL), "--lang", "nl"])
    assert "peildatum" not in recorded.stderr
