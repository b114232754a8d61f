"""The frozen audit result that every renderer receives."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from digimandate.audit.specs import Kind, Text, fill_values, placeholders
from digimandate.errors import Location, reduce_by_fields
from digimandate.i18n import Lang

Status = Literal["failed", "passed", "waived", "not_applicable", "disabled", "error"]
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class FindingHead:
    """What every finding of one rule's message shares: made once per rule, message and basis, not per finding."""

    rule: str
    name: str
    dimension: str
    severity: str
    level: int
    text: Text  # the message template in both languages
    message_key: str
    basis: str = "observed"  # "observed" or "not_recorded" (maturity v2)
    kind: Kind = "check"

    __reduce__ = reduce_by_fields


_HEADS: dict[tuple[Any, ...], FindingHead] = {}


def finding_head(rule: str, name: str, dimension: str, severity: str, level: int, text: Text, message_key: str,
                 basis: str = "observed", kind: Kind = "check") -> FindingHead:
    """The head of these findings, one object for all of them (the text by identity: it is shared as well)."""
    key = (rule, name, dimension, severity, level, id(text), message_key, basis, kind)
    head = _HEADS.get(key)
    if head is None or head.text is not text:
        head = FindingHead(rule, name, dimension, severity, level, text, message_key, basis, kind)
        if len(_HEADS) < 4096:  # rules and messages are few; a long-lived process cannot make this grow without bound
            _HEADS[key] = head
    return head


_new_tuple = tuple.__new__


