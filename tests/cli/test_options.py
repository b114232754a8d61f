"""One meaning per setting: the command line, the settings and the configuration file name the same things."""

from __future__ import annotations

import dataclasses
from typing import Any

import typer.main

from digimandate.audit.config import ConfigFile
from digimandate.cli.app import app
from digimandate.cli.settings import AuditOptions

# A setting's name in each place where it can be given: config file key -> settings field -> check option.
SAME_SETTING = {
    "select": ("select", "--select"),
    "extend-select": ("extend_select", "--extend-select"),
    "ignore": ("ignore", "--ignore"),
    "checklists": ("checklists", "--checklist"),
    "fail-on": ("fail_on", "--fail-on"),
    "language": ("lang", "--lang"),
    "waivers": ("waivers", "--waivers"),
}
# Said only in a configuration file: per-rule changes are too long for a command line, and how long a
# waiver may run is a rule of the organisation's file, not of one run.
CONFIG_ONLY = {"severity", "params", "max-waiver-days"}
# Said only on the command line: which configuration to read, and turning waivers off for one run.
COMMAND_LINE_ONLY = {"config": "--config", "no_config": "--no-config", "no_waivers": "--no-waivers"}


def check_options() -> dict[str, Any]:
    """The options of ``digimandate check`` by their long name."""
    command: Any = typer.main.get_command(app)
    params = command.commands["check"].params
    return {opt: p for p in params for opt in p.opts if opt.startswith("--")}


def config_keys() -> set[str]:
    """The keys a configuration file may hold."""
    return {field.alias or name for name, field in ConfigFile.model_fields.items()}


def test_every_config_key_is_a_setting_or_config_only() -> None:
    assert config_keys() == set(SAME_SETTING) | CONFIG_ONLY


def test_every_setting_is_a_field_and_an_option() -> None:
    fields = {f.name for f in dataclasses.fields(AuditOptions)}
    options = check_options()
    for key, (field, option) in SAME_SETTING.items():
        assert field in fields, f"{key}: settings have no {field}"
        assert option in options, f"{key}: check has no {option}"
    for field, option in COMMAND_LINE_ONLY.items():
        assert field in fields and option in options
    assert fields == {f for f, _ in SAME_SETTING.values()} | set(COMMAND_LINE_ONLY)


def test_options_that_take_a_list_are_repeatable() -> None:
    options = check_options()
    for option in ("--select", "--extend-select", "--ignore", "--checklist"):
        assert options[option].multiple, option
