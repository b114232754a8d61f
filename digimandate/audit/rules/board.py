"""Board checks that look for substance, not presence: who the sponsor is, who adopted the course."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check

BESTUUR = frozenset({"college", "raad"})
# Types of organisation with an elected council and an executive (raad, college or their provincial and water
# authority counterparts); the others (an agency, a ministry) have the directie at the top of what the file holds.
WITH_COUNCIL = frozenset({"gemeente", "provincie", "waterschap"})
# The top official by law (Gemeentewet art. 100 and its provincial and water authority counterparts): a member of
# the directie by definition, whatever department the file puts them in.
TOP_OFFICIAL = re.compile(r"\b(gemeente|provincie)secretaris\b|\bsecretaris-directeur\b|\bmunicipal secretary\b|"
                          r"\btown clerk\b|\bchief executive\b|\bdirecteur-generaal\b|\balgemeen directeur\b",
                          re.IGNORECASE)


def top_official(title: str | None) -> bool:
    """Whether a title names the top official of the organisation (gemeentesecretaris and the like)."""
    return title is not None and TOP_OFFICIAL.search(title) is not None


@check("B001")
def sponsor_is_director(ctx: Context) -> Iterator[Hit]:
    """Fire when there is no sponsor, or the sponsor is not a member of the directie."""
    ctx.examine("governance")
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
    if top_official(person.title) and person.directie_member is not False:
        return  # the gemeentesecretaris leads the directie by law, in whatever department the file puts them
    if not person.given("directie_member") and dept.function in ("staf", "other"):
        # a staff department may hold the municipal secretary: say what is missing rather than judge
        yield Hit("governance", "department_not_recorded", {"who": person.name}, "sponsor", "not_recorded")
        return
    yield Hit("governance", "not_director", {"who": person.name, "department": dept.name}, "sponsor")


@check("B002")
def course_adopted(ctx: Context) -> Iterator[Hit]:
    """Fire unless the course binds the organisation: adopted by the raad, or by the college and the directie.

    The raad binds the organisation and the directie carries the course out, so the raad alone meets the
    norm; the college needs the directie beside it. An organisation without a raad or college (an agency,
    a ministry) meets it when its directie adopted the course.
    """
    ctx.examine("governance/vision")
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
    if vision.valid_until is not None and vision.valid_until < ctx.audit_date:
        # a course that ran out before the peildatum: renew it, rather than "adopt one"
        yield Hit(entity, "expired", {"title": title, "valid_until": vision.valid_until.isoformat()}, "valid_until")
        return
    adopters = vision.adopters()
    if adopters is None and not vision.given("adopted_by"):
        yield Hit(entity, "adopter_not_recorded", {"title": title}, basis="not_recorded")
    elif adopters is None or not adopters or adopters == ["none"]:
        yield Hit(entity, "not_adopted", {"title": title}, "adopted_by")
    elif "raad" in adopters:
        return
    elif ctx.doc.model.organisation.type not in WITH_COUNCIL and ctx.doc.model.organisation.type is not None:
        if not {"directie", "college"} & set(adopters):
            yield Hit(entity, "not_adopted", {"title": title}, "adopted_by")
    elif "directie" not in adopters:
        yield Hit(entity, "no_directie", {"title": title, "by": ", ".join(adopters)}, "adopted_by")
    elif not BESTUUR & set(adopters):
        yield Hit(entity, "no_bestuur", {"title": title}, "adopted_by")


@check("B007")
def course_in_force(ctx: Context) -> Iterator[Hit]:
    """Fire when the vision runs out within ``min_days_in_force`` days after the peildatum.

    Only a vision with an end date is looked at: one without has nothing to measure here (not applicable), and
    one that ran out before the peildatum is B002's (expired).
    """
    gov = ctx.doc.model.governance
    vision = gov.vision if gov is not None else None
    if vision is None or vision.valid_until is None or vision.valid_until < ctx.audit_date:
        raise NotApplicable
    ctx.examine("governance/vision")
    if (vision.valid_until - ctx.audit_date).days < int(ctx.params["min_days_in_force"]):
        yield Hit("governance/vision", "expiring",
                  {"title": vision.title or "", "valid_until": vision.valid_until.isoformat()}, "valid_until")
