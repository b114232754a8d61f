"""Configuration never crashes a run and never switches rules off unseen: where discovery looks, and hostile files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from digimandate.audit.config import discovery_folders, find_config, load_config
from digimandate.cli.app import app
from digimandate.errors import InputError
from tests.conftest import EXAMPLES
from tests.strategies import examples

SMALL = EXAMPLES / "small-municipality.yaml"
# Every rule switched off: used where it must not be, it turns the findings of SMALL (exit 1) into exit 0.
ALL_OFF = "ignore: [B, M, C, O, P, F, J]\n"
ALL_OFF_TOML = '[tool.digimandate]\nignore = ["B", "M", "C", "O", "P", "F", "J"]\n'


@pytest.fixture(autouse=True)
def _outside_any_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The temporary folder may itself lie inside a repository (a .git in /tmp or in a home folder):
    # as for git, the search never climbs into a ceiling, so tmp_path is the top of every test's world.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.chdir(tmp_path)


def organisation(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SMALL, folder / "organisation.yaml"))


def check(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", *args, "--lang", "en"])


# --- where discovery looks ---------------------------------------------------------------------------


def test_outside_a_repository_a_config_two_folders_up_is_not_used(tmp_path: Path) -> None:
    (tmp_path / ".digimandate.yaml").write_text(ALL_OFF, encoding="utf-8")
    org = organisation(tmp_path / "a" / "b")
    assert find_config(org) is None
    result = check(str(org))
    assert result.exit_code == 1, result.output  # the findings still count: no rule was switched off
    assert "switched off" not in result.stdout and "Configuration:" not in result.stdout


def test_outside_a_repository_a_pyproject_one_folder_up_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "a" / "pyproject.toml").parent.mkdir()
    (tmp_path / "a" / "pyproject.toml").write_text(ALL_OFF_TOML, encoding="utf-8")
    org = organisation(tmp_path / "a" / "b")
    assert find_config(org) is None
    assert check(str(org)).exit_code == 1


def test_outside_a_repository_the_files_own_folder_is_searched(tmp_path: Path) -> None:
    org = organisation(tmp_path / "a")
    (tmp_path / "a" / ".digimandate.yaml").write_text(ALL_OFF, encoding="utf-8")
    assert find_config(org) == tmp_path / "a" / ".digimandate.yaml"
    assert discovery_folders(org) == [tmp_path / "a"]
    assert check(str(org)).exit_code == 0


def test_outside_a_repository_a_folder_audit_searches_that_folder_only(tmp_path: Path) -> None:
    (tmp_path / ".digimandate.yaml").write_text(ALL_OFF, encoding="utf-8")
    organisation(tmp_path / "orgs")
    assert find_config(tmp_path / "orgs") is None
    assert check(str(tmp_path / "orgs")).exit_code == 1
    (tmp_path / "orgs" / ".digimandate.yml").write_text(ALL_OFF, encoding="utf-8")
    assert find_config(tmp_path / "orgs") == tmp_path / "orgs" / ".digimandate.yml"


def test_a_missing_file_outside_a_repository_searches_only_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / ".digimandate.yaml").write_text("select: [B]\n", encoding="utf-8")
    (tmp_path / "here").mkdir()
    os.chdir(tmp_path / "here")
    assert discovery_folders(Path("absent.yaml")) == [tmp_path / "here"]


@pytest.mark.parametrize("git", ["folder", "file"])
def test_inside_a_repository_discovery_climbs_to_the_root_and_stops_there(tmp_path: Path, git: str) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    if git == "folder":
        (repo / ".git").mkdir()
    else:  # a worktree or a submodule: .git is a file naming the real one
        (repo / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    (tmp_path / ".digimandate.yaml").write_text("select: [B]\n", encoding="utf-8")  # above the root
    org = organisation(repo / "orgs" / "north")
    assert discovery_folders(org) == [repo / "orgs" / "north", repo / "orgs", repo]
    assert find_config(org) is None
    (repo / "pyproject.toml").write_text(ALL_OFF_TOML, encoding="utf-8")
    assert find_config(org) == repo / "pyproject.toml"
    (repo / "orgs" / ".digimandate.yaml").write_text("select: [B]\n", encoding="utf-8")
    assert find_config(org) == repo / "orgs" / ".digimandate.yaml"  # the nearest wins


def test_a_pyproject_of_another_tool_does_not_stop_the_search(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".digimandate.yaml").write_text("select: [B]\n", encoding="utf-8")
    org = organisation(repo / "a")
    (repo / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.ruff]\nline-length = 99\n',
                                               encoding="utf-8")
    assert find_config(org) == repo / ".digimandate.yaml"


def test_the_search_never_climbs_into_a_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".digimandate.yaml").write_text(ALL_OFF, encoding="utf-8")
    org = organisation(repo / "a" / "b")
    assert find_config(org) == repo / ".digimandate.yaml"
    # as for git: a ceiling is not climbed into, so the repository above it is not seen
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", f"relative/ignored{os.pathsep}{repo / 'a'}")
    assert discovery_folders(org) == [repo / "a" / "b"]
    assert find_config(org) is None


# --- a configuration that is found but cannot be read: exit 2, never skipped -------------------------


def test_a_discovered_config_that_is_a_folder_is_exit_2(tmp_path: Path) -> None:
    org = organisation(tmp_path)
    (tmp_path / ".digimandate.yaml").mkdir()
    result = check(str(org))
    assert result.exit_code == 2
    assert result.stderr == (
        ".digimandate.yaml:1:1: error: is a folder, not a file\n"
        "  hint: name a configuration file (YAML or pyproject.toml) with --config, or run without one with "
        "--no-config\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_discovered_config_that_is_a_named_pipe_is_exit_2_and_does_not_hang(tmp_path: Path) -> None:
    org = organisation(tmp_path)
    os.mkfifo(tmp_path / ".digimandate.yml")
    result = check(str(org))
    assert result.exit_code == 2
    assert result.stderr == (".digimandate.yml:1:1: error: is not a regular file (but a device, pipe or socket)\n"
                             "  hint: name a regular file; to read from a pipe, use - for standard input\n")


def test_a_discovered_config_that_is_a_broken_link_is_exit_2(tmp_path: Path) -> None:
    org = organisation(tmp_path)
    (tmp_path / ".digimandate.yaml").symlink_to(tmp_path / "gone.yaml")
    result = check(str(org))
    assert result.exit_code == 2
    assert result.stderr.startswith(".digimandate.yaml:1:1: error: file not found\n")


def test_a_discovered_latin_1_config_is_exit_2_at_the_bad_byte(tmp_path: Path) -> None:
    org = organisation(tmp_path / "sub")
    (tmp_path / "sub" / ".digimandate.yaml").write_bytes("# Café\nselect: [B]\n".encode("latin-1"))
    result = check(str(org))
    assert result.exit_code == 2
    assert result.stderr == ("sub/.digimandate.yaml:1:6: error: the file is not valid UTF-8 "
                             "(byte 0xe9 cannot be decoded)\n  hint: save the file as UTF-8 in your editor\n")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_discovered_config_without_permission_is_exit_2(tmp_path: Path) -> None:
    org = organisation(tmp_path)
    config = tmp_path / "pyproject.toml"
    config.write_text(ALL_OFF_TOML, encoding="utf-8")
    config.chmod(0)
    try:
        result = check(str(org))
    finally:
        config.chmod(0o600)
    assert result.exit_code == 2
    assert result.stderr == ("pyproject.toml:1:1: error: file cannot be read: Permission denied\n"
                             "  hint: check the file's permissions\n")


# --- pyproject.toml: broken, hostile, or some other tool's -----------------------------------------


@pytest.mark.parametrize("text", [
    '[project\nname = "x"\n',  # broken, and no word of digimandate
    '[project]\nname = "digimandate"\n[project.scripts]\ndigimandate = "x"\n[broken\n',  # a script, not the table
    '[tool.digimandate-extra]\nx = 1\n[broken\n',
    "[project]\nx = " + "[" * 5000 + "]" * 5000 + "\n",  # deep, but in another tool's part
    "[project]\nversion = 1" + "0" * 5000 + "\n",  # a huge number, but in another tool's part
    "[tool.other]\nseed = 12345678901234567890123\n[broken\n",
    "[project]\nname = 'x'\n".replace("'x'", "'\udcff'"),  # not UTF-8
], ids=["broken", "script-named-digimandate", "other-table", "deep", "huge-number", "long-number", "not-utf-8"])
def test_a_pyproject_that_is_not_ours_is_skipped_even_when_broken(tmp_path: Path, text: str) -> None:
    org = organisation(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
    assert find_config(org) is None
    result = check(str(org), "-f", "json")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["config"] is None


@pytest.mark.parametrize(("text", "message"), [
    ('[tool.digimandate\nselect = ["B"]\n',
     "pyproject.toml:1:18: error: TOML syntax error: Expected ']' at the end of a table declaration\n"
     "  hint: check the TOML syntax of pyproject.toml\n"),
    ('[tool.digimandate]\nselect = ["B"\n',
     "pyproject.toml:2:14: error: TOML syntax error: Unclosed array\n"
     "  hint: check the TOML syntax of pyproject.toml\n"),
    ('[tool]\ndigimandate.ignore = ["B", ]]\n',
     "pyproject.toml:2:29: error: TOML syntax error: Expected newline or end of document after a statement\n"
     "  hint: check the TOML syntax of pyproject.toml\n"),
    ('tool.digimandate.ignore = "B\n',
     "pyproject.toml:1:29: error: TOML syntax error: Illegal character '\\n'\n"
     "  hint: check the TOML syntax of pyproject.toml\n"),
    ('[tool."digimandate"]\nselect = """B\n',
     "pyproject.toml:2:14: error: TOML syntax error: Unterminated string\n"
     "  hint: check the TOML syntax of pyproject.toml\n"),
    ("[tool]\ndigimandate = 5\n",
     "pyproject.toml:2:1: error: `tool.digimandate` must be a table of settings, found 5\n"
     "  hint: write the settings as keys under a [tool.digimandate] header\n"),
    ('tool = {digimandate = "on"}\n',
     "pyproject.toml:1:1: error: `tool.digimandate` must be a table of settings, found 'on'\n"
     "  hint: write the settings as keys under a [tool.digimandate] header\n"),
    ("[tool.digimandate]\nselect = " + "[" * 5000 + "]" * 5000 + "\n",
     "pyproject.toml:2:74: error: values are nested deeper than 64 levels\n"
     "  hint: no configuration nests this deep; check the brackets\n"),
    ("[tool.digimandate]\nparams = " + "{a = " * 100 + "1" + "}" * 100 + "\n",
     "pyproject.toml:2:330: error: values are nested deeper than 64 levels\n"
     "  hint: no configuration nests this deep; check the brackets\n"),
    ("[tool.digimandate]\n# [[[[ a comment is no nesting\nselect = ['[[[', \"[[[\"]\nmax-waiver-days = 1"
     + "0" * 4300 + "\n",
     "pyproject.toml:4:19: error: 1000000000000000000000000000000000000000… is too long a number\n"
     "  hint: no count, volume or year has that many digits; write the right number, or text in quotes\n"),
    ("[tool.digimandate]\nmax-waiver-days = 0x" + "f" * 3600 + "\n",
     "pyproject.toml:1:1: error: max-waiver-days: 0xffffffffffffffffffffffffffffffffffffff… is too long a number\n"
     "  hint: no count, volume or year has that many digits; write the right number, or text in quotes\n"),
    ("[tool.digimandate]\nmax-waiver-days = 1000000000000000000\n",  # 19 digits, as the YAML loader refuses
     "pyproject.toml:1:1: error: max-waiver-days: 1000000000000000000 is too long a number\n"
     "  hint: no count, volume or year has that many digits; write the right number, or text in quotes\n"),
    ("[tool.other]\nx = 1\n[tool.digimandate.params.M010]\nmax_holders = -99999999999999999999\n",
     "pyproject.toml:3:1: error: params.M010.max_holders: -99999999999999999999 is too long a number\n"
     "  hint: no count, volume or year has that many digits; write the right number, or text in quotes\n"),
    ("[tool.digimandate]\nmax-waiver-days = 1" + "_000" * 1500 + "\n",
     "pyproject.toml:2:19: error: 1_000_000_000_000_000_000_000_000_000_00… is too long a number\n"
     "  hint: no count, volume or year has that many digits; write the right number, or text in quotes\n"),
], ids=["header", "array", "key-of-tool", "dotted-key", "quoted-name", "tool-digimandate-5", "inline-tool",
        "deep-arrays", "deep-tables", "huge-number", "huge-hex", "19-digits", "19-digits-nested",
        "huge-with-underscores"])
