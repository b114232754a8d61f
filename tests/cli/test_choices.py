"""The command line's fixed choices are the model's: the lists it cannot import (help stays light) must agree."""

from __future__ import annotations

from typing import get_args

from digimandate.audit.specs import SEVERITIES, SEVERITY_FROM_DUTCH
from digimandate.cli.app import AudienceOpt, LangOpt, SeverityOpt, StageOpt
from digimandate.i18n import LANGS
from digimandate.render.doc.memo import Audience
from digimandate.render.doc.stages import DEFAULT_VERSION, StageName


def test_every_choice_of_the_command_line_is_one_of_the_models() -> None:
    assert [o.value for o in LangOpt] == list(LANGS) == ["nl", "en"]
    assert [o.value for o in SeverityOpt] == [*SEVERITIES, *SEVERITY_FROM_DUTCH]
    assert [o.value for o in AudienceOpt] == list(get_args(Audience))
    assert [o.value for o in StageOpt] == list(get_args(StageName)) == list(DEFAULT_VERSION)
