"""Channel checks that a query cannot express."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check
from digimandate.model.org import ONLINE_CHANNELS


@check("C003")
def kcc_online(ctx: Context) -> Iterator[Hit]:
    """Fire when a KCC department owns or co-owns no online channel."""
    kccs = [d for d in ctx.doc.model.departments if d.function == "kcc"]
    if not kccs or not ctx.doc.model.channels:  # no channels recorded: nothing to connect (model v2)
        raise NotApplicable
    ctx.examine(len(kccs))
    online = [c for c in ctx.doc.model.channels if c.type in ONLINE_CHANNELS]
    for dept in kccs:
        if not any(c.owner == dept.id or dept.id in (c.co_owners or []) for c in online):
            key = "no_online" if online else "no_online_channels"
            yield Hit(f"departments/{dept.id}", key, {"name": dept.name})
