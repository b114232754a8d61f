"""The frozen audit result that every renderer receives."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Literal

from digimandate.audit.specs import ActiveRule, RuleSet
from digimandate.errors import Location, reduce_by_fields
from digimandate.i18n import Lang
from digimandate.model.org import OrgModel

Status = Literal["failed", "passed", "waived", "not_applicable", "disabled", "error"]
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a rule fails."""

    rule: str
    name: str
    dimension: str
    severity: str
    level: int
    message_nl: str
    message_en: str
    message_key: str
    entity: str
    location: Location
    args: tuple[tuple[str, str], ...] = ()
    basis: str = "observed"  # "observed" or "not_recorded" (maturity v2)

    __reduce__ = reduce_by_fields

    def arg(self, key: str, default: str = "") -> str:
        """One of the values the message was filled with (the entity's ``name``, ``who``, ...)."""
        return next((v for k, v in self.args if k == key), default)

    def message(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return self.message_nl if lang == "nl" else self.message_en

    @property
    def fingerprint(self) -> str:
        """A stable id from rule and entity, never from line numbers."""
        return hashlib.sha256(f"{self.rule}|{self.entity}".encode()).hexdigest()[:16]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column, rule."""
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.entity)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one rule concluded."""

    rule: ActiveRule
    status: Status
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    applicable: int = 0  # entities the rule looked at (maturity v2 coverage)
    passed: int = 0  # of those, how many met the rule


@dataclass(frozen=True, slots=True)
class Evidence:
    """How many rule x entity checks there were, and how many recorded facts decided."""

    checks: int = 0
    decided_by_recorded_facts: int = 0

    @property
    def share(self) -> float | None:
        """The share decided by recorded facts; None when nothing was checked."""
        return None if self.checks == 0 else self.decided_by_recorded_facts / self.checks


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many entities a rule looked at, how many passed, and whether that meets the rule."""

    applicable: int
    passed: int
    met: bool

    @property
    def share(self) -> float:
        """passed / applicable."""
        return self.passed / self.applicable if self.applicable else 1.0


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """Level and score of one dimension; level None: not assessed or not enough evidence."""

    name: str
    level: int | None
    score: float | None
    blocking: tuple[str, ...]
    failed: tuple[str, ...]
    passed: tuple[str, ...]
    not_applicable: tuple[str, ...]
    assessed_levels: tuple[int, ...] = ()
    reason: str | None = None  # "not_assessed", "level_not_assessed", "insufficient_evidence"
    reason_level: int | None = None  # the rung that was not assessed, with "level_not_assessed"
    evidence: Evidence = Evidence()
    graded: bool = True  # False for an advisory dimension that stays off the ladder


@dataclass(frozen=True, slots=True)
class Maturity:
    """The overall level and each dimension's level and score; level None when no verdict holds."""

    level: int | None
    score: float | None
    blocking: tuple[str, ...]
    dimensions: dict[str, DimensionScore]
    evidence: Evidence = Evidence()
    reason: str | None = None  # "not_assessed" or "insufficient_evidence" when level is None
    coverage: dict[str, Coverage] | None = None

    def graded(self) -> dict[str, DimensionScore]:
        """The dimensions on the ladder that have a level (for strongest/weakest and the chart)."""
        return {n: d for n, d in self.dimensions.items() if d.graded and d.level is not None}


@dataclass(frozen=True, slots=True)
class WaivedFinding:
    """A finding that a waiver accepts for now, with the waiver's terms."""

    finding: Finding
    rule: str
    entity: str
    reason: str
    justification: str
    owner: str
    expires: date
    approved_by: str = ""


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A finding recorded in a baseline."""

    fingerprint: str
    rule: str
    entity: str
    message: str


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Everything an audit concluded about one organisation file."""

    # None only for results audited in a worker process for a command that renders no document
    # (``check`` or ``baseline`` over several files): shipping every organisation back to the
    # parent costs time and memory for nothing. ``organisation_model()`` says so if it is wanted.
    model: OrgModel | None

    tool_version: str
    file: str
    sha256: str
    organisation_name: str
    organisation_type: str | None
    organisation_code: str | None
    language: Lang
    audit_date: date
    ruleset: RuleSet
    outcomes: tuple[Outcome, ...]
    findings: tuple[Finding, ...]
    maturity: Maturity
    waived: tuple[WaivedFinding, ...] = ()
    baselined: tuple[Finding, ...] = ()
    baseline_fixed: tuple[BaselineEntry, ...] = ()
    baseline_used: bool = False
    today: date | None = None
    inputs: tuple[str, ...] = ()  # the files it includes (real paths), which no output may overwrite

    def organisation_model(self) -> OrgModel:
        """The validated organisation (reports and memos need it)."""
        if self.model is None:
            raise RuntimeError(f"the result of {self.file} was kept without its organisation model")
        return self.model

    @property
    def errors(self) -> tuple[Outcome, ...]:
        """Rules that crashed."""
        return tuple(o for o in self.outcomes if o.status == "error")

    @property
    def not_applicable(self) -> tuple[str, ...]:
        """Ids of the rules that had nothing to look at."""
        return tuple(o.rule.id for o in self.outcomes if o.status == "not_applicable")
