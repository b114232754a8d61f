"""Parts both documents share: levels in words, the chart, the ownership picture, the decisions per body."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from digimandate.audit.result import AuditResult
from digimandate.audit.specs import fill
from digimandate.i18n import Lang, t
from digimandate.i18n import counted as plural
from digimandate.render.common import Audited
from digimandate.render.doc import fmt
from digimandate.render.doc.actions import Recommendation, observed, recommendations
from digimandate.render.doc.adapter import level, reason, top_entity
from digimandate.render.doc.model import Chart, Ownership
from digimandate.render.doc.names import Names, approvers, clean
from digimandate.render.doc.words import bodies


class Promised(Protocol):
    """One action the executive's response promises (``stages.Promise``)."""

    @property
    def action(self) -> str: ...

    @property
    def owner(self) -> str: ...

    @property
    def due(self) -> date | None: ...


class ResponseLike(Protocol):
    """The executive's response to one recommendation (``stages.Response``)."""

    @property
    def actions(self) -> Sequence[Promised]: ...

    @property
    def decision(self) -> str: ...

FOLLOW_UP_MONTHS = 6  # the follow-up audit: half a year on, counted in calendar months as people plan
RECESS = (7, 8)  # July and August: the summer recess of councils and boards
ESTIMATE_MONTHS = 3  # a costly action is first worked out, with an estimate, within a quarter
AFTER_PROMISE_MONTHS = 3  # a follow-up audit comes about a quarter after the last action the executive promised
MAX_NAMES = 3  # names in running text; a longer list is a count, with the names in an appendix


@dataclass(frozen=True)
class DocContext:
    """What every document builder needs besides the result."""

    lang: Lang
    written: date
    sender: str | None = None
    to: str | None = None
    names: bool = False  # staff names beside the role (appendix E): the consultant's copy only, when asked
    promised: tuple[date, ...] = ()  # the dates of the actions the executive's response promises, where it answered
    # the executive's response per recommendation number: a memo with it goes with the definitief report, a memo
    # without it with the concept, which the executive answers in bestuurlijk wederhoor
    responses: Mapping[int, ResponseLike] = field(default_factory=dict)
    final: bool = False  # the memo goes with the definitief report (it has the executive's response)
    reacted: date | None = None  # the day of the executive's response, which names what it did not adopt
    not_adopted: tuple[int, ...] = ()  # the recommendations the response did not adopt: no date, no decision


def rejected(responses: Mapping[int, ResponseLike]) -> list[int]:
    """The numbers of the recommendations the executive's response did not adopt: they get no date."""
    return sorted(n for n, r in responses.items() if r.decision == "rejected")


def level_text(value: int | None, lang: Lang) -> str:
    """"niveau 3 (Gemandateerd)", or "niet getoetst" when no level was stated."""
    if value is None:
        return t("doc_not_assessed", lang)
    return t("doc_level_named", lang, level=value, name=t(f"level_{value}", lang))


def short_list(items: list[str], lang: Lang, limit: int = MAX_NAMES) -> str:
    """At most ``limit`` names, then "en N andere"; a list that is whole ends in "en": "A, B en C"."""
    if 1 < len(items) <= limit:
        return ", ".join(items[:-1]) + f" {t('doc_and', lang)} " + items[-1]
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += " " + t("doc_and_more", lang, count=fmt.spelled(len(items) - limit, lang))
    return shown


def counted(n: int, noun: str, lang: Lang) -> str:
    """"één product", "drie producten", "14 producten": a count in running text with its noun (``i18n.counted``)."""
    return plural(n, f"doc_noun_{noun}", lang, fmt.spelled)


def place_noun(paths: list[str]) -> str:
    """What a set of places is: "product" or "channel" when they are all one kind, else "place"."""
    kinds = {top_entity(p).partition("/")[0] for p in paths}
    return {"processes": "product", "channels": "channel"}.get(kinds.pop(), "place") if len(kinds) == 1 else "place"


