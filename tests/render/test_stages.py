"""Report stages: concept and definitief reports, the bestuurlijke reactie and nawoord, and the follow-up."""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
EPOCH = "1795000000"  # 2026-11-18
SMALL = "examples/small-municipality.yaml"
REACTIE = "examples/audit/small-municipality.reactie.yaml"
NAWOORD = "examples/audit/small-municipality.nawoord.md"
# the example's dates in the order of an audit: nota 18 November 2026 (replies by 9 December), concept
# 16 December 2026, the college's reactie 19 January 2027, the definitief report 3 February 2027
CONCEPT = ["--stage", "concept", "--date", "2026-12-16"]
DEFINITIEF = ["--stage", "definitief", "--reactie", REACTIE, "--nawoord", NAWOORD, "--date", "2027-02-03"]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return CliRunner()


STAGES = [("concept", CONCEPT), ("definitief", DEFINITIEF)]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("stage", "extra"), STAGES, ids=[s[0] for s in STAGES])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_golden(runner: CliRunner, stage: str, extra: list[str], lang: str, fmt: str) -> None:
    result = runner.invoke(app, ["report", SMALL, "--lang", lang, "-f", fmt, *extra])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"small-municipality.{lang}.report-{stage}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), f"{golden.name} differs; UPDATE_GOLDEN=1 regenerates"


def test_concept_is_marked_before_the_title(runner: CliRunner) -> None:
    nl = runner.invoke(app, ["report", SMALL, "--stage", "concept", "--lang", "nl"]).stdout
    assert nl.startswith("**Concept · versie 0.1 · 18 november 2026**\n\n# Adviesrapport")
    en = runner.invoke(app, ["report", SMALL, "--stage", "concept", "--doc-version", "0.3", "--lang", "en"]).stdout
    assert en.startswith("**Draft · version 0.3 · 18 November 2026**\n\n# Advice report")
    assert "| **Status** | Draft |" in en and "| **Version** | 0.3 |" in en
    assert "Response of the executive" not in en


