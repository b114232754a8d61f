"""Mandate checks that a query cannot express: who must approve, focus and presence."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.i18n import LANGS, Lang, t
from digimandate.model.org import SERVICE_FUNCTIONS, Mandate


def _mandates(ctx: Context) -> list[str]:
    """The cross-departmental mandates (scope: organisation): the strength rules judge only these."""
    ids = [mid for mid, md in ctx.doc.mandates.items() if md.scope == "organisation"]
    if not ids:
        raise NotApplicable
    ctx.examine(*(f"mandates/{i}" for i in ids))
    return ids


@check("M007")
def approval_per_change(ctx: Context) -> Iterator[Hit]:
    """Fire when the holders need someone's approval for each change; name who."""
    for mid in _mandates(ctx):
        md = ctx.doc.mandates[mid]
        entity = f"mandates/{mid}"
        if not md.given("needs_approval_from"):
            yield Hit(entity, "not_recorded", basis="not_recorded")
        elif md.needs_approval_from:
            yield _needs_approval(ctx, md, entity)


def _needs_approval(ctx: Context, md: Mandate, entity: str) -> Hit:
    """Who must approve each change; what the holders may change without approval is said as the exception."""
    args: dict[str, object] = {"who": _listed([_approver(ctx, md.holders or [], ref)
                                               for ref in md.needs_approval_from or []])}
    free = list(md.powers.act_without_approval or []) if md.powers is not None else []
    if not free:
        return Hit(entity, "needs_approval", args, "needs_approval_from")
    # "banners mag de houder zelf aanpassen": then not every change needs approval, only every other one
    for lang in LANGS:
        args[f"except_{lang}"] = _joined([t(f"power_{p}", lang) for p in free], lang)
    return Hit(entity, "needs_approval_except", args, "needs_approval_from")


def _listed(names: list[str]) -> str:
    """Names in a row: with semicolons where a name holds a comma or a conjunction ("ICT en Informatiebeheer")."""
    apart = any("," in n or " en " in n or " and " in n for n in names)
    return ("; " if apart else ", ").join(dict.fromkeys(names))


def _approver(ctx: Context, holders: list[str], ref: str) -> str:
    """Name who must approve: a department, or the holders' own manager where the file says who."""
    dept = ctx.doc.departments.get(ref)
    if dept is not None:
        return dept.name
    # the holders' own manager, by role and department: names stay out of board documents
    depts = []
    for holder in holders:
        dept = ctx.doc.departments[ctx.doc.people[holder].department]
        if dept.manager is not None and dept.manager not in holders:
            depts.append(dept.name)
    return f"manager ({', '.join(dict.fromkeys(depts))})" if depts else "manager"


@check("M009")
def focus(ctx: Context) -> Iterator[Hit]:
    """Fire when the holders carry too many other duties or too little time."""
    max_duties = int(ctx.params["max_other_duties"])
    min_fte = float(ctx.params["min_fte"])
    for mid in _mandates(ctx):
        md = ctx.doc.mandates[mid]
        entity = f"mandates/{mid}"
        # null or [] records none: no other duties, no time for the mandate
        duties = (md.other_duties or []) if md.given("other_duties") else None
        fte = (md.fte or 0.0) if md.given("fte") else None
        if duties is not None and len(duties) > max_duties:
            yield Hit(entity, "too_many_duties", {"count": len(duties), "max_other_duties": max_duties},
                      "other_duties")
        elif fte is not None and fte < min_fte:
            yield Hit(entity, "too_little_time", {"fte": fte, "min_fte": min_fte}, "fte")
        elif duties is None and fte is None:
            yield Hit(entity, "not_recorded", basis="not_recorded")
        elif duties is None:
            yield Hit(entity, "duties_not_recorded", basis="not_recorded")
        elif fte is None:
            yield Hit(entity, "fte_not_recorded", basis="not_recorded")


@check("M012")
def embedded(ctx: Context) -> Iterator[Hit]:
    """Fire when the holders sit in too few of the service departments."""
    service = [d for d in ctx.doc.model.departments if d.function in SERVICE_FUNCTIONS]
    if not service:
        raise NotApplicable
    minimum = float(ctx.params["min_presence"])
    for md in (ctx.doc.mandates[mid] for mid in _mandates(ctx)):
        entity = f"mandates/{md.id}"
        if not md.given("works_in"):
            yield Hit(entity, "not_recorded", basis="not_recorded")
            continue
        present = {d.id for d in service} & set(md.works_in or [])
        share = len(present) / len(service)
        if share < minimum:
            missing = ", ".join(d.name for d in service if d.id not in present)
            yield Hit(entity, "too_few", {"present": len(present), "total": len(service),
                                          "missing": missing}, "works_in")


