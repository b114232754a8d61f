"""Ownership checks that a query cannot express."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check


@check("O004")
def owner_load(ctx: Context) -> Iterator[Hit]:
    """Fire for each person who owns more processes than one person can steer."""
    counts = Counter(p.owner for p in ctx.doc.model.processes if p.owner is not None)
    if not counts:
        raise NotApplicable
    limit = int(ctx.params["max_processes_per_owner"])
    ctx.examine(len(counts))
    for person_id, count in sorted(counts.items()):
        if count > limit:
            # the role and department, not the person: a finding may reach a board document
            name = ctx.doc.departments[ctx.doc.people[person_id].department].name
            yield Hit(f"people/{person_id}", "too_many", {"name": name, "count": count,
                                                          "max_processes_per_owner": limit})
