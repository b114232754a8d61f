"""The comparative report: golden files of the shipped organisations and of 40 generated ones, and its rules."""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
EPOCH = "1795000000"  # 2026-11-18, so "date written" is fixed
GENERATED = 40


def municipalities(count: int) -> list[tuple[str, str]]:
    """The generated municipalities of the benchmarks (benchmarks/generate.py), small and with a fixed seed."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import municipalities as make
    finally:
        sys.path.pop(0)
    made: list[tuple[str, str]] = make(count, seed=20, processes=(3, 25))
    return made


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    for name, text in municipalities(GENERATED):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return CliRunner()


# The same comparison asked again (of the shipped examples, or the module's generated folder) is read from
# here: the organisations and the date are fixed, so the document is too.
_COMPARED: dict[tuple[str, ...], str] = {}


def compare(runner: CliRunner, folder: str, *args: str) -> str:
    key = (folder, *args)
    if key not in _COMPARED:
        result = runner.invoke(app, ["report", folder, "--compare", *args])
        assert result.exit_code == 0, result.output
        _COMPARED[key] = result.stdout
    return _COMPARED[key]


def check_golden(text: str, name: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs; UPDATE_GOLDEN=1 regenerates"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_golden_examples(runner: CliRunner, lang: str, fmt: str) -> None:
    check_golden(compare(runner, "examples", "--lang", lang, "-f", fmt), f"examples.{lang}.compare.{fmt}")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_generated(runner: CliRunner, generated: Path, fmt: str) -> None:
    text = compare(runner, str(generated), "--lang", "nl", "-f", fmt, "--against-median")
    check_golden(text, f"generated-{GENERATED}.nl.compare.{fmt}")


def test_the_shipped_organisations_are_all_compared(runner: CliRunner) -> None:
    text = compare(runner, "examples", "--lang", "nl")
    names = [line.split(" | ")[0].removeprefix("| ") for line in text.splitlines()
             if line.startswith("| Gemeente ") or line.startswith("| National ")]
    shipped = {"Gemeente Dijkveld", "Gemeente Lingewaard-Noord", "Gemeente Rivierenstad", "National Allowances Agency",
               "Gemeente Bronstad"}
    assert shipped <= set(names)
    assert (EXAMPLES / "imported-municipality" / "organisation.yaml").is_file()


def test_no_ranking_unless_asked(runner: CliRunner) -> None:
    plain = levels_overall(compare(runner, "examples", "--lang", "en"))
    assert [name for name, _ in plain] == sorted((name for name, _ in plain), key=str.casefold)
    ranked = levels_overall(compare(runner, "examples", "--lang", "en", "--rank"))
    assert sorted(ranked) == sorted(plain)
    levels = [int(level) if level != "–" else 0 for _, level in ranked]
    assert levels == sorted(levels, reverse=True) and levels[0] > levels[-1]


def test_the_order_is_said(runner: CliRunner) -> None:
    assert "gives no ranking" in compare(runner, "examples", "--lang", "en")
    assert "As asked, the organisations are listed by their overall level" in compare(runner, "examples", "--lang",
                                                                                      "en", "--rank")


def levels_overall(text: str) -> list[tuple[str, str]]:
    """Each organisation and its overall level, in the order of the table of levels side by side."""
    part = text.split("## Levels side by side", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in part.splitlines() if line.startswith("| ")]
    header = rows[0]
    overall = next(row for row in rows if row[0] == "Overall")
    return list(zip(header[1:], overall[1:], strict=True))


def test_against_median_compares_within_the_class(runner: CliRunner) -> None:
    text = compare(runner, "examples", "--lang", "nl", "--against-median")
    part = text.split("### 20.000 tot 50.000 inwoners", 1)[1].split("\n### ", 1)[0]
    assert "| Organisatie | Gemeente Dijkveld | Gemeente Lingewaard-Noord | Mediaan van de klasse |" in part
    assert "| Inwoners | 21.500 | 48.000 | – |" in part
    # the median of 1 and 5 is no level 3 that neither holds: it lies between them, and neither is off it
    assert "| Geheel | 1 (±0) | 5 (±0) | tussen 1 en 5 |" in part
    alone = text.split("### 150.000 tot 250.000 inwoners", 1)[1].split("\n### ", 1)[0]
    assert "één organisatie; een vergelijking met de mediaan zegt dan niets" in alone
    assert "### Grootte niet vastgelegd" in text and "### Geen gemeente" in text


def test_a_client_reads_no_ids_paths_or_keys(runner: CliRunner, generated: Path) -> None:
    for text in (compare(runner, "examples", "--lang", "nl"), compare(runner, "examples", "--lang", "en"),
                 compare(runner, str(generated), "--lang", "nl")):
        assert not re.search(r"\b[BMCOPFJ]\d{3}\b", text)  # rule ids
        assert "`" not in text and ".yaml" not in text and "examples" not in text and str(generated) not in text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text)  # a YAML key or an internal name: audit_date, not_recorded


def test_many_organisations_get_counts_and_an_appendix(runner: CliRunner, generated: Path) -> None:
    text = compare(runner, str(generated), "--lang", "en")
    assert "## Per dimension: how many organisations meet each standard" in text
    assert "## Appendix: each standard at each organisation" in text
    appendix = text.split("## Appendix", 1)[1]
    widths = {line.count(" | ") + 1 for line in appendix.splitlines() if line.startswith("| ")}
    assert max(widths) == 2 + 6  # norm, rung and six organisations: a table that prints
    levels = text.split("## Levels side by side", 1)[1].split("\n## ", 1)[0]
    assert max(line.count(" | ") + 1 for line in levels.splitlines() if line.startswith("| ")) == 1 + 6


def test_the_figure_is_accessible(runner: CliRunner) -> None:
    page = compare(runner, "examples", "--lang", "nl", "-f", "html")
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    assert [root.find(f"{ns}title"), root.find(f"{ns}desc")] == [root.find(f".//*[@id='{i}']") for i in ids]
    assert "dezelfde gegevens" in (root.findtext(f"{ns}desc") or "")
    cells = [t.text for t in root.iter(f"{ns}text") if t.text in {"1", "2", "3", "4", "5", "–"}]
    assert len(cells) == 5 * 7  # each organisation's overall level and six dimensions, as the table beside it
    assert '<html lang="nl">' in page and "<th>Organisatie</th>" in page


def test_word(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "vergelijking.docx"
    result = runner.invoke(app, ["report", "examples", "--compare", "-f", "docx", "-o", str(out), "--lang", "nl"])
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(io.BytesIO(out.read_bytes()))
    assert zipfile.is_zipfile(out)
    texts = [p.text for p in document.paragraphs]
    assert "Vergelijking van 5 organisaties" in texts and "Niveaus naast elkaar" in texts
    levels = next(table for table in document.tables if table.rows[0].cells[0].text == "Dimensie")
    assert [cell.text for cell in levels.rows[0].cells][3] == "Gemeente Lingewaard-Noord"
    body = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert 'w:fill="4B4B4B"' in body  # level 5 shaded as the maturity chart shades it: the chart in Word


def test_organisations_of_one_name_are_told_apart(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    text = compare(runner, str(tmp_path), "--lang", "nl")
    assert "| Dimensie | Gemeente Dijkveld (1) | Gemeente Dijkveld (2) |" in text