def concerns(paths: list[str], names: list[str], lang: Lang, limit: int = MAX_NAMES) -> str:
    """"Dit geldt voor het product X.", "... de kanalen X en Y.": the places an action concerns, named by their kind
    where they are all of one (a product's name is often a phrase: "Melding openbare ruimte doen")."""
    noun = place_noun(paths) if paths else "place"
    listed = short_list(names, lang, limit)
    if noun == "product":
        key = "doc_rec_concerns_product_one" if len(names) == 1 else "doc_rec_concerns_product_other"
    elif noun == "channel":
        key = "doc_rec_concerns_channel_one" if len(names) == 1 else "doc_rec_concerns_channel_other"
    else:
        key = "doc_rec_concerns"
    return t(key, lang, names=listed)


def peildatum(result: AuditResult, lang: Lang) -> str:
    """The audit date in words; when the file records none, it says so and that the day of the audit was used."""
    day = fmt.long_date(result.audit_date, lang)
    return day if result.audit_date_recorded else t("doc_peildatum_not_recorded", lang, date=day)


def body_name(body: str, result: AuditResult, lang: Lang) -> str:
    """The deciding body as this kind of organisation calls it."""
    if body == "college":
        return bodies(result.organisation_type, lang).executive
    return t("doc_body_directie", lang)


def role_name(role: str | None, result: AuditResult, lang: Lang) -> str:
    """Who acts, as a role."""
    if role is None:
        return t("doc_body_directie", lang)
    if role == "college":
        return body_name("college", result, lang)
    return t(f"doc_role_{role}", lang)


def chart(a: Audited, lang: Lang) -> Chart:
    """The maturity chart of the dimensions that have a level or were looked at."""
    result = a.result
    shown = [(dim, result.maturity.dimensions[name]) for name, dim in a.rules.dimensions.items()
             if name in result.maturity.dimensions]
    rows = [(dim.title.get(lang), level(ds)) for dim, ds in shown]
    # a dimension that was assessed but rests on too few recorded facts is not "not assessed"
    too_few = "doc_chart_insufficient_sourced" if result.sources else "doc_chart_insufficient"
    why = [t(too_few if reason(ds) == "insufficient_evidence" else "doc_not_assessed", lang) for _, ds in shown]
    return Chart(t("doc_chart_title", lang, org=result.organisation_name), rows,
                 [t(f"level_{i}", lang) for i in range(1, 6)], t("doc_not_assessed", lang), why)


def ownership(a: Audited, lang: Lang) -> Ownership:
    """Per department the channels it owns (and co-owns) and the products it delivers; each mandate's reach."""
    model = a.model
    depts = {d.id: d.name for d in model.departments}
    owned: dict[str | None, list[str]] = defaultdict(list)
    for c in model.channels:
        owned[c.owner].append(t("doc_owns_channel", lang, name=c.name))
        for co in c.co_owners or []:
            owned[co].append(t("doc_co_owns_channel", lang, name=c.name))
    products: dict[str | None, list[str]] = defaultdict(list)
    for p in model.processes:
        products[p.department].append(p.name)
    groups = []
    keys: list[str | None] = [*depts, None]
    for key in keys:
        items = list(owned.get(key, []))
        names = products.get(key, [])
        if names:
            items.append(t("doc_products", lang, count=counted(len(names), "product", lang),
                           names=short_list(names, lang, 4)))
        if key is None and not items:
            continue
        groups.append((depts[key] if key is not None else t("doc_no_owner", lang), items or ["–"]))
    mandates = []
    reaches: list[list[str] | None] = []
    for md in model.mandates:
        reach = (t("doc_reach_organisation", lang) if md.scope == "organisation" else
                 ", ".join(depts.get(d, d) for d in md.departments or []) or t("doc_reach_unknown", lang))
        mandates.append((Names(a, lang).mandate(md.id), reach))
        reaches.append(None if md.scope == "organisation" else [depts[d] for d in md.departments or [] if d in depts])
    return Ownership(t("doc_ownership_title", lang, org=a.result.organisation_name), groups, mandates,
                     (t("doc_col_department", lang), t("doc_col_owns", lang)), reaches)


@dataclass(frozen=True)
class Schedule:
    """Every date a document names: from one reference, the day it is written, and in the plan's own order."""

    reference: date
    estimate_due: date  # a costly action's worked-out estimate
    planned: date  # the follow-up the plan leaves room for: every advised date lies before it
    follow_up: date  # the follow-up audit, after the work it measures: the plan's and every promised action
    promised: date | None = None  # the last date by which the executive's response promises an action


