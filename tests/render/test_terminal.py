"""The terminal view: wrapping between words, aligned summary columns, a header per organisation."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.audit.flow import audit_file
from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from digimandate.render.terminal import Line, render, wrap
from tests.conftest import EXAMPLES

SGR = re.compile(r"\x1b\[[0-9;]*m")


def audit(name: str, ruleset: RuleSet) -> AuditResult:
    return audit_file(EXAMPLES / name, ruleset, display=f"examples/{name}")


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize(("example", "lang"), [("small-municipality.yaml", "nl"), ("english-agency.yaml", "en")])
def test_wraps_to_the_width_between_words(example: str, lang: str, color: bool, ruleset: RuleSet) -> None:
    result = audit(example, ruleset)
    whole = render(result, ruleset, lang, color=False)  # type: ignore[arg-type]
    wrapped = SGR.sub("", render(result, ruleset, lang, color=color, width=80))  # type: ignore[arg-type]
    assert max(len(line) for line in whole.splitlines()) > 80  # so there is something to wrap
    for line in wrapped.splitlines():
        assert len(line) <= 80 or " " not in line.strip(), line
    assert words(wrapped) == words(whole)  # every word whole and in its place
    assert len(wrapped.splitlines()) > len(whole.splitlines())


def test_continuation_lines_are_indented_under_the_finding(ruleset: RuleSet) -> None:
    wrapped = render(audit("small-municipality.yaml", ruleset), ruleset, "nl", width=80).splitlines()
    findings = [i for i, line in enumerate(wrapped) if line.startswith("  examples/small-municipality.yaml:")]
    continued = [wrapped[i + 1] for i in findings if wrapped[i + 1].strip() and i + 1 not in findings]
    assert continued, "no finding was long enough to wrap"
    assert all(line.startswith("      ") and not line.startswith("       ") for line in continued), continued


def test_never_narrower_than_80_columns(ruleset: RuleSet) -> None:
    result = audit("small-municipality.yaml", ruleset)
    assert render(result, ruleset, "nl", width=20) == render(result, ruleset, "nl", width=80)


def test_a_word_longer_than_the_line_stays_whole() -> None:
    word = "x" * 100
    parts = wrap(Line([("  a b ", ""), (word, "bold"), (" c", "")], hang=6), 80)
    assert [p.text for p in parts] == ["  a b", f"      {word}", "      c"]
    assert parts[1].parts == [("      ", ""), (word, "bold")]


def test_wide_characters_count_as_two_columns() -> None:
    from digimandate.render.terminal import cell_width, ljust_cells

    assert cell_width("市役所") == 6 and cell_width("Gemeente") == 8 and cell_width("e\u0301") == 1
    assert ljust_cells("市役所", 8) == "市役所  "
    text = " ".join(["市役所"] * 30)  # 30 names of 6 columns and their spaces: 209 columns, 119 characters
    parts = wrap(Line([(text, "")], hang=2), 80)
    assert all(cell_width(p.text) <= 80 for p in parts)
    assert len(parts) == 3 and "".join(p.text for p in parts).replace(" ", "") == "市役所" * 30


def test_summary_columns_stay_aligned_when_a_score_is_not_applicable(ruleset: RuleSet) -> None:
    result = audit("small-municipality.yaml", ruleset)
    dims = dict(result.maturity.dimensions)
    dims["board"] = dataclasses.replace(dims["board"], score=None)  # a dimension whose weight is all not applicable
    result = dataclasses.replace(result, maturity=dataclasses.replace(result.maturity, dimensions=dims))
    for lang, na in (("nl", "n.v.t."), ("en", "n/a")):
        lines = render(result, ruleset, lang).splitlines()  # type: ignore[arg-type]
        rows = [line for line in lines if re.match(r"  \S.*  (niveau|level) ", line)]
        assert len(rows) == len(dims)
        assert sum(na in row for row in rows) == 1
        last_column = re.compile(r"score +\S+ +")
        assert len({last_column.search(row).end() for row in rows}) == 1, rows  # type: ignore[union-attr]


def test_each_organisation_starts_with_a_header_naming_it(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "clients"
    root.mkdir()
    for name in ("small-municipality.yaml", "english-agency.yaml"):
        shutil.copy(EXAMPLES / name, root / name)
    monkeypatch.delenv("COLUMNS", raising=False)
    out = CliRunner().invoke(app, ["check", str(root), "--lang", "en", "--exit-zero"]).stdout
    lines = out.splitlines()
    heads = [i for i, line in enumerate(lines) if line.startswith("Organisation: ")]
    assert [lines[i] for i in heads] == [
        f"Organisation: National Allowances Agency ({root / 'english-agency.yaml'})",
        f"Organisation: Gemeente Dijkveld ({root / 'small-municipality.yaml'})",
    ]
    first, second = heads
    assert all("english-agency.yaml:" in line for line in lines[first:second] if line.startswith("  " + str(root)))
    assert all("small-municipality.yaml:" in line for line in lines[second:] if line.startswith("  " + str(root)))


def test_check_wraps_to_columns_and_keeps_lines_whole_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    small = str(EXAMPLES / "small-municipality.yaml")
    monkeypatch.delenv("COLUMNS", raising=False)
    piped = CliRunner().invoke(app, ["check", small, "--exit-zero"]).stdout
    assert max(len(line) for line in piped.splitlines()) > 100
    monkeypatch.setenv("COLUMNS", "100")
    wrapped = CliRunner().invoke(app, ["check", small, "--exit-zero"]).stdout
    assert max(len(line) for line in wrapped.splitlines()) <= 100
    assert words(wrapped) == words(piped)


def test_colour_shows_a_location_and_a_name_as_written_never_as_emoji(ruleset: RuleSet, tmp_path: Path) -> None:
    # rich reads ":100:" as an emoji code: a location on line 100, or a name, must stay as written
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    (tmp_path / "org.yaml").write_text(text.replace("name: www.dijkveld.nl", "name: 'www :smile: :100: nl'"),
                                       encoding="utf-8")
    result = audit_file(tmp_path / "org.yaml", ruleset, display="org.yaml")
    coloured = SGR.sub("", render(result, ruleset, "nl", color=True))
    assert "Kanaal www :smile: :100: nl" in coloured
    assert any(f.location.line == 100 for f in result.findings) and "org.yaml:100:" in coloured
    assert "\U0001f4af" not in coloured and "\U0001f604" not in coloured
