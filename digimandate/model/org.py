"""Pydantic models of the organisation model, version 1 (see docs/org-model in the README)."""

from __future__ import annotations

import types
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

from digimandate.i18n import Lang
from digimandate.textsafe import BIDI_CONTROLS

# Bounds that keep every value plausible, so nothing that passes validation overflows later
# (a date in the year 9999, a volume of 400 digits, a name of 45 MB); docs/security.md lists them.
MAX_ID = 100
MAX_NAME = 300
MAX_TEXT = 5_000
MAX_COUNT = 1_000_000_000  # requests a year, inhabitants
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
# No control characters (NUL, escape sequences, C1 codes), byte-order mark or bidirectional control inside a
# text; tab and line breaks may stand in longer texts (the outputs fold them). Escapes for a character class.
CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff"
REFUSED_CHARS = CONTROL_CHARS + BIDI_CONTROLS
TEXT_PATTERN = rf"^[^{REFUSED_CHARS}]*$"
NAME_PATTERN = rf"^[^{REFUSED_CHARS}]*[^\s\x00-\x1f\x7f-\x9f\ufeff{BIDI_CONTROLS}][^{REFUSED_CHARS}]*$"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=MAX_ID)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME, pattern=NAME_PATTERN)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT, pattern=TEXT_PATTERN)]
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Score = Annotated[float, Field(ge=1, le=7)]

OrgType = Literal["gemeente", "provincie", "waterschap", "rijk", "uitvoeringsorganisatie", "other"]
Adopter = Literal["raad", "college", "directie", "none"]
Frequency = Literal["monthly", "quarterly", "half-yearly", "yearly", "none"]
DeptFunction = Literal[
    "communicatie", "kcc", "ict", "publiekszaken", "vakafdeling", "staf", "directie",
    "informatiebeheer", "other",
]
Granter = Literal["raad", "college", "directie", "gemeentesecretaris", "manager", "none"]
Power = Literal["website", "forms", "banners", "processes", "channels", "budget"]
ChannelType = Literal["website", "app", "email", "phone", "counter", "post", "social", "chat", "video"]
SourceType = Literal["document", "interview", "observation", "register", "data"]
SystemType = Literal["zaaksysteem", "backoffice", "crm", "cms", "forms", "mailbox", "dms", "paper", "other"]
Medium = Literal["digital", "manual", "paper", "print"]
# Where an imported entity comes from (`zaaktype:ZT-001`, `openforms:parkeervergunning`): a second import
# matches on these instead of adding the entity again.
# The sources a fact rests on: ids in the file's register of sources (issue: every statement traces).
SourceIds = Annotated[list[Id], Field(description="Ids of the sources (in `sources`) this entity's facts rest on")]
Refs = Annotated[list[Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME, pattern=NAME_PATTERN)]],
                 Field(description="Source references")]

# Department functions that deliver services to residents (used by several rules).
SERVICE_FUNCTIONS = frozenset({"kcc", "publiekszaken", "vakafdeling"})
ONLINE_CHANNELS = frozenset({"website", "app", "chat"})
ASSISTED_CHANNELS = frozenset({"phone", "counter", "email", "post"})
NOT_DIGITAL_SYSTEMS = frozenset({"mailbox", "paper"})


class Base(BaseModel):
    """Common settings: unknown keys are errors, types are strict, numbers finite, texts bounded.

    Strict: no text becomes a number ("21500"), no number a boolean (1), no timestamp a date.
    """

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, str_max_length=MAX_TEXT)

    def given(self, name: str) -> bool:
        """Whether the file gave key ``name`` (even as null or ``[]``): a key left out is not recorded."""
        return name in self.model_fields_set


class Organisation(Base):
    """The organisation being audited."""

    name: Name
    type: OrgType | None = None
    code: Name | None = None
    inhabitants: Count | None = None
    language: Lang = "nl"
    audit_date: Day | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


# A value that may be one of two kinds is told apart by its form (a text or a mapping), so an error names only
# what was meant; the tags start with TAG, which no key does, and stay out of the paths errors name.
TAG = "~"


def _goal_kind(value: object) -> str:
    """``~text`` for a goal written as text (v1), else ``~goal``."""
    return TAG + ("text" if isinstance(value, str) else "goal")


