"""Help in the language asked for, throughout, and metavars that name what to type, not a Python type."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

COMMANDS = ["", "check", "baseline", "report", "memo", "validate", "rules", "explain", "schema", "init", "import",
            "template", "opzet", "uitvraag", "bevindingen", "status"]
# The help language is fixed when the CLI is imported, so each language gets a process of its own.
SCRIPT = """
import json, sys
from typer.testing import CliRunner
from digimandate.cli.app import app
out = {}
for name in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, [*name.split(), "--help"], terminal_width=100)
    out[name] = result.output
print(json.dumps(out))
"""
PYTHON_TYPE = re.compile(r"<(bool|str|int|float|path|file|directory|int range)>|list\[|\{\w+\}")
pytestmark = pytest.mark.xdist_group("help")  # one worker, so each language's process runs once


def help_texts(lang: str) -> dict[str, str]:
    env = {**os.environ, "DIGIMANDATE_LANG": lang, "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(COMMANDS)], capture_output=True, text=True,
                          env=env, check=True)
    texts: dict[str, str] = json.loads(done.stdout)
    return texts


@pytest.fixture(scope="module")
def dutch() -> dict[str, str]:
    return help_texts("nl")


@pytest.fixture(scope="module")
def english() -> dict[str, str]:
    return help_texts("en")


@pytest.mark.parametrize("command", COMMANDS)
def test_dutch_help_is_dutch_throughout(command: str, dutch: dict[str, str]) -> None:
    text = dutch[command]
    assert "Gebruik: digimandate" in text
    assert "Toon deze hulp en stop." in text
    for english_word in ("Usage", "Options", "Arguments", "Commands", "[default", "[required]", "Show this message",
                         "[OPTIONS]", "COMMAND", "FILE", "TEXT", "FOLDER", "SOURCE", "KIND"):
        assert english_word not in text, english_word


def test_every_command_is_looked_at() -> None:
    import typer.main

    from digimandate.cli.app import app

    group = typer.main.get_command(app)
    assert set(group.commands) == set(COMMANDS) - {""}  # type: ignore[attr-defined]


def test_dutch_help_marks_defaults_and_required_arguments_in_dutch(dutch: dict[str, str]) -> None:
    assert "[standaard: organisation.yaml]" in dutch["init"]
    assert "[verplicht]" in dutch["explain"]
    assert "Gebruik: digimandate explain [OPTIES] REGEL" in dutch["explain"]
    assert "Gebruik: digimandate [OPTIES] OPDRACHT [ARGUMENTEN]..." in dutch[""]
    assert "Opdrachten" in dutch[""] and "Opties" in dutch["check"] and "Argumenten" in dutch["check"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_metavar_shows_a_python_type(lang: str, dutch: dict[str, str], english: dict[str, str]) -> None:
    texts = dutch if lang == "nl" else english
    for command, text in texts.items():
        assert PYTHON_TYPE.findall(text) == [], (command, text)


def test_english_help_names_what_to_type(english: dict[str, str]) -> None:
    assert "Usage: digimandate check [OPTIONS] [FILE]..." in english["check"]
    assert "Usage: digimandate explain [OPTIONS] RULE" in english["explain"]
    assert re.search(r"--format\s+-f\s+FORMAT\s", english["check"])
    assert re.search(r"--to\s+TEXT", english["memo"])
    assert re.search(r"--max-bytes\s+BYTES", english["check"])
    assert "Show this message and exit." in english["check"]


@pytest.mark.parametrize(("english", "dutch"), [
    ("No such option: --formaat (Possible options: --force, --format)",
     "Onbekende optie: --formaat (mogelijke opties: --force, --format)"),
    ("Invalid value for '--format' / '-f': Value error, 'pdf' is not one of 'md', 'html', 'docx'.",
     "Ongeldige waarde voor '--format' / '-f': 'pdf' is niet een van 'md', 'html', 'docx'."),
    ("Invalid value for '--max-bytes': Input should be greater than or equal to 1",
     "Ongeldige waarde voor '--max-bytes': de waarde moet minstens 1 zijn"),
    ("Missing argument 'REGEL'.", "Argument 'REGEL' ontbreekt."),
    ("Missing argument 'SOORT'. Choose from:\n\txlsx,\n\tcsv", "Argument 'SOORT' ontbreekt. Kies uit:\n\txlsx,\n\tcsv"),
    ("No such command 'chek'. Did you mean 'check', 'schema'?", "Onbekende opdracht 'chek'. Bedoelt u 'check', 'schema'?"),
    ("Got unexpected extra argument(s) (b c)", "Onverwachte extra argumenten (b c)"),
    ("Option '--config' requires an argument.", "Optie '--config' vraagt om een waarde."),
    ("Something click says that nobody translated.", "Something click says that nobody translated."),
])
def test_parse_errors_in_dutch(english: str, dutch: str) -> None:
    from digimandate.cli.help import parse_error_text

    assert parse_error_text(english, "nl") == dutch
    assert parse_error_text(english, "en") == _PLAIN_ENGLISH.get(english, english)


# English as shown: without pydantic's "Value error," and in words a user reads (issue 25)
_PLAIN_ENGLISH = {
    "Invalid value for '--format' / '-f': Value error, 'pdf' is not one of 'md', 'html', 'docx'.":
        "Invalid value for '--format' / '-f': 'pdf' is not one of 'md', 'html', 'docx'.",
    "Invalid value for '--max-bytes': Input should be greater than or equal to 1":
        "Invalid value for '--max-bytes': the value must be at least 1",
}


def test_a_mistyped_option_is_reported_in_dutch() -> None:
    env = {**os.environ, "DIGIMANDATE_LANG": "nl", "COLUMNS": "120"}
    done = subprocess.run([sys.executable, "-m", "digimandate", "check", "--formaat", "json"], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 2
    assert "─ Fout ─" in done.stderr
    assert "Onbekende optie: --formaat (mogelijke opties: --force, --format)" in done.stderr