def test_a_pyproject_that_configures_digimandate_but_cannot_be_read_is_exit_2(tmp_path: Path, text: str,
                                                                              message: str) -> None:
    org = organisation(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    result = check(str(org))
    assert result.exit_code == 2, result.output
    assert result.stderr == message


def test_a_long_number_of_another_tool_does_not_stop_our_table(tmp_path: Path) -> None:
    org = organisation(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.other]\nseed = 0x' + "f" * 4000 + '\n' + ALL_OFF_TOML,
                                             encoding="utf-8")
    assert check(str(org)).exit_code == 0


def test_a_pyproject_with_our_table_that_is_not_utf_8_is_exit_2(tmp_path: Path) -> None:
    org = organisation(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes('[tool.digimandate]\n# Café\nselect = ["B"]\n'.encode("latin-1"))
    result = check(str(org))
    assert result.exit_code == 2
    assert result.stderr == ("pyproject.toml:2:6: error: the file is not valid UTF-8 (byte 0xe9 cannot be decoded)\n"
                             "  hint: save the file as UTF-8 in your editor\n")


# --- --config ---------------------------------------------------------------------------------------


def test_config_option_to_a_folder_a_missing_file_a_latin_1_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "latin.yaml").write_bytes("select: [B]  # één\n".encode("latin-1"))
    folder, missing, latin = (check(str(SMALL), "--config", name) for name in ("conf", "none.yaml", "latin.yaml"))
    assert (folder.exit_code, missing.exit_code, latin.exit_code) == (2, 2, 2)
    assert folder.stderr == (
        "conf:1:1: error: is a folder, not a file\n"
        "  hint: name a configuration file (YAML or pyproject.toml) with --config, or run without one with "
        "--no-config\n")
    assert missing.stderr == ("none.yaml:1:1: error: file not found\n"
                              "  hint: check the path, or write a starter file with `digimandate init`\n")
    assert latin.stderr == ("latin.yaml:1:16: error: the file is not valid UTF-8 (byte 0xe9 cannot be decoded)\n"
                            "  hint: save the file as UTF-8 in your editor\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("name", ["pipe.yaml", "pyproject.toml"])
def test_config_option_to_a_named_pipe_is_exit_2(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    result = check(str(SMALL), "--config", name)
    assert result.exit_code == 2
    assert result.stderr == (f"{name}:1:1: error: is not a regular file (but a device, pipe or socket)\n"
                             "  hint: name a regular file; to read from a pipe, use - for standard input\n")


def test_config_option_to_a_pyproject_without_our_table_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.digimandat]\nselect = ["B"]\n', encoding="utf-8")
    result = check(str(SMALL), "--config", "pyproject.toml")
    assert result.exit_code == 2
    assert result.stderr == ("pyproject.toml:1:1: error: holds no [tool.digimandate] table\n"
                             "  hint: put the settings under a [tool.digimandate] header, or name a "
                             ".digimandate.yaml\n")


def test_config_option_to_a_huge_yaml_number_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("max-waiver-days: 9" + "9" * 4300 + "\n", encoding="utf-8")
    result = check(str(SMALL), "--config", "c.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("c.yaml:1:18: error: 9999999999999999999999999999999999999999… is too long a number\n"
                             "  hint: no count, volume or year has that many digits; write the right number, or text "
                             "in quotes\n")


# --- strict types: no text becomes a number, no number a boolean, no number that is not one ----------

SHARE = "  hint: `min_coverage` lies between 0 and 1, both included; its default is 1.0\n"
WHOLE = "  hint: write a value of the expected kind, e.g. 12\n"


@pytest.mark.parametrize(("text", "message"), [
    ('max-waiver-days: "30"\n', "1:18: error: max-waiver-days: expected a whole number, found '30'\n" + WHOLE),
    ("max-waiver-days: 30.0\n", "1:18: error: max-waiver-days: expected a whole number, found 30.0\n" + WHOLE),
    ("max-waiver-days: true\n", "1:18: error: max-waiver-days: expected a whole number, found true\n" + WHOLE),
    ("max-waiver-days: 0\n", "1:18: error: max-waiver-days: 0 is out of range: >= 1\n"
                             "  hint: max-waiver-days counts days: 1 or more\n"),
    ("fail-on: true\n", "1:10: error: fail-on: expected one of critical, high, medium, low, info, found true\n"
                        "  hint: allowed: critical, high, medium, low, info\n"),
    ("language: 1\n", "1:11: error: language: expected one of nl, en, found 1\n  hint: allowed: nl, en\n"),
    ("params:\n  O001: {min_coverage: 2}\n",
     "2:10: error: params.O001.min_coverage: parameter `min_coverage` of rule O001 must lie between 0 and 1, "
     "found 2\n" + SHARE),
    ("params:\n  F003: {min_digital_share: -0.5}\n",
     "2:10: error: params.F003.min_digital_share: parameter `min_digital_share` of rule F003 must lie between 0 and 1, "
     "found -0.5\n  hint: `min_digital_share` lies between 0 and 1, both included; its default is 0.5\n"),
    ("params:\n  O001: {min_coverage: .nan}\n",
     "2:10: error: params.O001.min_coverage: parameter `min_coverage` of rule O001 must be a finite number, "
     "found nan\n" + SHARE),
    ("params:\n  O001: {min_coverage: -.inf}\n",
     "2:10: error: params.O001.min_coverage: parameter `min_coverage` of rule O001 must be a finite number, "
     "found -inf\n" + SHARE),
    ("params:\n  O001: {min_coverage: 1.0e+999}\n",
     "2:10: error: params.O001.min_coverage: parameter `min_coverage` of rule O001 must be a finite number, "
     "found inf\n" + SHARE),
    ("params:\n  M010: {max_holders: 3.5}\n",
     "2:10: error: params.M010.max_holders: parameter `max_holders` of rule M010 takes a whole number, found 3.5\n"
     "  hint: the default of `max_holders` is 5\n"),
    ("params:\n  M010: {max_holders: '3'}\n",
     "2:10: error: params.M010.max_holders: parameter `max_holders` of rule M010 takes int, found '3'\n"
     "  hint: the default of `max_holders` is 5\n"),
], ids=["days-text", "days-float", "days-bool", "days-zero", "fail-on-bool", "language-number", "share-2",
        "share-negative", "nan", "minus-inf", "overflow-inf", "count-float", "count-text"])
def test_a_yaml_setting_of_the_wrong_kind_is_exit_2(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / ".digimandate.yaml").write_text(text, encoding="utf-8")
    result = check(str(organisation(tmp_path)))
    assert result.exit_code == 2
    assert result.stderr == ".digimandate.yaml:" + message


@pytest.mark.parametrize(("text", "message"), [
    ('max-waiver-days = "30"\n', "2:1: error: max-waiver-days: expected a whole number, found '30'\n" + WHOLE),
    ("fail-on = true\n", "2:1: error: fail-on: expected one of critical, high, medium, low, info, found true\n"
                         "  hint: allowed: critical, high, medium, low, info\n"),
    ("params.O001.min_coverage = nan\n",
     "2:1: error: params.O001.min_coverage: parameter `min_coverage` of rule O001 must be a finite number, "
     "found nan\n" + SHARE),
    ("params.O001.min_coverage = 1e999\n",
     "2:1: error: params.O001.min_coverage: parameter `min_coverage` of rule O001 must be a finite number, "
     "found inf\n" + SHARE),
    ("params.O001.min_coverage = 1.5\n",
     "2:1: error: params.O001.min_coverage: parameter `min_coverage` of rule O001 must lie between 0 and 1, "
     "found 1.5\n" + SHARE),
    ('[[tool.digimandate.waivers]]\nrule = "B001"\nentity = "governance"\nreason = "planned"\n'
     'justification = "j"\nowner = "o"\napproved_by = "a"\nexpires = 2027-03-31T00:00:00Z\n',
     "2:1: error: waivers[0].expires: expected a date (YYYY-MM-DD), found 2027-03-31 00:00:00+00:00\n"
     "  hint: write a value of the expected kind, e.g. 2026-11-01\n"),
], ids=["days-text", "fail-on-bool", "nan", "overflow-inf", "share", "expires-datetime"])
def test_a_pyproject_setting_of_the_wrong_kind_is_exit_2(tmp_path: Path, text: str, message: str) -> None:
    # TOML keeps no positions: every key points at the line that opens the table
    (tmp_path / "pyproject.toml").write_text("\n[tool.digimandate]\n" + text, encoding="utf-8")
    result = check(str(organisation(tmp_path)))
    assert result.exit_code == 2
    assert result.stderr == "pyproject.toml:" + message


# --- every output names the configuration it used ----------------------------------------------------


def test_the_terminal_and_json_name_a_discovered_config_relative_to_the_current_folder(tmp_path: Path) -> None:
    import jsonschema

    from digimandate.model.schemas import RESULT_SCHEMA

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".digimandate.yaml").write_text("ignore: [M]\n", encoding="utf-8")
    org = organisation(repo / "orgs")
    os.chdir(repo / "orgs")
    terminal = check("organisation.yaml")
    assert terminal.stdout.splitlines()[:2] == ["Organisation: Gemeente Dijkveld (organisation.yaml)",
                                                f"Configuration: {repo / '.digimandate.yaml'}"]  # not below
    os.chdir(repo)
    terminal = check(str(org))
    assert terminal.stdout.splitlines()[1] == "Configuration: .digimandate.yaml"
    data = json.loads(check(str(org), "-f", "json").stdout)
    jsonschema.validate(data, json.loads(RESULT_SCHEMA.read_text(encoding="utf-8")))
    assert data["config"] == ".digimandate.yaml"
    sarif = json.loads(check(str(org), "-f", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["config"] == ".digimandate.yaml"
    junit = ElementTree.fromstring(check(str(org), "-f", "junit").stdout)
    assert [(p.get("name"), p.get("value")) for p in junit.iter("property")] == [("config", ".digimandate.yaml")]
    github = check(str(org), "-f", "github").stdout.splitlines()[-1]
    assert github.startswith("::notice title=digimandate::") and github.endswith(" · Configuration: .digimandate.yaml")


def test_a_pyproject_config_is_named_in_dutch_too(tmp_path: Path) -> None:
    org = organisation(tmp_path / "sub")
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.digimandate]\nignore = ["M"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "nl"])
    assert result.stdout.splitlines()[1] == "Configuratie: sub/pyproject.toml"


