"""Recommendations as prioritised actions: impact from severity and request volume, effort from the checklist."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from digimandate.audit.result import Finding
from digimandate.audit.specs import WEIGHTS, ActiveRule, MessageAdvice, Text, fill
from digimandate.i18n import Lang, t
from digimandate.model.org import OrgModel
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.adapter import basis, graded, top_entity

COST = {"small": 1.0, "medium": 1.5, "large": 2.0}
GRADE = {"low": 1.0, "medium": 2.0, "high": 3.0}  # the impact a reader sees, as a number to divide by the effort
HIGH_VOLUME = 10_000  # requests a year from which a finding weighs one step heavier
PERCENT_PARAMS = ("share", "presence", "coverage")  # parameters given as a fraction, read as a percentage
TOP = 3  # the most urgent actions a board reads first
PLACES = ("processes/", "channels/")  # the entities an action is done at one by one: products and channels
# who acts where a role is not recorded or lacks the power: the directie, saying why (texts doc_role_...)
STAND_IN = {"sponsor": "sponsor_unrecorded", "mandate_holder": "mandate_holder_unempowered"}
# the holder of an organisation-wide mandate who needs approval for each change: nothing is to be broadened, only
# the approval to go; unfit_roles marks that case with this key beside the role
NEEDS_APPROVAL = "mandate_holder_needs_approval"
# one action that meets two norms: the contact centre made co-owner of the online channel is a service department
# co-owning it. Where the rider fails with that message beside the carrier, the carrier's action does both, in the
# rider's narrower words; two actions would ask two owners for the same co-ownership by two dates.
SAME_ACTION = {"C003": ("C001", "no_online")}  # rider: (carrier, the rider's message)


@dataclass(frozen=True)
class Recommendation:
    """A failing rule as something to do, with what it touches."""

    rule: ActiveRule
    findings: tuple[Finding, ...]
    entities: tuple[str, ...]  # top-level entity paths, without repeats
    volume: int  # requests a year of the products concerned
    priority: float
    after: tuple[str, ...]  # ids of failing rules whose actions come first
    products: int = 0  # how many of the entities are products
    known: int = 0  # how many of those have the volume that counts recorded; the rest count as unknown, not 0
    digital: bool = False  # every finding is about a form: the digital requests count, not every channel's
    counts: tuple[tuple[str, int | None], ...] = ()  # the volume that counts per entity, None when not recorded
    merged: tuple[str, ...] = ()  # ids of rules whose advice this one carries too (advice on the same role)
    unfit: frozenset[str] = frozenset()  # roles the organisation has not recorded or not given the power to act
    worded_by: ActiveRule | None = None  # a rule carried along (SAME_ACTION) whose action says what this one does
    folded: MessageAdvice | None = None  # the checklist's action for this rule with a rule it folds (Rule.folds)

    @cached_property
    def split(self) -> tuple[Recommendation | None, Recommendation | None]:
        """Its observed part and its part on facts not recorded (``split``): asked for over and over, made once."""
        return _split(self)

    @property
    def exact(self) -> MessageAdvice | None:
        """The rule's advice for the one message all its findings give, when the checklist has one."""
        return self.rule.spec.exact({f.message_key for f in self.findings})

    @property
    def decided_by(self) -> str | None:
        """Which body decides: the folded advice's, else the exact advice's, else the rule's."""
        if self.folded is not None and self.folded.decided_by:
            return self.folded.decided_by
        exact = self.exact
        return exact.decided_by if exact is not None and exact.decided_by else self.rule.spec.decided_by

    @property
    def role(self) -> str | None:
        """Who acts: the folded or exact advice's, else the rule's; who stands in where that role cannot act."""
        exact = self.folded if self.folded is not None and self.folded.role else self.exact
        role = exact.role if exact is not None and exact.role else self.rule.spec.role
        return _standing(role, self.unfit)

    def decision_text(self) -> Text | None:
        """The decision to take: the folded advice's, else the exact advice's, else the rule's."""
        if self.folded is not None and self.folded.decision is not None:
            return self.folded.decision
        return self.rule.spec.decision_for({f.message_key for f in self.findings})

    def action(self, lang: Lang) -> str:
        """The action in ``lang`` with the parameters in force: the exact advice's, else the rule's.

        Without the own-norm label: a document gives an action beside its finding or norm, which labels the
        threshold already; the action repeating it reads as a disclaimer, not as something to do.
        """
        if self.worded_by is not None:
            return action_text(self.worded_by, lang, self.labelled(lang))
        exact = self.folded if self.folded is not None and self.folded.action is not None else self.exact
        if exact is not None and exact.action is not None:
            return with_values(unlabelled(exact.action.get(lang), self.labelled(lang), lang), self.rule.params, lang)
        return action_text(self.rule, lang, self.labelled(lang))

    def labelled(self, lang: Lang) -> frozenset[str]:
        """The parameters this recommendation's findings state, each labelled there as the checklist's own norm."""
        texts = [rule.spec.messages[f.message_key].get(lang) for rule in (self.rule, self.worded_by) if rule
                 for f in self.findings if f.message_key in rule.spec.messages]
        return frozenset(p for p in self.rule.params if any("{" + p + "}" in text for text in texts))

    @property
    def effort(self) -> str:
        """small, medium or large; a custom rule without one counts as medium."""
        return self.rule.spec.effort or "medium"

    @property
    def impact(self) -> str:
        """high, medium or low: from the severity, one step up for products with many requests."""
        grade = {"critical": 2, "high": 2, "medium": 1}.get(self.rule.severity, 0)
        if self.volume >= HIGH_VOLUME:
            grade = min(grade + 1, 2)
        return ("low", "medium", "high")[grade]


