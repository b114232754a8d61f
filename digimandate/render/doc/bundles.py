"""The report's recommendations: the actions bundled as the checklist says, each with an owner, a date and its norms.

A board reads a handful of recommendations, not a worklist of thirty actions: the checklist's ``bundles``
group the actions by dimension under one owner, numbered 1..n in the order of their most important action,
so a bestuurlijke reactie can name them. The full list of actions goes to an appendix, per department.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from digimandate.audit.specs import WEIGHTS, BundleSpec
from digimandate.i18n import Lang
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.actions import (
    DUE_MONTHS,
    Recommendation,
    action_numbers,
    concerns,
    observed,
    recommendations,
    stand_in,
)
from digimandate.render.doc.common import role_name, schedule
from digimandate.render.doc.fmt import joined

# Calendar months after the report date by which a bundle is done, by the largest effort among its actions,
# so that the follow-up audit half a year on can measure every one of them.
EFFORTS = ("small", "medium", "large")
AFTER_MONTHS = 1  # an action that waits for another is done a month after it: what it builds on is in place first


@dataclass(frozen=True)
class Bundle:
    """One recommendation of the report: a number, what it is, who owns it, by when, and what it covers."""

    number: int
    key: str  # the checklist's bundle, or the dimension a bundle-less rule belongs to
    title: str
    owner: str  # a role or body, in words
    due: date
    norms: tuple[str, ...]  # the norms it covers, by title, most important first
    actions: tuple[Recommendation, ...]  # in the order of the full list of actions
    decided_by: tuple[str, ...]  # the bodies that decide one of its actions, in order


def by_weight(recs: list[Recommendation]) -> list[Recommendation]:
    """The actions by the weight of their norm, heaviest first; in the order of the actions where equal."""
    return sorted(recs, key=lambda rec: -WEIGHTS[rec.rule.severity])


def lead(b: Bundle) -> Recommendation:
    """The action that says what a recommendation is: its weightiest, the first of those in the order of the actions.

    The first action in order may be a small first step ("drop the approval per change"); the recommendation reads
    as the action of the heaviest norm it covers, which names the steps ("first the powers and time, then ...").
    """
    return by_weight(list(b.actions))[0]


def bundle_key(a: Audited, dimension: str) -> str:
    """The bundle a dimension's actions go to: the first of the checklist's bundles that names it, else its own."""
    return next((key for key, spec in a.rules.bundles.items() if dimension in spec.dimensions), dimension)


def bundles(a: Audited, lang: Lang, written: date, recs: list[Recommendation] | None = None,
            follow_up: date | None = None) -> list[Bundle]:
    """The recommendations of the report, numbered 1..n: the bundle with the most important action first."""
    recs = observed(recommendations(a, written)) if recs is None else recs
    audit = schedule(a, written, recs).planned if follow_up is None else follow_up
    dues = action_dues(recs, written, audit)
    grouped: dict[str, list[Recommendation]] = {}
    for rec in recs:  # recs are in priority order, so the first bundle met holds the most important action
        grouped.setdefault(bundle_key(a, rec.rule.spec.dimension), []).append(rec)
    out = []
    for number, (key, members) in enumerate(grouped.items(), 1):
        spec = a.rules.bundles.get(key)
        if spec is not None:
            # the title promises what the bundle's own actions do, a rule carried along by another's action too
            title, role = bundle_title(spec, {rule for rec in members for rule in (rec.rule.id, *rec.merged)},
                                       lang), spec.role
        else:  # a dimension no bundle names (a checklist of one's own): its title, owned by management
            dim = a.rules.dimensions.get(key)
            title, role = (dim.title.get(lang) if dim else key), None
        out.append(Bundle(
            number=number,
            key=key,
            title=title,
            owner=role_name(stand_in(role, a.model), a.result, lang),
            due=max(dues[rec.rule.id] for rec in members),  # done when its last action is
            # the heaviest norm first, as the lead action; a rule carried along by another's action is covered too
            norms=tuple(a.rules.rules[rule].spec.title.get(lang) for rec in by_weight(members)
                        for rule in (rec.rule.id, *rec.merged) if rule in a.rules.rules),
            actions=tuple(members),
            # every recommendation has a body that decides it: the directie where no action names one
            decided_by=tuple(dict.fromkeys(rec.decided_by for rec in members if rec.decided_by)) or ("directie",),
        ))
    return out


def bundle_title(spec: BundleSpec, rules: Iterable[str], lang: Lang) -> str:
    """A recommendation's title: its lead and the parts with an action among ``rules``, else its lead alone.

    "Het mandaat: organisatiebreed, met de bevoegdheden en de tijd die het werk vraagt": the parts listed
    ("a, b en c"), then each group of parts after a comma, in its ``alone`` text where nothing precedes it.
    """
    if spec.title is not None:  # a fixed title (a checklist of one's own)
        return spec.title.get(lang)
    assert spec.lead is not None  # the spec has a title or a lead
    acted = set(rules)
    said = [part for part in spec.parts if acted & set(part.rules)]
    listed = [part.text.get(lang) for part in said if part.group is None]
    items = [joined(listed, lang)] if listed else []
    for key in dict.fromkeys(part.group for part in said if part.group is not None):
        group = spec.groups[key]
        frame = group.alone if group.alone is not None and not items else group.text
        items.append(frame.get(lang).replace("{parts}", joined(
            [part.text.get(lang) for part in said if part.group == key], lang)))
    return f"{spec.lead.get(lang)}: {', '.join(items)}" if items else spec.lead.get(lang)


def full_title(spec: BundleSpec, lang: Lang) -> str:
    """A recommendation's title when every part has an action: all it can promise."""
    return bundle_title(spec, (rule for part in spec.parts for rule in part.rules), lang)


