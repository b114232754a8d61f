"""Who carries out an action is the role the file records, in the report's list of actions as in the memo."""

from __future__ import annotations

import re
from datetime import date

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.report import build_report
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES
from tests.render.test_bundles import audited


def actions(lang: str) -> dict[str, list[str]]:
    """Per department of appendix E: the 'who' column of each row, as "number: who"."""
    result = CliRunner().invoke(app, ["report", str(EXAMPLES / "small-municipality.yaml"), "--no-config", "-o", "-",
                                      "--lang", lang], env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert result.exit_code == 0, result.output
    head = "## Bijlage E." if lang == "nl" else "## Appendix E."
    part = result.stdout.split(head, 1)[1].split("\n## ", 1)[0]
    out: dict[str, list[str]] = {}
    department = ""
    for line in part.splitlines():
        if line.startswith("### "):
            department = line[4:]
        elif re.match(r"\| \d+ \|", line):
            cells = [c.strip() for c in line.strip("|").split("|")]
            out.setdefault(department, []).append(f"{cells[0]}: {cells[3]}")
    return out


def test_the_recorded_roles_carry_out_the_actions_of_their_departments() -> None:
    rows = actions("nl")
    assert rows["Klantcontactcentrum"] == ["5: de teamleider KCC"]  # the title, not "het hoofd van het KCC"
    assert set(rows["Burgerzaken"]) == {"6: de teamleider Burgerzaken", "7: de teamleider Burgerzaken",
                                        "14: de teamleider Burgerzaken", "15: de teamleider Burgerzaken"}
    # one product without a recorded owner: who appoints one, beside the owner recorded for the other
    assert rows["Ruimte en Vergunningen"][1:] == ["12: een proceseigenaar die de directie aanwijst",
                                                  "14: de vergunningverlener en een proceseigenaar die de directie "
                                                  "aanwijst"]
    every = [who for department in rows.values() for who in department]
    assert not any("de proceseigenaren" in who or "het hoofd van het KCC" in who for who in every)


@pytest.mark.parametrize("lang", ["en"])
def test_in_english_a_dutch_title_keeps_its_capital(lang: str) -> None:
    assert actions(lang)["Klantcontactcentrum"] == ["5: the Teamleider KCC"]


def test_whoever_answers_for_a_place_verifies_what_is_not_shown_there() -> None:
    text = render_markdown(build_report(audited("small-municipality"), DocContext("nl", date(2026, 11, 18))))
    appendix = text.split("| Norm | Waar | Wie gaat het na |", 1)[1].split("\n\n", 1)[0]
    # the balie is Burgerzaken's, not the KCC's; the KCC's head is named by the title the file records
    assert "| Telefoon en balie wijzen de weg naar digitaal | Balie gemeentehuis | het hoofd van Burgerzaken |" in appendix
    assert "(Awb art. 2:1) | De organisatie | de teamleider KCC |" in appendix
    assert ("| Elk product heeft een proceseigenaar | Melding openbare ruimte doen | het hoofd van Ruimte en "
            "Vergunningen |") in appendix
    assert "het hoofd van het KCC" not in appendix
