"""The advice report and the board memo: golden files, Markdown safety, files written, progress."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
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


DOCUMENTS = [("report", []), ("memo", []), ("memo-college", ["--audience", "college"])]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("kind", "extra"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("example", ["small-municipality", "english-agency"])
def test_golden(runner: CliRunner, kind: str, extra: list[str], lang: str, example: str, fmt: str) -> None:
    command = kind.split("-")[0]
    result = runner.invoke(app, [command, f"examples/{example}.yaml", "--lang", lang, "-f", fmt, *extra])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{example}.{lang}.{kind}.{fmt}"
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
    assert len(found) >= (6 if kind == "report" else 1)
    for table in found:
        header = cells(table[0])
        assert re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", table[1]), table[1]
        for row in table:
            assert cells(row) == header, row
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    for line in text.splitlines():
        assert not line.startswith("#### Kop"), "a name became a heading"


def test_awkward_names_stay_text_in_html(runner: CliRunner) -> None:
    html = runner.invoke(app, ["report", str(AWKWARD), "-f", "html"]).stdout
    assert "<script>" not in html and "&lt;script&gt;" in html
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        ET.fromstring(svg)  # every inline figure is well-formed XML, whatever the names hold


def test_memo_stays_short(runner: CliRunner) -> None:
    for example in ("small-municipality", "large-municipality", "english-agency"):
        text = runner.invoke(app, ["memo", f"examples/{example}.yaml"]).stdout
        # every decision point names its owner, date and argument, and the points left are named: the small
        # example's memo is about 1,060 words (with what the mandate holder may change without approval, 2.4.4),
        # which prints to three A4 pages in Word; the bound keeps it from growing further
        assert len(text.split()) <= 1070, example
        assert len(text.splitlines()) <= 90, example


def decisions_of(memo: str) -> str:
    """The memo's decision points."""
    return memo.split("\n## ", 2)[1]


def test_memo_structure(runner: CliRunner) -> None:
    text = runner.invoke(app, ["memo", "examples/small-municipality.yaml", "--from", "J. Adviseur"]).stdout
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Beslispunten", "## Aanleiding", "## Beoogd effect", "## Argumenten", "## Kanttekeningen",
                        "## Financiën", "## Communicatie", "## Uitvoering en vervolg", "## Bijlagen"]
    assert text.startswith("# DT-notitie\n")
    assert "| **Aan** | De directie |" in text and "| **Steller** | J. Adviseur |" in text
    assert "| **Portefeuillehouder** | Wethouder Dienstverlening en ICT |" in text
    assert "| **Status** | ter besluitvorming |" in text
    # the directie broadens the existing departmental mandate, and the college is informed (checklist 2.3)
    # first its approval and powers, as the report puts them first
    assert "1. De goedkeuring per wijziging onder het afdelingsmandaat laten vervallen" in text
    assert "2. De bevoegdheden van het afdelingsmandaat uitbreiden" in text
    assert "4. Het bestaande afdelingsmandaat stap voor stap verbreden tot een organisatiebreed mandaat" in text
    assert "geen mandaat om namens een bestuursorgaan besluiten te nemen als bedoeld in titel 10.1" in text
    assert "(WOR artikel 25)" in text  # the directie decides about the mandate
    # the college decides on the course, and has its measurable goals recorded
    assert "Een aparte notitie legt het college van B&W drie beslispunten voor." in text  # as the proposal has them
    assert "Voor Kanalen is geen niveau vastgesteld" in text
    college = runner.invoke(app, ["memo", "examples/small-municipality.yaml", "--audience", "college",
                                  "--lang", "en"]).stdout
    addressed = runner.invoke(app, ["memo", "examples/small-municipality.yaml", "--to", "Gemeentesecretaris"]).stdout
    assert "| **Aan** | Gemeentesecretaris |" in addressed
    assert college.startswith("# Proposal to the municipal executive\n")
    assert "| **To** | The municipal executive |" in college
    # the directie grants the mandate, the college sets its rules: with the concept it takes note of the proposal
    assert ("3. To take note of the draft report's proposal that the Gemeentesecretaris grant an organisation-wide "
            "mandate for digital service delivery within the civil service") in decisions_of(college)
    assert "(Works Councils Act, article 25)" not in college


def test_memo_is_for_information_when_nothing_needs_deciding(runner: CliRunner) -> None:
    text = runner.invoke(app, ["memo", "examples/mature-municipality.yaml"]).stdout
    assert "| **Status** | ter informatie |" in text
    assert "niets te worden besloten; deze notitie is ter informatie." in text
    assert "ter besluitvorming" not in text
    # the executive still answers the concept, and takes note of the mandate the directie grants
    college = runner.invoke(app, ["memo", "examples/mature-municipality.yaml", "--audience", "college"]).stdout
    assert college.startswith("# Collegevoorstel\n") and "| **Status** | ter besluitvorming |" in college