class Finding(tuple[FindingHead, str, Location, tuple[str, ...], tuple[str, ...], tuple[str, ...]]):
    """One place where a rule fails.

    A finding is its rule's shared head (rule, name, severity, level, message template: the same for
    thousands of findings), then what is its own: the entity, its location, the names and values that
    fill the message, and its sources. A tuple, as it is made tens of thousands of times an audit: one
    call, where a frozen dataclass of fourteen fields set them one by one. The message is written out
    in a language only when asked for.
    """

    __slots__ = ()

    def __new__(cls, rule: str, name: str, dimension: str, severity: str, level: int, text: Text,
                message_key: str, entity: str, location: Location, names: tuple[str, ...] = (),
                values: tuple[str, ...] = (), basis: str = "observed", kind: Kind = "check",
                sources: tuple[str, ...] = ()) -> Finding:
        head = finding_head(rule, name, dimension, severity, level, text, message_key, basis, kind)
        return _new_tuple(cls, (head, entity, location, names, values, sources))

    @classmethod
    def of(cls, head: FindingHead, entity: str, location: Location, names: tuple[str, ...] = (),
           values: tuple[str, ...] = (), sources: tuple[str, ...] = ()) -> Finding:
        """A finding under a head made before (the engine's way: one head per rule's message)."""
        return _new_tuple(cls, (head, entity, location, names, values, sources))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _rebuild, (tuple(self),)

    def __repr__(self) -> str:
        h = self[0]
        return (f"Finding(rule={h.rule!r}, name={h.name!r}, dimension={h.dimension!r}, severity={h.severity!r}, "
                f"level={h.level!r}, text={h.text!r}, message_key={h.message_key!r}, entity={self[1]!r}, "
                f"location={self[2]!r}, names={self[3]!r}, values={self[4]!r}, basis={h.basis!r}, "
                f"kind={h.kind!r}, sources={self[5]!r})")

    @property
    def head(self) -> FindingHead:
        """What this finding shares with every finding of its rule's message."""
        return self[0]

    @property
    def rule(self) -> str:
        """The rule's id."""
        return self[0].rule

    @property
    def name(self) -> str:
        """The rule's name."""
        return self[0].name

    @property
    def dimension(self) -> str:
        """The rule's dimension."""
        return self[0].dimension

    @property
    def severity(self) -> str:
        """The rule's severity in force."""
        return self[0].severity

    @property
    def level(self) -> int:
        """The maturity level the rule belongs to."""
        return self[0].level

    @property
    def text(self) -> Text:
        """The message template in both languages."""
        return self[0].text

    @property
    def message_key(self) -> str:
        """Which of the rule's messages."""
        return self[0].message_key

    @property
    def basis(self) -> str:
        """"observed" or "not_recorded" (maturity v2)."""
        return self[0].basis

    @property
    def kind(self) -> Kind:
        """A check's finding, or a meta rule's."""
        return self[0].kind

    @property
    def entity(self) -> str:
        """The entity that fails (``processes/x``)."""
        return self[1]

    @property
    def location(self) -> Location:
        """Where the entity (or its part) stands."""
        return self[2]

    @property
    def names(self) -> tuple[str, ...]:
        """What the values are called: placeholders and the names a report reuses."""
        return self[3]

    @property
    def values(self) -> tuple[str, ...]:
        """The values that fill the message."""
        return self[4]

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the sources the entity's facts rest on (its own and its parents')."""
        return self[5]

    def arg(self, key: str, default: str = "") -> str:
        """One of the values the message was filled with (the entity's ``name``, ``who``, ...)."""
        try:
            return self[4][self[3].index(key)]
        except ValueError:
            return default

    @property
    def args(self) -> tuple[tuple[str, str], ...]:
        """The values by name."""
        return tuple(zip(self[3], self[4], strict=True))

    def message(self, lang: Lang) -> str:
        """The message in ``lang``; a decimal number among the values is written with a comma in Dutch ("0,3 fte")."""
        return message_text(self[0].text, self[3], self[4], lang)

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
        return fingerprint(self[0].rule, self[1])

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column, rule."""
        loc = self[2]
        return (loc.file, loc.line, loc.column, self[0].rule, self[1])


def entities_of(findings: Iterable[Finding], basis: str | None = None) -> set[str]:
    """The entities these findings are about (only those of findings with ``basis``, when given)."""
    if basis is None:
        return {f[1] for f in findings}
    return {f[1] for f in findings if f[0].basis == basis}


def severities(findings: Iterable[Finding]) -> Counter[str]:
    """How many findings there are of each severity."""
    return Counter([f[0].severity for f in findings])


def _rebuild(fields: tuple[Any, ...]) -> Finding:
    """A finding from its fields, as pickled."""
    return _new_tuple(Finding, fields)


def fingerprint(rule: str, entity: str) -> str:
    """A finding's stable id from rule and entity, never from line numbers."""
    return _sha256(f"{rule}|{entity}".encode()).hexdigest()[:16]


_sha256 = hashlib.sha256


def message_text(text: Text, names: tuple[str, ...], values: tuple[str, ...], lang: Lang) -> str:
    """A finding's message in ``lang``; a decimal number among the values is written with a comma in Dutch."""
    if lang == "nl":
        return fill_values(text.nl, names, dutch_values(values))
    return fill_values(text.en, names, values)


def dutch_values(values: tuple[str, ...]) -> list[str]:
    """The values as a Dutch message shows them: ``0.3`` as ``0,3``."""
    return [_dutch(v) if "." in v else v for v in values]


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
    # of those decided on a recorded fact, how many rest on no source while the file keeps a register of them
    unsourced: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """How many rule x entity checks there were, how many recorded facts decided, and how many of those had no source.

    A fact is established when it is recorded and, where the file keeps a register of sources, cites one: a fact
    without a source is recorded, but an audit does not count it as established.
    """

    checks: int = 0
    decided_by_recorded_facts: int = 0
    unsourced: int = 0

    @property
    def established(self) -> int:
        """The checks decided by established facts: recorded, with a source where the file keeps a register."""
        return max(self.decided_by_recorded_facts - self.unsourced, 0)

    @property
    def share(self) -> float | None:
        """The share decided by established facts; None when nothing was checked."""
        return None if self.checks == 0 else self.established / self.checks


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
