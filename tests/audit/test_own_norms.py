"""Own norms look like own norms (tip16 2.2): every threshold a client reads is labelled as the checklist's choice."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from digimandate.audit.specs import RuleSet, Text
from digimandate.cli.app import app
from digimandate.i18n import t
from tests.conftest import EXAMPLES

LABEL = {"nl": "(eigen norm van de checklist)", "en": "(the checklist's own norm)"}
UNIT = r"(?: (?:dagen|days|fte|FTE|houders|holders|van de tijd|of the time|ervan|of them))?"


def _texts(spec) -> list[Text]:  # type: ignore[no-untyped-def]
    texts = [*spec.messages.values(), spec.action, spec.decision]
    for advice in spec.by_message.values():
        texts += [advice.action, advice.decision]
    return [x for x in texts if x is not None]


def test_every_threshold_a_client_reads_is_labelled_as_the_checklists_own_norm(ruleset: RuleSet) -> None:
    labelled = 0
    for active in ruleset.rules.values():
        params = [p for p in active.spec.params if p != "min_coverage"]
        for text in _texts(active.spec):
            for lang in ("nl", "en"):
                for param in params:
                    for m in re.finditer(r"\{" + param + r"\}" + UNIT, text.get(lang)):
                        assert text.get(lang)[m.end():].startswith(" " + LABEL[lang]), (active.spec.id, text.get(lang))
                        labelled += 1
    assert labelled >= 30
    assert t("own_norm", "nl") == "eigen norm van de checklist" and t("own_norm", "en") == "the checklist's own norm"


def test_a_rendered_finding_carries_the_label(ruleset: RuleSet) -> None:
    from digimandate.audit.cases import apply_patch, base_org
    from digimandate.audit.flow import audit_document
    from digimandate.model.document import parse_document
    from tests.conftest import yaml_text

    patch = {"processes": [{"id": "parkeervergunning", "volume": {"total": 1000, "digital": 400}}]}
    result = audit_document(parse_document(yaml_text(apply_patch(base_org(), patch))), ruleset)
    (low,) = [f for f in result.findings if f.rule == "F003" and f.message_key == "low"]
    assert low.message_nl.endswith("minder dan 50% (eigen norm van de checklist)")


def test_an_own_norm_and_the_basis_share_one_bracket_in_the_report() -> None:
    report = CliRunner().invoke(app, ["report", str(EXAMPLES / "small-municipality.yaml"), "--lang", "nl"]).stdout
    assert r"norm: jaarlijks (eigen norm van de checklist; vastgelegd feit; bron \[10\])" in report
    assert "(eigen norm van de checklist) (" not in report


def test_an_action_does_not_repeat_the_label_its_finding_carries() -> None:
    report = CliRunner().invoke(app, ["report", str(EXAMPLES / "small-municipality.yaml"), "--lang", "nl"]).stdout
    actions = report.split("## Aanbevelingen")[1]
    actions = actions.split("## Bijlage A.")[0] + actions.split("## Bijlage E.")[1].split("## Bijlage F.")[0]
    # the report overdue is sent first; then reported on as agreed, without the label its finding carries
    assert ("Stuur directie en college de rapportage over de resultaten van digitale dienstverlening die sinds de "
            "vorige is uitgebleven, en rapporteer daarna minstens jaarlijks.") in actions
    assert "Stel per product een eigen doel voor het digitale aandeel vast, bijvoorbeeld minstens 50%, en laat" in actions
    assert "reserveer minstens 0,5 fte en bouw de andere taken" in actions
    assert "eigen norm" not in actions
    # the finding and the norm say the threshold is ours
    assert "komt 33% van de aanvragen digitaal binnen, minder dan 50% (eigen norm van de checklist; vastgelegd feit" \
        in report
    assert "wordt 0,3 fte besteed, minder dan 0,5 (eigen norm van de checklist)" in report
    memo = CliRunner().invoke(app, ["memo", str(EXAMPLES / "small-municipality.yaml"), "--lang", "en"]).stdout
    points = memo.split("## Decisions\n")[1].split("\n## ")[0]
    assert "Free at least 0.5 FTE for it within the existing staff." in points


def test_an_action_keeps_the_label_of_a_threshold_no_finding_states() -> None:
    # the agency's holder has too many duties but time is not recorded short: only the duties are in a finding
    report = CliRunner().invoke(app, ["report", str(EXAMPLES / "english-agency.yaml"), "--lang", "en"]).stdout
    assert ("Make room for the mandate: reduce the other duties of whoever holds it to at most 2 and reserve at least "
            "0.5 FTE (the checklist's own norm).") in report
