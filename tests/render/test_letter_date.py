"""The letter to the council is dated as the collegevoorstel asks it to be sent: one reference date for both."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES

REACTIE = EXAMPLES / "audit" / "small-municipality.reactie.yaml"
EPOCH = "1801612800"  # 3 February 2027, the day of the definitief report and of the collegevoorstel


def test_the_letters_date_is_the_day_the_collegevoorstel_names(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    report = runner.invoke(app, ["report", str(EXAMPLES / "small-municipality.yaml"), "--no-config", "--stage",
                                 "definitief", "--reactie", str(REACTIE), "-o", str(tmp_path / "rapport.md")], env=env)
    assert report.exit_code == 0, report.output
    letter = (tmp_path / "rapport.informatiebrief.md").read_text(encoding="utf-8")
    proposal = runner.invoke(app, ["memo", str(EXAMPLES / "small-municipality.yaml"), "--no-config", "--audience",
                                   "college", "--reactie", str(REACTIE), "-o", "-"], env=env)
    assert proposal.exit_code == 0, proposal.output
    asked = re.search(r"De gemeenteraad uiterlijk (\d+ \w+ \d{4}) te informeren met bijgaande raadsinformatiebrief",
                      proposal.stdout)
    assert asked is not None and asked.group(1) == "3 maart 2027"
    assert f"| **Datum** | bij verzending, uiterlijk {asked.group(1)} |" in letter.splitlines()
    assert "| **Datum** | 3 februari 2027 |" in proposal.stdout.splitlines()