def unfit_roles(model: OrgModel) -> frozenset[str]:
    """The roles that cannot act as the file records them: no sponsor, or a holder without organisation-wide power.

    A holder of a departmental mandate, or one who needs approval for each change, cannot have other departments
    do anything: whoever can decide does it until the mandate is broadened.
    """
    gov = model.governance
    out = set()
    if gov is None or gov.sponsor is None:
        out.add("sponsor")
    if not any(md.scope == "organisation" and md.holders and not md.needs_approval_from for md in model.mandates):
        out.add("mandate_holder")
        if any(md.scope == "organisation" and md.holders for md in model.mandates):  # there: approval holds it back
            out.add(NEEDS_APPROVAL)
    return frozenset(out)


def _standing(role: str | None, unfit: frozenset[str]) -> str | None:
    """The role, or who stands in for it and why: until the mandate is broadened, or while approval is needed."""
    if role is None or role not in unfit:
        return role
    return NEEDS_APPROVAL if role == "mandate_holder" and NEEDS_APPROVAL in unfit else STAND_IN[role]


def stand_in(role: str | None, model: OrgModel) -> str | None:
    """The role as it can act: the role itself, or who stands in for it (STAND_IN) where it cannot."""
    return _standing(role, unfit_roles(model))


def volumes(model: OrgModel) -> dict[str, int]:
    """Requests a year per product path."""
    out = {}
    for p in model.processes:
        if p.volume is not None and p.volume.total is not None:
            out[f"processes/{p.id}"] = p.volume.total
    return out


def digital_volumes(model: OrgModel) -> dict[str, int]:
    """Digital requests a year per product path: what its forms brought."""
    return {f"processes/{p.id}": p.volume.digital for p in model.processes
            if p.volume is not None and p.volume.digital is not None}


def _form_paths(model: OrgModel) -> set[str]:
    """The paths of the intake routes with a form (processes/x/intake/website)."""
    from digimandate.model.document import intake_paths

    return {path for p in model.processes for path, route in zip(intake_paths(p), p.intake or [], strict=True)
            if route.form is True}


def _form_findings(forms: set[str], found: list[Finding]) -> bool:
    """Whether every finding is about an intake route with a form (``forms``: their paths)."""
    return bool(found) and all(f.entity in forms for f in found)


# How many months after the document's day an action of each effort is due.
DUE_MONTHS = {"small": 2, "medium": 3, "large": 5}


