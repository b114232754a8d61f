"""Issue 22: a recommendation's title promises only what the recommendation's own actions do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.audit.checklist import load_ruleset
from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from digimandate.errors import InputError
from digimandate.i18n import Lang
from digimandate.render.doc.bundles import bundle_title, bundles, full_title
from tests.conftest import EXAMPLES
from tests.render.test_bundles import audited

WRITTEN = date(2026, 11, 18)


def titles(example: str, lang: Lang) -> dict[str, str]:
    return {b.key: b.title for b in bundles(audited(example), lang, WRITTEN)}


def test_the_small_example_promises_nothing_without_an_action() -> None:
    """No action on the mandate's standing (M004 does not apply), a sponsor (only facts are missing) or norms (F006)."""
    nl, en = titles("small-municipality", "nl"), titles("small-municipality", "en")
    assert nl["mandate"] == "Het mandaat: organisatiebreed, met de bevoegdheden en de tijd die het werk vraagt"
    assert en["mandate"] == "The mandate: organisation-wide, with the powers and the time the work needs"
    assert nl["board"] == "Bestuurlijke dekking: een vastgestelde koers en geregelde rapportage"
    assert en["board"] == "Backing from the top: an adopted course and regular reporting"
    assert nl["feedback"] == "Sturen op resultaat: het gebruik meten en rapporteren"
    assert en["feedback"] == "Managing by results: measure and report uptake"
    assert nl["processes"] == "Processen: digitaal aan te vragen en digitaal afgehandeld"
    assert en["processes"] == "Processes: open to digital requests and handled digitally"


@pytest.mark.parametrize("example", ["small-municipality", "large-municipality", "english-agency"])
def test_every_part_a_title_names_has_an_action_in_its_bundle(example: str) -> None:
    a = audited(example)
    for b in bundles(a, "nl", WRITTEN):
        acted = {rule for rec in b.actions for rule in (rec.rule.id, *rec.merged)}
        spec = a.rules.bundles[b.key]
        for part in spec.parts:
            assert (part.text.nl in b.title) == bool(acted & set(part.rules)), (b.key, part.text.nl, b.title)


def test_a_bundle_whose_every_part_has_an_action_gets_the_full_title() -> None:
    # the small example's channels: a service department co-owns the online channel (C001, carrying C003 along)
    # and counter staff point to the digital route (C004), so both parts of the title have an action
    assert titles("small-municipality", "nl")["channels"] == (
        "Kanalen: een eigenaar uit de dienstverlening en kanalen die samenwerken")
    assert titles("small-municipality", "en")["channels"] == (
        "Channels: an owner from service delivery and channels that work together")


def test_the_full_titles_of_the_checklist(ruleset: RuleSet) -> None:
    full = {key: (full_title(spec, "nl"), full_title(spec, "en")) for key, spec in ruleset.bundles.items()}
    assert full == {
        "board": ("Bestuurlijke dekking: een sponsor in de directie, een portefeuillehouder in het college, een "
                  "vastgestelde koers en geregelde rapportage",
                  "Backing from the top: a sponsor in management, a portfolio holder in the executive, an adopted "
                  "course and regular reporting"),
        "mandate": ("Het mandaat: organisatiebreed, met de bevoegdheden, de tijd en de bekendheid die het werk vraagt",
                    "The mandate: organisation-wide, with the powers, the time and the standing the work needs"),
        "channels": ("Kanalen: een eigenaar uit de dienstverlening en kanalen die samenwerken",
                     "Channels: an owner from service delivery and channels that work together"),
        "ownership": ("Eigenaarschap: voor elk product een proceseigenaar, met procesontwerper en IT ernaast",
                      "Ownership: a process owner for every product, with a process designer and IT beside them"),
        "processes": ("Processen: digitaal aan te vragen, digitaal afgehandeld en online te volgen",
                      "Processes: open to digital requests, handled digitally and trackable online"),
        "feedback": ("Sturen op resultaat: het gebruik en de servicenormen meten en rapporteren",
                     "Managing by results: measure and report uptake and service norms"),
    }


