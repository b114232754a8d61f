"""The collegevoorstel's finance table says the mandate takes its holder's time, which the DT memo frees."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(("lang", "row"), [
    ("nl", "| 3 | geen kosten voor dit besluit; de tijd van wie het mandaat houdt, maakt de directie vrij binnen de "
           "bestaande formatie (DT-notitie) | bestaande formatie |"),
    ("en", "| 3 | no costs for this decision; the management team frees the mandate holder's time within the existing "
           "staff (memo to the management team) | existing staff |"),
])
def test_the_mandate_point_says_the_holders_time_is_freed_by_the_directie(lang: str, row: str) -> None:
    result = CliRunner().invoke(app, ["memo", str(EXAMPLES / "small-municipality.yaml"), "--audience", "college",
                                      "--no-config", "--lang", lang, "-o", "-"], env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert result.exit_code == 0, result.output
    finance = result.stdout.split("## Financiën" if lang == "nl" else "## Finance", 1)[1].split("\n## ", 1)[0]
    assert row in finance.splitlines()
    assert "| 3 | geen kosten |" not in finance and "| 3 | no costs |" not in finance
