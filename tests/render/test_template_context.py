"""One document pipeline: a template gets the built-in document model and the report's ranked recommendations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import ROOT

SMALL = "examples/small-municipality.yaml"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    return CliRunner()


def own(runner: CliRunner, tmp_path: Path, kind: str, template: str, *extra: str) -> str:
    (tmp_path / f"{kind}.md.j2").write_text(template, encoding="utf-8")
    result = runner.invoke(app, [kind, SMALL, "--template", str(tmp_path), "--lang", "en", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def table_rows(report: str, heading: str) -> list[list[str]]:
    part = report.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in part.splitlines()
            if line.startswith("| ") and not line.startswith("| No.")]


def test_the_ranked_actions_are_the_reports(runner: CliRunner, tmp_path: Path) -> None:
    template = "{% for a in ranked %}| {{ a.number }} | {{ a.action }} | {{ a.after|join(', ') or '–' }} |\n{% endfor %}"
    mine = own(runner, tmp_path, "report", template)
    report = runner.invoke(app, ["report", SMALL, "--lang", "en"]).stdout
    # the report lists every action per department in appendix E (an action may stand under two departments)
    appendix = report.split("## Appendix E. Every action, per department\n", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split(" | ")] for line in appendix.splitlines()
            if line.startswith("| ") and not line.startswith("| No.")]
    built_in = {(row[0], row[1].split(" This applies to ")[0].split(" (")[0]) for row in rows}
    ours = [tuple(c.strip() for c in line.strip("|").split(" | ")) for line in mine.splitlines()]
    # the template has each action once, after all it waits for; appendix E gives a department's part only what
    # that part waits for (forms landing for another department's product does not hold it up): together the
    # parts wait for what the whole action waits for
    assert {(n, action.split(" (")[0]) for n, action, _ in ours} == built_in
    parts: dict[str, set[str]] = {}
    for row in rows:
        parts.setdefault(row[0], set()).update(n for n in row[4].split(", ") if n != "–")
    assert {n: set(after.split(", ")) - {"–"} for n, _, after in ours} == parts
    # every route into a system (14) waits for forms landing (6) and e-mail connected (10), each department's part
    # for the one that concerns its own product
    assert ("14", "Make requests by phone, counter, e-mail and post land in a system too.", "6, 10") in ours
    # 15 actions: the renewal of the vision that runs out within a year (B007) is folded into adopting a course,
    # the departmental mandate's reach (M015) into broadening it into an organisation-wide one (M001)
    assert [n for n, _, _ in ours] == [str(i) for i in range(1, len(ours) + 1)] and len(ours) == 15


def test_the_first_actions_of_a_template_are_the_reports_first(runner: CliRunner, tmp_path: Path) -> None:
    mine = own(runner, tmp_path, "report", "{% for a in actions %}{{ a.number }}:{{ a.rule }} {% endfor %}")
    assert re.fullmatch(r"1:\w+ 2:\w+ 3:\w+ 4:\w+ 5:\w+ ", mine)
    memo = own(runner, tmp_path, "memo", "{% for a in recommendations %}{{ a.number }} {% endfor %}")
    assert memo == "1 2 3 4 5 "


def test_the_document_model_is_there_to_lay_out(runner: CliRunner, tmp_path: Path) -> None:
    template = ("# {{ document.title }}\n{% for s in document.sections %}## {{ s.title }}\n"
                "{% for b in s.blocks if b.kind == 'para' %}{{ b.text }}\n{% endfor %}{% endfor %}")
    mine = own(runner, tmp_path, "report", template)
    report = runner.invoke(app, ["report", SMALL, "--lang", "en"]).stdout
    assert [line for line in mine.splitlines() if line.startswith("#")] == \
        [line for line in report.splitlines() if re.match(r"#{1,2} ", line)]
    assert "Gemeente Dijkveld is at level 1 (Ad hoc)" in mine


def test_the_memo_decisions_are_the_built_in_ones(runner: CliRunner, tmp_path: Path) -> None:
    mine = own(runner, tmp_path, "memo", "{% for d in decisions %}- {{ d }}\n{% endfor %}")
    memo = runner.invoke(app, ["memo", SMALL, "--lang", "en"]).stdout
    first = mine.splitlines()[0][2:]
    # the memo's first decision point: the first thing the report puts first
    assert first.startswith("Drop the approval per change under the departmental mandate")
    assert first.split(" (")[0][:60] in memo


def test_the_model_stays_data(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("{{ document.sections.append(1) }}", encoding="utf-8")
    result = runner.invoke(app, ["report", SMALL, "--template", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}/report.md.j2:1:1: error: a template may not do this: "
                                    "access to attribute 'append' of 'list' object is unsafe.")


@pytest.mark.parametrize(("example", "lang", "to", "asked"), [
    ("small-municipality", "nl", "Directie en het college van B&amp;W",
     "Aan de directie en het college van B&amp;W wordt gevraagd te besluiten tot:"),
    ("english-agency", "en", "Management and the ministry", "Management and the ministry are asked to decide to:"),
])
def test_the_memo_asks_the_body_of_the_organisation_type(runner: CliRunner, tmp_path: Path, example: str, lang: str,
                                                         to: str, asked: str) -> None:
    builtin = ROOT / "digimandate" / "render" / "templates" / "memo.md.j2"
    (tmp_path / "memo.md.j2").write_text(builtin.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["memo", f"examples/{example}.yaml", "--template", str(tmp_path), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert f"| {to} |" in result.stdout
    assert asked in result.stdout
    assert "het bestuur" not in result.stdout and "the board is" not in result.stdout


def test_a_text_that_names_the_executive_needs_no_value_from_a_template(runner: CliRunner, tmp_path: Path) -> None:
    text = own(runner, tmp_path, "memo", "{{ tx('memo_no_decisions') }}\n")
    assert text == "No decisions are needed; management and the municipal executive are asked to take note of this memo.\n"
