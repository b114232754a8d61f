"""The board memo says only what is true: what it asks to decide, what that achieves, what it costs."""

from __future__ import annotations

import functools
from datetime import date

import pytest

from digimandate.cli.run import Run
from digimandate.cli.settings import Options
from digimandate.i18n import Lang
from digimandate.render.common import Audited
from digimandate.render.doc.common import DocContext
from digimandate.render.doc.memo import Audience, build_memo
from digimandate.render.doc.to_markdown import render_markdown
from tests.conftest import EXAMPLES

WRITTEN = date(2026, 11, 18)


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