def test_a_group_alone_and_a_bundle_without_an_acted_part(ruleset: RuleSet) -> None:
    mandate, ownership = ruleset.bundles["mandate"], ruleset.bundles["ownership"]
    # an organisation-wide mandate in place: what it lacks is named, not the mandate itself
    assert bundle_title(mandate, {"M007", "M004"}, "nl") == (
        "Het mandaat: de bevoegdheden en de bekendheid die het werk vraagt")
    assert bundle_title(mandate, {"M007", "M004"}, "en") == "The mandate: the powers and the standing the work needs"
    assert bundle_title(ownership, {"O003"}, "nl") == "Eigenaarschap: procesontwerper en IT naast elke proceseigenaar"
    assert bundle_title(ownership, {"O003"}, "en") == "Ownership: a process designer and IT beside every process owner"
    # a review date alone (M013): no part stands for it, so the title promises no more than its lead
    assert bundle_title(mandate, {"M013"}, "nl") == "Het mandaat"
    assert bundle_title(ownership, {"O004"}, "en") == "Ownership"


def test_every_rule_of_a_bundle_part_belongs_to_the_bundle(ruleset: RuleSet) -> None:
    for key, spec in ruleset.bundles.items():
        named = [rule for part in spec.parts for rule in part.rules]
        assert len(named) == len(set(named)), key  # a rule's action stands for one part
        for rule in named:
            assert ruleset.rules[rule].spec.dimension in spec.dimensions, (key, rule)


HEADER = "checklist: {id: mine, version: '1', title: {nl: Mijn, en: Mine}}\n"


def load_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_ruleset([path])
    return info.value.format("en")


def one_part(rules: str, text: str) -> str:
    """A checklist of one's own with a bundle "mine" of the board whose one part stands for ``rules``."""
    return HEADER + ("bundles:\n  mine:\n    lead: {nl: Mijn, en: Mine}\n    role: directie\n"
                     "    dimensions: [board]\n"
                     f"    parts:\n    - rules: {rules}\n      text: {text}\n")


def test_a_part_naming_an_unknown_rule_is_refused_where_it_is_named(tmp_path: Path) -> None:
    text = one_part("[B001, B099]", "{nl: een sponsor, en: a sponsor}")
    assert load_error(tmp_path, text) == (
        f"{tmp_path}/extra.yaml:8:21: error: bundles.mine.parts[0].rules[1]: there is no rule B099 for this part "
        "of the title to stand for\n"
        "  hint: name rules of the bundle's dimensions; see `digimandate rules` for the rule ids")


def test_a_part_naming_a_rule_of_another_dimension_is_refused(tmp_path: Path) -> None:
    text = one_part("[M004]", "{nl: de bekendheid, en: the standing}")
    assert load_error(tmp_path, text) == (
        f"{tmp_path}/extra.yaml:8:15: error: bundles.mine.parts[0].rules[0]: rule M004 belongs to dimension "
        "`mandate`, not to this bundle\n"
        "  hint: the bundle holds the actions of the dimensions board; name one of their rules, or add the "
        "dimension to `dimensions:`")


def test_the_command_line_refuses_such_a_checklist_with_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "own.yaml").write_text(one_part("[B099]", "{nl: een sponsor, en: a sponsor}"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(EXAMPLES / "small-municipality.yaml"), "--checklist", "own.yaml",
                                      "--lang", "nl"])
    assert result.exit_code == 2
    assert result.stderr == (
        "own.yaml:8:15: fout: bundles.mine.parts[0].rules[0]: er is geen regel B099 waarvoor dit deel van de titel "
        "kan staan\n"
        "  tip: noem regels van de dimensies van de bundel; zie `digimandate rules` voor de regel-ids\n")


def test_a_bundle_has_a_fixed_title_or_a_lead_with_parts_not_both(tmp_path: Path) -> None:
    text = HEADER + ("bundles:\n  mine:\n    lead: {nl: Mijn, en: Mine}\n    title: {nl: Mijn, en: Mine}\n"
                     "    role: directie\n    dimensions: [board]\n")
    assert load_error(tmp_path, text) == (
        f"{tmp_path}/extra.yaml:4:5: error: bundles.mine: invalid value a mapping (key: value): Value error, a bundle "
        "has either a `title`, or a `lead` with `parts`\n"
        "  hint: see \"Your own checklist\" in the README for what this key accepts; `digimandate explain` shows a rule "
        "of the built-in checklist")


def test_a_checklist_of_ones_own_keeps_its_fixed_title(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(HEADER + "bundles:\n  board:\n    title: {nl: Mijn titel, en: My title}\n    role: directie\n"
                    "    dimensions: [board]\n", encoding="utf-8")
    spec = load_ruleset([path]).bundles["board"]
    assert bundle_title(spec, {"B001"}, "nl") == "Mijn titel"
    assert bundle_title(spec, set(), "en") == "My title"