def schedule(a: Audited, written: date, recs: list[Recommendation] | None = None,
             promised: Sequence[date] = ()) -> Schedule:
    """The dates of the plan: the follow-up half a year on, or half a year after the estimates of large work.

    Every document takes the same actions into account (every observed one), so report and memos name the same
    dates; with the executive's response (``promised``: the dates of its promised actions) the follow-up comes
    after the last of those too.
    """
    estimate = fmt.working_day(fmt.add_months(written, ESTIMATE_MONTHS))
    large = any(rec.effort == "large" for rec in observed(recommendations(a, written) if recs is None else recs))
    # large work is decided on only once its estimate is in: the follow-up leaves it time to be done
    start = estimate if large else written
    follow = fmt.working_day(outside_recess(fmt.add_months(start, FOLLOW_UP_MONTHS)))
    return Schedule(written, estimate, follow, after_promises(follow, promised), max(promised, default=None))


def outside_recess(day: date) -> date:
    """No audit in the summer recess: the first days of September instead."""
    return date(day.year, 9, 1) if day.month in RECESS else day


def after_promises(planned: date, promised: Sequence[date]) -> date:
    """The follow-up audit measures what was promised: a quarter after the last promised date, if that is later."""
    if not promised:
        return planned
    later = fmt.working_day(outside_recess(fmt.add_months(max(promised), AFTER_PROMISE_MONTHS)))
    return max(planned, later)


def reviews_before_follow_up(a: Audited, plan: Schedule) -> list[date]:
    """Review dates of the organisation-wide mandate after the reference day but before the follow-up audit."""
    return sorted({md.review_on for md in a.model.mandates if md.scope == "organisation" and md.review_on is not None
                   and plan.reference < md.review_on < plan.follow_up})


def review_paras(a: Audited, plan: Schedule, lang: Lang) -> list[str]:
    """What to say of a mandate review that falls before the follow-up audit (nothing when none does)."""
    when = fmt.long_date(plan.follow_up, lang)
    return [t("doc_review_before_follow_up", lang, review=fmt.long_date(day, lang), date=when)
            for day in reviews_before_follow_up(a, plan)]


def vision_paras(a: Audited, plan: Schedule, lang: Lang) -> list[str]:
    """That the vision must be renewed, when it ran out or runs out before the follow-up audit (else nothing)."""
    gov = a.model.governance
    vision = gov.vision if gov is not None else None
    if vision is None or vision.valid_until is None or vision.valid_until >= plan.follow_up:
        return []
    title = f' "{vision.title}"' if vision.title else ""
    # the tense of the document's own day: a memo written after the end date says the course ran out
    ran_out = vision.valid_until < plan.reference
    key = "doc_vision_expired" if ran_out else "doc_vision_expires"
    if vision.adopters() == ["none"]:  # a course no body adopted is not "in force again" once renewed
        key = "doc_vision_expired_unadopted" if ran_out else "doc_vision_expires_unadopted"
    return [t(key, lang, title=title, date=fmt.long_date(vision.valid_until, lang))]


def decision(rec: Recommendation, result: AuditResult, names: Names, lang: Lang, owner: str | None = None) -> str:
    """The decision a rule asks of its body, with the names it concerns; ``owner``: whom it commissions, by role."""
    chosen = rec.decision_text()
    subjects = [names.entity(e) for e in rec.entities]
    listing = short_list(subjects, lang)
    who = short_list(list(dict.fromkeys(names.without_people(f.arg("who")) for f in rec.findings if f.arg("who"))),
                     lang)
    approving = [ref for f in rec.findings for ref in names.approving(f)]
    if approving:  # whose approval a change needs, in words: "de manager, het KCC en ICT"
        who = approvers(approving, names.model, lang)
    if chosen is None:  # no decision in the checklist: the body commissions the action, never restates the norm
        action = rec.action(lang)
        paths = [e for e in rec.entities if e.startswith(("processes/", "channels/"))]
        if paths:
            action += " " + concerns(paths, list(dict.fromkeys(names.entity(e) for e in paths)), lang, 3)
        if rec.role in (None, "directie"):  # the directie's own work: the action itself is the decision
            return clean(action)
        return clean(t("doc_decision_commission", lang, role=owner or role_name(rec.role, result, lang),
                       action=action[:1].lower() + action[1:]))
    text = fill(chosen.get(lang), {"products": listing, "channels": listing, "who": who or listing,
                                   "department": service_department(names, lang)})
    return clean(text[:1].upper() + text[1:])




