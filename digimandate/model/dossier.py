"""What an audit folder records beside the organisation: the reactions of ambtelijk wederhoor and their decisions.

The definitief report's method says what was adopted and what not, with the reason; it reads them here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from digimandate.model.loader import Limits

REACTIONS = "reacties.yaml"
ANSWERS = "antwoorden.yaml"  # per answered fact (entity#path) the source it came from
DECISIONS = ("overgenomen", "deels", "niet")


@dataclass(frozen=True)
class Reaction:
    """One reaction to a paragraph of the nota van bevindingen, and the auditor's decision on it."""

    nr: int
    text: str  # the paragraph
    kind: str  # correctie | aanvulling | nuance | onenigheid
    reaction: str
    source: str  # the source offered
    value: str  # the correct value, as written
    by: str
    on: date | None
    decision: str | None  # overgenomen | deels | niet; None: not yet decided
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """As the reactions file keeps it."""
        out = {"nr": self.nr, "text": self.text, "kind": self.kind, "reaction": self.reaction, "source": self.source,
               "value": self.value, "by": self.by, "date": self.on, "decision": self.decision, "reason": self.reason}
        return {k: v for k, v in out.items() if v not in (None, "")}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def read_yaml(path: Path, limits: Limits = Limits()) -> Any:
    """A file the audit wrote into its folder, as plain data (None when it is not there)."""
    from digimandate.model.loader import load_file

    if not path.exists():
        return None
    return _plain(load_file(path, limits).data)


def recorded_reactions(folder: Path, limits: Limits = Limits()) -> list[Reaction]:
    """The reactions of ambtelijk wederhoor recorded in an audit folder, each with its decision and reason."""
    data = read_yaml(folder / REACTIONS, limits)
    items = data.get("reactions") if isinstance(data, dict) else None
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("nr"), int):
            continue
        on = item.get("date")
        decision = item.get("decision")
        out.append(Reaction(item["nr"], str(item.get("text", "")), str(item.get("kind", "")),
                            str(item.get("reaction", "")), str(item.get("source", "")), str(item.get("value", "")),
                            str(item.get("by", "")), on if isinstance(on, date) else None,
                            decision if decision in DECISIONS else None, str(item.get("reason", ""))))
    return out


def answered_sources(folder: Path, limits: Limits = Limits()) -> dict[str, str]:
    """Per answered fact (``processes/x#owner``) the id of the source its answer came from."""
    data = read_yaml(folder / ANSWERS, limits)
    facts = data.get("facts") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in facts.items()} if isinstance(facts, dict) else {}
