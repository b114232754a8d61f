"""One meaning per exit code, for every command, and messages that say the right thing in the run's language."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.errors import UsageError
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-municipality.yaml"

# Per command: its arguments and a function on its path where a failure can be injected.
COMMANDS: dict[str, tuple[list[str], str]] = {
    "check": (["check", str(SMALL)], "digimandate.cli.run.Run.audit"),
    "baseline": (["baseline", str(SMALL), "-o", "-"], "digimandate.cli.run.Run.audit"),
    "report": (["report", str(SMALL)], "digimandate.cli.run.Run.audit"),
    "memo": (["memo", str(SMALL)], "digimandate.cli.run.Run.audit"),
    "validate": (["validate", str(SMALL)], "digimandate.model.document.load_document"),
    "rules": (["rules"], "digimandate.audit.checklist.load_ruleset"),
    "explain": (["explain", "M007"], "digimandate.audit.checklist.load_ruleset"),
    "schema": (["schema"], "digimandate.model.schemas.organisation_schema_text"),
    "init": (["init", "new.yaml"], "digimandate.cli.starter.starter"),
    "import": (["import", str(SMALL), "--dry-run"], "digimandate.cli.importing.run_import"),
    "template": (["template", "xlsx", "-o", "werkblad.xlsx"], "digimandate.cli.importing.template"),
    "opzet": (["opzet", str(SMALL)], "digimandate.cli.procedure.load_audit"),
    "uitvraag": (["uitvraag", str(SMALL)], "digimandate.cli.procedure.load_audit"),
    "bevindingen": (["bevindingen", str(SMALL)], "digimandate.cli.procedure.load_audit"),
    "status": (["status", "."], "digimandate.cli.status.read_journal"),
}


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def test_every_command_is_covered() -> None:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    assert names == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_bug_is_exit_3_and_bad_input_exit_2_in_every_command(runner: CliRunner, command: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    args, target = COMMANDS[command]

    def bug(*_: Any, **__: Any) -> Any:
        raise RuntimeError("injected")

    def bad(*_: Any, **__: Any) -> Any:
        raise UsageError("two_stdout")

    monkeypatch.setattr(target, bug)
    result = runner.invoke(app, [*args, "--lang", "en"] if command != "schema" else args)
    assert result.exit_code == 3
    assert result.stderr == ("internal error: RuntimeError: injected\n"
                             "  hint: this is a bug in digimandate; please report it with the command you ran "
                             "and the file\n")
    monkeypatch.setattr(target, bad)
    result = runner.invoke(app, [*args, "--lang", "en"] if command != "schema" else args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output


def test_clean_is_0_and_findings_are_1(runner: CliRunner) -> None:
    assert runner.invoke(app, ["check", str(EXAMPLES / "mature-municipality.yaml")]).exit_code == 0
    assert runner.invoke(app, ["check", str(SMALL)]).exit_code == 1


@pytest.mark.parametrize(("args", "code"), [
    (["check", str(EXAMPLES / "large-municipality.yaml"), "--lang", "en"], 1),
    (["rules", "--format", "json"], 0),
    (["schema"], 0),
    (["report", str(SMALL), "--lang", "en"], 0),
])
@pytest.mark.external  # starts the command as a process of its own: run with -m external
def test_a_closed_pipe_ends_quietly_with_the_run_code(args: list[str], code: int) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "digimandate", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `| head -0` would: every write meets a closed pipe
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == code
    assert err == b""


BAD_CHECKLIST = """\
checklist:
  id: own
  version: "1"
  title: {nl: Eigen, en: Own}
rules:
  - id: X001
    name: mandate.old-names
    dimension: mandate
    severity: low
    level: 2
    title: {nl: t, en: t}
    rationale: {nl: r, en: r}
    advice: {nl: a, en: a}
    sources: [{ref: T16}]
    messages:
      old: {nl: "oud {name}", en: "old {name}"}
    check:
      each: departments[]
      cases:
        - when: "age_days(name) > `10`"
          message: old
