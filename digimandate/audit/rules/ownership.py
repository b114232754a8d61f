"""Ownership checks that a query cannot express."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check


@check("O004")
def owner_load(ctx: Context) -> Iterator[Hit]:
    """Fire once for each department where process owners own more processes than one person can steer."""
    counts = Counter(p.owner for p in ctx.doc.model.processes if p.owner is not None)
    if not counts:
        raise NotApplicable
    limit = int(ctx.params["max_processes_per_owner"])
    # one finding per department: the role and department, not the person, and never the same sentence twice
    by_department: dict[str, list[int]] = {}
    for person_id, count in sorted(counts.items()):
        by_department.setdefault(ctx.doc.people[person_id].department, []).append(count)
    ctx.examine(*(f"departments/{d}" for d in by_department))
    for dept_id in (d for d in ctx.doc.departments if d in by_department):  # in the file's order
        over = [n for n in by_department[dept_id] if n > limit]
        if not over:
            continue
        name = ctx.doc.departments[dept_id].name
        if len(over) == 1:
            yield Hit(f"departments/{dept_id}", "too_many", {"name": name, "count": over[0],
                                                             "max_processes_per_owner": limit})
        else:
            yield Hit(f"departments/{dept_id}", "too_many_several",
                      {"name": name, "owners": len(over), "count": sum(over), "max_processes_per_owner": limit})