def action_dues(recs: list[Recommendation], written: date, audit: date) -> dict[str, date]:
    """When each action is done, by rule id: by its effort, and a month after every action it comes after.

    Only after those that concern its places (``concerns``): the whole action is done when its last department's
    part is, never on a date no part of it has.
    """
    by_rule = {rule: rec for rec in recs for rule in (rec.rule.id, *rec.merged)}
    dues: dict[str, date] = {}

    def due(rec: Recommendation, waiting: frozenset[str]) -> date:
        if rec.rule.id in dues:
            return dues[rec.rule.id]
        day = due_date(written, rec.effort, audit)
        for first in rec.after:  # a cycle in the data is cut where it closes, never followed round
            before = by_rule.get(first)
            if before is not None and concerns(before, rec.entities) and before.rule.id not in waiting \
                    and before.rule.id != rec.rule.id:
                day = max(day, fmt.working_day(fmt.add_months(due(before, waiting | {rec.rule.id}), AFTER_MONTHS)))
        dues[rec.rule.id] = day
        return day

    for rec in recs:
        due(rec, frozenset())
    return {rule: dues[rec.rule.id] for rule, rec in by_rule.items()}


def part_due(rec: Recommendation, after: list[str], dues: dict[str, date], written: date, audit: date) -> date:
    """When one department's part of an action is done: by its effort, a month after what that part waits for."""
    day = due_date(written, rec.effort, audit)
    for rule in after:
        if rule in dues:
            day = max(day, fmt.working_day(fmt.add_months(dues[rule], AFTER_MONTHS)))
    return day


def due_date(written: date, effort: str, audit: date) -> date:
    """When a bundle is done: a working day counted from the report date, before the follow-up audit."""
    day = fmt.working_day(fmt.add_months(written, DUE_MONTHS[effort]))
    if written < audit <= day:  # the follow-up measures it: done about a month before, not after
        day = fmt.working_day(max(written, fmt.add_months(audit, -1)))
    return day


def numbers(found: list[Bundle]) -> dict[str, int]:
    """The number of the bundle each rule's action belongs to, by rule id."""
    return {rule: b.number for b in found for rec in b.actions for rule in (rec.rule.id, *rec.merged)}


@dataclass(frozen=True)
class Numbered:
    """A recommendation as a bestuurlijke reactie names it: its number, its title in both languages, its actions."""

    number: int
    titles: tuple[str, str]  # Dutch, English: a reactie may quote it in either
    actions: tuple[Recommendation, ...]
    numbers: tuple[int, ...] = ()  # its actions' numbers in appendix E

    def action(self, lang: Lang) -> str:
        """The recommendation's title in ``lang``."""
        return self.titles[0] if lang == "nl" else self.titles[1]


def numbered(a: Audited, written: date) -> list[Numbered]:
    """The report's recommendations with the numbers it gives them (the bundles of the actions on observed facts)."""
    every = recommendations(a, written)
    recs = observed(every)
    audit = schedule(a, written, every).planned
    nl = bundles(a, "nl", written, recs, audit)
    en = bundles(a, "en", written, recs, audit)
    number = action_numbers(recs)
    return [Numbered(x.number, (x.title, y.title), x.actions, tuple(number[rec.rule.id] for rec in x.actions))
            for x, y in zip(nl, en, strict=True)]