"""


def test_a_type_error_in_a_user_query_is_located_input_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "own.yaml").write_text(BAD_CHECKLIST, encoding="utf-8")
    result = runner.invoke(app, ["check", str(SMALL), "--checklist", "own.yaml", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "own.yaml:17:5: error: the query of rule X001 fails on this organisation: "
        "Invalid isoformat string: 'Directie'\n"
        "  hint: give each function the type it takes: age_days a date (YYYY-MM-DD) or null, "
        "length a text or list\n"
    )
    (tmp_path / "own.yaml").write_text(BAD_CHECKLIST.replace("age_days(name)", "age_days(`5`)"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(SMALL), "--checklist", "own.yaml", "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr == (
        "own.yaml:17:5: fout: de query van regel X001 faalt op deze organisatie: In function age_days(), "
        "invalid type for value: 5, expected one of: ['string', 'null'], received: \"number\"\n"
        "  tip: geef elke functie het type dat zij verwacht: age_days een datum (JJJJ-MM-DD) of null, "
        "length een tekst of lijst\n"
    )


@pytest.mark.parametrize("command", ["report", "memo", "baseline", "check", "validate"])
def test_max_bytes_exists_where_its_hint_names_it(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, str(SMALL), "--max-bytes", "100", "--lang", "en"])
    assert result.exit_code == 2
    size = SMALL.stat().st_size
    assert result.stderr == (
        f"{SMALL}:1:1: error: file is {size} bytes, more than the limit of 100 bytes\n"
        "  hint: split the organisation over several files or raise the limit with --max-bytes\n"
    )


def test_a_large_configuration_file_is_not_sent_to_max_bytes(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_text("# " + "x" * (5 * 1024 * 1024) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(SMALL), "--config", "big.yaml", "--max-bytes", "999999999",
                                 "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "big.yaml:1:1: error: file is 5242883 bytes, more than the limit of 5242880 bytes\n"
        "  hint: --max-bytes is for organisation files; this file has a fixed limit, so make it smaller\n"
    )


def test_init_hint_names_no_force(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "organisation.yaml").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr == ("fout: organisation.yaml bestaat al; het blijft ongemoeid\n"
                             "  tip: kies een andere naam, of verwijder het bestand eerst\n")
    assert "--force" not in runner.invoke(app, ["init", "--help"]).stdout


def test_a_missing_or_wrong_template_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(SMALL), "--template", "nope", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == ("error: --template nope is not a folder\n"
                             "  hint: name a folder that holds your own report.md.j2 or memo.md.j2\n")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.md.j2").write_text("{{ organisation.name }}\n", encoding="utf-8")
    result = runner.invoke(app, ["memo", str(SMALL), "--template", "tpl", "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr == ("fout: de map tpl bevat geen memo.md.j2\n"
                             "  tip: zet memo.md.j2 in die map, of laat --template weg voor het ingebouwde sjabloon\n")
    assert result.stdout == ""


@pytest.mark.parametrize("option", ["--checklist", "--config", "--waivers", "--baseline"])
def test_a_folder_named_on_the_command_line_is_a_located_message(runner: CliRunner, tmp_path: Path,
                                                                 option: str) -> None:
    (tmp_path / "map").mkdir()
    result = runner.invoke(app, ["check", str(SMALL), option, "map", "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr.startswith("map:1:1: fout: is een map, geen bestand\n  tip: noem ")
    assert "Usage" not in result.output


def test_a_folder_as_previous_is_a_located_message(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "map").mkdir()
    result = runner.invoke(app, ["report", str(SMALL), "--previous", "map", "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr == "map:1:1: fout: is een map, geen bestand\n  tip: noem een bestand, geen map\n"


@pytest.mark.parametrize(("dutch", "code"), [("kritiek", 1), ("hoog", 1), ("middel", 1), ("laag", 1)])
def test_fail_on_takes_the_dutch_severity_names(runner: CliRunner, dutch: str, code: int) -> None:
    assert runner.invoke(app, ["check", str(SMALL), "--fail-on", dutch]).exit_code == code


def test_fail_on_in_dutch_means_the_same_as_in_english(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(SMALL, tmp_path / "org.yaml")
    # only info findings left: "info" fails, "laag" (low) does not
    args = ["check", "org.yaml", "--select", "M", "--ignore", "M0"]
    english = [runner.invoke(app, [*args, "--fail-on", s]).exit_code for s in ("critical", "high", "medium", "low")]
    dutch = [runner.invoke(app, [*args, "--fail-on", s]).exit_code for s in ("kritiek", "hoog", "middel", "laag")]
    assert dutch == english


def test_a_message_quotes_only_a_short_excerpt(runner: CliRunner, tmp_path: Path) -> None:
    rows = ["id,name,department,notes"] + [f"{i},Person {i},Dept {i % 7},notes about {i}" for i in range(5000)]
    (tmp_path / "people.yaml").write_text("\n".join(rows), encoding="utf-8")
    result = runner.invoke(app, ["validate", "people.yaml", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "people.yaml:1:1: error: expected a mapping (key: value) at the top, found "
        "'id,name,department,notes 0,Person 0,Dept 0,notes about 0 1,P…'\n"
        "  hint: an organisation file starts with `schema_version: 1` and `organisation:`\n"
    )


def test_schema_version_in_quotes_says_it_must_be_a_number(runner: CliRunner, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("schema_version: 1\n", 'schema_version: "1"\n')
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", "org.yaml", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == ("org.yaml:6:17: error: schema_version: `schema_version` must be a number, not '1'\n"
                             "  hint: write `schema_version: 1`, without quotes\n")
    result = runner.invoke(app, ["validate", "org.yaml", "--lang", "nl"])
    assert result.stderr == ("org.yaml:6:17: fout: schema_version: `schema_version` moet een getal zijn, geen '1'\n"
                             "  tip: schrijf `schema_version: 1`, zonder aanhalingstekens\n")


def test_check_reads_standard_input(runner: CliRunner) -> None:
    text = SMALL.read_text(encoding="utf-8")
    from_file = runner.invoke(app, ["check", str(SMALL), "--format", "json"])
    from_stdin = runner.invoke(app, ["check", "-", "--format", "json"], input=text)
    assert from_stdin.exit_code == from_file.exit_code == 1
    data = json.loads(from_stdin.stdout)
    assert data["input"] == json.loads(from_file.stdout)["input"] | {"file": "<stdin>"}
    assert data["findings"] == [{**f, "location": {**f["location"], "file": "<stdin>"}}
                                for f in json.loads(from_file.stdout)["findings"]]
    broken = runner.invoke(app, ["check", "-", "--lang", "en"], input="schema_version: 1\norganisation: [\n")
    assert broken.exit_code == 2
    assert broken.stderr == ("<stdin>:3:1: error: YAML syntax error: did not find expected node content\n"
                             "  hint: check the indentation and the quotes around this line\n")


def test_previous_of_another_organisation_warns(runner: CliRunner, tmp_path: Path) -> None:
    agency = EXAMPLES / "english-agency.yaml"
    assert runner.invoke(app, ["check", str(agency), "-f", "json=other.json"]).exit_code in (0, 1)
    result = runner.invoke(app, ["report", str(SMALL), "--previous", "other.json", "-o", "r.md", "--lang", "en"])
    assert result.exit_code == 0
    name = json.loads((tmp_path / "other.json").read_text(encoding="utf-8"))["organisation"]["name"]
    assert result.stderr == (f"warning: other.json is a result of {name}, not of Gemeente Dijkveld; "
                             "the progress shown compares two organisations\nwrote r.md\n")


def test_previous_from_a_folder_picks_the_matching_organisation(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "many").mkdir()
    shutil.copy(SMALL, tmp_path / "many" / "a.yaml")
    shutil.copy(EXAMPLES / "mature-municipality.yaml", tmp_path / "many" / "b.yaml")
    assert runner.invoke(app, ["check", "many", "-f", "json=all.json"]).exit_code == 1
    assert runner.invoke(app, ["check", "many/a.yaml", "-f", "json=one.json"]).exit_code == 1
    from_folder = runner.invoke(app, ["report", "many/a.yaml", "--previous", "all.json", "--lang", "en"])
    from_one = runner.invoke(app, ["report", "many/a.yaml", "--previous", "one.json", "--lang", "en"])
    assert from_folder.exit_code == 0
    assert from_folder.stderr == ""
    assert from_folder.stdout == from_one.stdout
    agency = runner.invoke(app, ["report", str(EXAMPLES / "english-agency.yaml"), "--previous", "all.json",
                                 "--lang", "en"])
    assert agency.exit_code == 0
    assert agency.stderr == ("warning: all.json holds no result of National Allowances Agency; "
                             "the document shows no progress\n")
