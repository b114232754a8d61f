"""Strongest and weakest points: the lowest level is no strength; a median is said as a level a reader knows."""

from __future__ import annotations

import datetime as dt

import pytest

from digimandate.audit.checklist import load_ruleset
from digimandate.audit.specs import RuleSet
from digimandate.compare.profile import DimensionLevel, Profile
from digimandate.i18n import Lang
from digimandate.render.doc.compare import CompareOptions, _Compare


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def organisation(name: str, levels: dict[str, int | None], overall: int | None = None) -> Profile:
    dims = {dim: DimensionLevel(level, None if level is None else float(level), None, (), True)
            for dim, level in levels.items()}
    return Profile(name, "gemeente", 30_000, overall, None, dims, {}, "2026-11-18", True)


def points(rules: RuleSet, levels: dict[str, int | None], lang: Lang = "nl") -> tuple[str, str]:
    p = organisation("Gemeente A", levels)
    return _Compare([p], rules, CompareOptions(lang, dt.date(2026, 11, 18))).strong_weak(p)


def test_every_dimension_at_level_1_has_no_strong_point(rules: RuleSet) -> None:
    strong, weak = points(rules, dict.fromkeys(rules.dimensions, 1))
    assert strong == "nog geen sterk punt: geen dimensie boven niveau 1"
    assert weak == "alle dimensies op niveau 1"
    assert points(rules, dict.fromkeys(rules.dimensions, 1), "en")[0] == \
        "no strong point yet: no dimension above level 1"


def test_level_1_beside_dimensions_without_a_level_is_no_strong_point(rules: RuleSet) -> None:
    first, *rest = rules.dimensions
    strong, weak = points(rules, {first: 1, **dict.fromkeys(rest, None)})
    assert strong == "nog geen sterk punt: geen dimensie boven niveau 1"
    assert weak.endswith(": niet aangetoond, te weinig vastgelegd")


def test_a_level_above_1_is_a_strong_point(rules: RuleSet) -> None:
    first, second, *rest = rules.dimensions
    strong, _ = points(rules, {first: 2, second: 1, **dict.fromkeys(rest, 1)})
    assert strong == f"{rules.dimensions[first].title.get('nl')} (niveau 2)"


def test_a_median_between_two_levels_is_said_as_such(rules: RuleSet) -> None:
    dims = list(rules.dimensions)
    profiles = [organisation("Gemeente A", dict.fromkeys(dims, 2), 2),
                organisation("Gemeente B", dict.fromkeys(dims, 3), 3)]
    doc = _Compare(profiles, rules, CompareOptions("nl", dt.date(2026, 11, 18))).summary()
    text = " ".join(str(getattr(b, "text", "")) for b in doc.blocks)
    assert "dat loopt van 2 tot 3, en de mediaan ligt tussen niveau 2 en 3." in text
    assert "2,5" not in text