def test_a_config_named_with_the_option_is_named_relative_when_below_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "strict.yaml").write_text("fail-on: low\n", encoding="utf-8")
    data = json.loads(check(str(SMALL), "--config", str(tmp_path / "conf" / "strict.yaml"), "-f", "json").stdout)
    assert data["config"] == "conf/strict.yaml"


def test_without_a_config_the_terminal_says_nothing_and_json_says_null(tmp_path: Path) -> None:
    org = organisation(tmp_path)
    (tmp_path / ".digimandate.yaml").write_text("ignore: [M]\n", encoding="utf-8")
    terminal = check(str(org), "--no-config")
    assert "Configuration" not in terminal.stdout
    assert terminal.stdout.splitlines()[1] == ""
    assert json.loads(check(str(org), "--no-config", "-f", "json").stdout)["config"] is None
    sarif = json.loads(check(str(org), "--no-config", "-f", "sarif").stdout)
    assert "config" not in sarif["runs"][0]["properties"]
    assert "<properties>" not in check(str(org), "--no-config", "-f", "junit").stdout
    assert "Configuration" not in check(str(org), "--no-config", "-f", "github").stdout


def test_a_folder_audit_names_the_config_for_every_organisation(tmp_path: Path) -> None:
    organisation(tmp_path / "orgs" / "a")
    organisation(tmp_path / "orgs" / "b")
    (tmp_path / "orgs" / ".digimandate.yaml").write_text("ignore: [M]\n", encoding="utf-8")
    data = json.loads(check("orgs", "-f", "json").stdout)
    assert [d["config"] for d in data] == ["orgs/.digimandate.yaml"] * 2
    assert check("orgs").stdout.count("Configuration: orgs/.digimandate.yaml\n") == 2


# --- by machine: whatever a pyproject.toml or a configuration holds, a config or a located error ----

TOML_LIKE = [*'[]{}"\'=.,#\n _-:0123456789aeflnrstux', "tool", "digimandate", "select", "params", "nan", "inf",
             '"""', "'''", "\\"]


@settings(max_examples=examples(200), deadline=2000, suppress_health_check=[HealthCheck.too_slow,
                                                                              HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOML_LIKE), max_size=80).map("".join))
def test_toml_like_text_is_a_config_or_a_located_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.digimandate]\n" + text, encoding="utf-8")
    try:
        config = load_config(path)
    except InputError as exc:
        assert exc.problems and all(p.location.line >= 1 for p in exc.problems)
        assert exc.format("nl") and exc.format("en")
        return
    assert config.path == path