def test_a_report_is_dated_with_date(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", SMALL, "--lang", "nl", "--stage", "concept", "--date", "2026-12-16"]).stdout
    assert text.startswith("**Concept · versie 0.1 · 16 december 2026**\n")
    assert "| **Datum rapport** | 16 december 2026 |" in text


def test_without_a_stage_the_report_is_as_before(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", SMALL, "--lang", "nl"]).stdout
    assert text.startswith("# Adviesrapport") and "Concept" not in text and "| **Status** |" not in text


def test_definitief_holds_the_reactie_after_the_recommendations(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", SMALL, "--lang", "nl", *DEFINITIEF]).stdout
    assert text.startswith("**Definitief · versie 1.0 · 3 februari 2027**\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    at = headings.index("## Bestuurlijke reactie en nawoord")
    assert headings[at - 1] == "## Aanbevelingen" and headings[at + 1].startswith("## Bijlage A")
    assert "| 1 | Het mandaat: organisatiebreed" in text and "| deels overgenomen | De bevoegdheden van de adviseur" in text
    assert "(gemeentesecretaris, uiterlijk 30 juni 2027; acties 8 en 9)" in text
    assert "| 5 | Sturen op resultaat" in text and "| niet overgenomen | – |" in text
    assert "**Aanbeveling 5:** Het college stelt eerst een eigen doel" in text
    assert "### Nawoord\n\nDe onderzoekers danken het college" in text


def test_definitief_carries_the_promised_dates_and_one_follow_up(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", SMALL, "--lang", "nl", *DEFINITIEF]).stdout
    recommendations = text.split("## Aanbevelingen", 1)[1].split("\n## ", 1)[0]
    # the latest date the reactie commits to for a recommendation replaces the date the concept advised
    assert "### Aanbeveling 1." in recommendations
    first = recommendations.split("### Aanbeveling 1.", 1)[1].split("###", 1)[0]
    # recommendation 1 is adopted in part: the promises name actions 2, 8 and 9, and nothing for action 1
    assert ("| **Gereed uiterlijk** | toegezegd: 30 juni 2027, voor acties 2, 8 en 9; niets toegezegd voor actie 1 |"
            in first)
    third = recommendations.split("### Aanbeveling 3.", 1)[1].split("###", 1)[0]  # the course, to the raad
    assert "| **Gereed uiterlijk** | toegezegd: 31 oktober 2027 |" in third
    # the follow-up comes after the last promise, said by the body that promised, and is the only one named
    assert ("Het college van burgemeester en wethouders van Dijkveld heeft acties toegezegd tot en met "
            "31 oktober 2027") in text
    assert "vervolgonderzoek op 1 september 2027" not in text and "31 januari 2028" in text
    assert "Het bestuur heeft" not in text
    # the actions' own dates are the advice the promises answer: the column says so
    assert "| Nr. | Actie | Impact / inspanning | Wie voert uit | Na | Gereed volgens advies |" in text


def test_a_promise_just_before_the_follow_up_still_gets_its_quarter(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - recommendation: 1\n    response: overgenomen\n"
                                      "    actions:\n      - {action: Mandaat vastleggen, owner: gemeentesecretaris, "
                                      "due: 2027-08-16}\n")
    text = runner.invoke(app, ["report", SMALL, "--lang", "nl", "--stage", "definitief", "--reactie",
                               str(reactie)]).stdout
    # the plan's follow-up (1 September 2027) would measure a promise of two weeks before: a quarter after it
    assert "vervolgonderzoek op 1 september 2027" not in text
    assert "toegezegd tot en met 16 augustus 2027; wij adviseren een vervolgonderzoek nadat die zijn uitgevoerd, op " \
           "16 november 2027." in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_definitief_has_no_sentence_of_a_concept(runner: CliRunner, lang: str) -> None:
    concept = runner.invoke(app, ["report", SMALL, "--lang", lang, "--stage", "concept"]).stdout
    final = runner.invoke(app, ["report", SMALL, "--lang", lang, *DEFINITIEF]).stdout
    before = "voordat het rapport definitief wordt" if lang == "nl" else "before the report is final"
    assert before in concept
    assert before not in final
    assert ("zou haar sterker maken" if lang == "nl" else "would make it stronger") in final


def test_html_prints_the_stage_on_every_page(runner: CliRunner) -> None:
    text = runner.invoke(app, ["report", SMALL, "--lang", "en", "-f", "html", "--stage", "concept"]).stdout
    assert '@page { @top-right { content: "Draft · version 0.1 · 18 November 2026";' in text
    assert '<p class="stage">Draft · version 0.1 · 18 November 2026</p>' in text


def test_a_stage_in_css_cannot_end_the_style(runner: CliRunner) -> None:
    from digimandate.render.doc.to_html import stage_css

    css = stage_css('a"b\\c</style><script>')
    assert css.startswith('@page { @top-right { content: "a\\"b\\\\c\\3c /style\\3e \\3c script\\3e ";')
    assert "<" not in css


def write_reactie(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reactie.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def definitief(runner: CliRunner, reactie: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--stage", "definitief", "--reactie", str(reactie),
                                 *extra])
    return result.exit_code, result.stderr


def test_an_unknown_recommendation_is_located_with_the_known_ones(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - recommendation: 1\n    response: deels\n"
                                      "  - recommendation: 40\n    response: overgenomen\n")
    code, err = definitief(runner, reactie)
    assert code == 2
    assert err == (f"{reactie}:5:5: error: responses[1].recommendation: recommendation 40 does not exist in this report\n"
                   "  hint: the report numbers its recommendations 1–5; give the number from the table of "
                   "recommendations\n")


def test_a_promise_covers_actions_of_its_own_recommendation(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2027-01-19\nresponses:\n  - recommendation: 1\n    response: deels\n"
                                      "    actions:\n      - {action: Mandaat, owner: directie, covers: [2, 3]}\n")
    code, err = definitief(runner, reactie, "--date", "2027-02-03")
    assert code == 2
    assert err == (f"{reactie}:6:56: error: responses[0].actions[0].covers[1]: action 3 is not one of recommendation "
                   "1's; its actions are 1, 2, 8, 9\n  hint: under covers, give the numbers of appendix E the "
                   "recommendation bundles (its row \"Actions\")\n")


@pytest.mark.parametrize(("covers", "said"), [
    ("covers: [2]", "For recommendation 1, the municipal executive promises nothing for actions 1, 8 and 9 of appendix E."),
    ("covers: [1, 2, 8, 9]", None),  # every action has its promise
    ("due: 2027-06-30", None),  # promises that name no actions: the report cannot tell, and says nothing
])
def test_the_final_report_names_the_actions_nothing_was_promised_for(runner: CliRunner, tmp_path: Path, covers: str,
                                                                     said: str | None) -> None:
    reactie = write_reactie(tmp_path, "date: 2027-01-19\nresponses:\n  - recommendation: 1\n    response: deels\n"
                                      f"    actions:\n      - {{action: Mandaat, owner: directie, {covers}}}\n"
                                      "  - {recommendation: 2, response: niet}\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--stage", "definitief", "--reactie", str(reactie),
                                 "--date", "2027-02-03"])
    assert result.exit_code == 0, result.output
    assert ("promises nothing" in result.stdout) == (said is not None)
    if said is not None:
        assert said in result.stdout
        assert "| Mandaat (directie, no date given; action 2) |" in result.stdout
    assert "recommendation 2, nothing" not in result.stdout  # not adopted: no promise is expected


def test_a_recommendation_answered_twice(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - {recommendation: 2, response: niet}\n"
                                      "  - {recommendation: 2, response: deels}\n")
    code, err = definitief(runner, reactie)
    assert code == 2
    assert err == (f"{reactie}:4:6: error: responses[1].recommendation: recommendation 2 already has a response "
                   "earlier in this file\n  hint: give one response per recommendation, with all its actions\n")


def test_a_response_that_is_not_one_of_the_three(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - recommendation: 2\n    response: misschien\n")
    code, err = definitief(runner, reactie)
    assert code == 2
    assert err.startswith(f"{reactie}:4:15: error: responses[0].response: ")
    assert "overgenomen, deels, niet, adopted, partly, rejected" in err


def test_a_reactie_without_a_date_and_with_an_unknown_key(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "responses:\n  - recommendation: 1\n    response: niet\n    actoins: []\n")
    code, err = definitief(runner, reactie)
    assert code == 2
    assert err.splitlines()[0] == f"{reactie}:1:1: error: date: required key `date` is missing"
    assert f"{reactie}:4:5: error: responses[0].actoins: unknown key `actoins`\n  hint: did you mean `actions`?\n" in err


@pytest.mark.parametrize(("line", "where", "message"), [
    ('by: "college\\e[31m\\n::error::x"', "2:5: error: by", "U+001B (character 8)"),
    ('text: "a\\u0007b"', "2:7: error: text", "U+0007 (character 2)"),
    ('responses:\n  - {recommendation: 1, response: niet, text: "x\\x85"}',
     "3:47: error: responses[0].text", "U+0085 (character 2)"),
    ('responses:\n  - recommendation: 1\n    response: deels\n    actions: [{action: "\\x1b]8;;x", owner: wethouder}]',
     "5:24: error: responses[0].actions[0].action", "U+001B (character 1)"),
])
def test_a_reactie_with_control_characters_is_refused(runner: CliRunner, tmp_path: Path, line: str, where: str,
                                                      message: str) -> None:
    reactie = write_reactie(tmp_path, f"date: 2026-11-10\n{line}\n")
    code, err = definitief(runner, reactie)
    assert code == 2
    assert err == (f"{reactie}:{where}: the text holds the control character {message}\n"
                   "  hint: remove the character; control characters and a byte-order mark do not belong in a text\n")


@pytest.mark.parametrize(("line", "where", "message"), [
    ('by: "college \\u202Eroodnet"', "2:5: error: by", "U+202E (character 9)"),
    ("text: \"Wij nemen \u2066het advies\u2069 over\"", "2:7: error: text", "U+2066 (character 11)"),
    ('responses:\n  - recommendation: 1\n    response: deels\n    actions: [{action: x, owner: "\\u202Bwethouder"}]',
     "5:34: error: responses[0].actions[0].owner", "U+202B (character 1)"),
])
def test_a_reactie_with_a_bidirectional_control_is_refused(runner: CliRunner, tmp_path: Path, line: str, where: str,
                                                          message: str) -> None:
    reactie = write_reactie(tmp_path, f"date: 2026-11-10\n{line}\n")
    code, err = definitief(runner, reactie)
    assert code == 2
    assert err == (f"{reactie}:{where}: the text holds the bidirectional control character {message}, which reverses "
                   "or changes the order of what follows\n"
                   "  hint: remove the character; it makes a text read otherwise than it is\n")


def test_a_reactie_with_a_bidirectional_control_is_refused_in_dutch(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, 'date: 2026-11-10\nby: "college \\u202Eroodnet"\n')
    code, err = definitief(runner, reactie, "--lang", "nl")
    assert code == 2
    assert err == (f"{reactie}:2:5: fout: by: de tekst bevat het stuurteken voor de leesrichting U+202E (teken 9), "
                   "dat de volgorde van wat volgt omkeert of verandert\n"
                   "  tip: haal het teken weg; het laat een tekst anders lezen dan hij is\n")


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("- 1\n- 2\n", "1:1: error: expected a mapping (key: value) at the top, found list",
     "a response starts with `date:`, then `by:`, `text:` and `responses:` with the response per recommendation"),
    ("", "1:1: error: the file is empty",
     "a response starts with `date:`, then `by:`, `text:` and `responses:` with the response per recommendation"),
    (f"date: 2026-11-10\ntext: {'x' * 20_001}\n",
     "2:7: error: text: the text is 20001 characters long, more than the limit of 20000",
     "shorten the text; a long explanation belongs in an annex to the response"),
])
def test_a_reactie_of_the_wrong_shape_has_hints_of_its_own(runner: CliRunner, tmp_path: Path, text: str,
                                                           message: str, hint: str) -> None:
    reactie = write_reactie(tmp_path, text)
    code, err = definitief(runner, reactie)
    assert code == 2
    assert err == f"{reactie}:{message}\n  hint: {hint}\n"


def test_a_reactie_that_is_not_yaml(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: [2026\n")
    code, err = definitief(runner, reactie)
    assert code == 2 and err.startswith(f"{reactie}:")
    assert "Traceback" not in err


def test_stage_options_that_do_not_belong_together(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--reactie", REACTIE])
    assert result.exit_code == 2
    assert result.stderr == ("error: --reactie belongs to a final report\n"
                             "  hint: add --stage definitief; a draft first goes to the municipal executive for its response\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--stage", "definitief"])
    assert result.exit_code == 2
    assert result.stderr == ("error: a final report holds the response of the executive\n"
                             "  hint: name the file with the response with --reactie "
                             "(see examples/audit/small-municipality.reactie.yaml)\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--previous-reactie", REACTIE])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --previous-reactie belongs with --previous\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--stage", "concept", "--template", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --stage belongs to the report, not to a memo or a template of your own\n")


@pytest.mark.parametrize(("example", "lang", "body"), [
    ("small-municipality", "nl", "het college van B&W"), ("english-agency", "en", "the ministry"),
    ("english-agency", "nl", "het ministerie")])
def test_the_hint_names_the_body_the_draft_goes_to(runner: CliRunner, example: str, lang: str, body: str) -> None:
    result = runner.invoke(app, ["report", f"examples/{example}.yaml", "--lang", lang, "--nawoord",
                                 "examples/audit/small-municipality.nawoord.md"])
    assert result.exit_code == 2
    hint = result.stderr.splitlines()[1]
    assert hint.endswith((f"bestuurlijk wederhoor naar {body}", f"goes to {body} for its response"))
    assert "het bestuur" not in hint


def test_an_empty_or_huge_nawoord(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "nawoord.md"
    empty.write_text("\n  \n", encoding="utf-8")
    code, err = definitief(runner, EXAMPLES / "audit" / "small-municipality.reactie.yaml", "--nawoord", str(empty),
                           "--date", "2027-02-03")
    assert code == 2
    assert err == (f"{empty}:1:1: error: the afterword is empty\n"
                   "  hint: write the afterword as plain text or simple Markdown, or leave out --nawoord\n")
    empty.write_text("x" * (64 * 1024 + 1), encoding="utf-8")
    code, err = definitief(runner, EXAMPLES / "audit" / "small-municipality.reactie.yaml", "--nawoord", str(empty),
                           "--date", "2027-02-03")
    assert code == 2 and err.startswith(f"{empty}:1:1: error: ")


def test_free_text_stays_text(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2026-11-16\ntext: \"# kop <script>alert(1)</script> | cel\"\n"
                                      "responses:\n  - {recommendation: 1, response: overgenomen, "
                                      "text: '[link](http://x) `code`'}\n")
    code, _ = definitief(runner, reactie)
    assert code == 0
    text = runner.invoke(app, ["report", SMALL, "--lang", "en", "--stage", "definitief",
                               "--reactie", str(reactie)]).stdout
    assert "<script>" not in text and "kop &lt;script&gt;alert(1)&lt;/script&gt; \\| cel" in text
    assert "\\[link\\](http://x) \\`code\\`" in text
    assert "The response gives the auditor no reason for an afterword." in text


def test_the_reactie_and_nawoord_are_never_overwritten(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2026-11-16\n")
    result = runner.invoke(app, ["report", SMALL, "--stage", "definitief", "--reactie", str(reactie), "-o",
                                 str(reactie), "--force", "--lang", "en"])
    assert result.exit_code == 2
    assert reactie.read_text(encoding="utf-8") == "date: 2026-11-16\n"


def test_word_language_and_properties(runner: CliRunner, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    for lang, tag, sender in (("nl", "nl-NL", "Adviseur digitale dienstverlening"), ("en", "en-GB", None)):
        out = tmp_path / f"report-{lang}.docx"
        args = ["report", SMALL, "-f", "docx", "-o", str(out), "--lang", lang, "--stage", "concept"]
        result = runner.invoke(app, args + (["--from", sender] if sender else []))
        assert result.exit_code == 0, result.output
        doc = docx.Document(str(out))
        props = doc.core_properties
        assert props.author == (sender or "") and props.last_modified_by == (sender or "")
        assert props.title == ("Adviesrapport: Gemeente Dijkveld" if lang == "nl" else "Advice report: Gemeente Dijkveld")
        assert props.created == props.modified == datetime(2026, 11, 18, tzinfo=timezone.utc)
        assert props.language == tag and props.comments == ""
        lang_el = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
            qn("w:lang"))
        assert lang_el.get(qn("w:val")) == tag
        assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == tag
        head = doc.sections[0].header.paragraphs[0].text
        assert head == ("Concept · versie 0.1 · 18 november 2026" if lang == "nl" else "Draft · version 0.1 · 18 November 2026")


def test_memo_word_names_its_author(runner: CliRunner, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "memo.docx"
    result = runner.invoke(app, ["memo", SMALL, "-f", "docx", "-o", str(out), "--from", "Concernstaf"])
    assert result.exit_code == 0, result.output
    props = docx.Document(io.BytesIO(out.read_bytes())).core_properties
    assert props.author == "Concernstaf" and props.created is not None and props.created.year == 2026
    assert not docx.Document(io.BytesIO(out.read_bytes())).sections[0].header.paragraphs[0].text


def test_follow_up_of_the_previous_recommendations(runner: CliRunner, tmp_path: Path) -> None:
    before = runner.invoke(app, ["check", SMALL, "-f", "json", "--lang", "en"]).stdout
    previous = tmp_path / "previous.json"
    previous.write_text(before, encoding="utf-8")
    org = tmp_path / "organisation.yaml"
    text = (EXAMPLES / "small-municipality.yaml").read_text(encoding="utf-8")
    # now: a sponsor is recorded, and the parking permit comes in digitally for the most part
    now = text.replace("  portfolio_holder:", "  sponsor: gerda\n  portfolio_holder:").replace(
        "total: 640, digital: 210,", "total: 640, digital: 600,")
    org.write_text(now, encoding="utf-8")
    result = runner.invoke(app, ["report", str(org), "--lang", "en", "--previous", str(previous),
                                 "--previous-reactie", REACTIE])
    assert result.exit_code == 0, result.output
    report = result.stdout
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings.index("## Follow-up of the previous recommendations") == headings.index("## Findings per dimension") - 1
    follow = report.split("## Follow-up of the previous recommendations")[1].split("\n## ")[0]
    assert ("| 1 | The mandate: organisation-wide, with the powers and the time the work needs | "
            "partly adopted | De bevoegdheden van de adviseur digitale dienstverlening worden verruimd tot formulieren "
            "en processen (gemeentesecretaris, by 28 February 2027; action 2); Een voorstel voor een organisatiebreed "
            "mandaat, met de benodigde formatie, ligt voor (gemeentesecretaris, by 30 June 2027; actions 8 and 9) | "
            "still open |") in follow
    # every action of the recommendation is met now: fixed, whatever the response was
    assert ("| 5 | Managing by results: measure and report uptake | not adopted | – | fixed |"
            in follow)


def test_the_previous_reactie_is_checked_against_the_previous_report(runner: CliRunner, tmp_path: Path) -> None:
    before = runner.invoke(app, ["check", SMALL, "-f", "json", "--lang", "en"]).stdout
    previous = tmp_path / "previous.json"
    previous.write_text(before, encoding="utf-8")
    reactie = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - {recommendation: 99, response: niet}\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--previous", str(previous),
                                 "--previous-reactie", str(reactie)])
    assert result.exit_code == 2
    assert result.stderr == (f"{reactie}:3:6: error: responses[0].recommendation: recommendation 99 does not exist "
                             "in the previous report\n  hint: the previous report numbered its recommendations 1–5, "
                             "as the findings of the previous result rank now\n")


def test_a_markdown_report_keeps_its_pictures(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    result = runner.invoke(app, ["report", SMALL, "-o", str(out), "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["advies.maturity.svg", "advies.md"]
    text = out.read_text(encoding="utf-8")
    assert "![Gemeente Dijkveld: volwassenheidsniveau per dimensie](advies.maturity.svg)" in text
    assert "```mermaid\nflowchart LR\n  subgraph d0[\"Directie\"]" in text
    svg = (tmp_path / "advies.maturity.svg").read_text(encoding="utf-8")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg version="1.1" xmlns="http://www.w3.org/2000/svg"')
    assert "<title>Gemeente Dijkveld: volwassenheidsniveau per dimensie</title>" in svg


def test_the_chart_beside_a_report_is_never_overwritten(runner: CliRunner, tmp_path: Path) -> None:
    chart = tmp_path / "advies.maturity.svg"
    chart.write_text("mijn tekening", encoding="utf-8")
    result = runner.invoke(app, ["report", SMALL, "-o", str(tmp_path / "advies.md"), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {chart} already exists; it is left untouched\n"
                             "  hint: add --force to replace it, or choose another name\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["advies.maturity.svg"]  # nothing written, not even the text
    assert chart.read_text(encoding="utf-8") == "mijn tekening"
    result = runner.invoke(app, ["report", SMALL, "-o", str(tmp_path / "advies.md"), "--lang", "en", "--force"])
    assert result.exit_code == 0 and chart.read_text(encoding="utf-8").startswith("<?xml")


def test_a_name_with_brackets_stays_one_link(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "advies (concept).md"
    result = runner.invoke(app, ["report", SMALL, "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "](<advies (concept).maturity.svg>)" in out.read_text(encoding="utf-8")


def test_html_and_word_hold_the_chart_inside(runner: CliRunner, tmp_path: Path) -> None:
    for fmt in ("html", "docx"):
        result = runner.invoke(app, ["report", SMALL, "-o", str(tmp_path / f"advies.{fmt}"), "-f", fmt])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["advies.docx", "advies.html"]


def test_a_quote_checks_that_the_number_still_names_it(runner: CliRunner, tmp_path: Path) -> None:
    ok = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - recommendation: 2\n"
                                 "    quote: 'kanalen: een eigenaar uit de dienstverlening en kanalen die samenwerken'\n"
                                 "    response: overgenomen\n")
    assert runner.invoke(app, ["report", SMALL, "--lang", "nl", "--stage", "definitief", "--reactie",
                               str(ok)]).exit_code == 0
    moved = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - recommendation: 3\n"
                                    "    quote: 'Kanalen: een eigenaar uit de dienstverlening en kanalen die samenwerken.'\n"
                                    "    response: overgenomen\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "nl", "--stage", "definitief", "--reactie", str(moved)])
    assert result.exit_code == 2
    assert result.stderr == (f"{moved}:4:5: fout: responses[0].quote: aanbeveling 3 luidt in dit rapport anders dan "
                             "de reactie citeert\n  tip: het citaat is aanbeveling 2: de nummering is na het concept "
                             "veranderd; noem 2\n")
    wrong = write_reactie(tmp_path, "date: 2026-11-16\nresponses:\n  - {recommendation: 1, quote: iets anders, "
                                    "response: niet}\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--stage", "definitief", "--reactie", str(wrong)])
    assert result.exit_code == 2
    assert result.stderr.endswith("recommendation 1 reads differently in this report than the response quotes\n"
                                  "  hint: recommendation 1 reads: \"The mandate: organisation-wide, with the powers "
                                  "and the time the work needs\"; correct the number or the quote\n")


def test_a_dutch_quote_fits_an_english_report(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", *DEFINITIEF])
    assert result.exit_code == 0, result.output  # the sample reactie quotes recommendation 1 in Dutch


def test_a_reactie_answers_one_organisation(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "examples/", "-o", f"{tmp_path}/out/", "--lang", "en", *DEFINITIEF])
    assert result.exit_code == 2
    assert result.stderr == ("error: a response belongs to the report of one organisation, not of 5\n"
                             "  hint: write the report per organisation file\n")
    assert not (tmp_path / "out").exists()
    result = runner.invoke(app, ["report", "examples/", "-o", f"{tmp_path}/out/", "--lang", "en", "--stage", "concept"])
    assert result.exit_code == 0, result.output
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").glob("*.md"))]
    assert len(texts) == 5 and all(text.startswith("**Draft · version 0.1 · 18 November 2026**\n") for text in texts)


def test_a_reactie_dated_after_the_report_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    reactie = write_reactie(tmp_path, "date: 2026-12-14\nresponses:\n  - {recommendation: 1, response: niet}\n")
    result = runner.invoke(app, ["report", SMALL, "--lang", "en", "--stage", "definitief", "--reactie", str(reactie)])
    assert result.exit_code == 2
    assert result.stderr == (f"{reactie}:1:7: error: date: the executive's response is dated 2026-12-14, after the "
                             "date of the final report (2026-11-18)\n  hint: the final report follows the response: "
                             "make it on or after the date of the response, or correct the date in the file\n")


def test_a_definitief_report_plans_the_follow_up_after_the_last_promise(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", SMALL, "--lang", "nl", *DEFINITIEF])
    assert result.exit_code == 0, result.output
    # the reactie promises a new vision by 31 October 2027: a follow-up before that would measure nothing
    assert ("Het college van burgemeester en wethouders van Dijkveld heeft acties toegezegd tot en met 31 oktober "
            "2027; wij adviseren een vervolgonderzoek nadat "
            "die zijn uitgevoerd, op 31 januari 2028.") in result.stdout
    assert "Wij adviseren een vervolgonderzoek op" not in result.stdout
    concept = runner.invoke(app, ["report", SMALL, "--lang", "nl", "--stage", "concept"]).stdout
    assert "Wij adviseren een vervolgonderzoek op" in concept  # no promises yet: the plan's own date


def letter(runner: CliRunner, tmp_path: Path, org: str, lang: str, *stage: str) -> str:
    result = runner.invoke(app, ["report", org, "--lang", lang, "-o", str(tmp_path / "rapport.md"),
                                 *(stage or DEFINITIEF)])
    assert result.exit_code == 0, result.output
    return (tmp_path / "rapport.informatiebrief.md").read_text(encoding="utf-8")


def test_a_definitief_report_gets_the_executives_letter_to_the_council(runner: CliRunner, tmp_path: Path) -> None:
    text = letter(runner, tmp_path, SMALL, "nl")
    assert text.startswith("# Raadsinformatiebrief\n\n*Gemeente Dijkveld*\n")
    for line in ("| **Aan** | De gemeenteraad |", "| **Van** | Het college van B&W |",
                 # a draft with the collegevoorstel, sent after the decision by the day the collegevoorstel names
                 "| **Datum** | bij verzending, uiterlijk 3 maart 2027 |",
                 "Met deze brief informeren wij de gemeenteraad over het definitieve rapport (versie 1.0) van het "
                 "onderzoek naar het mandaat voor digitale dienstverlening van Gemeente Dijkveld.",
                 "Wij doen dat op grond van artikel 169 van de Gemeentewet.",
                 "Het onderzoek stelt Gemeente Dijkveld als geheel op niveau 1 (Ad hoc), op een schaal van 1 tot en met 5.",
                 "Het rapport is bijgevoegd, met onze bestuurlijke reactie en het nawoord van de onderzoeker."):
        assert line in text, line
    # the board reads what the report found and what the college does with it, signed as a college signs
    for line in ("## De belangrijkste bevindingen\n\nHet rapport stelt onder meer vast:\n\n- Er is geen organisatiebreed "
                 "mandaat: \"website en e-formulieren\" geldt niet voor de hele organisatie, maar voor een of enkele "
                 "afdelingen.\n",
                 # the weightiest recorded fact of each recommendation, in the report's words
                 "- Bij het product Parkeervergunning aanvragen komen aanvragen via www.dijkveld.nl terecht in de "
                 "mailbox Postbus info@.\n",
                 "Het rapport doet daarover vijf aanbevelingen:",
                 "1. Het mandaat: organisatiebreed, met de bevoegdheden en de tijd die het werk vraagt\n",
                 # recommendation 4 is "overgenomen" with actions nothing is promised for: adopted in part
                 "Op 19 januari 2027 hebben wij gereageerd op vijf aanbevelingen van het rapport: twee nemen wij over, "
                 "twee deels en één niet.",
                 "Deze aanbeveling nemen wij deels over. Wij zeggen toe: het formulier voor de parkeervergunning",
                 "Voor de acties 7, 10, 12 en 14 van het rapport zeggen wij (nog) niets toe.",
                 "3. Bestuurlijke dekking: een vastgestelde koers en geregelde rapportage. "
                 "Deze aanbeveling nemen wij over. Wij zeggen toe: het college legt de raad een nieuwe "
                 "dienstverleningsvisie voor (wethouder Dienstverlening en ICT, uiterlijk 31 oktober 2027; actie 11);",
                 # the response's own words are quoted: the letter itself speaks as "wij"
                 "5. Sturen op resultaat: het gebruik meten en rapporteren. Deze aanbeveling nemen "
                 "wij niet over. Onze reactie licht dat toe: \"Het college stelt eerst",
                 # a department's name keeps its capital after the colon
                 "(teamleider Burgerzaken, uiterlijk 30 april 2027; actie 6); Ruimte en Vergunningen krijgt een "
                 "proceseigenaar",
                 "Hoogachtend,\n\nBurgemeester en wethouders van Dijkveld,\n\nde secretaris,\n\nde burgemeester,\n"):
        assert line in text, line
    assert "nawoord van de onderzoekers" not in text  # the report says "de onderzoeker" throughout
    assert "`" not in text and ".yaml" not in text and "_" not in text  # no keys, ids or paths


def test_an_agency_informs_the_ministry_that_owns_it(runner: CliRunner, tmp_path: Path) -> None:
    reactie = tmp_path / "reactie.yaml"
    reactie.write_text("date: 2026-11-16\nresponses:\n  - {recommendation: 1, response: adopted}\n", encoding="utf-8")
    text = letter(runner, tmp_path, "examples/english-agency.yaml", "en", "--stage", "definitief", "--reactie",
                  str(reactie))
    assert text.startswith("# Information letter to the ministry\n")
    assert "| **To** | The ministry |" in text and "| **From** | The management team |" in text
    assert "Gemeentewet" not in text and "council" not in text


def test_another_organisation_informs_its_supervisory_body_and_owner(runner: CliRunner, tmp_path: Path) -> None:
    reactie = tmp_path / "reactie.yaml"
    reactie.write_text("date: 2026-11-16\nresponses:\n  - {recommendation: 1, response: adopted}\n", encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text((ROOT / "examples" / "english-agency.yaml").read_text(encoding="utf-8").replace(
        "type: uitvoeringsorganisatie", "type: other"), encoding="utf-8")
    text = letter(runner, tmp_path, str(other), "en", "--stage", "definitief", "--reactie", str(reactie))
    assert text.startswith("# Information letter to the supervisory body and the owner\n")
    assert "| **To** | The supervisory body and the owner |" in text


def test_a_concept_report_has_no_letter(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", SMALL, "--stage", "concept", "-o", str(tmp_path / "rapport.md")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "rapport.informatiebrief.md").exists()


def test_the_english_letter_of_a_municipality_is_signed_by_its_mayor_and_aldermen(runner: CliRunner,
                                                                                   tmp_path: Path) -> None:
    text = letter(runner, tmp_path, SMALL, "en")
    assert "Among other things, the report finds:" in text
    assert "The report makes five recommendations about them:" in text
    assert "we adopt two, partly adopt two and do not adopt one." in text
    assert text.endswith("Yours faithfully,\n\nThe mayor and aldermen of Dijkveld,\n\nthe secretary,\n\nthe mayor,\n")
