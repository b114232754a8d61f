"""A finding names channel kinds only as the organisation has them: no app or chat it never recorded."""

from __future__ import annotations

from pathlib import Path

from digimandate.audit.flow import audit_file
from digimandate.audit.specs import RuleSet
from tests.conftest import EXAMPLES


def _messages(path: Path, ruleset: RuleSet, rule: str) -> list[tuple[str, str]]:
    return [(f.message_nl, f.message_en) for f in audit_file(path, ruleset).findings if f.rule == rule]


def test_an_agency_with_a_website_only_online_is_told_of_its_website(ruleset: RuleSet) -> None:
    agency = EXAMPLES / "english-agency.yaml"
    assert _messages(agency, ruleset, "C003") == [
        ("Het KCC (Contact Centre) is eigenaar noch mede-eigenaar van een online kanaal (de website)",
         "The contact centre (Contact Centre) owns or co-owns no online channel (the website)")]
    assert _messages(agency, ruleset, "P003") == [
        ("Bij het product Lodge an objection is aanvragen via de website niet mogelijk",
         "The product Lodge an objection cannot be requested through the website")]


def test_the_kinds_an_organisation_has_stay_in_the_message(ruleset: RuleSet, tmp_path: Path) -> None:
    text = (EXAMPLES / "english-agency.yaml").read_text(encoding="utf-8").replace(
        "  - {id: post, name: Postal address, type: post, owner: allowances, source: [org-chart]}\n",
        "  - {id: post, name: Postal address, type: post, owner: allowances, source: [org-chart]}\n"
        "  - {id: chat, name: Web chat, type: chat, owner: comms}\n")
    path = tmp_path / "agency.yaml"
    path.write_text(text, encoding="utf-8")
    assert _messages(path, ruleset, "P003") == [
        ("Bij het product Lodge an objection is aanvragen via website of chat niet mogelijk",
         "The product Lodge an objection cannot be requested through website or chat")]


def test_a_normenkader_names_no_counter_or_email_for_an_agency_without_them(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from digimandate.cli.app import app

    (tmp_path / "agency.yaml").write_text((EXAMPLES / "english-agency.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    result = CliRunner().invoke(app, ["opzet", str(tmp_path / "agency.yaml"), "-f", "md", "--lang", "en",
                                      "--no-config"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "onderzoeksopzet.md").read_text(encoding="utf-8")
    assert "| Requests by phone and post land in a system. " in text
    assert "| Phone points people to digital. " in text
    assert "phone, counter" not in text and "chat, app" not in text
