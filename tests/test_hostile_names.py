"""One organisation with hostile names through every output: each parses, and nothing is injected.

Self-contained (no import from the test package), so that `.ci/run` can run it against the
installed package from a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

import digimandate
from digimandate.cli.app import app
from digimandate.render.formats import check_formats

DATA = Path(__file__).resolve().parent / "data"
HOSTILE = DATA / "hostile-names.yaml"
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"
# The client documents in each text format (the Word file is checked by reading it back in tests/render)
DOCUMENTS = ("report", "memo", "report.html", "memo.html")
# What digimandate writes as a workflow command: properties escaped, so neither `:` nor `,` in them.
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^:,]*,line=\d+,col=\d+,title=[^:,]*::.*")
SUMMARY = re.compile(r"::notice title=digimandate::.*")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours rich writes; any other escape came from the file


def test_the_package_under_test_is_the_installed_one_when_asked() -> None:
    # .ci/run sets this when it runs this file against the non-editable install
    if os.environ.get("DIGIMANDATE_EXPECT_INSTALLED") == "1":
        assert "site-packages" in Path(digimandate.__file__).parts


def test_the_hostile_file_holds_what_the_outputs_must_withstand() -> None:
    names = json.dumps(yaml.safe_load(HOSTILE.read_text(encoding="utf-8")), default=str)
    for needle in ("\\n::error", "\\r::warning", "\\u2028", "\\u2029", "\\ufffe", "%0A::error", "[bold]"):
        assert needle in names, needle


def _run(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    if fmt in DOCUMENTS:
        kind, _, ext = fmt.partition(".")
        target = f"{kind}.{ext or 'md'}"
        result = CliRunner().invoke(app, [kind, str(HOSTILE), "-f", ext or "md", "-o", target])
        assert result.exit_code == 0, result.output
        return (tmp_path / target).read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(HOSTILE), "-f", f"{fmt}=out", "--exit-zero"])
    assert result.exit_code == 0, result.output
    return (tmp_path / "out").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", [*(f.name for f in check_formats()), *DOCUMENTS])
def test_hostile_names_cannot_inject_into_any_output(fmt: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    text = _run(fmt, tmp_path, monkeypatch)
    lines = text.splitlines()
    if fmt == "github":
        assert lines and all(ANNOTATION.fullmatch(line) for line in lines[:-1]), text
        assert SUMMARY.fullmatch(lines[-1])
    else:
        assert [line for line in lines if line.startswith("::")] == []
    assert CONTROL.findall(text) == []
    if fmt in ("json", "sarif"):
        data = json.loads(text)
        if fmt == "sarif":
            jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(data)
        else:  # JSON escapes what it must and keeps the value exact
            raw = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
            assert data["organisation"]["name"] == raw["organisation"]["name"]
    if fmt == "junit":
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == "testsuites"
        assert int(root.get("failures", "0")) > 0
    if fmt.endswith(".html"):  # the inline SVG pictures stay well-formed XML
        svgs = re.findall(r"<svg\b.*?</svg>", text, re.S)
        assert svgs or fmt.startswith("memo")  # the report draws the chart and the ownership picture
        for svg in svgs:
            assert ET.fromstring(svg).tag.endswith("svg")


def test_hostile_names_cannot_inject_into_the_coloured_terminal() -> None:
    from digimandate.audit.checklist import load_ruleset
    from digimandate.audit.flow import audit_file
    from digimandate.render import render

    rules = load_ruleset()
    result = audit_file(HOSTILE, rules)
    text = SGR.sub("", render(result, rules, "terminal", "nl", color=True))
    assert CONTROL.findall(text) == []
    assert "[bold]vet[/bold]" in text  # rich markup in a name is shown, not applied
    assert [line for line in text.splitlines() if line.startswith("::")] == []


def test_a_hostile_key_in_an_input_error_stays_on_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("org.yaml").write_text('schema_version: 1\norganisation: {name: x, type: gemeente, "\\e[31mnaam\\n::error::x": 1}\n',
                                encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "org.yaml", "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        "org.yaml:2:41: error: organisation.\\x1b[31mnaam :\u2060:error:\u2060:x: unknown key `\\x1b[31mnaam :\u2060:error:\u2060:x`")
    assert CONTROL.findall(result.output) == []


HOSTILE_CHECKLIST = """
checklist: {id: hostile, version: "1", title: {nl: "Vijandig\\n::error::lijst", en: "Hostile\\n::error::list"}}
dimensions:
  extra: {title: {nl: "Extra\\n::warning::dim", en: "Extra\\n::warning::dim"}, description: {nl: x, en: x}}
rules:
  - id: HX001
    name: extra.hostile
    dimension: extra
    severity: low
    level: 3
    title: {nl: "Titel\\n::error file=x::nep\\e[31m", en: "Title\\n::error file=x::fake\\e[31m"}
    rationale: {nl: "Reden\\r::notice::x", en: "Reason\\r::notice::x"}
    advice: {nl: "Advies\\u2028::x", en: "Advice\\u2028::x"}
    messages: {missing: {nl: "Product {name}\\n::error::x", en: "Product {name}\\n::error::x"}}
    sources: [{ref: T16}]
    check:
      each: processes
      cases:
        - {when: "upl == null", message: missing}
"""


@pytest.mark.parametrize("command", [["rules"], ["explain", "HX001"]])
def test_hostile_checklist_texts_stay_on_their_lines(command: list[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("hostile.yaml").write_text(HOSTILE_CHECKLIST, encoding="utf-8")
    result = CliRunner().invoke(app, [*command, "--checklist", "hostile.yaml", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Title :\u2060:error file=x:\u2060:fake\\x1b[31m" in result.stdout
    assert [line for line in result.stdout.splitlines() if line.startswith("::")] == []
    assert CONTROL.findall(result.stdout) == []
