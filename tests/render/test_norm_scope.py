"""A norm that was not applied says what it applies to: the reader of appendix D knows why."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from tests.conftest import EXAMPLES


def appendix_d(text: str) -> list[list[str]]:
    """The rows of appendix D of a Markdown report, as cells."""
    part = text.split("## Bijlage D.", 1)[1].split("\n## ", 1)[0] if "## Bijlage D." in text else \
        text.split("## Appendix D.", 1)[1].split("\n## ", 1)[0]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in part.splitlines()
            if line.startswith("| ") and not re.match(r"\| (Dimensie|Dimension) \|", line)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_norm_not_applied_says_what_it_applies_to(lang: str) -> None:
    result = CliRunner().invoke(app, ["report", str(EXAMPLES / "small-municipality.yaml"), "--no-config", "-o", "-",
                                      "--lang", lang, "--date", "2026-12-02"])
    assert result.exit_code == 0, result.output
    rows = appendix_d(result.stdout)
    outcomes = {row[1]: row[4] for row in rows}
    bare = "niet van toepassing" if lang == "nl" else "not applicable"
    assert bare not in outcomes.values()  # each says why
    if lang == "nl":
        assert outcomes["Het mandaat heeft een houder"] == (
            "niet van toepassing: geldt alleen voor een organisatiebreed mandaat")
        assert outcomes["De servicenormen worden gemeten"] == (
            "niet van toepassing: geldt alleen voor producten met een vastgelegde servicenorm")
    else:
        assert outcomes["The mandate has a holder"] == "not applicable: applies only to an organisation-wide mandate"


def test_a_rule_may_say_what_it_applies_to_and_the_rule_docs_show_it(ruleset: RuleSet) -> None:
    from digimandate.render.rules_doc import explain

    text = explain(ruleset, "M002", "nl")
    assert "Reikwijdte:\n  geldt alleen voor een organisatiebreed mandaat\n" in text
    assert "Reikwijdte" not in explain(ruleset, "M001", "nl")  # M001 always applies
