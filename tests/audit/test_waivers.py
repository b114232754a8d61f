"""Waivers that expire: suppress until the date, then come back; stale and expiring ones are flagged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.audit.flow import audit_file
from digimandate.cli.app import app
from digimandate.cli.settings import AuditOptions, resolve
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-municipality.yaml"
WAIVERS = """\
waivers:
  - rule: P001
    entity: processes/parkeervergunning/*
    reason: planned
    justification: Koppeling met het zaaksysteem staat gepland
    owner: Joyce Bakker
    approved_by: Gemeentesecretaris
    expires: {expires}
"""


def setup(tmp_path: Path, text: str) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    org = tmp_path / "organisation.yaml"
    org.write_bytes(SMALL.read_bytes())
    (tmp_path / ".digimandate.yaml").write_text(text, encoding="utf-8")
    return org


def run(org: Path, today: date, **options: object):  # type: ignore[no-untyped-def]
    settings = resolve(org, AuditOptions(**options))  # type: ignore[arg-type]
    return audit_file(org, settings.ruleset, today=today, waivers=settings.waivers)


def rules(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in findings]


def test_waiver_suppresses_until_it_expires(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31"))
    result = run(org, date(2027, 1, 1))
    assert "P001" not in rules(result.findings)
    assert [w.finding.entity for w in result.waived] == ["processes/parkeervergunning/intake/website"]
    assert result.waived[0].owner == "Joyce Bakker"
    outcome = next(o for o in result.outcomes if o.rule == "P001")
    assert outcome.status == "waived"
    # model v2: a waiver never changes maturity; the level is computed as found
    assert result.maturity == run(org, date(2027, 1, 1), no_waivers=True).maturity


def test_waiver_valid_on_its_last_day_and_expiring_soon_is_flagged(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31"))
    result = run(org, date(2027, 3, 31))
    assert "P001" not in rules(result.findings)
    w002 = [f for f in result.findings if f.rule == "W002"]
    assert [f.message_en for f in w002] == [
        "The waiver for P001 on processes/parkeervergunning/* expires in 0 days, on 2027-03-31 (owner: Joyce Bakker)"]
    assert w002[0].severity == "info"
    assert w002[0].kind == "meta"  # a rule about the configuration: never on the ladder, never an action
    assert {f.kind for f in result.findings if f.rule != "W002"} == {"check"}
    assert str(w002[0].location) == f"{tmp_path / '.digimandate.yaml'}:2:5"


def test_expired_waiver_stops_suppressing_and_is_reported(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31"))
    result = run(org, date(2027, 4, 1))
    assert "P001" in rules(result.findings)
    assert result.waived == ()
    w001 = next(f for f in result.findings if f.rule == "W001")
    assert w001.message_nl == ("De uitzondering voor P001 op processes/parkeervergunning/* is verlopen op 2027-03-31 "
                               "(eigenaar: Joyce Bakker); de bevinding telt weer mee")


def test_stale_waiver(tmp_path: Path) -> None:
    text = WAIVERS.format(expires="2027-03-31").replace("processes/parkeervergunning/*", "processes/grofvuil")
    org = setup(tmp_path, text)
    result = run(org, date(2027, 1, 1))
    assert rules(f for f in result.findings if f.dimension == "waivers") == ["W003"]


def test_no_waivers_shows_everything(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31"))
    result = run(org, date(2027, 1, 1), no_waivers=True)
    assert "P001" in rules(result.findings) and result.waived == ()
    assert not [f for f in result.findings if f.dimension == "waivers"]


def test_waived_findings_do_not_count_for_the_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = """\
waivers:
  - {rule: M001, entity: mandates, reason: accepted-risk, justification: Besluit volgt, owner: directie,
     approved_by: college, expires: 2027-06-01}
"""
    org = setup(tmp_path, text)
    runner = CliRunner()
    assert runner.invoke(app, ["check", str(org), "--fail-on", "critical"]).exit_code == 0
    assert runner.invoke(app, ["check", str(org), "--fail-on", "critical", "--no-waivers"]).exit_code == 1
    data = json.loads(runner.invoke(app, ["check", str(org), "-f", "json"]).stdout)
    assert [w["rule"] for w in data["waived"]] == ["M001"]
    assert data["waived"][0]["waiver"]["expires"] == "2027-06-01"
    assert data["waived"][0]["waiver"]["approved_by"] == "college"
    out = runner.invoke(app, ["check", str(org), "--lang", "en"]).stdout
    assert "Waived, not counted (1)" in out
    assert "accepted-risk, owner directie, until 2027-06-01: Besluit volgt" in out


def test_waiver_for_an_unknown_rule(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31").replace("rule: P001", "rule: P010"))
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"{tmp_path / '.digimandate.yaml'}:2:5: error: waivers[0].rule: there is no rule P010\n"
                             "  hint: did you mean `P007`? see `digimandate rules`\n")


def test_waiver_with_an_unknown_reason(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31").replace("planned", "later"))
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "en"])
    assert result.exit_code == 2
    allowed = "accepted-risk, not-applicable, planned, false-positive"
    assert result.stderr == (f"{tmp_path / '.digimandate.yaml'}:4:13: error: waivers[0].reason: expected one of "
                             f"{allowed}, found 'later'\n  hint: allowed: {allowed}\n")


def test_separate_waiver_file(tmp_path: Path) -> None:
    org = setup(tmp_path, "{}\n")
    extra = tmp_path / "waivers.yaml"
    extra.write_text(WAIVERS.format(expires="2027-03-31"), encoding="utf-8")
    result = run(org, date(2027, 1, 1), waivers=extra)
    assert len(result.waived) == 1


def test_waived_findings_carry_sarif_suppressions(tmp_path: Path) -> None:
    import jsonschema

    from tests.conftest import ROOT

    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31"))
    result = CliRunner().invoke(app, ["check", str(org), "-f", "sarif"])
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(data)
    suppressed = [r for r in data["runs"][0]["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["P001"]
    assert suppressed[0]["suppressions"][0]["status"] == "accepted"
    assert "Joyce Bakker" in suppressed[0]["suppressions"][0]["justification"]


def test_waiver_without_approval_is_an_input_error(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2027-03-31").replace("    approved_by: Gemeentesecretaris\n", ""))
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "en"])
    assert result.exit_code == 2
    assert "waivers[0].approved_by" in result.stderr


def test_waiver_longer_than_max_waiver_days_is_an_input_error(tmp_path: Path) -> None:
    org = setup(tmp_path, WAIVERS.format(expires="2099-01-01"))
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path / '.digimandate.yaml'}:2:5: error: waivers[0].expires: the waiver for P001 runs until 2099-01-01, "
        "26359 days after the audit date 2026-11-01; at most 365 days are allowed\n"
        "  hint: choose an earlier date and review the waiver then; to change what is measured, disable the rule or set "
        "a parameter openly in the configuration\n")


def test_max_waiver_days_can_be_set(tmp_path: Path) -> None:
    org = setup(tmp_path, "max-waiver-days: 30\n" + WAIVERS.format(expires="2026-12-31"))
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "en"])
    assert result.exit_code == 2
    assert "at most 30 days are allowed" in result.stderr


@pytest.mark.parametrize(("expires", "column", "message"), [
    ("2027-03-31T10:00:00+02:00", 14, "expected a date (YYYY-MM-DD), found 2027-03-31 10:00:00+02:00\n"
                                      "  hint: write a value of the expected kind, e.g. 2026-11-01"),
    # a time of midnight elsewhere would otherwise be cut to its day, its time zone dropped unseen
    ("2027-03-31 00:00:00 +05:00", 14, "expected a date (YYYY-MM-DD), found 2027-03-31 00:00:00+05:00\n"
                                       "  hint: write a value of the expected kind, e.g. 2026-11-01"),
    ("1806451200", 14, "expected a date (YYYY-MM-DD), found 1806451200\n"
                       "  hint: write a value of the expected kind, e.g. 2026-11-01"),
    ("'31-03-2027'", 14, "31-03-2027 is not a valid date\n  hint: write dates as YYYY-MM-DD, for example 2026-11-01"),
    ("'2027-03-31'", 14, "expected a date (YYYY-MM-DD), found '2027-03-31'\n"
                         "  hint: write the date without quotes: 2027-03-31"),  # as in the organisation file
])
def test_a_waiver_expires_on_a_date_only(tmp_path: Path, expires: str, column: int, message: str) -> None:
    org = setup(tmp_path, WAIVERS.format(expires=expires))
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / '.digimandate.yaml'}:8:{column}: error: waivers[0].expires: {message}\n"


def test_a_separate_waiver_file_is_as_strict(tmp_path: Path) -> None:
    org = setup(tmp_path, "{}\n")
    extra = tmp_path / "waivers.yaml"
    extra.write_text(WAIVERS.format(expires="2027-03-31").replace("owner: Joyce Bakker", "owner: 12"),
                     encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(org), "--lang", "en", "--waivers", str(extra)])
    assert result.exit_code == 2
    assert result.stderr == (f"{extra}:6:12: error: waivers[0].owner: expected text, found 12\n"
                             "  hint: write a value of the expected kind, e.g. \"some text\"\n")
