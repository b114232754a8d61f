"""Products that are no service to the public: tests and parts of another case, left out of the documents."""

from __future__ import annotations

import re
from dataclasses import replace

from digimandate.render.common import Audited
from digimandate.render.doc.adapter import top_entity

# "Test", "Testzaak", "deelzaaktype blijvend bewaren": a case type made to try the system, or a part of another case
NOT_A_SERVICE = re.compile(r"(?i)(?<![a-z])test|deelzaaktype")


def services_only(a: Audited) -> tuple[Audited, int]:
    """The audit without the products that are no service, and how many were left out."""
    gone = {f"processes/{p.id}" for p in a.model.processes if NOT_A_SERVICE.search(p.name)}
    if not gone:
        return a, 0

    result = a.result
    outcomes = tuple(replace(o, findings=tuple(f for f in o.findings if top_entity(f.entity) not in gone))
                     for o in result.outcomes)
    result = replace(result, outcomes=outcomes,
                     findings=tuple(f for f in result.findings if top_entity(f.entity) not in gone))
    model = a.model.model_copy(update={"processes": [p for p in a.model.processes
                                                     if f"processes/{p.id}" not in gone]})
    return Audited(result, a.rules, model), len(gone)
