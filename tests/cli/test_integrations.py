"""CI integration: several outputs in one run, exit codes, pre-commit and the GitHub Action."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES, ROOT

SMALL = str(EXAMPLES / "small-municipality.yaml")
MATURE = str(EXAMPLES / "mature-municipality.yaml")


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return CliRunner()


def test_several_formats_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    result = runner.invoke(app, ["check", SMALL, "--lang", "en", "-f", "terminal", "-f", f"sarif={sarif}",
                                 "--format", f"junit={junit}"])
    assert result.exit_code == 1
    assert "maturity level 1" in result.stdout
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert junit.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')


def test_outputs_are_never_overwritten_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    target.write_text("previous", encoding="utf-8")
    result = runner.invoke(app, ["check", SMALL, "--lang", "en", "-f", f"sarif={target}"])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {target} already exists; it is left untouched\n"
                             "  hint: add --force to replace it, or choose another name\n")
    assert target.read_text(encoding="utf-8") == "previous"
    assert runner.invoke(app, ["check", SMALL, "-f", f"sarif={target}", "--force"]).exit_code == 1
    assert target.read_text(encoding="utf-8").startswith("{")


def test_write_failure_is_exit_two_even_with_exit_zero(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.sarif"
    result = runner.invoke(app, ["check", MATURE, "--lang", "en", "-f", f"sarif={target}", "--exit-zero"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write {target}: ")
    assert not target.exists()


def test_only_one_format_on_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", SMALL, "--lang", "en", "-f", "json", "-f", "sarif"])
    assert result.exit_code == 2
    assert result.stderr == ("error: only one --format can go to standard output; give the others a file "
                             "(sarif=out.sarif)\n")
    result = runner.invoke(app, ["check", SMALL, "--lang", "en", "-f", "pdf"])
    assert result.stderr == "error: unknown format `pdf`; use one of terminal, json, sarif, junit, github\n"


def test_exit_zero(runner: CliRunner) -> None:
    assert runner.invoke(app, ["check", SMALL, "--exit-zero"]).exit_code == 0


def test_github_format_is_picked_under_github_actions(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = runner.invoke(app, ["check", SMALL, "--lang", "en"]).stdout
    assert out.startswith("::")
    out = runner.invoke(app, ["check", SMALL, "--lang", "en", "-f", "terminal"]).stdout
    assert not out.startswith("::")


def test_several_files_exit_with_the_worst_code(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", MATURE, SMALL, "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["organisation"]["name"] for d in data] == ["Gemeente Lingewaard-Noord", "Gemeente Dijkveld"]
    result = runner.invoke(app, ["check", MATURE, str(broken), "--lang", "en"])
    assert result.exit_code == 2
    assert "required key `organisation` is missing" in result.stderr
    assert "Gemeente Lingewaard-Noord" in result.stdout


def test_several_files_in_one_sarif_and_junit(runner: CliRunner, tmp_path: Path) -> None:
    sarif, junit = tmp_path / "o.sarif", tmp_path / "o.xml"
    runner.invoke(app, ["check", MATURE, SMALL, "-f", f"sarif={sarif}", "-f", f"junit={junit}"])
    assert len(json.loads(sarif.read_text(encoding="utf-8"))["runs"]) == 2
    from xml.etree import ElementTree as ET

    root = ET.fromstring(junit.read_text(encoding="utf-8").split("\n", 1)[1])
    assert len(root.findall("testsuite")) == 2 and root.get("tests") == "106"


def test_pre_commit_manifest_runs_on_an_example(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["digimandate"]
    hook = hooks[0]
    assert hook["language"] == "python"
    import re

    pattern = re.compile(hook["files"])
    assert pattern.search("orgs/organisation.yaml") and pattern.search("organisatie-zeewolde.yml")
    assert not pattern.search("docs/rules.yaml")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "digimandate"
    command = [sys.executable, "-m", "digimandate", *entry[1:]]
    ok = subprocess.run([*command, MATURE], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*command, MATURE, SMALL], capture_output=True, text=True, check=False)
    assert bad.returncode == 1


def test_github_action_is_a_composite_that_writes_sarif() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    run = next(s for s in steps if s.get("name") == "Audit")
    assert "--format github" in run["run"] and "sarif=$SARIF" in run["run"]
    assert "${{" not in run["run"]  # inputs reach the script as environment variables only
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert set(action["inputs"]) >= {"files", "fail-on", "sarif", "upload-sarif"}
