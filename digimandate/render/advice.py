"""What the documents conclude from an audit beside the ranked recommendations: job design and progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digimandate.audit.result import AuditResult, Finding
from digimandate.errors import InputError, Location, Term, problem
from digimandate.model.org import SERVICE_FUNCTIONS, Mandate, OrgModel
from digimandate.reading import MAX_RESULT_BYTES, JsonProblem, parse_json, read_text


@dataclass(frozen=True)
class Characteristic:
    """One of the five job characteristics: measured, or estimated from the model."""

    key: str
    measured: float | None = None
    estimate: str | None = None
    basis: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobView:
    """The job design of one mandate."""

    mandate: Mandate
    holders: list[str]
    characteristics: list[Characteristic]
    mps: float | None


def _grade(points: int, high: int, low: int) -> str:
    return "estimate_high" if points >= high else "estimate_low" if points <= low else "estimate_medium"


def job_views(model: OrgModel) -> list[JobView]:
    """Per mandate the five characteristics: the survey where taken, else structural indications."""
    people = {p.id: p.name for p in model.people}
    service = {d.id for d in model.departments if d.function in SERVICE_FUNCTIONS}
    out = []
    for md in model.mandates:
        holders = [people.get(h, h) for h in md.holders or []]
        survey = md.job_survey
        if survey is not None:
            chars = [Characteristic(k, measured=getattr(survey, k)) for k in
                     ("skill_variety", "task_identity", "task_significance", "autonomy", "feedback")]
            out.append(JobView(md, holders, chars, survey.mps))
            continue
        powers = md.powers
        acts = list(powers.act_without_approval or []) if powers else []
        kinds = len(acts) + sum(1 for p in (powers.make_proposals, powers.demand_cooperation) if p) if powers else 0
        places = len(set(md.works_in or []) & service)
        organisation_wide = md.scope == "organisation"
        in_reach = (len(model.processes) if organisation_wide else
                    sum(1 for p in model.processes if p.department in (md.departments or [])))
        approval = md.needs_approval_from
        autonomy = (2 if approval == [] else 0) + sum(1 for a in ("website", "forms") if a in acts)
        chars = [
            Characteristic("skill_variety", estimate=_grade(kinds + places, 6, 2),
                           basis={"powers": kinds, "places": places}),
            Characteristic("task_identity", estimate=_grade(2 if organisation_wide else 0, 2, 0),
                           basis={"scope": md.scope, "departments": md.departments or []}),
            Characteristic("task_significance", estimate=_grade(min(in_reach, 10), 10, 2),
                           basis={"products": in_reach}),
            Characteristic("autonomy", estimate=_grade(autonomy, 4, 1), basis={"approval": approval, "acts": acts}),
            Characteristic("feedback", estimate=_grade(2 if md.receives_results else 0, 2, 0),
                           basis={"results": md.receives_results}),
        ]
        out.append(JobView(md, holders, chars, None))
    return out


@dataclass(frozen=True)
class Progress:
    """What changed since an earlier audit."""

    previous_date: str
    fixed: list[dict[str, Any]]
    new: list[Finding]
    still_open: list[Finding]
    level_before: int | None
    level_after: int | None
    dimensions: list[tuple[str, int | None, int | None]]


def load_previous_results(path: Path) -> list[dict[str, Any]]:
    """Read the JSON result of an earlier audit: one organisation, or a list of them (a folder audit)."""
    here = Location(str(path), 1, 1)
    try:
        data = parse_json(read_text(path, MAX_RESULT_BYTES))
    except JsonProblem as exc:
        # a limit of ours says why in the reader's language; the parser's own words say only that this is not JSON
        refused = isinstance(exc.msg, Term)
        key, args = ("previous_refused", {"problem": exc.msg}) if refused else ("previous_not_json", {})
        raise InputError([problem(Location(str(path), exc.line, exc.column), "", key, "previous_hint",
                                  **args)]) from None
    items = data if isinstance(data, list) else [data]
    if not items or any(not isinstance(d, dict) or d.get("schema_version") != 1 or "findings" not in d
                        for d in items):
        raise InputError([problem(here, "", "previous_invalid", "previous_hint")])
    for i, item in enumerate(items):
        wrong = shape_problem(item)
        if wrong is not None:
            where = f"[{i}].{wrong[0]}" if isinstance(data, list) else wrong[0]
            raise InputError([problem(here, "", f"previous_not_{wrong[1]}", "previous_hint", field=where)])
    return items


def shape_problem(item: dict[str, Any]) -> tuple[str, str] | None:
    """(field, what it should be) for the first field of an earlier result the documents use but cannot read."""
    wrong: list[tuple[str, str]] = []

    def need(value: Any, kind: type, where: str, name: str) -> bool:
        ok = isinstance(value, kind)
        if not ok:
            wrong.append((where, name))
        return ok

    def level(value: Any, where: str) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            wrong.append((where, "level"))

    if need(item["findings"], list, "findings", "list"):
        for i, f in enumerate(item["findings"]):
            if need(f, dict, f"findings[{i}]", "object"):
                need(f.get("fingerprint"), str, f"findings[{i}].fingerprint", "text")
    if need(item.get("checklists", []), list, "checklists", "list"):
        for i, c in enumerate(item.get("checklists", [])):
            if need(c, dict, f"checklists[{i}]", "object") and "id" in c:
                need(c["id"], str, f"checklists[{i}].id", "text")
    need(item.get("organisation", {}), dict, "organisation", "object")
    maturity = item.get("maturity", {})
    if need(maturity, dict, "maturity", "object"):
        level(maturity.get("level"), "maturity.level")
        dims = maturity.get("dimensions", {})
        if need(dims, dict, "maturity.dimensions", "object"):
            for name, dim in dims.items():
                if need(dim, dict, f"maturity.dimensions.{name}", "object"):
                    level(dim.get("level"), f"maturity.dimensions.{name}.level")
    return wrong[0] if wrong else None


def version_changes(result: AuditResult, previous: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(checklist id, version before, version now) for every checklist that may judge differently now.

    A checklist's patch version (2.4.0 to 2.4.1) changes words, not judgements or levels, as its own
    changes say; a minor or major version may add or change rules. A version that is not numbers differs
    whenever it is not the same.
    """
    before = {c.get("id"): str(c.get("version")) for c in previous.get("checklists", []) if isinstance(c, dict)}
    return [(c.id, before[c.id], c.version) for c in result.checklists
            if c.id in before and _judges_differently(before[c.id], c.version)]


def _judges_differently(before: str, now: str) -> bool:
    """Whether two versions of a checklist differ in more than their patch number."""
    old, new = before.split("."), now.split(".")
    if len(old) == len(new) == 3 and all(part.isdigit() for part in old + new):
        return old[:2] != new[:2]
    return before != now


def progress(result: AuditResult, previous: dict[str, Any]) -> Progress:
    """Compare this audit with an earlier JSON result, by fingerprint."""
    before = {f["fingerprint"]: f for f in previous.get("findings", [])}
    now = {f.fingerprint: f for f in result.findings if f.kind != "meta"}
    dims_before = previous.get("maturity", {}).get("dimensions", {})
    dims = [(name, dims_before.get(name, {}).get("level"), d.level) for name, d in result.maturity.dimensions.items()]
    return Progress(
        previous_date=str(previous.get("organisation", {}).get("audit_date", "?")),
        fixed=[f for fp, f in before.items() if fp not in now],
        new=[f for fp, f in now.items() if fp not in before],
        still_open=[f for fp, f in now.items() if fp in before],
        level_before=previous.get("maturity", {}).get("level"),
        level_after=result.maturity.level,
        dimensions=dims,
    )