def recommendations(a: Audited, on: date | None = None) -> list[Recommendation]:
    """Every failing rule as an action, highest impact per effort first, never before what it depends on.

    ``on``: the document's own day; past the vision's end date an action about it says the vision ran out.
    """
    by_rule: dict[str, list[Finding]] = {}
    # a waived finding still holds the level back (maturity v2), so it stays something to do
    for f in (*a.result.findings, *(w.finding for w in a.result.waived)):
        if f.kind != "meta":
            by_rule.setdefault(f.rule, []).append(f)
    totals, digitals = volumes(a.model), digital_volumes(a.model)
    unfit = unfit_roles(a.model)
    forms = _form_paths(a.model)
    recs: dict[str, Recommendation] = {}
    for rule_id, found in by_rule.items():
        rule = a.rules.rules[rule_id]
        digital = _form_findings(forms, found)  # a form's action touches what the forms brought
        vols = digitals if digital else totals
        # the products with the most requests first, so a short list names what matters
        entities = tuple(sorted(dict.fromkeys(top_entity(f.entity) for f in found), key=lambda e: -vols.get(e, 0)))
        volume = sum(vols.get(e, 0) for e in entities)
        products = [e for e in entities if e.startswith("processes/")]
        # squared weights: one critical finding outweighs two medium ones, as a board would weigh them
        impact = WEIGHTS[rule.severity] ** 2 * (1 + math.log10(1 + volume) / 2)
        # lower levels first when all else is equal: they are the floor the rest stands on
        priority = impact / COST[rule.spec.effort or "medium"] - rule.spec.level * 0.1
        recs[rule_id] = Recommendation(rule, tuple(found), entities, volume, priority,
                                       tuple(a for a in rule.spec.after if a in by_rule), len(products),
                                       sum(e in vols for e in products), digital,
                                       tuple((e, vols.get(e)) for e in entities), unfit=unfit)
    _same_action(recs)
    advisory = {name for name in a.rules.dimensions if not graded(a, name)}
    ordered = _ordered(recs)
    # advice on a role never ranks above an action on the service: it comes after every one of them
    service = [rec for rec in ordered if rec.rule.spec.dimension not in advisory]
    out = service + _merged([rec for rec in ordered if rec.rule.spec.dimension in advisory])
    return out if on is None else [_as_of(rec, a.model, on) for rec in out]


def _as_of(rec: Recommendation, model: OrgModel, on: date) -> Recommendation:
    """The recommendation in the words of the document's day: its lapsed advice once the vision's end date is past,
    its lapsing advice where the vision runs out before the action is due."""
    gov = model.governance
    until = gov.vision.valid_until if gov is not None and gov.vision is not None else None
    advice = rec.folded or rec.exact
    if until is None or advice is None:
        return rec
    if until < on:
        return rec if advice.lapsed is None else replace(rec, folded=advice.lapsed)
    # the action's own term from the document's day (what it waits for only moves it later)
    if advice.lapsing is not None and until < fmt.working_day(fmt.add_months(on, DUE_MONTHS[rec.effort])):
        return replace(rec, folded=advice.lapsing)
    return rec


def _same_action(recs: dict[str, Recommendation]) -> None:
    """One action where one does two norms (SAME_ACTION): the carrier carries the rider, which goes."""
    for rider_id, (carrier_id, message) in SAME_ACTION.items():
        rider, carrier = recs.get(rider_id), recs.get(carrier_id)
        if rider is None or carrier is None or any(f.message_key != message for f in rider.findings):
            continue
        if not any(basis(f) == "observed" for f in carrier.findings):
            continue  # the carrier is only to verify: the rider's own action stands
        _carry(recs, carrier_id, rider_id, worded_by=rider.rule)
    for carrier_id, carrier in list(recs.items()):
        for rider_id, advice in carrier.rule.spec.folds.items():
            # only an observed shortfall carries the other: one only to verify leaves the other's action standing
            if carrier_id in recs and rider_id in recs and any(basis(f) == "observed" for f in carrier.findings):
                _carry(recs, carrier_id, rider_id, folded=advice)


