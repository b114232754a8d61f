"""The board memo says only what is true: what it asks to decide, what that achieves, what it costs."""

from __future__ import annotations

import dataclasses
import functools
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from digimandate.cli.run import Run
from digimandate.cli.settings import Options
from digimandate.i18n import Lang
from digimandate.render.common import Audited
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.memo import Audience, build_memo
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES, ROOT

WRITTEN = date(2026, 11, 18)
EPOCH = "1795000000"  # 2026-11-18


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return CliRunner()


@functools.cache
def audited(example: str) -> Audited:
    run = Run(Options(no_config=True))
    run.audit([EXAMPLES / f"{example}.yaml"], keep_models=True)
    assert run.settings is not None and run.models[0] is not None
    return Audited(run.results[0], run.settings.ruleset, run.models[0])


def memo(example: str, lang: Lang = "nl", audience: Audience = "directie", sender: str | None = None) -> str:
    return render_markdown(build_memo(audited(example), DocContext(lang, WRITTEN, sender), audience))


def section(text: str, heading: str) -> str:
    """The body of one ``## heading`` of a memo, up to the next heading."""
    start = text.index(f"## {heading}\n") + len(heading) + 4
    end = text.find("\n## ", start)
    return text[start:end if end >= 0 else None].strip()


# ---------------------------------------------------------------- the author


@pytest.mark.parametrize(("lang", "default"), [("nl", "de opsteller"), ("en", "the author")])
def test_the_author_is_who_was_named_else_a_neutral_role(lang: Lang, default: str) -> None:
    label = "Steller" if lang == "nl" else "Author"
    assert f"| **{label}** | {default} |" in memo("small-municipality", lang)
    assert f"| **{label}** | Team Dienstverlening |" in memo("small-municipality", lang, sender="Team Dienstverlening")
    assert "adviseur digitale dienstverlening" not in memo("small-municipality", "nl").lower()



# ---------------------------------------------------------------- counts


def test_the_weight_counts_findings_not_norms() -> None:
    # 70 findings of weight high in the large example (5 norms); no critical finding there
    assert "Het onderzoek heeft 1.403 bevindingen, waarvan 70 met een hoog gewicht. De belangrijkste:" \
        in memo("large-municipality")
    assert "The audit has 1,403 findings, 70 of them of high weight." in memo("large-municipality", "en")
    # the small example has a critical finding (the missing organisation-wide mandate): 7 high and 1 critical
    assert "Het onderzoek heeft 44 bevindingen, waarvan 8 met een hoog of kritiek gewicht." in memo("small-municipality")
    assert "The audit has 44 findings, 8 of them of high or critical weight." in memo("small-municipality", "en")


def test_without_heavy_findings_the_count_stands_alone() -> None:
    a = audited("english-agency")
    light = tuple(f for f in a.result.findings if f.severity not in ("critical", "high"))
    a = dataclasses.replace(a, result=dataclasses.replace(a.result, findings=light))
    text = render_markdown(build_memo(a, DocContext("en", WRITTEN), "directie"))
    assert f"The audit has {len(light)} findings. The main ones:" in text
    assert "of them of" not in text


def test_progress_names_no_count_of_zero(runner: CliRunner, tmp_path: Path) -> None:
    before = runner.invoke(app, ["check", "examples/small-municipality.yaml", "-f", "json", "--lang", "en"]).stdout
    previous = tmp_path / "previous.json"
    previous.write_text(before, encoding="utf-8")
    for lang, expected in (("en", "Findings since the previous audit: still open 44."),
                           ("nl", "Bevindingen sinds het vorige onderzoek: nog open 44.")):
        text = runner.invoke(app, ["memo", "examples/small-municipality.yaml", "--previous", str(previous),
                                   "--lang", lang]).stdout
        assert expected in text
        assert " 0" not in section(text, "Aanleiding" if lang == "nl" else "Background")