def test_report_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "advies.html"
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "-o", str(out), "-f", "html"])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["advies.html"]
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "<style>" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html) and "@import" not in html and "url(" not in html


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


def test_progress_against_an_earlier_audit(runner: CliRunner, tmp_path: Path) -> None:
    before = runner.invoke(app, ["check", "examples/small-municipality.yaml", "-f", "json", "--lang", "en"]).stdout
    previous = tmp_path / "previous.json"
    previous.write_text(before, encoding="utf-8")
    org = tmp_path / "organisation.yaml"
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    # the owner recorded with its source: a fact without one would not count as established
    text = text.replace("    department: ruimte\n    intake:",
                        "    department: ruimte\n    owner: rob\n    source: [gesprek-ruimte]\n    intake:", 1)
    text = text.replace("  portfolio_holder:", "  sponsor: gerda\n  portfolio_holder:")
    text = text.replace("type: email}", "type: email}\n  - {id: chat, name: Chat, type: chat}")
    org.write_text(text, encoding="utf-8")
    report = runner.invoke(app, ["report", str(org), "--previous", str(previous), "--lang", "en"]).stdout
    assert "## Progress since the audit of 1 November 2026" in report
    # the sponsor and one product owner resolve two findings; the new chat channel has no owner and no measurement
    # still open: the 46 findings less the two resolved, the vision running out within a year (B007) among them
    assert "Findings since the previous audit: resolved 2, new 2, still open 44." in report
    assert "| Board commitment | 1 | 2 |" in report
    assert "| Ownership | 1 | 2 |" in report  # the product owner recorded lifts it
    memo = runner.invoke(app, ["memo", str(org), "--previous", str(previous), "--lang", "en"]).stdout
    assert "Findings since the previous audit: resolved 2, new 2, still open 44." in memo


def test_previous_that_is_not_a_result(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "previous.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--previous", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"{bad}:1:1: error: not a digimandate result: expected a JSON object with schema_version 1 and findings\n"
                             "  hint: pass the output of `digimandate check FILE --format json` from the earlier audit\n")


@pytest.mark.parametrize(("change", "what"), [
    ({"findings": None}, "findings is not a list"),
    ({"checklists": None}, "checklists is not a list"),
    ({"maturity": None}, "maturity is not an object"),
    ({"organisation": None}, "organisation is not an object"),
    ({"findings": [1]}, "findings[0] is not an object"),
    ({"findings": [{"fingerprint": ["x"]}]}, "findings[0].fingerprint is not text"),
    ({"checklists": [{"id": ["x"]}]}, "checklists[0].id is not text"),
    ({"maturity": {"level": "x"}}, "maturity.level is not a level (a whole number or null)"),
    ({"maturity": {"dimensions": {"board": "x"}}}, "maturity.dimensions.board is not an object"),
    ({"maturity": {"dimensions": {"board": {"level": "2"}}}},
     "maturity.dimensions.board.level is not a level (a whole number or null)"),
])
def test_previous_of_the_wrong_shape(runner: CliRunner, tmp_path: Path, change: dict[str, Any], what: str) -> None:
    before = json.loads(runner.invoke(app, ["check", "examples/small-municipality.yaml", "-f", "json"]).stdout)
    bad = tmp_path / "previous.json"
    bad.write_text(json.dumps({**before, **change}), encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--previous", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"{bad}:1:1: error: not a digimandate result: {what}\n"
                             "  hint: pass the output of `digimandate check FILE --format json` from the earlier audit\n")


def test_previous_folder_result_of_the_wrong_shape(runner: CliRunner, tmp_path: Path) -> None:
    before = json.loads(runner.invoke(app, ["check", "examples/small-municipality.yaml", "-f", "json"]).stdout)
    bad = tmp_path / "previous.json"
    bad.write_text(json.dumps([before, {**before, "maturity": []}]), encoding="utf-8")
    result = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--previous", str(bad), "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{bad}:1:1: fout: geen digimandate-resultaat: [1].maturity is geen object"


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


def test_job_design_describes_the_role(runner: CliRunner) -> None:
    # a role with two holders: an estimate describes the role (one holder and no survey: nothing is said)
    text = runner.invoke(app, ["report", "examples/large-municipality.yaml", "--lang", "en"]).stdout
    section = text.split("## Appendix F. The role of the mandate holders", 1)[1]
    assert "They describe the role, not the person." in section
    assert '| "digitale dienstverlening" | high (estimate) | high (estimate) |' in section
    small = runner.invoke(app, ["report", "examples/small-municipality.yaml", "--lang", "en"]).stdout
    assert "(estimate)" not in small and "Sanne" not in small
