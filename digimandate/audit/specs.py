"""The typed rule specs of a checklist: rules, parameters, sources, dimensions and the active rule set."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from digimandate.errors import Location, Notice

Severity = Literal["critical", "high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(reversed(SEVERITIES))}  # info 0 .. critical 4
# The Dutch names the output itself uses, accepted wherever a severity is given (--fail-on, the config file).
SEVERITY_FROM_DUTCH: dict[str, str] = {"kritiek": "critical", "hoog": "high", "middel": "medium", "laag": "low"}
WEIGHTS: dict[str, float] = {"critical": 10.0, "high": 7.5, "medium": 5.0, "low": 2.5, "info": 0.0}

RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*[0-9]{3}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
ParamValue = bool | int | float | str
Effort = Literal["small", "medium", "large"]
# Who acts on a recommendation and which body decides: roles, never people (texts in i18n, "role_*").
Role = Literal["college", "directie", "sponsor", "mandate_holder", "channel_owners", "kcc_head", "ict_head",
               "process_owners"]
Body = Literal["college", "directie"]


# A rule about the organisation ("check") or about the audit's own configuration ("meta": waivers
# that expired, expire soon or match nothing), which counts for the exit code but never for a level.
Kind = Literal["check", "meta"]

_ARG = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(template: str, args: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders; only plain names, so a checklist cannot reach into objects."""
    parts = template_parts(template)
    if len(parts) == 1:
        return template
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            value = args.get(part, _MISSING)
            out.append("{" + part + "}" if value is _MISSING else str(value))
        else:
            out.append(part)
    return "".join(out)


def fill_values(template: str, names: tuple[str, ...], values: Sequence[str]) -> str:
    """``fill`` with the values by position (``names[i]`` is ``values[i]``), through a format made once per shape."""
    return value_form(template, names).format(*values)


def value_form(template: str, names: tuple[str, ...]) -> str:
    """``template`` as a str.format text that takes the values of ``names`` by position; made once per shape."""
    key = (template, names)
    form = _FORMS.get(key)
    if form is None:
        form = _format_of(template, names)
        if len(_FORMS) < 4096:  # templates and shapes are few; a checklist cannot make this grow without bound
            _FORMS[key] = form
    return form


_FORMS: dict[tuple[str, tuple[str, ...]], str] = {}