def service_department(names: Names, lang: Lang) -> str:
    """The service department to co-own a channel: the KCC where there is one, else the one with most requests."""
    model = names.model
    kcc = next((d for d in model.departments if d.function == "kcc"), None)
    if kcc is not None:
        return t("doc_service_department_kcc", lang, name=kcc.name)
    handled: dict[str, int] = {}
    for p in model.processes:
        if p.department and p.volume is not None and p.volume.total:
            handled[p.department] = handled.get(p.department, 0) + p.volume.total
    serving = {d.id: d.name for d in model.departments if d.function not in ("communicatie", "ict", "directie")}
    busiest = max((d for d in handled if d in serving), key=lambda d: handled[d], default=None)
    if busiest is not None:
        return t("doc_service_department_busiest", lang, name=serving[busiest])
    return t("doc_service_department_any", lang)


_WORD = re.compile(r"\w{5,}")  # words that say what an action is about; short ones ("de", "voor") say nothing
CLEAR_WORDS = 2  # one shared word is often the topic of the whole recommendation ("mandaat"), not this action
_EMPTY = frozenset({"wordt", "worden", "binnen", "tussen", "their", "which", "after", "before"})


def promised_due(responses: Mapping[int, ResponseLike], number: int | None, action: str,
                 large: bool = False, places: str = "") -> date | None:
    """The date the executive's response promises for this action of recommendation ``number``, where it promises one.

    A date is used only where a promise is clearly about this action: it shares two words of the action text, not
    just the name of a product or channel (``places``), which many actions share; the one that shares most words
    (the latest of those that share as many: a plan is the last step). Otherwise the plan's date stands (None).
    Without an action to compare (the mandate as a whole), the first date promised for the recommendation.
    """
    response = responses.get(number) if number is not None else None
    dated = [(p.due, p.action) for p in response.actions if p.due is not None] if response is not None else []
    if not dated:
        return None
    if not action:
        return min(day for day, _ in dated)
    named = {w.lower() for w in _WORD.findall(places)}
    own = {w.lower() for w in _WORD.findall(action)} - _EMPTY
    said = [{w.lower() for w in _WORD.findall(text)} for _, text in dated]
    about = [(day, len(own & words), len((own | named) & words)) for (day, _), words in zip(dated, said, strict=True)]
    clear = [(day, n) for day, mine, n in about if mine >= CLEAR_WORDS]
    if not clear:
        return None
    best = max(n for _, n in clear)
    dates = [day for day, n in clear if n == best]
    return max(dates) if large else min(dates)


def mandate_granter(a: Audited, lang: Lang) -> str | None:
    """Who grants the organisation-wide mandate, as the file's own governance records it; None where it records none.

    The organisation-wide mandate's own granter where there is one; else the directie, which grants it within the
    civil service (M001), named by the top official's title where the file records one ("de gemeentesecretaris").
    """
    from digimandate.audit.rules.board import top_official

    recorded = [md for md in a.model.mandates if md.granted_by is not None]
    if not recorded:
        return None
    wide = next((md for md in recorded if md.scope == "organisation"), None)
    granter = wide.granted_by if wide is not None else "directie"
    if granter == "college":
        return body_name("college", a.result, lang)
    if granter == "raad":
        council = bodies(a.result.organisation_type, lang).council
        return council or body_name("college", a.result, lang)
    top = next((p for p in a.model.people if top_official(p.title)), None)
    if granter in ("directie", "gemeentesecretaris", "manager", "none") and top is not None and top.title:
        title = top.title[:1].lower() + top.title[1:] if lang == "nl" else top.title
        return t("doc_memo_owner_title", lang, title=title)
    return t("doc_body_directie", lang)
