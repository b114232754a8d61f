"""Configuration files, rule selection and their precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from digimandate.audit.config import find_config
from digimandate.cli.settings import AuditOptions, resolve
from digimandate.errors import InputError
from tests.conftest import EXAMPLES

EXTRA = EXAMPLES / "checklists" / "rivierenstad-extra.yaml"


def enabled(tmp_path: Path, config: str | None = None, **options: object) -> set[str]:
    org = tmp_path / "organisation.yaml"
    org.write_text("schema_version: 1\norganisation: {name: X}\n", encoding="utf-8")
    if config is not None:
        (tmp_path / ".digimandate.yaml").write_text(config, encoding="utf-8")
    settings = resolve(org, AuditOptions(**options))  # type: ignore[arg-type]
    return {r.id for r in settings.ruleset.enabled()}


@pytest.fixture(autouse=True)
def _repo(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the search for a configuration stops at the repository root


def test_no_config_runs_every_rule(tmp_path: Path) -> None:
    assert len(enabled(tmp_path)) == 53


def test_select_prefix(tmp_path: Path) -> None:
    assert enabled(tmp_path, "select: [M00]\n") == {f"M00{i}" for i in range(1, 10)}


def test_ignore_prefix_and_specific_select_wins(tmp_path: Path) -> None:
    got = enabled(tmp_path, "ignore: [M, J003]\nextend-select: [M007]\n")
    assert "M007" in got and "M001" not in got and "J003" not in got and "B001" in got


def test_specific_ignore_beats_broad_select(tmp_path: Path) -> None:
    assert enabled(tmp_path, "select: [B]\nignore: [B003]\n") == {"B001", "B002", "B004", "B005", "B006", "B007"}


def test_command_line_select_replaces_config_select(tmp_path: Path) -> None:
    assert enabled(tmp_path, "select: [B]\n", select=("C001",)) == {"C001"}


def test_command_line_ignore_adds_to_config(tmp_path: Path) -> None:
    got = enabled(tmp_path, "ignore: [B]\n", ignore=("C",))
    assert not any(r.startswith(("B", "C")) for r in got) and "M001" in got


def test_config_severity_and_params(tmp_path: Path) -> None:
    org = tmp_path / "organisation.yaml"
    org.write_text("schema_version: 1\norganisation: {name: X}\n", encoding="utf-8")
    (tmp_path / ".digimandate.yaml").write_text(
        "severity: {M014: high}\nparams: {M010: {max_holders: 3}}\nfail-on: low\nlanguage: en\n", encoding="utf-8")
    s = resolve(org, AuditOptions())
    assert s.ruleset.rules["M014"].severity == "high"
    assert s.ruleset.rules["M010"].params["max_holders"] == 3
    assert s.fail_on == "low" and s.lang == "en"
    assert resolve(org, AuditOptions(fail_on="critical", lang="nl")).fail_on == "critical"


def test_config_takes_severities_in_dutch(tmp_path: Path) -> None:
    org = tmp_path / "organisation.yaml"
    org.write_text("schema_version: 1\norganisation: {name: X}\n", encoding="utf-8")
    (tmp_path / ".digimandate.yaml").write_text("severity: {M014: hoog, M010: laag}\nfail-on: middel\n",
                                                encoding="utf-8")
    s = resolve(org, AuditOptions())
    assert (s.ruleset.rules["M014"].severity, s.ruleset.rules["M010"].severity) == ("high", "low")
    assert s.fail_on == "medium"


def test_precedence_builtin_checklist_config_cli(tmp_path: Path) -> None:
    org = tmp_path / "organisation.yaml"
    org.write_text("schema_version: 1\norganisation: {name: X}\n", encoding="utf-8")
    # the extra checklist switches M014 off and sets F003's share to 0.7; the config overrides both
    (tmp_path / ".digimandate.yaml").write_text(
        f"checklists: [{EXTRA}]\nextend-select: [M014]\nparams: {{F003: {{min_digital_share: 0.6}}}}\n",
        encoding="utf-8")
    s = resolve(org, AuditOptions())
    assert s.ruleset.rules["M014"].enabled is True
    assert s.ruleset.rules["F003"].params["min_digital_share"] == 0.6
    assert s.ruleset.rules["B003"].severity == "medium"  # from the checklist, untouched by the config
    s = resolve(org, AuditOptions(ignore=("M014",)))
    assert s.ruleset.rules["M014"].enabled is False


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.digimandate]\nselect = ["B"]\n',
                                             encoding="utf-8")
    assert enabled(tmp_path) == {"B001", "B002", "B003", "B004", "B005", "B006", "B007"}


def test_config_found_upwards_and_stops_at_repo_root(tmp_path: Path) -> None:
    sub = tmp_path / "orgs" / "a"
    sub.mkdir(parents=True)
    (tmp_path / ".digimandate.yaml").write_text("select: [B]\n", encoding="utf-8")
    assert find_config(sub) == tmp_path / ".digimandate.yaml"
    inner = tmp_path / "orgs" / "repo"
    (inner / ".git").mkdir(parents=True)
    assert find_config(inner) is None


def error(tmp_path: Path, config: str, **options: object) -> str:
    with pytest.raises(InputError) as info:
        enabled(tmp_path, config, **options)
    return info.value.format("en")


def test_unknown_key_in_config(tmp_path: Path) -> None:
    path = tmp_path / ".digimandate.yaml"
    assert error(tmp_path, "selct: [B]\n") == (f"{path}:1:1: error: selct: unknown key `selct`\n"
                                               "  hint: did you mean `select`?")


def test_kebab_case_key_suggestion(tmp_path: Path) -> None:
    path = tmp_path / ".digimandate.yaml"
    assert error(tmp_path, "fail_on: high\n") == (f"{path}:1:1: error: fail_on: unknown key `fail_on`\n"
                                                  "  hint: did you mean `fail-on`?")


def test_unknown_rule_in_config(tmp_path: Path) -> None:
    path = tmp_path / ".digimandate.yaml"
    assert error(tmp_path, "severity:\n  M070: low\n") == (
        f"{path}:2:3: error: severity.M070: there is no rule M070\n"
        "  hint: did you mean `M017`? see `digimandate rules`")


def test_selector_matching_nothing(tmp_path: Path) -> None:
    path = tmp_path / ".digimandate.yaml"
    assert error(tmp_path, "ignore: [Q1]\n") == (
        f"{path}:1:10: error: ignore[0]: `Q1` matches no rule\n"
        "  hint: use a rule id (M007) or a prefix of one (M, M00); see `digimandate rules`")
    assert error(tmp_path, "{}\n", select=("M0077",)) == (
        "command line:1:1: error: --select: `M0077` matches no rule\n"
        "  hint: use a rule id (M007) or a prefix of one (M, M00); did you mean `M007`?")


def test_param_of_the_wrong_kind(tmp_path: Path) -> None:
    path = tmp_path / ".digimandate.yaml"
    assert error(tmp_path, "params:\n  M010: {max_holders: many}\n") == (
        f"{path}:2:10: error: params.M010.max_holders: parameter `max_holders` of rule M010 takes int, "
        "found 'many'\n  hint: the default of `max_holders` is 5")


def test_a_dimension_with_every_rule_switched_off_gets_no_level(tmp_path: Path) -> None:
    from digimandate.audit.flow import audit_file

    org = tmp_path / "organisation.yaml"
    org.write_bytes((EXAMPLES / "small-municipality.yaml").read_bytes())
    settings = resolve(org, AuditOptions(select=("P",)))
    result = audit_file(org, settings.ruleset)
    # model v2: a dimension whose rules are all switched off is not assessed, and without board and
    # mandate there is no overall level
    dims = result.maturity.dimensions
    assert [n for n, d in dims.items() if d.reason != "not_assessed"] == ["processes"]
    assert all(d.level is None for n, d in dims.items() if n != "processes")
    assert result.maturity.level is None
