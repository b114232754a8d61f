"""The Python checks: one explicit registry of pure functions, keyed by rule id.

Each module registers its checks on import; the list below is explicit so nothing hides.
"""

from __future__ import annotations

from digimandate.audit.rules import board, channels, feedback, job, mandate, ownership, processes
from digimandate.audit.rules.api import REGISTRY, CheckFn, Context, Hit, NotApplicable, Tally, check

__all__ = ["REGISTRY", "CheckFn", "Context", "Hit", "NotApplicable", "Tally", "board", "channels", "check",
           "feedback", "job", "mandate", "ownership", "processes"]
