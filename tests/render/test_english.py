"""The English documents are written in English, not in Dutch translated word for word."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from digimandate.cli.run import Run
from digimandate.cli.settings import AuditOptions
from digimandate.render.common import Audited
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.memo import build_memo
from digimandate.render.doc.report import build_report
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES


def _agency() -> Audited:
    run = Run(AuditOptions(no_config=True))
    run.audit([EXAMPLES / "english-agency.yaml"], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    return Audited(run.results[0], run.settings.ruleset, run.models[0])


def test_the_agency_memo_and_report_read_as_english() -> None:
    a = _agency()
    ctx = DocContext("en", date(2026, 11, 18))
    memo = render_markdown(build_memo(a, ctx, "directie"))
    report = render_markdown(build_report(a, ctx))
    # its fact has no source: ranked after the decisions ready to take, and established first
    assert ("4. First establish the fact and record its source (now without one); then decide: instruct the Team "
            "Lead Appeals: take printing and paper out of case handling.") in memo
    assert ("A large piece of work: what is decided now is a worked-out plan with a cost estimate, by 18 February "
            "2027; the implementation is decided after that.") in memo
    assert ("2. Drop the approval per change by Communications; agree the limits beforehand and let the holder "
            "account for changes afterwards.") in memo
    assert ("On the other actions the advice report leaves to the management team (recommendations 1 and 3), the "
            "management team decides by ") in memo
    assert ('**Finding:** For the product Lodge an objection, step "Print the case file for the hearing" involves '
            "printing") in report
    for calque in ("Much work", "decision points more", "out of the handling", "paper in handling", '" prints',
                   "boundaries beforehand, accountability afterwards"):
        assert calque not in memo and calque not in report, calque


MUNICIPAL = r"\b(residents'?|municipal\w*|the council|college|civil affairs|aldermen|My Municipality|the executive)\b"


def test_the_agency_procedure_documents_speak_of_its_ministry_not_a_council(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from digimandate.cli.app import app

    (tmp_path / "agency.yaml").write_text((EXAMPLES / "english-agency.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    for step in ("opzet", "uitvraag"):
        result = CliRunner().invoke(app, [step, str(tmp_path / "agency.yaml"), "-f", "md", "--lang", "en",
                                          "--no-config"])
        assert result.exit_code == 0, result.output
    opzet = (tmp_path / "onderzoeksopzet.md").read_text(encoding="utf-8")
    guide = (tmp_path / "interviewleidraad.md").read_text(encoding="utf-8")
    # the Haarlemmermeer example is a municipality's own story: its executive stays
    assert re.findall(MUNICIPAL, opzet.replace("In Haarlemmermeer management and the executive", "")) == []
    assert re.findall(MUNICIPAL, guide) == []
    # the reason first, the example after it
    assert ("| Management has adopted the course. A course that the board and management carry together gives the "
            "mandate holder something to appeal to with colleagues across the organisation. The ministry sets the frame "
            "within which the organisation works, so a course adopted by management suffices. In Haarlemmermeer "
            'management and the executive both set the course "working from the intent"') in opzet
    assert ("The ministry sets the frame within which the organisation works, so a course adopted by management "
            "suffices.") in opzet
    assert "| A minister or state secretary holds the portfolio. A minister or state secretary as portfolio holder" in opzet
    assert "with a request per role: management, customer contact centre," in opzet
    assert "## Questions for management\n" in guide


def test_the_agency_informs_the_ministry() -> None:
    a = _agency()
    memo = render_markdown(build_memo(a, DocContext("en", date(2026, 11, 18)), "college"))
    assert "| **To** | The ministry |" in memo
    assert "Nothing needs deciding by the ministry; this memo is for information." in memo


def test_an_english_title_keeps_its_capitals_in_a_dutch_memo() -> None:
    memo = render_markdown(build_memo(_agency(), DocContext("nl", date(2026, 11, 18)), "directie"))
    assert "daarna besluiten: opdracht geven aan de Team Lead Appeals: haal printen en papier uit de afhandeling." \
        in memo
    assert "Eigenaar: de Chief Operating Officer;" in memo
    assert "de team Lead" not in memo and "de chief Operating" not in memo
