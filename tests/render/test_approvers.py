"""Whose approval a change needs is said in words ("de manager, het KCC en ICT"), never as ids."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.cli.run import Run
from digimandate.cli.settings import AuditOptions
from digimandate.i18n import Lang
from digimandate.render.common import Audited
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.memo import build_memo
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES, ROOT

AGENCY = (EXAMPLES / "english-agency.yaml").read_text(encoding="utf-8")


def _agency(tmp_path: Path, holders: str = "[oliver]", survey: bool = True) -> Path:
    """The agency, its mandate needing the approval of the holder's manager, the contact centre and IT."""
    text = AGENCY.replace("needs_approval_from: [comms]", "needs_approval_from: [manager, contact, it]")
    text = text.replace("holders: [oliver]", f"holders: {holders}")
    if not survey:
        text = "\n".join(line for line in text.splitlines() if "job_survey" not in line) + "\n"
    path = tmp_path / "agency.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _memo(path: Path, lang: Lang) -> str:
    run = Run(AuditOptions(no_config=True))
    run.audit([path], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    audited = Audited(run.results[0], run.settings.ruleset, run.models[0])
    return render_markdown(build_memo(audited, DocContext(lang, date(2026, 11, 18)), "directie"))


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "De goedkeuring per wijziging door de manager, het KCC en ICT laten vervallen; kaders vooraf, "
           "verantwoording achteraf."),
    ("en", "Drop the approval per change by the manager, the contact centre and ICT; agree the limits beforehand "
           "and let the holder account for changes afterwards."),
])
def test_the_memo_names_the_approvers_in_words(tmp_path: Path, lang: Lang, said: str) -> None:
    text = _memo(_agency(tmp_path), lang)
    assert said in text
    assert "manager, Contact Centre, IT Services" not in text  # the finding's list is not the decision's words


def test_a_department_whose_function_is_not_unique_is_named(tmp_path: Path) -> None:
    # two operational departments: "de vakafdeling" would not say which; its name does
    path = _agency(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("[manager, contact, it]", "[appeals, contact]"),
                    encoding="utf-8")
    assert "Drop the approval per change by Objections and Appeals and the contact centre;" in _memo(path, "en")


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "goedkeuring per wijziging: de manager, het KCC en ICT; zelf aanpassen: formulieren en processen"),
    ("en", "approval per change: the manager, the contact centre and ICT; may change: forms and processes"),
])
def test_the_template_report_explains_an_estimate_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         lang: Lang, said: str) -> None:
    monkeypatch.chdir(ROOT)
    path = _agency(tmp_path, holders="[oliver, nina]", survey=False)
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "digimandate" / "render" / "templates", folder)
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["report", str(path), "--template", str(folder), "-o", str(out),
                                      "--lang", lang, "--no-config"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert said in text
    assert "manager, contact, it" not in text


def test_the_template_report_estimates_no_role_of_one_unsurveyed_holder(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = _agency(tmp_path, survey=False)
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "digimandate" / "render" / "templates", folder)
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["report", str(path), "--template", str(folder), "-o", str(out),
                                      "--lang", "en", "--no-config"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert ("This report says nothing about the role of \"digital service delivery\": the role has one holder and "
            "no survey was completed, so an estimate would be a judgement of that person's work.") in text
    assert "(estimate)" not in text
