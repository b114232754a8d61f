"""Hostile input to every reader: only regular files, never more than the limit, strict types, bounded values.

Each case is a variant of its kind, run through the CLI: exit 2 with a located message, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-municipality.yaml"
NOT_REGULAR = "error: is not a regular file (but a device, pipe or socket)\n" \
    "  hint: name a regular file; to read from a pipe, use - for standard input\n"


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in English; (exit code, standard output, standard error)."""
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    """A device, a link to a device, a named pipe with no writer and a link to the pipe."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    (tmp_path / "random.yaml").symlink_to("/dev/urandom")
    (tmp_path / "to-pipe.json").symlink_to(fifo)
    return {"device": Path("/dev/zero"), "link to a device": tmp_path / "random.yaml", "named pipe": fifo,
            "link to a pipe": tmp_path / "to-pipe.json"}


# Every option that names a file to read, as (arguments before the file, arguments after it).
READERS = {
    "organisation": (["validate"], []),
    "check": (["check"], []),
    "checklist": (["check", str(SMALL), "--checklist"], []),
    "config": (["check", str(SMALL), "--config"], []),
    "waivers": (["check", str(SMALL), "--waivers"], []),
    "baseline": (["check", str(SMALL), "--baseline"], []),
    "previous": (["report", str(SMALL), "--previous"], []),
    "import source": (["import"], ["--dry-run"]),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("kind", ["device", "link to a device", "named pipe", "link to a pipe"])
def test_only_regular_files_are_read(reader: str, kind: str, specials: dict[str, Path]) -> None:
    before, after = READERS[reader]
    path = specials[kind]
    code, _, err = run(*before, str(path), *after)
    assert code == 2
    assert err == f"{path}:1:1: {NOT_REGULAR}"


def test_an_include_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "people.yaml")
    main = tmp_path / "org.yaml"
    main.write_text("schema_version: 1\norganisation: {name: X}\ninclude: [people.yaml]\n", encoding="utf-8")
    code, _, err = run("validate", str(main))
    assert (code, err) == (2, f"{tmp_path / 'people.yaml'}:1:1: {NOT_REGULAR}")


@pytest.mark.parametrize("size", [11, 4096])
def test_no_reader_reads_past_the_limit(tmp_path: Path, size: int) -> None:
    org = tmp_path / "org.yaml"
    org.write_text("#" * size + "\n", encoding="utf-8")
    code, _, err = run("validate", str(org), "--max-bytes", "10")
    assert code == 2
    assert err.startswith(f"{org}:1:1: error: file is {size + 1} bytes, more than the limit of 10 bytes\n")


def test_standard_input_is_read_only_to_the_limit() -> None:
    result = CliRunner().invoke(app, ["validate", "-", "--max-bytes", "100", "--lang", "en"], input="#" * 10_000)
    assert result.exit_code == 2
    assert result.stderr.startswith("<stdin>:1:1: error: file is >100 bytes, more than the limit of 100 bytes\n")


def org_with(line: str) -> str:
    """An organisation file with one line changed or added under `organisation:`."""
    return f"schema_version: 1\norganisation:\n  name: Gemeente X\n  {line}\n"


# Values that YAML 1.1 or a lax model would have turned into something else, with the exact first message.
STRICT = [
    ('inhabitants: "21500"', "4:16: error: organisation.inhabitants: expected a whole number, found '21500'"),
    ("inhabitants: true", "4:16: error: organisation.inhabitants: expected a whole number, found true"),
    ("inhabitants: 21500.0", "4:16: error: organisation.inhabitants: expected a whole number, found 21500.0"),
    ("inhabitants: 021500", "4:16: error: 021500 starts with a zero: YAML 1.1 reads it as an octal number, "
                            "YAML 1.2 as a decimal one"),
    ("inhabitants: 190:20:30", "4:16: error: organisation.inhabitants: expected a whole number, found '190:20:30'"),
    ("inhabitants: 21_500", "4:16: error: organisation.inhabitants: expected a whole number, found '21_500'"),
    ("inhabitants: -5", "4:16: error: organisation.inhabitants: -5 is out of range: >= 0"),
    ("inhabitants: 1" + "0" * 400, "4:16: error: 1000000000000000000000000000000000000000… is too long a number"),
    ("inhabitants: !!int 1" + "0" * 5000, "4:16: error: 1000000000000000000000000000000000000000… is too long a number"),
    ("code: 0363", "4:9: error: 0363 starts with a zero: YAML 1.1 reads it as an octal number, "
                   "YAML 1.2 as a decimal one"),
    ("audit_date: 9999-12-31", "4:15: error: organisation.audit_date: 9999-12-31 is out of range: <= 2100-12-31"),
    ("audit_date: 1066-10-14", "4:15: error: organisation.audit_date: 1066-10-14 is out of range: >= 1900-01-01"),
    ("audit_date: 2026-11-01T10:00:00+02:00",
     "4:15: error: organisation.audit_date: expected a date (YYYY-MM-DD), found 2026-11-01 10:00:00+02:00"),
    ("audit_date: 2026-02-30", "4:15: error: 2026-02-30 is not a valid date"),
    ('audit_date: "2026-11-01"', "4:15: error: organisation.audit_date: expected a date (YYYY-MM-DD), found '2026-11-01'"),
    ("type: !!seq {a: 1}", "4:9: error: tag !!seq does not fit a mapping (key: value)"),
    ("type: !!map [a]", "4:9: error: tag !!map does not fit a list"),
    ("type: !!bool yes", "4:9: error: value yes does not fit tag !!bool"),
    ("type: !!float 1_0", "4:9: error: value 1_0 does not fit tag !!float"),
]


@pytest.mark.parametrize(("line", "expected"), STRICT, ids=[s[0][:30] for s in STRICT])
def test_values_are_strict_and_bounded(tmp_path: Path, line: str, expected: str) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(org_with(line), encoding="utf-8")
    code, _, err = run("validate", str(org))
    assert code == 2
    assert err.splitlines()[0] == f"{org}:{expected}"


# Mandate and process values: booleans only as true/false, numbers finite, names not empty, texts clean.
ENTITY = [
    ("mandates: [{id: m, announced: yes}]", "3:31: error: mandates[0].announced: expected true or false, found 'yes'"),
    ("mandates: [{id: m, announced: 'on'}]", "3:31: error: mandates[0].announced: expected true or false, found 'on'"),
    ("mandates: [{id: m, announced: 1}]", "3:31: error: mandates[0].announced: expected true or false, found 1"),
    ("mandates: [{id: m, fte: .inf}]", "3:25: error: mandates[0].fte: inf is not a finite number"),
    ("mandates: [{id: m, fte: -.Inf}]", "3:25: error: mandates[0].fte: -inf is not a finite number"),
    ("mandates: [{id: m, fte: .NaN}]", "3:25: error: mandates[0].fte: nan is not a finite number"),
    ("mandates: [{id: m, fte: 1e400}]", "3:25: error: mandates[0].fte: inf is not a finite number"),
    ("processes: [{id: p, name: P, volume: {total: 0}}]",
     "3:46: error: processes[0].volume.total: 0 is out of range: >= 1"),
    ("processes: [{id: p, name: P, volume: {year: -99999}}]",
     "3:45: error: processes[0].volume.year: -99999 is out of range: >= 1900"),
    ("processes: [{id: p, name: P, volume: {total: 10, digital: 99999999999}}]",
     "3:59: error: processes[0].volume.digital: 99999999999 is out of range: <= 1000000000"),
    ('processes: [{id: p, name: ""}]', "3:27: error: processes[0].name: the name is empty"),
    ('processes: [{id: p, name: "  \\t "}]', "3:27: error: processes[0].name: the name is empty"),
    ('processes: [{id: p, name: "Pas\\0poort"}]',
     "3:27: error: processes[0].name: the text holds the control character U+0000 (character 4)"),
    ('processes: [{id: p, name: "\\uFEFFPaspoort"}]',
     "3:27: error: processes[0].name: the text holds the control character U+FEFF (character 1)"),
    ('processes: [{id: p, name: "Pas\\e[31mpoort"}]',
     "3:27: error: processes[0].name: the text holds the control character U+001B (character 4)"),
    ('processes: [{id: p, name: P, kpis: ["a\\x9b31m"]}]',
     "3:37: error: processes[0].kpis[0]: the text holds the control character U+009B (character 2)"),
    ('processes: [{id: p, name: "Pas\\u202Epoort"}]',
     "3:27: error: processes[0].name: the text holds the bidirectional control character U+202E (character 4), "
     "which reverses or changes the order of what follows"),
    ('mandates: [{id: m, decision: "raad \\u2067besluit\\u2069"}]',
     "3:30: error: mandates[0].decision: the text holds the bidirectional control character U+2067 (character 6), "
     "which reverses or changes the order of what follows"),
    ('processes: [{id: p, name: "' + "x" * 301 + '"}]',
     "3:27: error: processes[0].name: the text is 301 characters long, more than the limit of 300"),
    ('mandates: [{id: m, decision: "' + "x" * 5001 + '"}]',
     "3:30: error: mandates[0].decision: the text is 5001 characters long, more than the limit of 5000"),
]


@pytest.mark.parametrize(("text", "expected"), ENTITY, ids=[e[0][:40] for e in ENTITY])
def test_entity_values_are_strict_and_bounded(tmp_path: Path, text: str, expected: str) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(f"schema_version: 1\norganisation: {{name: X, audit_date: 2026-11-01}}\n{text}\n", encoding="utf-8")
    code, _, err = run("validate", str(org))
    assert code == 2
    assert err.splitlines()[0] == f"{org}:{expected}"


@pytest.mark.parametrize("version", ["1.0", "true", "'1'", "1e0", "0x1"])
def test_schema_version_is_the_integer_one(tmp_path: Path, version: str) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(f"schema_version: {version}\norganisation: {{name: X}}\n", encoding="utf-8")
    code, _, err = run("validate", str(org))
    if version == "0x1":  # YAML 1.2 hexadecimal: the integer 1 itself
        assert code == 0
        return
    assert code == 2 and err.startswith(f"{org}:1:17: error: schema_version: ")


@pytest.mark.parametrize(("place", "line"), [
    ("governance:\n  reporting: {last_report: 2027-01-01}", "4:28: error: governance.reporting.last_report"),
    ("governance:\n  vision: {adopted_on: 2026-11-02}", "4:24: error: governance.vision.adopted_on"),
    ("mandates: [{id: m, granted_on: 2030-01-01}]", "3:32: error: mandates[0].granted_on"),
    ("processes: [{id: p, name: P, last_user_test: 2026-12-01}]", "3:46: error: processes[0].last_user_test"),
    ("processes: [{id: p, name: P, redesign: {redesigned_on: 2027-05-05}}]",
     "3:56: error: processes[0].redesign.redesigned_on"),
])
def test_what_happened_is_not_dated_after_the_peildatum(tmp_path: Path, place: str, line: str) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(f"schema_version: 1\norganisation: {{name: X, audit_date: 2026-11-01}}\n{place}\n", encoding="utf-8")
    code, _, err = run("validate", str(org))
    assert code == 2
    first, hint = err.splitlines()[:2]
    assert first.startswith(f"{org}:{line}: ") and first.endswith(" is after the reference date 2026-11-01")
    assert hint == ("  hint: what this records has happened already: correct the date, "
                    "or the reference date (organisation.audit_date)")


def test_a_review_date_may_lie_ahead(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text("schema_version: 1\norganisation: {name: X, audit_date: 2026-11-01}\n"
                   "mandates: [{id: m, granted_on: 2026-01-01, review_on: 2027-06-01}]\n", encoding="utf-8")
    assert run("validate", str(org))[0] == 0


def test_the_last_day_in_range_still_makes_every_document(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    text = SMALL.read_text(encoding="utf-8")
    org.write_text(re.sub(r"audit_date: \S+", "audit_date: 2100-12-31", text), encoding="utf-8")
    for command in (["check", "--exit-zero", "-f", "json"], ["report"], ["memo"]):
        code, out, err = run(command[0], str(org), *command[1:])
        assert code == 0, err
        assert out


@pytest.mark.parametrize("reader", ["baseline", "previous"])
@pytest.mark.parametrize(("content", "reason"), [
    ('{"schema_version": 1, "findings": [], "n": 1' + "0" * 5000 + "}", "a number of more than 4,300 digits"),
    ("[" * 5000 + "]" * 5000, "nested deeper than 200 levels"),
    ('{"schema_version": NaN, "findings": []}', "NaN and Infinity are not JSON numbers"),
])
def test_json_inputs_are_bounded(tmp_path: Path, reader: str, content: str, reason: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    before, _ = READERS[reader]
    code, _, err = run(*before, str(path))
    assert code == 2
    what = "not a digimandate baseline" if reader == "baseline" else "not a digimandate JSON result"
    assert err.splitlines()[0] == f"{path}:1:1: error: {what}: {reason}"


def test_a_huge_number_in_a_zaaktypen_export_is_located(tmp_path: Path) -> None:
    path = tmp_path / "zaaktypen.json"
    path.write_text('{"count": 1' + "0" * 5000 + ', "results": []}', encoding="utf-8")
    code, _, err = run("import", f"zgw:{path}", "--dry-run")
    assert code == 2
    assert err.splitlines()[0] == "zaaktypen.json:1:1: error: not valid JSON: a number of more than 4,300 digits"


# Text that a CI log would obey: `::command::` at a line's start (a wrapped line may start anywhere in a
# name) and `##[command]` anywhere.
COMMANDS = re.compile(r"^\s*::|##\[", re.MULTILINE)


def _hostile_org(tmp_path: Path) -> Path:
    # a bidirectional override in a name is refused (test_entity_values_are_strict_and_bounded); a file may be named so
    org = tmp_path / "org\u202e.yaml"
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("name: Gemeente Dijkveld", 'name: "Gemeente ##[error]nep ::error::x ##[stop-commands]t"', 1)
    text = re.sub(r"(- id: \S+\n\s+name: )(.+)", lambda m: f'{m[1]}"{m[2]} ::error file=a::nep ##[warning]w"', text)
    org.write_text(text, encoding="utf-8")
    return org


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_no_printed_line_is_a_log_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    org = _hostile_org(tmp_path)
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run("check", str(org), "--exit-zero")
    assert code == 0, err
    assert "Gemeente #\u2060#[error]nep" in out and COMMANDS.findall(out) == []


def test_json_outputs_keep_the_value_and_print_no_log_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = _hostile_org(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", str(org), "--exit-zero", "-f", "json")
    assert code == 0, err
    assert COMMANDS.findall(out) == [] and "\u202e" not in out and "\\u202e" in out
    assert json.loads(out)["organisation"]["name"] == "Gemeente ##[error]nep ::error::x ##[stop-commands]t"
    assert json.loads(out)["input"]["file"] == str(org)
    code, _, err = run("baseline", str(org), "-o", "base.json")
    assert code == 0, err
    written = (tmp_path / "base.json").read_text(encoding="utf-8")
    assert COMMANDS.findall(written) == [] and "##\\u005b" in written


def test_an_error_message_prints_no_log_command(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text('schema_version: 1\norganisation: {name: X, "##[error]k ::warning::w": 1}\n', encoding="utf-8")
    code, _, err = run("validate", str(org))
    assert code == 2
    assert COMMANDS.findall(err) == [] and "#\u2060#[error]k :\u2060:warning:\u2060:w" in err


def test_a_copy_of_an_example_still_validates(tmp_path: Path) -> None:
    # the strict model refuses nothing that the shipped examples hold
    for example in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(example, tmp_path / example.name)
        assert run("validate", str(tmp_path / example.name))[0] == 0, example


@pytest.mark.parametrize("topic", ["web\\\\g<0>\\\\1 en formulieren", "web\\\\ en \\\\n \\\\", "web $1 \\\\g<name>"])
def test_names_with_backslashes_reach_every_document_as_written(tmp_path: Path, topic: str) -> None:
    org = tmp_path / "org.yaml"
    text = SMALL.read_text(encoding="utf-8").replace("topic: website en e-formulieren", f'topic: "{topic}"')
    org.write_text(text, encoding="utf-8")
    written = topic.replace("\\\\", "\\")
    printed = {}
    for command in (["report"], ["memo"], ["report", "-f", "html"], ["memo", "-f", "docx", "-o", str(tmp_path / "m.docx")]):
        code, printed[command[-1]], err = run(command[0], str(org), *command[1:], "--force")
        assert code == 0, err
    assert written.replace("<", "&lt;").replace(">", "&gt;") in printed["html"]
