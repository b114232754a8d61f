"""Mandate checks that a query cannot express: who must approve, focus and presence."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.model.org import SERVICE_FUNCTIONS


def _mandates(ctx: Context) -> list[str]:
    """The cross-departmental mandates (scope: organisation): the strength rules judge only these."""
    ids = [mid for mid, md in ctx.doc.mandates.items() if md.scope == "organisation"]
    if not ids:
        raise NotApplicable
    ctx.examine(len(ids))
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
            names = [_approver(ctx, md.holders or [], ref) for ref in md.needs_approval_from]
            yield Hit(entity, "needs_approval", {"who": ", ".join(names)}, "needs_approval_from")


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
