"""Every board document of the small example, read as a bestuurssecretaris reads it: the words, not the tool."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES
from tests.procedure.test_audit_steps import EPOCH

REACTIE = EXAMPLES / "audit" / "small-municipality.reactie.yaml"
NAWOORD = EXAMPLES / "audit" / "small-municipality.nawoord.md"
_HEAD = re.compile(r"<head>.*?</head>", re.S)


def _make(folder: Path, lang: str, fmt: str) -> dict[str, str]:
    """Every board document in one language and format: opzet, uitvraag, nota, reports, letter and memos."""
    shutil.copy(EXAMPLES / "small-municipality.yaml", folder / "organisation.yaml")
    org = str(folder / "organisation.yaml")
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    runs = [["opzet", org, "--date", "2026-09-07"], ["uitvraag", org, "--date", "2026-09-14"],
            ["bevindingen", org, "--date", "2026-11-18"],
            ["report", org, "-o", str(folder / f"rapport.{fmt}")],
            ["report", org, "-o", str(folder / f"concept.{fmt}"), "--stage", "concept", "--date", "2026-12-14"],
            ["report", org, "-o", str(folder / f"definitief.{fmt}"), "--stage", "definitief", "--reactie",
             str(REACTIE), "--nawoord", str(NAWOORD), "--date", "2027-02-03"],
            ["memo", org, "-o", str(folder / f"memo.{fmt}")],
            ["memo", org, "-o", str(folder / f"collegevoorstel.{fmt}"), "--audience", "college"]]
    for args in runs:
        extra = ["--no-config"] if args[0] in ("opzet", "uitvraag", "bevindingen") else []
        result = CliRunner().invoke(app, [*args, *extra, "--lang", lang, "-f", fmt], env=env)
        assert result.exit_code == 0, result.output
    return {p.name: _HEAD.sub("", p.read_text(encoding="utf-8")) for p in sorted(folder.glob(f"*.{fmt}"))}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, str]]:
    """The documents per (language, format), each folder an audit of its own."""
    out = {}
    for lang, fmt in (("nl", "md"), ("en", "md"), ("nl", "html")):
        out[lang, fmt] = _make(tmp_path_factory.mktemp(f"{lang}-{fmt}"), lang, fmt)
    return out


EXPECTED = {"onderzoeksopzet", "interviewleidraad", "nota-van-bevindingen", "rapport", "concept", "definitief",
            "definitief.informatiebrief", "memo", "collegevoorstel"}


@pytest.mark.parametrize(("lang", "fmt"), [("nl", "md"), ("en", "md"), ("nl", "html")])
def test_no_board_document_names_the_tool(documents: dict[tuple[str, str], dict[str, str]], lang: str,
                                          fmt: str) -> None:
    docs = documents[lang, fmt]
    assert {name.rsplit(".", 1)[0] for name in docs} >= EXPECTED
    for name, text in docs.items():
        assert "digimandate" not in text.lower(), (name, text[text.lower().index("digimandate") - 80:][:160])


JUDGING = ("rapport", "concept", "definitief", "definitief.informatiebrief", "memo", "collegevoorstel")


@pytest.mark.parametrize(("lang", "duties"), [("nl", ("sociale media", "persberichten")),
                                              ("en", ("social media", "press releases"))])
def test_a_judgement_names_the_holders_duties_by_count_not_by_name(
        documents: dict[tuple[str, str], dict[str, str]], lang: str, duties: tuple[str, ...]) -> None:
    # the mandate has one holder: the report and the memos judge the role, never list what that one person does
    docs = documents[lang, "md"]
    for name in JUDGING:
        for duty in duties:
            assert duty not in docs[f"{name}.md"], (name, duty)
    why = {"nl": "**Waarom:** Een mandaat werkt door de focus op één thema. Wie het mandaat houdt in de tijd die een "
                 "reeks andere taken overlaat, kan het niet verbreden.",
           "en": "**Why:** A mandate works through focus on one theme. Whoever holds it in the time a string of other "
                 "duties leaves over cannot broaden it."}[lang]
    assert why in docs["rapport.md"]
    finding = {"nl": "en wie het houdt heeft 3 andere taken, meer dan 2 (eigen norm van de checklist",
               "en": "and whoever holds it carries 3 other duties, more than 2 (the checklist's own norm"}[lang]
    assert finding in docs["rapport.md"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_holders_confidential_interview_gives_away_neither_role_nor_department(
        documents: dict[tuple[str, str], dict[str, str]], lang: str) -> None:
    # the file names it "Gesprek met de adviseur digitale dienstverlening", given by that adviser, in confidence
    for name, text in documents[lang, "md"].items():
        assert "Gesprek met de adviseur" not in text, name
        assert "| adviseur digitale dienstverlening |" not in text, name
    row = {"nl": "| \\[5\\] | Interview | Vertrouwelijke bron | — | 25 september 2026 |",
           "en": "| \\[5\\] | Interview | Confidential source | — | 25 September 2026 |"}[lang]
    assert row in documents[lang, "md"]["rapport.md"]


@pytest.mark.parametrize(("lang", "heading"), [
    ("nl", "#### Norm: Het college wordt regelmatig geïnformeerd over resultaten\n"),
    ("en", "#### Standard: The executive is regularly informed of results\n")])
def test_a_norm_above_its_finding_reads_as_the_norm(documents: dict[tuple[str, str], dict[str, str]], lang: str,
                                                    heading: str) -> None:
    report = documents[lang, "md"]["rapport.md"]
    assert heading in report
    # every heading under a dimension names a norm as a norm, never as a statement of fact
    norms = [line for line in report.split("\n## ")[5].splitlines() if line.startswith("#### ")]
    assert norms and all(line.startswith(("#### Norm: ", "#### Standard: ")) for line in norms), norms