class Goal(Base):
    """A measurable goal of the course: its text and, where it is one, the digital share it aims at and by when."""

    text: Text
    digital_share: Annotated[float, Field(ge=0, le=1)] | None = None  # a share, 0.8 for 80% of requests digital
    by: Day | None = None  # the date by which the goal is to be reached
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Vision(Base):
    """The organisational course the board embraced."""

    title: Text | None = None
    # v2: a list of the bodies that adopted it ("directie en bestuur"); one value, as in v1, is one body
    adopted_by: Adopter | list[Adopter] | None = None
    adopted_on: Day | None = None
    valid_until: Day | None = None  # 2.2: the last day the course runs ("visie 2022-2026": 2026-12-31)
    # v2: measurable goals of the course; each a text (v1) or a goal with its digital share and date (2.2)
    goals: list[Annotated[Annotated[Text, Tag(TAG + "text")] | Annotated[Goal, Tag(TAG + "goal")],
                          Discriminator(_goal_kind)]] | None = None
    evaluated_on: Day | None = None  # v2: when the course was last revisited on its results
    source: SourceIds | None = None  # 2.2: the sources its facts rest on

    def share_goals(self) -> list[Goal]:
        """The goals that name a digital share, in the order written."""
        return [g for g in self.goals or [] if isinstance(g, Goal) and g.digital_share is not None]

    def adopters(self) -> list[str] | None:
        """The bodies that adopted the course, always as a list (None when not recorded)."""
        if self.adopted_by is None:
            return None
        return [self.adopted_by] if isinstance(self.adopted_by, str) else list(self.adopted_by)


class Reporting(Base):
    """How the board is kept informed of results."""

    frequency: Frequency | None = None
    last_report: Day | None = None
    includes_digital_uptake: bool | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Governance(Base):
    """Board commitment."""

    sponsor: Id | None = None
    portfolio_holder: Text | None = None
    vision: Vision | None = None
    reporting: Reporting | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Department(Base):
    """A department and its function."""

    id: Id
    name: Name
    function: DeptFunction
    manager: Id | None = None
    refs: Refs | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Person(Base):
    """A person, who belongs to one department."""

    id: Id
    name: Name
    department: Id
    title: Text | None = None
    refs: Refs | None = None

    directie_member: bool | None = None  # v2: a member of the board of directors (directie)
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Powers(Base):
    """What the holders of a mandate may do."""

    make_proposals: bool | None = None
    demand_cooperation: bool | None = None
    act_without_approval: list[Power] | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class JobSurvey(Base):
    """Job Diagnostic Survey scores (1-7) of the holders' role."""

    skill_variety: Score
    task_identity: Score
    task_significance: Score
    autonomy: Score
    feedback: Score
    source: SourceIds | None = None  # 2.2: the sources its facts rest on

    @property
    def mps(self) -> float:
        """Motivating Potential Score, from 1 to 343."""
        mean = (self.skill_variety + self.task_identity + self.task_significance) / 3
        return mean * self.autonomy * self.feedback


class Mandate(Base):
    """A mandate held by one person or a compact team."""

    id: Id
    topic: Text | None = None
    holders: list[Id] | None = None
    scope: Literal["organisation", "departments"] | None = None
    departments: list[Id] | None = None
    granted_by: Granter | None = None
    granted_on: Day | None = None
    review_on: Day | None = None
    decision: Text | None = None
    announced: bool | None = None
    powers: Powers | None = None
    needs_approval_from: list[Id] | None = None
    other_duties: list[Text] | None = None
    fte: Annotated[float, Field(ge=0, le=10_000)] | None = None
    works_in: list[Id] | None = None
    receives_results: bool | None = None
    job_survey: JobSurvey | None = None
    deputy: Id | None = None  # v2: person id of who stands in when the single holder is away
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Channel(Base):
    """A service channel and who owns it."""

    id: Id
    name: Name
    type: ChannelType
    owner: Id | None = None
    co_owners: list[Id] | None = None
    promotes_digital: bool | None = None
    assisted_digital: bool | None = None
    refs: Refs | None = None

    satisfaction_measured: bool | None = None  # v2: satisfaction or complaints measured for this channel
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class System(Base):
    """A system where requests land."""

    id: Id
    name: Name
    type: SystemType
    owner: Id | None = None
    refs: Refs | None = None

    delivers_to: Id | None = None  # v2: system id where a forms (or other intermediate) system delivers
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Intake(Base):
    """One route by which requests come in."""

    channel: Id
    form: bool | None = None
    lands_in: Id | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Step(Base):
    """A handling step after intake."""

    name: Text | None = None
    medium: Medium | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Volume(Base):
    """Requests per year."""

    year: Annotated[int, Field(ge=FIRST_DAY.year, le=LAST_DAY.year)] | None = None
    # a year without requests has no volume to weigh: leave the volume out
    total: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = None
    digital: Count | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class ServiceNorm(Base):
    """A service norm (servicenorm) of a product: set, published and measured."""

    text: Text | None = None  # e.g. "binnen 5 werkdagen een besluit"
    published: bool | None = None
    measured: bool | None = None
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Redesign(Base):
    """The last redesign of a product's customer journey."""

    redesigned_on: Day | None = None
    with_users: bool | None = None  # users took part in the redesign
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Process(Base):
    """A product or service (product of dienst)."""

    id: Id
    name: Name
    upl: Text | None = None
    department: Id | None = None
    owner: Id | None = None
    designer: Id | None = None
    it_contact: Id | None = None
    intake: list[Intake] | None = None
    steps: list[Step] | None = None
    volume: Volume | None = None
    kpis: list[Text] | None = None
    last_user_test: Day | None = None
    refs: Refs | None = None

    requires_visit: bool | None = None  # v2: the law requires a visit (passport, driving licence)
    service_norm: ServiceNorm | None = None  # v2
    status_online: bool | None = None  # v2: applicants can follow their request online
    redesign: Redesign | None = None  # v2
    source: SourceIds | None = None  # 2.2: the sources its facts rest on


