"""Channel checks that a query cannot express."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.model.org import ONLINE_CHANNELS


@check("C003")
def kcc_online(ctx: Context) -> Iterator[Hit]:
    """Fire when a KCC department owns or co-owns no online channel."""
    model = ctx.doc.model
    kccs = [d for d in model.departments if d.function == "kcc"]
    if not kccs or (model.given("channels") and not model.channels):
        raise NotApplicable  # no KCC, or recorded that there are no channels at all: nothing to connect
    ctx.examine(*(f"departments/{d.id}" for d in kccs))
    online = [c for c in model.channels if c.type in ONLINE_CHANNELS]
    # an online channel whose owner the file leaves out may be the KCC's: not shown either way (the
    # co-owners a channel with a recorded owner lists are all it has)
    unknown = [c.name for c in online if not c.given("owner") and not c.co_owners]
    for dept in kccs:
        entity = f"departments/{dept.id}"
        if any(c.owner == dept.id or dept.id in (c.co_owners or []) for c in online):
            continue
        if not model.given("channels"):
            yield Hit(entity, "channels_not_recorded", {"name": dept.name}, basis="not_recorded")
        elif unknown:
            yield Hit(entity, "owner_not_recorded", {"name": dept.name, "channels": ", ".join(unknown)},
                      basis="not_recorded")
        else:
            yield Hit(entity, "no_online" if online else "no_online_channels", {"name": dept.name})
