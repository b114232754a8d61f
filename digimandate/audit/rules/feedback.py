"""Feedback checks that a query cannot express: the digital share needs arithmetic and the UPL."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.audit.upl import requested
from digimandate.model.org import ONLINE_CHANNELS, Process


def held_to_target(proc: Process) -> bool:
    """A digital-share target fits a product unless the law requires a visit or nobody requests it."""
    if proc.requires_visit is True:
        return False
    return requested(proc.upl) is not False  # unknown to the UPL: held to the target


@check("F003")
def digital_share(ctx: Context) -> Iterator[Hit]:
    """Fire for each process with a digital intake whose digital share is low or unknown."""
    minimum = float(ctx.params["min_digital_share"])
    yield from _own_goals(ctx)
    seen = False
    for proc in ctx.doc.model.processes:
        if not any(ctx.doc.channels[i.channel].type in ONLINE_CHANNELS for i in proc.intake or []):
            continue
        if not held_to_target(proc):
            continue
        vol = proc.volume
        if vol is not None and vol.total == 0:
            continue  # no requests that year: there is no share to judge
        seen = True
        entity = f"processes/{proc.id}"
        ctx.examine(entity)
        if not proc.given("volume") or (vol is not None and not (vol.given("total") and vol.given("digital"))):
            yield Hit(entity, "not_recorded", {"name": proc.name}, basis="not_recorded")
            continue
        if vol is None or vol.total is None or vol.digital is None:
            yield Hit(entity, "not_counted", {"name": proc.name}, "volume")
            continue
        share = vol.digital / vol.total
        if share < minimum:
            yield Hit(entity, "low", {"name": proc.name, "share": f"{share:.0%}",
                                      "min_digital_share": f"{minimum:.0%}"}, "volume")
    if not seen:
        raise NotApplicable


def _own_goals(ctx: Context) -> Iterator[Hit]:
    """The organisation's own goals for the digital share, tested against its own volumes before any norm of ours.

    A goal that is not due yet (its date after the peildatum) is not judged; volumes count for the products held
    to a digital share (F003's own scope), where both the total and the digital number are recorded.
    """
    gov = ctx.doc.model.governance
    vision = gov.vision if gov is not None else None
    goals = vision.share_goals() if vision is not None else []
    due = [g for g in goals if g.by is None or g.by <= ctx.audit_date]
    if not due:
        return
    total = digital = 0
    for proc in ctx.doc.model.processes:
        vol = proc.volume
        if held_to_target(proc) and vol is not None and vol.total is not None and vol.digital is not None:
            total += vol.total
            digital += vol.digital
    if total == 0:
        return  # nothing counted to hold the goal against: the per-product findings say what is missing
    share = digital / total
    for goal in due:
        ctx.examine("governance/vision")
        assert goal.digital_share is not None
        if share < goal.digital_share:
            yield Hit("governance/vision", "own_goal_missed",
                      {"share": f"{share:.0%}", "goal": f"{goal.digital_share:.0%}", "text": goal.text,
                       "by": goal.by.isoformat() if goal.by else ""}, "goals")