class Source(Base):
    """A source in the file's register: where facts come from (a document, an interview, a register)."""

    id: Id
    type: SourceType
    title: Name
    reference: Text | None = None  # as precise as a page: "Collegebesluit 2024/118, p. 3", a URL, a query
    provided_by: Text | None = None  # a role ("teamleider KCC"), not a person
    dated: Day | None = None  # the date of the source itself
    obtained: Day | None = None  # the date the auditor obtained it
    confidential: bool | None = None  # documents cite a confidential source by its type and date only


class OrgModel(Base):
    """The whole organisation file, schema version 1."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        allow_inf_nan=False,
        str_max_length=MAX_TEXT,
        title="digimandate organisation model",
        json_schema_extra={"$id": "https://digimandate.nl/schema/organisation-v1.json"},
    )

    schema_version: Literal[1]
    include: list[Text] = []  # files (globs below this file's folder) whose entity lists join these
    organisation: Organisation
    governance: Governance | None = None
    departments: list[Department] = []
    people: list[Person] = []
    mandates: list[Mandate] = []
    channels: list[Channel] = []
    systems: list[System] = []
    processes: list[Process] = []
    sources: list[Source] = []  # 2.2: the register of sources that entities cite with ``source``


SECTIONS = ("departments", "people", "mandates", "channels", "systems", "processes")


# Keys that say where facts come from, not facts themselves: never "not recorded".
NOT_FACTS = frozenset({"source"})


def unset_paths(model: BaseModel) -> list[str]:
    """The facts the file leaves out of ``model``, as dotted paths (``powers.make_proposals``).

    A key left out names itself and every fact below it; a key given as null records that there is
    none, so neither it nor anything below it is unset. Items of lists are entities of their own.
    """
    plan = _unset_plan(type(model), frozenset(model.model_fields_set))
    if len(plan) == 1 and plan[0][1] is not None:  # nothing given that can hold a model: the paths are known
        return list(plan[0][1])
    out: list[str] = []
    for name, paths in plan:
        if paths is not None:
            out.extend(paths)
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            out.extend([f"{name}.{sub}" for sub in unset_paths(value)])
    return out


_PLANS: dict[tuple[type[BaseModel], frozenset[str]], tuple[tuple[str, tuple[str, ...] | None], ...]] = {}


def _unset_plan(cls: type[BaseModel], given: frozenset[str]) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """What ``unset_paths`` does for a model of ``cls`` given ``given``, made once per shape.

    In field order: the paths of fields left out, or a given field that may hold a model (None:
    look whether it does). A given field that cannot hold one adds nothing, and the paths of
    fields left out one after another are one entry.
    """
    key = (cls, given)
    plan = _PLANS.get(key)
    if plan is None:
        steps: list[tuple[str, tuple[str, ...] | None]] = []
        for name in cls.model_fields:
            if name in NOT_FACTS:
                continue
            if name in given:
                if not _holds_no_model(cls.model_fields[name].annotation):
                    steps.append((name, None))
                continue
            paths = (name, *(f"{name}.{sub}" for sub in _nested_fields(cls, name)))
            if steps and steps[-1][1] is not None:
                steps[-1] = (steps[-1][0], (*steps[-1][1], *paths))
            else:
                steps.append((name, paths))
        plan = tuple(steps)
        if len(_PLANS) < 4096:  # shapes are few in practice; a file cannot make this grow without bound
            _PLANS[key] = plan
    return plan


def _holds_no_model(annotation: object) -> bool:
    """Whether a field of this type surely holds no model of its own (text, a number, a date, a list, or null)."""
    import typing

    if annotation in (str, int, float, bool, date, type(None)):
        return True
    origin = typing.get_origin(annotation)
    if origin is list or origin is typing.Literal:  # unset_paths never looks into a list
        return True
    if origin in (typing.Union, types.UnionType):
        return all(_holds_no_model(arg) for arg in typing.get_args(annotation))
    return False


_NESTED: dict[tuple[type[BaseModel], str], tuple[str, ...]] = {}


def _nested_fields(cls: type[BaseModel], name: str) -> tuple[str, ...]:
    """Every dotted path below field ``name`` of ``cls`` when it holds one model (not a list of them)."""
    key = (cls, name)
    if key not in _NESTED:
        sub = _model_of(cls.model_fields[name].annotation)
        paths: list[str] = []
        if sub is not None:
            for child in sub.model_fields:
                if child in NOT_FACTS:
                    continue
                paths.append(child)
                paths.extend(f"{child}.{p}" for p in _nested_fields(sub, child))
        _NESTED[key] = tuple(paths)
    return _NESTED[key]


def _model_of(annotation: object) -> type[BaseModel] | None:
    """The model class a field holds directly (``Vision | None``), or None."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None
