"""Warnings come back from the library as values; the command line prints them in the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES

EMPTY_RUNG = """\
checklist: {id: eigen, version: "1", title: {nl: Eigen, en: Own}}
dimensions:
  website: {title: {nl: Website, en: Website}}
sources:
  X: {title: Eigen bron}
rules:
  - id: X001
    name: website.exists
    dimension: website
    severity: low
    level: 2
    title: {nl: Er is een website, en: There is a website}
    rationale: {nl: Omdat het moet., en: Because it must.}
    advice: {nl: Maak er een., en: Make one.}
    sources: [{ref: X, quote: "er is een website"}]
    messages: {none: {nl: Geen website, en: No website}}
    check: {cases: [{when: "!(channels[?type == 'website'])", message: none}]}
"""
NL = "waarschuwing: checklist eigen: dimensie website heeft geen regel op niveau 3; die dimensie komt niet boven niveau 2"
EN = "warning: checklist eigen: dimension website has no rule at level 3; it cannot rise above level 2"


@pytest.mark.parametrize(("command", "lang", "expected"), [
    (["check", str(EXAMPLES / "small-municipality.yaml"), "--exit-zero", "--no-config", "-f", "json"], "nl", NL),
    (["check", str(EXAMPLES / "small-municipality.yaml"), "--exit-zero", "--no-config", "-f", "json"], "en", EN),
    (["rules"], "nl", NL),
    (["explain", "X001"], "nl", NL),
])
def test_a_warning_is_printed_in_the_language_asked_not_the_environments(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], lang: str, expected: str) -> None:
    checklist = tmp_path / "eigen.yaml"
    checklist.write_text(EMPTY_RUNG, encoding="utf-8")
    monkeypatch.setenv("DIGIMANDATE_LANG", "en" if lang == "nl" else "nl")
    result = CliRunner().invoke(app, [*command, "--lang", lang, "--checklist", str(checklist)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == expected
