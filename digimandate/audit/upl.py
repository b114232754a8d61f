"""The UPL's own flags: whether anyone applies for a municipal product or reports it (aanvraag/melding)."""

from __future__ import annotations

import csv
from functools import lru_cache

UPL_FILE = "upl-requests.csv"


@lru_cache(maxsize=1)
def upl_requests() -> dict[str, bool]:
    """Per UPL URI of a municipal product: whether anyone applies for it or reports it (aanvraag/melding)."""
    from digimandate.audit.specs import builtin_dir

    out = {}
    with (builtin_dir() / UPL_FILE).open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            out[row["uri"]] = bool(row["aanvraag"] or row["melding"])
    return out


def requested(upl: str | None) -> bool | None:
    """True or False as the UPL flags the product; None for a product the UPL list does not know."""
    return upl_requests().get(upl or "")