def _carry(recs: dict[str, Recommendation], carrier_id: str, rider_id: str, worded_by: ActiveRule | None = None,
           folded: MessageAdvice | None = None) -> None:
    """The carrier takes the rider's place: one action, which what waited for either waits for."""
    rider, carrier = recs[rider_id], recs[carrier_id]
    after = tuple(dict.fromkeys(x for x in (*carrier.after, *rider.after) if x not in (carrier_id, rider_id)))
    recs[carrier_id] = replace(carrier, after=after, merged=(*carrier.merged, rider_id),
                               worded_by=worded_by or carrier.worded_by, folded=folded or carrier.folded)
    del recs[rider_id]
    for key, rec in recs.items():  # what waited for the rider waits for the carrier
        if rider_id in rec.after and key != carrier_id:
            recs[key] = replace(rec, after=tuple(dict.fromkeys(carrier_id if x == rider_id else x for x in rec.after)))


def _merged(advice: list[Recommendation]) -> list[Recommendation]:
    """Advice on the same role for the same mandates, once: the first carries the others' rules."""
    out: list[Recommendation] = []
    for rec in advice:
        same = next((i for i, kept in enumerate(out) if kept.entities == rec.entities and kept.role == rec.role), None)
        if same is None:
            out.append(rec)
        else:
            out[same] = replace(out[same], merged=(*out[same].merged, rec.rule.id))
    return out


def narrowed(rec: Recommendation, entities: tuple[str, ...], model: OrgModel) -> Recommendation:
    """The recommendation for some of its places only (one department's), with the volume of those places."""
    vols = digital_volumes(model) if rec.digital else volumes(model)
    products = [e for e in entities if e.startswith("processes/")]
    return replace(rec, entities=entities, volume=sum(vols.get(e, 0) for e in entities), products=len(products),
                   known=sum(e in vols for e in products), counts=tuple((e, vols.get(e)) for e in entities))


def concerns(before: Recommendation, entities: Collection[str]) -> bool:
    """Whether an action at these places waits for ``before``: everywhere, or only where both concern a place.

    An action about products or channels comes first only where it concerns the same ones (e-mail connected for one
    product does not hold up every route into a system for another); one about the organisation, its mandate or its
    governance comes first everywhere.
    """
    placed = {e for e in before.entities if e.startswith(PLACES)}
    return not placed or bool(placed & set(entities))


def waits_for(rec: Recommendation, entities: Collection[str], recs: Mapping[str, Recommendation]) -> list[str]:
    """What an action at these places waits for: the rules it comes after among ``recs`` (by rule id) there."""
    return [rule for rule in rec.after if rule in recs and concerns(recs[rule], entities)]


def shown_ratio(rec: Recommendation) -> float:
    """Impact per effort as appendix E shows them, an order a reader can check ("hoog / klein" first)."""
    return GRADE[rec.impact] / COST[rec.effort]


def _ordered(recs: dict[str, Recommendation]) -> list[Recommendation]:
    """The largest shown impact per effort first among the actions whose prerequisites are placed (Kahn's algorithm).

    The priority, finer than the grades a reader sees, only breaks ties: ordered by it alone, a "hoog / groot" action
    on many requests would come before a "hoog / klein" one, which the report's promise of the largest impact for
    the least effort first does not let a reader see.
    """
    placed: list[Recommendation] = []
    done: set[str] = set()
    waiting = dict(recs)
    while waiting:
        ready = [r for r in waiting.values() if all(a in done for a in r.after)]
        if not ready:  # a cycle in the data: place the rest by priority rather than lose them
            ready = list(waiting.values())
        best = max(ready, key=lambda r: (shown_ratio(r), r.priority, -ord(r.rule.id[0]), r.rule.id))
        placed.append(best)
        done.add(best.rule.id)
        del waiting[best.rule.id]
    return placed


