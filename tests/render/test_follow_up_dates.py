"""One follow-up audit date in every document of an audit, after every deadline the document names."""

from __future__ import annotations

import re
from datetime import date

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.i18n import Lang

SMALL = "examples/small-municipality.yaml"
REACTIE = "examples/audit/small-municipality.reactie.yaml"
NAWOORD = "examples/audit/small-municipality.nawoord.md"
EPOCH = "1795000000"  # 18 November 2026, before the shipped reactie: the memos without it
AFTER_REACTIE = "1801656000"  # 3 February 2027, the definitief report's date, after the reactie of 19 January 2027
MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
# the sentence each document names its follow-up audit in
FOLLOW_UP = {"nl": r"vervolgonderzoek (?:nadat die zijn uitgevoerd, )?op (\d{1,2} \w+ \d{4})",
             "en": r"follow-up audit (?:once they are done, )?on (\d{1,2} \w+ \d{4})"}


def dates(text: str, lang: Lang) -> list[date]:
    """Every long date a document names ("2 mei 2027", "2 May 2027")."""
    months = MONTHS[lang]
    pattern = rf"\b(\d{{1,2}}) ({'|'.join(months)}) (\d{{4}})\b"
    return [date(int(y), months.index(m) + 1, int(d)) for d, m, y in re.findall(pattern, text)]


