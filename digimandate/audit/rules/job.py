"""Job design checks (Hackman & Oldham): the Motivating Potential Score needs arithmetic."""

from __future__ import annotations

from collections.abc import Iterator

from digimandate.audit.rules.api import Context, Hit, NotApplicable, check


@check("J002")
def motivating_potential(ctx: Context) -> Iterator[Hit]:
    """Fire for each mandate whose measured Motivating Potential Score is below the minimum."""
    surveyed = [m for m in ctx.doc.model.mandates if m.job_survey is not None and m.scope == "organisation"]
    if not surveyed:
        raise NotApplicable
    ctx.examine(*(f"mandates/{m.id}" for m in surveyed))
    minimum = float(ctx.params["min_mps"])
    for md in surveyed:
        assert md.job_survey is not None
        mps = md.job_survey.mps
        if mps < minimum:
            yield Hit(f"mandates/{md.id}", "low", {"mps": f"{mps:.0f}", "min_mps": f"{minimum:g}"},
                      "job_survey")
