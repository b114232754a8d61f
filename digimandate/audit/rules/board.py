"""Board checks that look for substance, not presence: who the sponsor is, who adopted the course."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, check

BESTUUR = frozenset({"college", "raad"})


@check("B001")
def sponsor_is_director(ctx: Context) -> Iterator[Hit]:
    """Fire when there is no sponsor, or the sponsor is not a member of the directie."""
    ctx.examine()
    model = ctx.doc.model
    gov = model.governance
    if gov is None:
        if model.given("governance"):
            yield Hit("governance", "no_governance", key="governance")
        else:
            yield Hit("governance", "governance_not_recorded", basis="not_recorded")
        return
    if gov.sponsor is None:
        if gov.given("sponsor"):
            yield Hit("governance", "no_sponsor", key="sponsor")
        else:
            yield Hit("governance", "not_recorded", basis="not_recorded")
        return
    person = ctx.doc.people[gov.sponsor]
    dept = ctx.doc.departments[person.department]
    if person.directie_member is True or (dept.function == "directie" and person.directie_member is not False):
        return
    if not person.given("directie_member") and dept.function in ("staf", "other"):
        # a staff department may hold the municipal secretary: say what is missing rather than judge
        yield Hit("governance", "department_not_recorded", {"who": person.name}, "sponsor", "not_recorded")
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
        if gov is not None and gov.given("vision"):
            yield Hit("governance", "none", key="vision")
        else:
            yield Hit("governance", "not_recorded", basis="not_recorded")
        return
    title = vision.title or ""
    adopters = vision.adopters()
    if adopters is None and not vision.given("adopted_by"):
        yield Hit(entity, "adopter_not_recorded", {"title": title}, basis="not_recorded")
    elif adopters is None or not adopters or adopters == ["none"]:
        yield Hit(entity, "not_adopted", {"title": title}, "adopted_by")
    elif "directie" not in adopters:
        yield Hit(entity, "no_directie", {"title": title, "by": ", ".join(adopters)}, "adopted_by")
    elif not BESTUUR & set(adopters):
        yield Hit(entity, "no_bestuur", {"title": title}, "adopted_by")
