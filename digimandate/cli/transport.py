"""Audit results across process boundaries: what the parent already holds travels as a reference."""

from __future__ import annotations

import io
import pickle
from typing import Any

from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.errors import DigimandateError


class _Pickler(pickle.Pickler):
    """Leaves out what the parent process already holds: the ruleset and its rules."""

    def __init__(self, file: io.BytesIO, shared: dict[int, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: Any) -> str | None:
        return self.shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Puts the parent's own ruleset and rules back where the worker left them out."""

    def __init__(self, file: io.BytesIO, shared: dict[str, Any]) -> None:
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid: Any) -> Any:
        return self.shared[pid]


def _shared(ruleset: RuleSet) -> dict[str, Any]:
    """The objects both processes hold, by a name that survives the trip."""
    out: dict[str, Any] = {f"rule:{rule_id}": rule for rule_id, rule in ruleset.rules.items()}
    out["ruleset"] = ruleset
    return out


def pack(outcome: AuditResult | DigimandateError, ruleset: RuleSet, keep_model: bool) -> bytes:
    """An outcome as bytes for the parent process; the organisation model only when asked for."""
    shared = {id(obj): name for name, obj in _shared(ruleset).items()}
    if isinstance(outcome, AuditResult) and not keep_model and outcome.model is not None:
        shared[id(outcome.model)] = "model"
    buffer = io.BytesIO()
    _Pickler(buffer, shared).dump(outcome)
    return buffer.getvalue()


def unpack(data: bytes, ruleset: RuleSet) -> AuditResult | DigimandateError:
    """The outcome a worker packed, sharing this process's ruleset."""
    shared = _shared(ruleset)
    shared["model"] = None
    outcome: AuditResult | DigimandateError = _Unpickler(io.BytesIO(data), shared).load()
    return outcome