# The powers a departmental mandate needs to be a start to build on (M016), in the order a text names them.
DEPARTMENTAL_POWERS = ("website", "forms", "make_proposals", "demand_cooperation")


def _departmental(ctx: Context) -> list[str]:
    """The departmental mandates whose limits count: all of them while no mandate is organisation-wide.

    A departmental mandate is where most organisations start, and its limits are what holds them back;
    beside an organisation-wide mandate they no longer do, and the rule is met for every one of them.
    """
    mandates = ctx.doc.mandates
    ids = [mid for mid, md in mandates.items() if md.scope == "departments"]
    if not ids:
        raise NotApplicable
    ctx.examine(*(f"mandates/{i}" for i in ids))
    if any(md.scope == "organisation" for md in mandates.values()):
        return []
    return ids


@check("M015")
def departmental_scope(ctx: Context) -> Iterator[Hit]:
    """Fire when a departmental mandate leaves service departments out; name those within and without."""
    service = [d for d in ctx.doc.model.departments if d.function in SERVICE_FUNCTIONS]
    for mid in _departmental(ctx):
        md = ctx.doc.mandates[mid]
        entity = f"mandates/{mid}"
        if not md.given("departments"):
            yield Hit(entity, "not_recorded", basis="not_recorded")
            continue
        within = set(md.departments or [])
        outside = [d.name for d in service if d.id not in within]
        if outside:
            names = [ctx.doc.departments[d].name for d in md.departments or [] if d in ctx.doc.departments]
            yield Hit(entity, "outside", {"within": ", ".join(names) or "–", "outside": ", ".join(outside)},
                      "departments")


@check("M016")
def departmental_powers(ctx: Context) -> Iterator[Hit]:
    """Fire when the holders of a departmental mandate lack a power the work needs; name what they may and may not."""
    for mid in _departmental(ctx):
        md = ctx.doc.mandates[mid]
        entity = f"mandates/{mid}"
        powers = md.powers
        if not md.given("powers") or (powers is not None and not powers.given("act_without_approval")):
            yield Hit(entity, "not_recorded", basis="not_recorded")
            continue
        allowed = list(powers.act_without_approval or []) if powers is not None else []
        granted = {"website": "website" in allowed, "forms": "forms" in allowed,
                   "make_proposals": powers is not None and powers.make_proposals is True,
                   "demand_cooperation": powers is not None and powers.demand_cooperation is True}
        missing = [p for p in DEPARTMENTAL_POWERS if not granted[p]]
        if missing:
            args = {}
            for lang in LANGS:
                args[f"allowed_{lang}"] = (_joined([t(f"power_{p}", lang) for p in allowed], lang) if allowed
                                           else t("power_nothing", lang))
                args[f"missing_{lang}"] = _joined([t(f"power_lacks_{p}", lang) for p in missing], lang)
            yield Hit(entity, "limited", args, "powers")


def _joined(words: list[str], lang: Lang) -> str:
    """"a, b en c": a list as a sentence in ``lang`` writes it."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('doc_and', lang)} {words[-1]}"


@check("M017")
def departmental_approvals(ctx: Context) -> Iterator[Hit]:
    """Fire when the holders of a departmental mandate need someone's approval for each change; name who."""
    for mid in _departmental(ctx):
        md = ctx.doc.mandates[mid]
        entity = f"mandates/{mid}"
        if not md.given("needs_approval_from"):
            yield Hit(entity, "not_recorded", basis="not_recorded")
        elif md.needs_approval_from:
            yield _needs_approval(ctx, md, entity)


@check("M018")
def departmental_time(ctx: Context) -> Iterator[Hit]:
    """Fire when the holders of a departmental mandate have too little time or too many other duties."""
    max_duties = int(ctx.params["max_other_duties"])
    min_fte = float(ctx.params["min_fte"])
    for mid in _departmental(ctx):
        md = ctx.doc.mandates[mid]
        entity = f"mandates/{mid}"
        duties = (md.other_duties or []) if md.given("other_duties") else None
        fte = (md.fte or 0.0) if md.given("fte") else None
        many = duties is not None and len(duties) > max_duties
        little = fte is not None and fte < min_fte
        args = {"count": len(duties or []), "max_other_duties": max_duties, "fte": fte, "min_fte": min_fte}
        if many and little:
            yield Hit(entity, "both", args, "fte")
        elif little:
            yield Hit(entity, "too_little_time", args, "fte")
        elif many:
            yield Hit(entity, "too_many_duties", args, "other_duties")
        elif duties is None and fte is None:
            yield Hit(entity, "not_recorded", basis="not_recorded")
