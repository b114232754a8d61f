"""The frozen audit result that every renderer receives."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from digimandate.audit.specs import Kind, Text, fill_values, placeholders
from digimandate.errors import Location, reduce_by_fields
from digimandate.i18n import Lang

Status = Literal["failed", "passed", "waived", "not_applicable", "disabled", "error"]
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a rule fails.

    The message is kept as its template (shared by every finding of that message) and the values
    that fill it, and is written out in a language only when asked for: a large audit holds tens of
    thousands of findings, and two finished texts each would be most of its memory.
    """

    rule: str
    name: str
    dimension: str
    severity: str
    level: int
    text: Text  # the message template in both languages
    message_key: str
    entity: str
    location: Location
    names: tuple[str, ...] = ()  # what the values are called: placeholders and the names a report reuses
    values: tuple[str, ...] = ()
    basis: str = "observed"  # "observed" or "not_recorded" (maturity v2)
    kind: Kind = "check"
    sources: tuple[str, ...] = ()  # ids of the sources the entity's facts rest on (its own and its parents')

    __reduce__ = reduce_by_fields

    def arg(self, key: str, default: str = "") -> str:
        """One of the values the message was filled with (the entity's ``name``, ``who``, ...)."""
        try:
            return self.values[self.names.index(key)]
        except ValueError:
            return default

    @property
    def args(self) -> tuple[tuple[str, str], ...]:
        """The values by name."""
        return tuple(zip(self.names, self.values, strict=True))

    def message(self, lang: Lang) -> str:
        """The message in ``lang``; a decimal number among the values is written with a comma in Dutch ("0,3 fte")."""
        if lang == "nl":
            return fill_values(self.text.nl, self.names, tuple(_dutch(v) for v in self.values))
        return fill_values(self.text.en, self.names, self.values)

    @property
    def message_nl(self) -> str:
        """The Dutch message."""
        return self.message("nl")

    @property
    def message_en(self) -> str:
        """The English message."""
        return self.message("en")

    @property
    def fingerprint(self) -> str:
        """A stable id from rule and entity, never from line numbers."""
        return hashlib.sha256(f"{self.rule}|{self.entity}".encode()).hexdigest()[:16]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column, rule."""
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.entity)


# The message values that the report and memo reuse (names of what a finding is about).
KEPT_NAMES = ("id", "name", "process", "channel", "who")

_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


def _dutch(value: str) -> str:
    """``0.3`` as Dutch writes it, ``0,3``; any other value as it is (a name with a dot stays a name)."""
    return value.replace(".", ",") if _DECIMAL.fullmatch(value) else value


_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


def shared_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple per shape of names, shared by all findings of that shape."""
    return _NAMES.setdefault(names, names)


def wanted_names(text: Text, keep: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every placeholder of ``text`` in either language, then ``keep``, each once: the names a finding may keep."""
    return tuple(dict.fromkeys((*placeholders(text.nl), *placeholders(text.en), *keep)))


def message_values(text: Text, args: Mapping[str, Any], keep: tuple[str, ...] = ()
                   ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names and values a finding keeps: every placeholder of ``text`` that ``args`` fills, and ``keep``.

    A placeholder ``args`` lacks stays out, so the message shows it as written, as ``fill`` does.
    """
    names = shared_names(tuple(k for k in wanted_names(text, keep) if k in args))
    return names, tuple([str(args[k]) for k in names])


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    """What one rule concluded (the rule by id: the catalogue says what it is)."""

    rule: str
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
class SourceEntry:
    """A source of the organisation file's register, as outputs cite it."""

    id: str
    type: str  # document, interview, observation, register, data
    title: str
    reference: str | None = None
    provided_by: str | None = None
    dated: date | None = None
    obtained: date | None = None
    confidential: bool = False

    @property
    def when(self) -> date | None:
        """The date a citation shows: the source's own, else when it was obtained."""
        return self.dated or self.obtained


NO_SOURCE = "none"  # the "type" of facts that cite no source


@dataclass(frozen=True, slots=True)
class SourceEvidence:
    """What the verdict rests on, per type of source (``none``: facts that cite no source)."""

    # observed findings (decided by recorded facts) per source type; a finding with two types counts in both
    findings_by_type: tuple[tuple[str, int], ...] = ()
    # entities that cite a source of each type (their facts were recorded from it)
    entities_by_type: tuple[tuple[str, int], ...] = ()
    # critical or high observed findings whose sources are all of one type (triangulation is missing)
    single_type: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class ChecklistId:
    """Which checklist, in which version, an audit ran."""

    id: str
    version: str


@dataclass(frozen=True, slots=True)
class AuditResult:
    """What an audit found in one organisation file: findings, maturity, coverage, and by which checklists.

    It holds neither the rule set nor the organisation: renderers get the rule catalogue (and, for
    documents, the organisation) passed beside it, so a result is small to keep and to send.
    """

    tool_version: str
    file: str
    sha256: str
    organisation_name: str
    organisation_type: str | None
    organisation_code: str | None
    language: Lang
    audit_date: date
    checklists: tuple[ChecklistId, ...]
    outcomes: tuple[RuleOutcome, ...]
    findings: tuple[Finding, ...]
    maturity: Maturity
    waived: tuple[WaivedFinding, ...] = ()
    baselined: tuple[Finding, ...] = ()
    baseline_fixed: tuple[BaselineEntry, ...] = ()
    baseline_used: bool = False
    today: date | None = None
    inputs: tuple[str, ...] = ()  # the files it includes (real paths), which no output may overwrite
    config: str | None = None  # the configuration the run used, as outputs name it; None: none
    audit_date_recorded: bool = True  # False: the file records no audit_date, and audit_date is the day of the run
    sources: tuple[SourceEntry, ...] = ()  # the file's register of sources, in file order
    source_evidence: SourceEvidence = SourceEvidence()
    inhabitants: int | None = None  # as the file records them: a comparison groups organisations by size

    @property
    def errors(self) -> tuple[RuleOutcome, ...]:
        """Rules that crashed."""
        return tuple(o for o in self.outcomes if o.status == "error")

    @property
    def not_applicable(self) -> tuple[str, ...]:
        """Ids of the rules that had nothing to look at."""
        return tuple(o.rule for o in self.outcomes if o.status == "not_applicable")