def write(monkeypatch: pytest.MonkeyPatch, *args: str, epoch: str = EPOCH) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = CliRunner().invoke(app, [*args, "--no-config"])
    assert result.exit_code == 0, result.output
    return str(result.output)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_memo_proposal_and_final_report_name_one_follow_up_after_every_deadline(
        lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = {
        "memo": write(monkeypatch, "memo", SMALL, "--lang", lang, "--reactie", REACTIE, epoch=AFTER_REACTIE),
        "collegevoorstel": write(monkeypatch, "memo", SMALL, "--audience", "college", "--lang", lang,
                                 "--reactie", REACTIE, epoch=AFTER_REACTIE),
        "definitief": write(monkeypatch, "report", SMALL, "--stage", "definitief", "--lang", lang,
                            "--reactie", REACTIE, "--nawoord", NAWOORD, epoch=AFTER_REACTIE),
    }
    follow_ups = {}
    for name, text in docs.items():
        named = {day for day in dates(" ".join(re.findall(FOLLOW_UP[lang], text)), lang)}
        assert len(named) == 1, (name, named)
        follow_ups[name] = named.pop()
        # every deadline the document names (advised, promised, an estimate) comes before the follow-up audit
        others = [day for day in dates(text, lang) if day != follow_ups[name]]
        assert others and max(others) < follow_ups[name], (name, max(others), follow_ups[name])
    assert set(follow_ups.values()) == {date(2028, 1, 31)}, follow_ups  # a quarter after 31 October 2027
    last = "31 oktober 2027" if lang == "nl" else "31 October 2027"
    assert last in docs["memo"] and last in docs["collegevoorstel"]


def test_without_the_response_the_memos_keep_the_plans_own_follow_up(monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (["memo", SMALL], ["memo", SMALL, "--audience", "college"]):
        text = write(monkeypatch, *args, "--lang", "nl")
        assert "Een vervolgonderzoek op 1 september 2027 laat zien" in text
        assert "de laatste datum waarop de bestuurlijke reactie een actie toezegt" not in text


def test_a_memo_takes_the_response_but_no_stage_or_nawoord(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(app, ["memo", SMALL, "--no-config", "--reactie", REACTIE, "--template", "examples"])
    assert result.exit_code != 0
    assert "--reactie hoort bij het rapport" in result.output or "--reactie belongs to the report" in result.output


def decision_dates(text: str, lang: Lang) -> list[date]:
    """The dates of a document's decision points (the first section), but for informing the council afterwards."""
    points = [line for line in text.split("\n## ", 2)[1].splitlines() if "te informeren" not in line
              and "To inform" not in line]
    return dates("\n".join(points), lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_follow_up_dates(lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the response, every date of memo, proposal and report derives from the report date and the promises."""
    final = ("--reactie", REACTIE)
    memo = write(monkeypatch, "memo", SMALL, "--lang", lang, *final, epoch=AFTER_REACTIE)
    college = write(monkeypatch, "memo", SMALL, "--audience", "college", "--lang", lang, *final, epoch=AFTER_REACTIE)
    report = write(monkeypatch, "report", SMALL, "--stage", "definitief", "--lang", lang, *final, "--nawoord", NAWOORD,
                   epoch=AFTER_REACTIE)
    written, follow_up, peildatum = date(2027, 2, 3), date(2028, 1, 31), date(2026, 11, 1)
    vision_ends = date(2026, 12, 31)  # a recorded fact: the course runs until then
    reacted = date(2027, 1, 19)  # the executive's response
    for text in (memo, college):
        # every date after the facts (the peildatum, a law's date) lies from the memo's date up to the follow-up audit
        # (but the recorded end of the course and the day of the response, which names what it did not adopt)
        assert all(written <= day <= follow_up for day in dates(text, lang)
                   if day > peildatum and day not in (vision_ends, reacted)), text
        # and every date a decision point names is one the final report names too: the documents agree
        assert set(decision_dates(text, lang)) - {peildatum} <= set(dates(report, lang))
    # the response's dates, not the plan's, where a promise is about the point's action (31 March 2027 is about a
    # process owner, not the digital request that point decides)
    promised = {date(2027, 2, 28), date(2027, 6, 30)}
    assert promised <= set(decision_dates(memo, lang))
    assert date(2027, 3, 31) not in set(decision_dates(memo, lang))
    # the KCC co-owns the website by the date promised for it, not three months on
    kcc = next(line for line in memo.splitlines() if line.startswith("3. "))
    assert ("gereed uiterlijk 28 februari 2027" if lang == "nl" else "done by 28 February 2027") in kcc
    # the decisions left to the report come before or on the first deadline they govern
    rest = ("besluit de directie uiterlijk 28 februari 2027" if lang == "nl"
            else "the management team decides by 28 February 2027")
    assert rest in memo
    # the executive agrees to what its response promised, by the promised date; to the mandate as its response
    # adopted it: in part, first the powers, then a decision on the proposal it promised
    points = college.split("\n## ", 2)[1]
    assert (("toezegde: het college legt de raad een nieuwe dienstverleningsvisie voor (wethouder Dienstverlening en "
             "ICT, uiterlijk 31 oktober 2027)") if lang == "nl" else "31 October 2027") in points
    assert ("besluit het college van B&W daarna, op het voorstel dat uiterlijk 30 juni 2027 voorligt." if lang == "nl"
            else "the municipal executive decides on the mandate itself and its rules after that, on the proposal "
            "due by 30 June 2027.") in points
    assert "In te stemmen met het organisatiebrede mandaat" not in points


def test_without_the_response_the_memo_dates_derive_from_the_memo_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # a memo written on another day moves every date with it: none comes from the peildatum
    for epoch, written in ((EPOCH, date(2026, 11, 18)), (AFTER_REACTIE, date(2027, 2, 3))):
        for args in (["memo", SMALL], ["memo", SMALL, "--audience", "college"]):
            text = write(monkeypatch, *args, "--lang", "nl", epoch=epoch)
            # but the recorded end of the course, said in the tense of the memo's own day
            assert all(day >= written for day in dates(text, "nl")
                       if day > date(2026, 11, 1) and day != date(2026, 12, 31)), (args, epoch)
            if args == ["memo", SMALL]:
                tense = "liep af op" if written > date(2026, 12, 31) else "loopt af op"
                assert f'De visie "Dienstverleningsvisie 2022-2026" {tense} 31 december 2026' in text, epoch
