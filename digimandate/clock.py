"""Today's date, overridable with SOURCE_DATE_EPOCH so that outputs can be reproduced."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def today() -> date:
    """The current date in UTC, or the date of SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()