def _format_of(template: str, names: tuple[str, ...]) -> str:
    """``template`` as a str.format text: a placeholder ``names`` holds by its position, anything else as written."""
    out = []
    for i, part in enumerate(template_parts(template)):
        if i % 2 and part in names:
            out.append("{" + str(names.index(part)) + "}")
        else:
            text = "{" + part + "}" if i % 2 else part
            out.append(text.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def placeholders(template: str) -> tuple[str, ...]:
    """The placeholder names of a template, in order of appearance."""
    return template_parts(template)[1::2]


_MISSING = object()


@functools.lru_cache(maxsize=4096)
def template_parts(template: str) -> tuple[str, ...]:
    """A template split into text and placeholder names (odd positions), parsed once."""
    return tuple(_ARG.split(template))


class _Spec(BaseModel):
    # strict: a checklist says what it means; "3" is no level, 1 no `enabled`, 0.5 no `level`
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(_Spec):
    """A text in Dutch and English."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        """Return the text in ``lang``."""
        return self.nl if lang == "nl" else self.en


class SourceRef(_Spec):
    """A rule's source: a short reference and, where it helps, the exact quote and who said it."""

    ref: str
    quote: str | None = None
    attribution: str | None = None  # the organisation of the speaker whose card follows the quote
    note: Text | None = None


class SourceInfo(_Spec):
    """A source named in a checklist: checkable by its URL, or by the exact quotes that cite it."""

    title: str
    url: str | None = None
    article: str | None = None  # for law: the article ("Awb art. 2:1, eerste lid")
    text: str | None = None  # for law: the article's text
    in_force: str | None = None  # for law: the date the article came into force
    own_norm: bool = False  # a norm digimandate sets itself, labelled as such in every language
    note: Text | None = None
    # how a client document names it: a Dutch description of a foreign standard's point, its title in English
    label: Text | None = None


class Param(_Spec):
    """A rule parameter with its default, why the default is what it is, and the values it may take."""

    default: ParamValue
    description: Text
    rationale: Text | None = None
    # The lowest and highest value a checklist or configuration may set (a share: 0 and 1), and
    # whether it counts whole things; checklist.value_problem holds every value to them.
    min: float | None = None
    max: float | None = None
    integer: bool = False


class QueryCase(_Spec):
    """One way a declarative rule fails: a JMESPath condition and the message it gives.

    ``basis: not_recorded`` when the condition is that a fact is left out of the file (it tests
    ``_unset``); every other case states an observed fact.
    """

    when: str
    message: str
    key: str | None = None
    args: dict[str, str] = {}
    basis: Literal["observed", "not_recorded"] = "observed"


class Query(_Spec):
    """A declarative condition over the resolved view of the organisation."""

    each: str | None = None
    where: str | None = None
    entity: str | None = None
    cases: list[QueryCase] = Field(min_length=1)


class PythonCheck(_Spec):
    """A condition written as a registered Python check of the same name."""

    python: RuleId


class MessageAdvice(_Spec):
    """What to do when every finding of a rule gives one message: the rule's action and decision, made exact.

    A rule about a course adopted "by management and the executive" asks the executive for nothing when
    only management has not adopted it; a rule about "the website and the forms" asks for the forms only
    when only they are missing.
    """

    action: Text | None = None
    decision: Text | None = None
    role: Role | None = None
    decided_by: Body | None = None
    # The advice in a document dated after the vision's end date: "renew the vision that ran out", not "before it
    # runs out". The document's own day decides, as for the memo's paragraph on the vision.
    lapsed: MessageAdvice | None = None
    # The advice in a document dated before the end date whose action is due after it: a new vision cannot be
    # adopted "before the current one runs out", so the current one is kept in force until the new one is.
    lapsing: MessageAdvice | None = None


class Rule(_Spec):
    """One rule of a checklist."""

    id: RuleId
    name: Slug
    dimension: Slug
    severity: Severity
    level: Annotated[int, Field(ge=1, le=5)]
    title: Text
    rationale: Text
    advice: Text
    sources: list[SourceRef] = Field(min_length=1)
    params: dict[str, Param] = {}
    messages: dict[str, Text] = Field(min_length=1)
    check: Query | PythonCheck
    decision: Text | None = None
    enabled: bool = True
    # For the advice report and the memo: the rule as an action, how much work it is, who acts,
    # which body decides, and the rules whose actions come first.
    action: Text | None = None
    effort: Effort | None = None
    role: Role | None = None
    decided_by: Body | None = None
    after: list[RuleId] = []
    by_message: dict[str, MessageAdvice] = {}
    # Rules whose action this rule's action does too, when both fail: the rule's one action and decision then.
    # A vision not adopted and a vision running out both ask for one thing, a vision adopted in time.
    folds: dict[RuleId, MessageAdvice] = {}
    # The parameter, as RULE.param, whose value is the staff time (FTE) that deciding this rule reserves:
    # the memo names it under finance.
    reserves_fte: Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{3}\.[a-z_]+$")] | None = None
    # A norm with a legal source applies from the day the law came into force (ISO date); before it, not applicable.
    in_force_from: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    # To what the norm applies, where it may not ("geldt alleen voor een organisatiebreed mandaat"): a report
    # says it beside "niet van toepassing", so that a reader knows why a norm was not applied.
    applies_to: Text | None = None

    def exact(self, messages: set[str]) -> MessageAdvice | None:
        """The advice for findings that all give one message, when the checklist has one for it."""
        return self.by_message.get(next(iter(messages))) if len(messages) == 1 else None

    def decision_for(self, messages: set[str]) -> Text | None:
        """The decision to ask for these findings: the message's own, else the rule's."""
        exact = self.exact(messages)
        return exact.decision if exact is not None and exact.decision else self.decision

    @model_validator(mode="after")
    def _advice_for_known_messages(self) -> Rule:
        unknown = sorted(set(self.by_message) - set(self.messages))
        if unknown:
            raise ValueError(f"by_message names messages the rule does not have: {', '.join(unknown)}")
        return self


class Override(_Spec):
    """A change to a rule defined elsewhere."""

    severity: Severity | None = None
    enabled: bool | None = None
    params: dict[str, ParamValue] = {}


class Dimension(_Spec):
    """A dimension of the maturity model."""

    title: Text
    description: Text | None = None
    # False for an advisory dimension: its rules give advice but it stays off the maturity ladder.
    graded: bool = True
    # Which question of the advice report's scope the dimension answers (1: the mandate, 2: the board's
    # backing, 3: channels and processes); None: it answers none of them.
    question: Annotated[int, Field(ge=1, le=3)] | None = None


class BundlePart(_Spec):
    """One thing a recommendation's title promises, and the rules whose action it stands for."""

    rules: list[RuleId] = Field(min_length=1)
    text: Text
    # The group of parts it is listed in ("met {parts} die het werk vraagt"); None: listed on its own.
    group: Slug | None = None


class PartGroup(_Spec):
    """How some parts of a title are listed together: a text around them, ``{parts}`` where they go."""

    text: Text  # after the title's other parts ("met {parts} die het werk vraagt")
    alone: Text | None = None  # when no other part is listed ("{parts} die het werk vraagt"); else ``text``

    @model_validator(mode="after")
    def _has_a_place_for_the_parts(self) -> PartGroup:
        for frame in (self.text, self.alone):
            if frame is not None and not all("{parts}" in frame.get(lang) for lang in ("nl", "en")):
                raise ValueError("a group's text says where its parts go, with {parts}, in both languages")
        return self


class BundleSpec(_Spec):
    """A recommendation the advice report bundles: the actions of some dimensions, under one owner.

    Its title is either fixed (``title``) or made of a ``lead`` and the ``parts`` whose rules have an action
    in the bundle, so that a title promises only what the recommendation's actions do.
    """

    title: Text | None = None
    lead: Text | None = None
    parts: list[BundlePart] = []
    groups: dict[Slug, PartGroup] = {}
    role: Role
    dimensions: list[Slug] = Field(min_length=1)

    @model_validator(mode="after")
    def _a_title_or_a_lead_with_parts(self) -> BundleSpec:
        if (self.title is None) == (self.lead is None):
            raise ValueError("a bundle has either a `title`, or a `lead` with `parts`")
        if self.lead is not None and not self.parts:
            raise ValueError("a bundle with a `lead` names its `parts`")
        unknown = sorted({p.group for p in self.parts if p.group is not None} - set(self.groups))
        if unknown:
            raise ValueError(f"parts name groups the bundle does not have: {', '.join(unknown)}")
        return self


class Header(_Spec):
    """Who wrote a checklist and which version it is."""

    id: Slug
    version: str
    title: Text
    # Share of a dimension's rule x entity checks that recorded facts must decide for a level.
    min_evidence: Annotated[float, Field(ge=0, le=1)] | None = None
    # The reasons for this version's changes (docs/rules.md, "Changes in ..."), per language.
    changes: Text | None = None


class ChecklistFile(_Spec):
    """A checklist file: rules, dimensions, sources and overrides."""

    checklist: Header
    dimensions: dict[Slug, Dimension] = {}
    # The report's recommendations, each bundling the actions of some dimensions (in this order).
    bundles: dict[Slug, BundleSpec] = {}
    sources: dict[str, SourceInfo] = {}
    rules: list[Rule] = []
    overrides: dict[RuleId, Override] = {}


class MetaRule(_Spec):
    """A rule about the audit's configuration (checklists/meta.yaml): waivers, not the organisation."""

    id: RuleId
    name: str
    kind: Literal["meta"] = "meta"
    dimension: Slug
    severity: Severity
    title: Text
    advice: Text
    message: Text


@lru_cache(maxsize=1)
def meta_rules() -> dict[str, MetaRule]:
    """The meta rules from checklists/meta.yaml (trusted package data, read once)."""
    import yaml  # only when a waiver or a full catalogue is asked for

    data = yaml.safe_load((builtin_dir() / "meta.yaml").read_text(encoding="utf-8"))
    return {r["id"]: MetaRule.model_validate(r) for r in data["rules"]}


@dataclass(frozen=True)
class ActiveRule:
    """A rule as it runs: its spec with overrides applied, and the parameters in force."""

    spec: Rule
    severity: Severity
    enabled: bool
    params: dict[str, ParamValue]
    origin: str
    changed_by: tuple[str, ...] = ()
    written_at: Location | None = None  # where a user's checklist wrote the check (None: built in)
    # where it wrote each expression of a query, and its path (rules[0].check.cases[0].when), by its
    # place in the query: a query over its budget is reported at the expression that used it up
    query_at: Mapping[tuple[str | int, ...], tuple[Location, str]] = field(default_factory=dict)

    kind = "check"  # every checklist rule is about the organisation; see MetaRule

    @property
    def id(self) -> str:
        """The rule id."""
        return self.spec.id


@dataclass
class RuleSet:
    """All loaded checklists merged: rules by id, dimensions and sources."""

    rules: dict[str, ActiveRule] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    bundles: dict[str, BundleSpec] = field(default_factory=dict)
    sources: dict[str, SourceInfo] = field(default_factory=dict)
    checklists: list[Header] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # warnings about the checklists, for the user to read

    def copy(self) -> RuleSet:
        """A copy whose containers are its own; the rules in them are immutable and shared."""
        return RuleSet(dict(self.rules), dict(self.dimensions), dict(self.bundles), dict(self.sources),
                       list(self.checklists), list(self.notices))

    @property
    def meta(self) -> dict[str, MetaRule]:
        """The meta rules, which every rule set carries beside its checklists' rules."""
        return meta_rules()

    def find(self, text: str) -> str | None:
        """The id of the rule ``text`` names, by id (any case) or by name; None when none does."""
        if text.upper() in self.rules or text.upper() in self.meta:
            return text.upper()
        found = next((r.id for r in self.rules.values() if r.spec.name == text), None)
        return found or next((m.id for m in self.meta.values() if m.name == text), None)

    @property
    def min_evidence(self) -> float:
        """The evidence threshold: the last checklist that sets one wins (default 0.5)."""
        for header in reversed(self.checklists):
            if header.min_evidence is not None:
                return header.min_evidence
        return 0.5

    def empty_rungs(self) -> list[tuple[str, int]]:
        """(dimension, level) pairs of graded dimensions with no enabled rule on a rung from 2 to 5."""
        out: list[tuple[str, int]] = []
        for name, dim in self.dimensions.items():
            if not dim.graded:
                continue
            levels = {r.spec.level for r in self.rules.values() if r.spec.dimension == name and r.enabled}
            if not levels:
                continue  # a dimension without rules is simply not assessed
            out.extend((name, level) for level in range(2, 6) if level not in levels)
        return out

    def enabled(self) -> list[ActiveRule]:
        """The rules that run, in id order."""
        return [r for r in self.sorted() if r.enabled]

    def sorted(self) -> list[ActiveRule]:
        """Every rule, ordered by dimension then id."""
        order = {d: i for i, d in enumerate(self.dimensions)}
        return sorted(self.rules.values(), key=lambda r: (order.get(r.spec.dimension, 99), r.id))


BUILTIN = "tip16.yaml"


def builtin_dir() -> Path:
    """Where the built-in checklist lives: inside the installed package, else in the checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "checklists"  # a wheel maps the top-level checklists/ here
    if (installed / BUILTIN).is_file():
        return installed
    return package.parent / "checklists"
