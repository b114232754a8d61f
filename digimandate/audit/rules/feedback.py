"""Feedback checks that a query cannot express: the digital share needs arithmetic."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.model.org import ONLINE_CHANNELS


@check("F003")
def digital_share(ctx: Context) -> Iterator[Hit]:
    """Fire for each process with a digital intake whose digital share is low or unknown."""
    minimum = float(ctx.params["min_digital_share"])
    seen = False
    for proc in ctx.doc.model.processes:
        if not any(ctx.doc.channels[i.channel].type in ONLINE_CHANNELS for i in proc.intake or []):
            continue
        vol = proc.volume
        if vol is not None and vol.total == 0:
            continue  # no requests that year: there is no share to judge
        seen = True
        entity = f"processes/{proc.id}"
        if vol is None or vol.total is None or vol.digital is None:
            yield Hit(entity, "not_recorded", {"name": proc.name})
            continue
        share = vol.digital / vol.total
        if share < minimum:
            yield Hit(entity, "low", {"name": proc.name, "share": f"{share:.0%}",
                                      "min_digital_share": f"{minimum:.0%}"}, "volume")
    if not seen:
        raise NotApplicable
