"""A run builds only the command it names; what it prints is what the whole app prints."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app, only_invoked
from tests.cli.test_help import COMMANDS

NAMED = [c for c in COMMANDS if c]


def names(group: object) -> list[str]:
    return [c.name or c.callback.__name__ for c in group.registered_commands]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", NAMED)
def test_a_named_command_alone_says_what_the_app_says(name: str) -> None:
    narrowed = only_invoked(app, [name, "--help"])
    assert names(narrowed) == [name]
    whole = CliRunner().invoke(app, [name, "--help"], terminal_width=100)
    alone = CliRunner().invoke(narrowed, [name, "--help"], terminal_width=100)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert len(names(app)) == len(NAMED)  # the app itself keeps every command


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["chek"], ["CHECK"], ["check-x"]])
def test_anything_else_gets_the_whole_app(args: list[str]) -> None:
    assert only_invoked(app, args) is app


def test_a_bad_option_of_a_command_reads_the_same() -> None:
    args = ["check", "--fromat", "json"]
    whole = CliRunner().invoke(app, args, terminal_width=100)
    alone = CliRunner().invoke(only_invoked(app, args), args, terminal_width=100)
    assert whole.exit_code == 2
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
