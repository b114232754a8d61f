"""The CLI end to end through Typer's runner: outputs, exit codes and the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.model.schemas import RESULT_SCHEMA
from tests.conftest import EXAMPLES

SMALL = str(EXAMPLES / "small-municipality.yaml")
MATURE = str(EXAMPLES / "mature-municipality.yaml")


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    return CliRunner()


def test_check_terminal_groups_findings_and_ends_with_maturity(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", SMALL, "--lang", "en"])
    assert result.exit_code == 1
    out = result.stdout
    assert "Mandate (mandate) · level 1 · score 0" in out
    assert f"{SMALL}:67:57: [high] Channel www.dijkveld.nl is owned only by the communications department (Communicatie)" in out
    assert "\x1b[" not in out  # plain text when not a terminal
    last = out.strip().splitlines()
    # B007 (medium) applies to the vision that runs out on 31 December 2026 and is not met: one more medium
    # finding, one more check decided on a recorded fact, and a lower board score (so overall 21 becomes 20.4)
    assert last[-2].startswith("46 findings (critical 1, high 9, medium 20, low 16)")
    assert "Gemeente Dijkveld: maturity level 1 (Ad hoc), score 21.1" in out
    assert ("  evidence: 34 of 66 checks decided by recorded facts with a source (52%); 6 on a fact without a source, "
            "which does not count as established") in out


def test_check_uses_the_organisation_language_by_default(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", SMALL])
    assert "Gemeente Dijkveld: volwassenheidsniveau 1 (Ad hoc)" in result.stdout


def test_check_json_validates_against_the_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", SMALL, "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(RESULT_SCHEMA.read_text()))
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "digimandate"
    assert data["organisation"]["name"] == "Gemeente Dijkveld"
    assert data["maturity"]["level"] == 1
    assert data["maturity"]["dimensions"]["mandate"]["blocking"] == ["M001"]
    # the only mandate is departmental: the strength rules of the mandate do not judge it (model v2)
    assert data["not_applicable"][:3] == ["M002", "M003", "M004"]
    # the vision runs until 31 December 2026, two months after the peildatum: B007 applies and is not met
    (b007,) = [f for f in data["findings"] if f["rule"] == "B007"]
    assert b007["message"] == ('The vision "Dienstverleningsvisie 2022-2026" runs out on 2026-12-31, within 365 days '
                               "(the checklist's own norm) of the peildatum")
    first = data["findings"][0]
    assert set(first) == {"rule", "name", "dimension", "severity", "level", "message", "entity", "location",
                          "fingerprint", "basis", "sources"}
    assert data["coverage"]["O001"] == {"applicable": 3, "passed": 2, "met": False}
    # B007's check is decided on the vision's recorded end date; its finding rests on the sources the vision cites
    # (the document and the decision lists searched), not on the secretary's interview the governance section cites
    assert data["evidence"] == {
        # 40 checks decided by recorded facts, 6 of them (2 passed, 4 failed) on a fact that cites no source
        "checks": 66, "decided_by_recorded_facts": 40, "without_source": 6, "established": 34,
        "by_source_type": {"document": 11, "interview": 9, "observation": 1, "register": 3, "none": 4},
        "entities_by_source_type": {"document": 7, "interview": 5, "observation": 3, "register": 3},
        "single_source_type": [{"rule": "C001", "entity": "channels/website", "fingerprint": "ca0ba0e479f03376",
                                "severity": "high"}]}
    assert [s["id"] for s in data["sources"] if s["confidential"]] == ["gesprek-adviseur"]
    assert data["maturity"]["dimensions"]["channels"]["reason"] == "insufficient_evidence"
    lines = [(f["location"]["line"], f["location"]["column"], f["rule"]) for f in data["findings"]]
    assert lines == sorted(lines)


def test_fingerprints_do_not_depend_on_lines(runner: CliRunner, tmp_path: Path) -> None:
    shifted = tmp_path / "shifted.yaml"
    shifted.write_text("# a new comment line\n\n" + Path(SMALL).read_text(encoding="utf-8"), encoding="utf-8")
    a = json.loads(runner.invoke(app, ["check", SMALL, "-f", "json"]).stdout)
    b = json.loads(runner.invoke(app, ["check", str(shifted), "-f", "json"]).stdout)
    assert [f["fingerprint"] for f in a["findings"]] == [f["fingerprint"] for f in b["findings"]]
    assert a["findings"][0]["location"]["line"] + 2 == b["findings"][0]["location"]["line"]


@pytest.mark.parametrize(("fail_on", "code"), [("critical", 1), ("info", 1)])
def test_fail_on(runner: CliRunner, fail_on: str, code: int) -> None:
    assert runner.invoke(app, ["check", SMALL, "--fail-on", fail_on]).exit_code == code


def test_fail_on_threshold_above_every_finding(runner: CliRunner) -> None:
    english = str(EXAMPLES / "english-agency.yaml")
    assert runner.invoke(app, ["check", english, "--fail-on", "high"]).exit_code == 1
    assert runner.invoke(app, ["check", english, "--fail-on", "critical"]).exit_code == 0


def test_mature_example_exits_zero(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", MATURE, "--lang", "en", "--fail-on", "info"])
    assert result.exit_code == 0
    assert "no findings" in result.stdout


def test_check_defaults_to_organisation_yaml(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == ("organisation.yaml:1:1: error: file not found\n"
                             "  hint: check the path, or write a starter file with `digimandate init`\n")


def test_bad_input_exits_two_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "org.yaml"
    bad.write_text("schema_version: 1\norganisation:\n  name: X\n  type: gemeentee\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    allowed = "gemeente, provincie, waterschap, rijk, uitvoeringsorganisatie, other"
    assert result.stderr == (f"{bad}:4:9: error: organisation.type: expected one of {allowed}, found 'gemeentee'\n"
                             f"  hint: did you mean `gemeente`? allowed: {allowed}\n")
    assert "Traceback" not in result.output


def test_usage_error_exits_two(runner: CliRunner) -> None:
    assert runner.invoke(app, ["check", SMALL, "--format", "pdf"]).exit_code == 2
    assert runner.invoke(app, ["check", SMALL, "--fail-on", "severe"]).exit_code == 2


def test_crashing_rule_exits_three(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from digimandate.audit import rules

    def boom(ctx: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(rules.REGISTRY, "M007", boom)
    result = runner.invoke(app, ["check", MATURE, "--lang", "en"])
    assert result.exit_code == 3
    assert "internal error in rule M007: ZeroDivisionError: division by zero" in result.stderr
    assert "please report" in result.stderr


def test_crashing_rule_is_not_a_pass(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from digimandate.audit import rules

    monkeypatch.setitem(rules.REGISTRY, "M007", lambda ctx: 1 / 0)
    result = runner.invoke(app, ["check", MATURE, "--format", "json"])
    data = json.loads(result.stdout)
    assert data["errors"] == [{"rule": "M007", "message": "ZeroDivisionError: division by zero"}]
    assert data["maturity"]["dimensions"]["mandate"]["level"] == 2


def test_validate(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", SMALL, "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout == (f"{SMALL}: valid (6 departments, 7 people, 1 mandate, 4 channels, 3 systems, "
                             "3 processes)\n")


def test_rules_lists_all_and_formats(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("53 rules, and 3 about waivers")
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    assert len(data) == 53 and data[0]["id"] == "B001"
    md = runner.invoke(app, ["rules", "--format", "markdown", "--lang", "nl"]).stdout
    assert "### M007" in md and "Waarom:" in md and "Why:" not in md


def test_explain_shows_a_failing_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "m007", "--lang", "en"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("M007 mandate.no-approval-per-change\nThe holder needs no approval for each change\n")
    assert "Example that fails:" in out
    assert "mandates/digitaal: Whoever holds mandate \"digitale dienstverlening\" needs approval for each change from: manager, " \
           "Klantcontactcentrum, ICT" in out


def test_explain_by_name_and_unknown(runner: CliRunner) -> None:
    assert runner.invoke(app, ["explain", "board.sponsor"]).stdout.startswith("B001 board.sponsor")
    result = runner.invoke(app, ["explain", "Q999", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == "error: there is no rule `Q999`\n  hint: see `digimandate rules` for every rule\n"
    result = runner.invoke(app, ["explain", "board.sponser", "--lang", "en"])
    assert result.stderr == "error: there is no rule `board.sponser`\n  hint: did you mean `board.sponsor`?\n"


def test_schema_prints_the_committed_schema(runner: CliRunner) -> None:
    from digimandate.model.schemas import ORGANISATION_SCHEMA

    assert runner.invoke(app, ["schema"]).stdout == ORGANISATION_SCHEMA.read_text(encoding="utf-8")


def test_init_writes_a_valid_file_and_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "organisation.yaml"
    assert runner.invoke(app, ["init", str(target), "--lang", "nl"]).exit_code == 0
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {target} already exists; it is left untouched\n"
                             "  hint: choose another name, or remove the file first\n")
    assert target.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_init_starter_audits(runner: CliRunner, tmp_path: Path, lang: str) -> None:
    target = tmp_path / "organisation.yaml"
    runner.invoke(app, ["init", str(target), "--lang", lang])
    result = runner.invoke(app, ["check", str(target)])
    assert result.exit_code == 0, result.stdout


def test_version(runner: CliRunner) -> None:
    from digimandate import __version__
    from digimandate.model.loader import fast_loader_active

    loader = "YAML loader: C, with LibYAML 0.2.5 built in" if fast_loader_active() else "YAML loader: Python"
    assert runner.invoke(app, ["--version"], env={"DIGIMANDATE_LANG": "en"}).stdout == (
        f"digimandate {__version__}\n{loader}\n"
    )


def test_extra_checklist_on_the_command_line(runner: CliRunner) -> None:
    extra = str(EXAMPLES / "checklists" / "rivierenstad-extra.yaml")
    result = runner.invoke(app, ["check", SMALL, "--checklist", extra, "--lang", "en"])
    assert "switched off: M014" in result.stdout
    assert "not applicable: RS002, M002," in result.stdout  # B007 applies: the vision has an end date
    assert result.stderr == ("warning: checklist rivierenstad-extra: dimension registry has no rule at level 4; "
                             "it cannot rise above level 3\n")


def test_max_bytes(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", SMALL, "--max-bytes", "100", "--lang", "en"])
    assert result.exit_code == 2
    assert "more than the limit of 100 bytes" in result.stderr


HOSTILE = {
    "empty": b"",
    "list-root": b"- a\n",
    "syntax": b"a: [1, 2\n",
    "bad-utf8": b"schema_version: 1\norganisation: {name: \xff}\n",
    "tab": b"schema_version: 1\norganisation:\n\tname: X\n",
    "impossible-date": b"schema_version: 1\norganisation: {name: X, audit_date: 2026-13-01}\n",
    "wrong-type": b"schema_version: 1\norganisation: {name: [X]}\n",
    "duplicate-id": b"schema_version: 1\norganisation: {name: X}\ndepartments:\n"
                    b"  - {id: a, name: A, function: kcc}\n  - {id: a, name: B, function: ict}\n",
    "python-tag": b"schema_version: 1\norganisation: !!python/object/new:os.system [echo hi]\n",
    "alias-bomb": b"a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                  b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                  b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                  b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
    "schema-2": b"schema_version: 2\norganisation: {name: X}\n",
    "null-section": b"schema_version: 1\norganisation: {name: X}\nprocesses:\n  - null\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["check", "validate"])
def test_hostile_input_exits_two_with_a_located_message(runner: CliRunner, tmp_path: Path, name: str,
                                                        command: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    result = runner.invoke(app, [command, str(path), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{path}:")
    assert ": error: " in result.stderr and "\n  hint: " in result.stderr
    assert "Traceback" not in result.output


def test_colour_only_when_asked() -> None:
    from digimandate.audit.checklist import load_ruleset
    from digimandate.audit.flow import audit_file
    from digimandate.render.terminal import render

    rules = load_ruleset()
    result = audit_file(Path(SMALL), rules)
    assert "\x1b[" in render(result, rules, "en", color=True)
    assert "\x1b[" not in render(result, rules, "en", color=False)


def test_no_color_env_turns_colour_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from digimandate.cli.app import _color

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _color(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _color(Tty()) is False


def _help_keys() -> list[str]:
    """The catalogue keys app.py gives as help texts and metavars (``_h("help_opt_lang")``)."""
    import re

    from tests.conftest import ROOT

    source = (ROOT / "digimandate" / "cli" / "app.py").read_text(encoding="utf-8")
    return re.findall(r'_h\("([^"]*)"\)', source)


def test_every_help_text_is_a_help_key_of_the_catalogue() -> None:
    from digimandate.i18n import CATALOG

    keys = _help_keys()
    assert keys and [key for key in keys if not key.startswith("help_") or key not in CATALOG] == []


def test_help_texts_hold_nothing_rich_would_read_as_markup() -> None:
    from digimandate.i18n import CATALOG

    # rich drops "[default: high]" as a markup tag, leaving "severity ." in the help
    assert [text for key in _help_keys() for text in CATALOG[key].values() if "[" in text] == []


def test_help_in_dutch(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DIGIMANDATE_LANG": "nl", "COLUMNS": "120"}
    out = subprocess.run([sys.executable, "-m", "digimandate", "check", "--help"], capture_output=True, text=True,
                         env=env, check=False).stdout
    assert "Toets organisatiebestanden en toon de bevindingen" in out
    assert "(standaard: high)." in out
