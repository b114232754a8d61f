"""The advice report and the board memo: golden files, Markdown safety, files written, progress."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
AWKWARD = ROOT / "tests" / "data" / "awkward.yaml"
EPOCH = "1795000000"  # 2026-11-18, so "date written" is fixed
_PIPE = re.compile(r"(?<!\\)\|")


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return CliRunner()


@pytest.mark.parametrize("kind", ["report", "memo"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("example", ["small-municipality", "english-agency"])
def test_golden(runner: CliRunner, kind: str, lang: str, example: str) -> None:
    result = runner.invoke(app, [kind, f"examples/{example}.yaml", "--lang", lang])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{example}.{lang}.{kind}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), f"{golden.name} differs; UPDATE_GOLDEN=1 regenerates"


def tables(text: str) -> list[list[str]]:
    """Every Markdown table outside code fences, as its list of rows."""
    out: list[list[str]] = []
    current: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("|"):
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def cells(row: str) -> int:
    return len(_PIPE.split(row.strip())) - 2


@pytest.mark.parametrize("kind", ["report", "memo"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_awkward_names_never_break_a_table(runner: CliRunner, kind: str, lang: str) -> None:
    text = runner.invoke(app, [kind, str(AWKWARD), "--lang", lang]).stdout
    found = tables(text)
    assert len(found) >= (4 if kind == "report" else 1)
    for table in found:
        header = cells(table[0])
        assert re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", table[1]), table[1]
        for row in table:
            assert cells(row) == header, row
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    for line in text.splitlines():
        assert not line.startswith("#### Kop"), "a name became a heading"


def test_awkward_names_stay_inside_the_mermaid_fence(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", str(AWKWARD)]).stdout
    block = text.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert "```" not in block
    for line in block.splitlines():
        assert line.count('"') % 2 == 0, line


def test_memo_stays_within_two_pages(runner: CliRunner) -> None:
    for example in ("small-municipality", "large-municipality", "english-agency"):
        text = runner.invoke(app, ["memo", f"examples/{example}.yaml"]).stdout
        assert len(text.split()) <= 900, example
        assert len(text.splitlines()) <= 90, example


def test_memo_structure(runner: CliRunner) -> None:
    text = runner.invoke(app, ["memo", "examples/small-municipality.yaml", "--to", "Het college",
                               "--from", "J. Adviseur"]).stdout
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Kernboodschap", "## Beslispunten", "## Aanleiding", "## Bevindingen", "## Aanbevelingen",
                        "## Kanttekeningen en risico's", "## Vervolg"]
    assert "| **Aan** | Het college |" in text and "| **Van** | J. Adviseur |" in text
    assert "| **Status** | ter besluitvorming |" in text
    assert "1. Een persoon of compact team een organisatiebreed mandaat" in text
    assert "verantwoordelijk maken voor de digitale afhandeling van begin tot eind van: Melding openbare ruimte doen" \
        in text
    core = text.split("## Kernboodschap\n\n", 1)[1].split("\n", 1)[0]
    assert 3 <= core.count(". ") + 1 <= 5 and "niveau 1" in core and "Aantal bevindingen: 44" in core


def test_report_file_with_chart_beside_it(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "![Volwassenheidsniveau per dimensie](advies.maturity.svg)" in text
    svg = ET.parse(tmp_path / "advies.maturity.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    labels = [el.text for el in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "Bestuurlijk commitment" in labels and "Gemandateerd" in labels


def test_report_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    out.write_text("mijn aantekeningen", encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.endswith("already exists; it is left untouched\n"
                                  "  hint: add --force to replace it, or choose another name\n")
    assert out.read_text(encoding="utf-8") == "mijn aantekeningen"
    assert runner.invoke(app, ["report", "examples/small-municipality.yaml", "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Adviesrapport")


def test_awkward_svg_is_well_formed(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    runner.invoke(app, ["report", str(AWKWARD), "-o", str(out)])
    title = ET.parse(tmp_path / "r.maturity.svg").getroot().find("{http://www.w3.org/2000/svg}title")
    assert title is not None and "<script>" in (title.text or "")


def test_progress_against_an_earlier_audit(runner: CliRunner, tmp_path: Path) -> None:
    before = runner.invoke(app, ["check", "examples/small-municipality.yaml", "-f", "json", "--lang", "en"]).stdout
    previous = tmp_path / "previous.json"
    previous.write_text(before, encoding="utf-8")
    org = tmp_path / "organisation.yaml"
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    text = text.replace("    department: ruimte\n    intake:", "    department: ruimte\n    owner: rob\n    intake:", 1)
    text = text.replace("  portfolio_holder:", "  sponsor: gerda\n  portfolio_holder:")
    text = text.replace("type: email}", "type: email}\n  - {id: chat, name: Chat, type: chat}")
    org.write_text(text, encoding="utf-8")
    report = runner.invoke(app, ["report", str(org), "--previous", str(previous), "--lang", "en"]).stdout
    assert "## Progress since the audit of 2026-11-01" in report
    assert "Findings fixed: 2; new: 2; still open: 42." in report
    assert "- B001 governance: No sponsor from management is recorded" in report
    assert "| Board commitment | 1 | 2 | up |" in report
    memo = runner.invoke(app, ["memo", str(org), "--previous", str(previous), "--lang", "en"]).stdout
    assert "Findings fixed: 2; new: 2; still open: 42." in memo


def test_previous_that_is_not_a_result(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "previous.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--previous", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"{bad}:1:1: error: not a digimandate JSON result: no schema_version 1 and findings\n"
                             "  hint: pass the output of `digimandate check FILE --format json` from the earlier audit\n")


def test_template_override_and_strict_undefined(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("# {{ org }} op niveau {{ level }}\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--template", str(tmp_path)])
    assert result.stdout == "# Gemeente Dijkveld op niveau 1\n"
    (tmp_path / "report.md.j2").write_text("{{ organisatie }}\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--template", str(tmp_path),
                                 "--lang", "en"])
    assert result.exit_code == 2
    assert "'organisatie' is undefined" in result.stderr


@pytest.mark.parametrize("example", ["small-municipality", "mature-municipality", "large-municipality",
                                     "english-agency"])
@pytest.mark.parametrize("kind", ["report", "memo"])
def test_every_example_gives_documents(runner: CliRunner, example: str, kind: str) -> None:
    result = runner.invoke(app, [kind, f"examples/{example}.yaml"])
    assert result.exit_code == 0 and result.stdout.startswith("# ")


def test_job_design_estimates_are_labelled(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--lang", "en"]).stdout
    section = text.split("## Job design of the mandate holders", 1)[1].split("## Appendix", 1)[0]
    assert "**estimates** from the organisation model, not measured scores" in section
    assert "| Autonomy | low (estimate) | approval per change: manager, kcc, ict; may change: banners |" in section


def test_existing_chart_stops_the_report_before_anything_is_written(runner: CliRunner, tmp_path: Path) -> None:
    chart = tmp_path / "advies.maturity.svg"
    chart.write_text("<svg/>", encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-o", str(tmp_path / "advies.md"),
                                 "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {chart} already exists; it is left untouched\n"
                             "  hint: add --force to replace it, or choose another name\n")
    assert not (tmp_path / "advies.md").exists()
    assert chart.read_text(encoding="utf-8") == "<svg/>"
