"""The language points of the second reading (issue 22), in every document of every example, in both languages.

Each point is guarded both ways: the form the reading found is absent from the report, both memos and the
nota van bevindingen, and the form that replaced it is present where the example gives occasion for it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.audit.checklist import load_ruleset
from digimandate.cli.app import app
from digimandate.cli.run import Run
from digimandate.cli.settings import AuditOptions
from digimandate.i18n import Lang
from digimandate.render.common import Audited
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.proposal import build_proposal
from digimandate.render.doc.to_markdown import render_markdown
from digimandate.render.doc.words import fit
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.xdist_group("issue-language")  # one worker renders each example's documents once

NAMES = ("small-municipality", "large-municipality", "mature-municipality", "english-agency")
EPOCH = "1795000000"  # 2026-11-18
Documents = dict[str, str]  # report, memo (directie), memo-college, nota
Render = Callable[..., Documents]  # (example, language[, file text]): its documents

# the forms the reading found; none may come back in any document
BAD: dict[Lang, tuple[str, ...]] = {
    "nl": (r"\d+ dagen oud", r"meer dan 365", r"Van de \d+ toetsingen zijn er", r"\bzijn er 1 ", r"dingen die het meest",
           r"de basis, waar iedereen begint", r"\bWaar: ", r"\d+ plaatsen\b",
           # "door directie en bestuur" is a pair, as Dutch writes it; a body alone takes its article
           r"\bdoor (raad|college|directie|gemeentesecretaris)\b(?! en )"),
    "en": (r"\d+ days old", r"more than 365", r"Of the \d+ checks, 1 were", r"things that matter most",
           r"the floor, where everyone starts", r"\bWhere: ", r"\d+ places\b", r"\bby council\b"),
}


def render(folder: Path, lang: Lang) -> Documents:
    """The report, both memos and the nota of the organisation file in ``folder``."""
    runner = CliRunner()
    org = str(folder / "organisation.yaml")
    out: Documents = {}
    for kind, args in (("report", ["report"]), ("memo", ["memo"]), ("memo-college", ["memo", "--audience", "college"])):
        result = runner.invoke(app, [*args, org, "--lang", lang, "--no-config"])
        assert result.exit_code == 0, result.output
        out[kind] = result.stdout
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = runner.invoke(app, ["bevindingen", "organisation.yaml", "--lang", lang, "--no-config"])
        assert result.exit_code == 0, result.output
    out["nota"] = (folder / "nota-van-bevindingen.md").read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """The documents of an example in a language, rendered once for the module."""
    cache: dict[tuple[str, Lang], Documents] = {}

    def get(name: str, lang: Lang, text: str | None = None) -> Documents:
        key = (name, lang)
        if key not in cache:
            folder = tmp_path_factory.mktemp(f"{name}-{lang}")
            if text is None:
                shutil.copy(EXAMPLES / f"{name}.yaml", folder / "organisation.yaml")
            else:
                (folder / "organisation.yaml").write_text(text, encoding="utf-8")
            cache[key] = render(folder, lang)
        return cache[key]

    return get


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_no_form_the_reading_found_comes_back(documents: Render, name: str,
                                              lang: Lang) -> None:
    for kind, text in documents(name, lang).items():
        for pattern in BAD[lang]:
            found = re.search(pattern, text)
            assert found is None, (name, lang, kind, text[max(0, found.start() - 80):found.end() + 40])


def test_the_age_of_the_last_report_reads_in_years_and_its_norm_as_how_often(
        documents: Render) -> None:
    nl, en = documents("small-municipality", "nl")["report"], documents("small-municipality", "en")["report"]
    assert "596 dagen oud, meer dan 365" not in nl and "596 days old, more than 365" not in en
    assert ("De laatste rapportage (15 maart 2025) is ruim anderhalf jaar oud; norm: jaarlijks (eigen norm van de "
            "checklist") in nl
    assert ("The last report (15 March 2025) is more than a year and a half old; norm: once a year (the checklist's "
            "own norm") in en


@pytest.mark.parametrize(("name", "nl", "en"), [
    # every example keeps a register of sources: only a fact with a source counts as established
    ("small-municipality",
     "Op vastgelegde feiten met een bron beslist: 34 van 66 toetsingen (52%); op een vastgelegd feit zonder bron, "
     "dat niet als vastgesteld telt: 6.",
     "Decided on recorded facts with a source: 34 of 66 checks (52%); on a recorded fact without a source, which "
     "does not count as established: 6."),
    ("large-municipality", "Op vastgelegde feiten met een bron beslist: 1.660 van 2.500 toetsingen (66%).",
     "Decided on recorded facts with a source: 1,660 of 2,500 checks (66%)."),
    ("mature-municipality", "Op vastgelegde feiten met een bron beslist: 95 van 95 toetsingen (100%).",
     "Decided on recorded facts with a source: 95 of 95 checks (100%)."),
    ("english-agency",
     "Op vastgelegde feiten met een bron beslist: 44 van 57 toetsingen (77%); op een vastgelegd feit zonder bron, "
     "dat niet als vastgesteld telt: 1.",
     "Decided on recorded facts with a source: 44 of 57 checks (77%); on a recorded fact without a source, which "
     "does not count as established: 1."),
])
def test_the_checks_decided_on_facts_are_counted_without_a_verb_to_agree(
        documents: Render, name: str, nl: str, en: str) -> None:
    dutch, english = documents(name, "nl")["report"], documents(name, "en")["report"]
    assert not re.search(r"Van de \d+ toetsingen zijn er \d+", dutch)
    assert f"\n{nl}\n" in dutch
    assert f"\n{en}\n" in english


def test_a_body_is_named_with_its_article(documents: Render) -> None:
    nl, en = documents("small-municipality", "nl")["report"], documents("small-municipality", "en")["report"]
    assert "door raad" not in nl
    assert ('De visie "Dienstverleningsvisie 2022-2026" is niet vastgesteld door de raad, het college of de '
            "directie") in nl
    assert ('The vision "Dienstverleningsvisie 2022-2026" has not been adopted by the council, the executive or '
            "management") in en


@pytest.mark.parametrize("name", ["small-municipality", "large-municipality", "english-agency"])
def test_the_summary_says_what_comes_first_and_what_level_1_means(
        documents: Render, name: str) -> None:
    nl, en = documents(name, "nl")["report"], documents(name, "en")["report"]
    assert "De 3 dingen die het meest tellen" not in nl and "The 3 things that matter most" not in en
    assert "\nWat als eerste moet gebeuren:\n" in nl and "\nWhat should come first:\n" in en
    assert "de basis, waar iedereen begint" not in nl and "the floor, where everyone starts" not in en
    assert "staat op niveau 1 (Ad hoc): wie waarvoor verantwoordelijk is, is nog niet overal belegd" in nl
    assert "is at level 1 (Ad hoc): who is responsible for what is not yet assigned everywhere" in en


def test_many_products_are_counted_as_products_not_places() -> None:
    # the report alone: the large example's other documents are read at scale by the `large` variants above
    nl, en = (CliRunner().invoke(app, ["report", str(EXAMPLES / "large-municipality.yaml"), "--lang", lang,
                                       "--no-config"]).stdout for lang in ("nl", "en"))
    assert "Waar: " not in nl and not re.search(r"\d+ plaatsen", nl)
    assert "Where: " not in en and not re.search(r"\d+ places", en)
    assert "**Betreft:** alle 240 producten; bij geen ervan is het feit vastgelegd." in nl
    assert "**Concerns:** all 240 products; for none of them is the fact recorded." in en


MUNICIPAL: dict[Lang, str] = {
    "nl": r"\b(inwoners\w*|gemeente\w*|college|raad|publiekszaken|Mijn Gemeente)\b",
    # the works council (ondernemingsraad) is every employer's; "the council" is a municipality's
    "en": r"\b(residents'?|municipal\w*|the council|college|civil affairs|My Municipality)\b",
}
AGENCY = (EXAMPLES / "english-agency.yaml").read_text(encoding="utf-8")
# the agency with a course its management never adopted, and with one that ran out: the memo to the ministry
# then decides on the course, which the checklist words as putting it to the council
NOT_ADOPTED = AGENCY.replace("    adopted_by: directie\n", "    adopted_by: none\n")
EXPIRED = AGENCY.replace("    adopted_on: 2025-02-01\n", "    adopted_on: 2025-02-01\n    valid_until: 2026-06-30\n")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_agency_is_not_written_to_as_a_municipality(documents: Render, lang: Lang) -> None:
    assert NOT_ADOPTED != AGENCY and EXPIRED != AGENCY
    for name, text in (("english-agency", None), ("agency-not-adopted", NOT_ADOPTED), ("agency-expired", EXPIRED)):
        for kind, doc in documents(name, lang, text).items():
            found = re.search(MUNICIPAL[lang], doc)
            assert found is None, (name, kind, doc[max(0, found.start() - 80):found.end() + 40])
        assert "residents' portal" not in "".join(documents(name, lang, text).values())
        assert "put it to the council" not in "".join(documents(name, lang, text).values())


@pytest.mark.parametrize(("name", "lang", "said"), [
    ("agency-not-adopted", "en", "put a vision on service delivery to management for adoption, as the course of "
                                 "the whole organisation."),
    ("agency-not-adopted", "nl", "een visie op dienstverlening ter vaststelling aan de directie voorleggen, als koers "
                                 "van de hele organisatie."),
    ("agency-expired", "en", "put a new vision on service delivery, with the date until which it runs, to management "
                             "for adoption."),
    ("agency-expired", "nl", "een nieuwe visie op dienstverlening, met de datum tot wanneer die loopt, ter "
                             "vaststelling aan de directie voorleggen."),
])
def test_the_memo_to_the_ministry_puts_the_course_to_management(tmp_path: Path, name: str, lang: Lang,
                                                                said: str) -> None:
    # with the final report the proposal asks the ministry to decide the course (with the draft it only responds)
    path = tmp_path / "organisation.yaml"
    path.write_text(NOT_ADOPTED if name == "agency-not-adopted" else EXPIRED, encoding="utf-8")
    run = Run(AuditOptions(no_config=True))
    run.audit([path], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    a = Audited(run.results[0], run.settings.ruleset, run.models[0])
    memo = render_markdown(build_proposal(a, DocContext(lang, date(2026, 12, 2), final=True)))
    assert said in memo
    assert "to the council for adoption" not in memo and "aan de raad voorleggen" not in memo
    # the argument quotes the norm as the report words it for an agency
    norm = "Management has adopted the course" if lang == "en" else "De directie heeft de koers vastgesteld"
    assert f'"{norm}"' in memo


@pytest.mark.parametrize(("org_type", "lang", "portal"), [
    ("uitvoeringsorganisatie", "en", "for example in a customer portal"),
    ("uitvoeringsorganisatie", "nl", "bijvoorbeeld in een klantportaal"),
    ("rijk", "en", "for example in a customer portal"),
    ("other", "nl", "bijvoorbeeld in een klantportaal"),
])
def test_the_status_portal_is_a_customer_portal_outside_a_municipality(org_type: str, lang: Lang,
                                                                       portal: str) -> None:
    action = load_ruleset().rules["P007"].spec.action.get(lang)
    assert ("residents' portal" if lang == "en" else "inwonersportaal") in action  # the checklist's own word
    fitted = fit(action, org_type, lang)
    assert portal in fitted and "residents' portal" not in fitted and "inwonersportaal" not in fitted
    assert fit(action, "gemeente", lang) == action
