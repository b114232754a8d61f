"""Board checks that look for substance, not presence: who the sponsor is, who adopted the course."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, check

BESTUUR = frozenset({"college", "raad"})


@check("B001")
def sponsor_is_director(ctx: Context) -> Iterator[Hit]:
    """Fire when there is no sponsor, or the sponsor is not a member of the directie."""
    ctx.examine()
    gov = ctx.doc.model.governance
    if gov is None:
        yield Hit("governance", "governance_not_recorded")
        return
    if gov.sponsor is None:
        yield Hit("governance", "not_recorded")
        return
    person = ctx.doc.people[gov.sponsor]
    dept = ctx.doc.departments[person.department]
    if person.directie_member is True or (dept.function == "directie" and person.directie_member is not False):
        return
    if person.directie_member is None and dept.function in ("staf", "other"):
        # a staff department may hold the municipal secretary: say what is missing rather than judge
        yield Hit("governance", "department_not_recorded", {"who": person.name}, "sponsor")
        return
    yield Hit("governance", "not_director", {"who": person.name, "department": dept.name}, "sponsor")


@check("B002")
def course_adopted(ctx: Context) -> Iterator[Hit]:
    """Fire unless the course was adopted by the directie and by the bestuur (college or raad)."""
    ctx.examine()
    gov = ctx.doc.model.governance
    vision = gov.vision if gov is not None else None
    entity = "governance/vision"
    if vision is None:
        yield Hit("governance", "not_recorded")
        return
    title = vision.title or ""
    adopters = vision.adopters()
    if adopters is None:
        yield Hit(entity, "adopter_not_recorded", {"title": title})
    elif not adopters or adopters == ["none"]:
        yield Hit(entity, "not_adopted", {"title": title}, "adopted_by")
    elif "directie" not in adopters:
        yield Hit(entity, "no_directie", {"title": title, "by": ", ".join(adopters)}, "adopted_by")
    elif not BESTUUR & set(adopters):
        yield Hit(entity, "no_bestuur", {"title": title}, "adopted_by")