def param_text(key: str, value: object, lang: Lang) -> str:
    """A parameter as a reader sees it: "50%" for a share, "0,5" for a Dutch decimal."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if any(p in key for p in PERCENT_PARAMS) and value <= 1:
        return fmt.percent(float(value), lang)
    if isinstance(value, int):
        return fmt.count(value, lang)
    return fmt.number(value, lang, 2)


def action_text(rule: ActiveRule, lang: Lang, labelled: Collection[str] = ()) -> str:
    """The action in ``lang`` with the parameters in force; the rule title where a checklist gives none.

    ``labelled``: thresholds its finding labels as the checklist's own norm, which the action need not repeat.
    """
    spec = rule.spec
    if spec.action is None:
        return spec.title.get(lang)
    return with_values(unlabelled(spec.action.get(lang), labelled, lang), rule.params, lang)


def unlabelled(template: str, params: Collection[str], lang: Lang) -> str:
    """A checklist text whose thresholds ``params`` go without "(eigen norm van de checklist)": a finding says it."""
    label = re.escape(f" ({t('own_norm', lang)})")
    for param in params:  # "{max_fte} fte (eigen norm van de checklist)": the unit stays, the label goes
        template = re.sub(r"(\{" + re.escape(param) + r"\}[^{}()]{0,20}?)" + label, r"\1", template)
    return template


def with_values(template: str, params: Mapping[str, object], lang: Lang) -> str:
    """A text of the checklist filled with the parameters in force, a period in days said in words."""
    from digimandate.render.doc.names import periods

    template, values = periods(template, dict(params), lang)
    return fill(template, {k: param_text(k, v, lang) for k, v in values.items()})


def split(rec: Recommendation) -> tuple[Recommendation | None, Recommendation | None]:
    """The part of a recommendation that rests on observed facts, and the part that rests on facts not recorded.

    A place with one observed finding of the rule belongs to the first part: it fails on a recorded fact.
    """
    return rec.split


def _split(rec: Recommendation) -> tuple[Recommendation | None, Recommendation | None]:
    tops = [top_entity(f.entity) for f in rec.findings]
    known = {top for top, f in zip(tops, rec.findings, strict=True) if basis(f) == "observed"}

    def part(keep: bool) -> Recommendation | None:
        found = tuple(f for top, f in zip(tops, rec.findings, strict=True) if (top in known) == keep)
        if not found:
            return None
        places = {top for top in tops if (top in known) == keep}
        counts = tuple((e, n) for e, n in rec.counts if e in places)
        products = [n for e, n in counts if e.startswith("processes/")]
        return replace(rec, findings=found, entities=tuple(e for e in rec.entities if e in places), counts=counts,
                       volume=sum(n or 0 for _, n in counts), products=len(products),
                       known=sum(n is not None for n in products))

    return part(True), part(False)


def observed(recs: list[Recommendation]) -> list[Recommendation]:
    """The actions: the observed part of each recommendation, in order; a fact not recorded is to verify, not to fix."""
    return [seen for rec in recs for seen in [split(rec)[0]] if seen is not None]


def action_numbers(recs: list[Recommendation]) -> dict[str, int]:
    """The number of each action in appendix E, by rule id (a rule carried along by another has that one's number)."""
    return {rule: i for i, rec in enumerate(recs, 1) for rule in (rec.rule.id, *rec.merged)}


def first(recs: list[Recommendation], blocking: Collection[str]) -> list[Recommendation]:
    """What comes first: the TOP most urgent actions and every action that holds the level, in the order of the actions.

    The one source for the report's summary, its answer on what comes first and the decision points of the memos,
    so that nothing the report puts first lacks a decision.
    """
    top = {rec.rule.id for rec in recs[:TOP]}
    hold = set(blocking)
    return [rec for rec in recs if rec.rule.id in top or rec.rule.id in hold]


def to_verify(recs: list[Recommendation]) -> list[Recommendation]:
    """The parts of the recommendations that rest only on facts nobody recorded: to verify first."""
    return [missing for rec in recs for missing in [split(rec)[1]] if missing is not None]


def not_shown(recs: list[Recommendation]) -> list[Recommendation]:
    """The norms not yet shown to be met or not: no place fails on a recorded fact (appendix D's "niet aangetoond")."""
    failed = {rec.rule.id for rec in observed(recs)}
    return [rec for rec in to_verify(recs) if rec.rule.id not in failed]
