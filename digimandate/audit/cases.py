"""Rule cases as data: patches over a passing base organisation, with the findings they must give."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from digimandate.audit.result import Finding
from digimandate.audit.specs import RuleSet, builtin_dir
from digimandate.model.loader import dump

# The case files are the package's own data, not a user's input: LibYAML reads them several times faster
# where PyYAML has it (explain reads one on every call), and the same documents otherwise.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class RuleCase:
    """One case: a rule, a patch over the base, and the entities expected to fail (None: not applicable)."""

    rule: str
    name: str
    patch: dict[str, Any]
    expect: list[str] | None
    messages: list[str] | None
    source: str
    # Where the findings point when their entity is absent from the file (a fact not recorded):
    # the entity, section or "/" (the top of the file) whose position stands in for it.
    at: str | None = None
    # The basis every finding must have: ``not_recorded`` (a key left out) or ``observed``; None: not checked.
    basis: str | None = None

# In a patch, null deletes a key (the fact is then not recorded); this value writes an explicit null
# instead (the file records that there is none).
NULL = "_null"


def cases_dir() -> Path:
    """Where the case files live."""
    return builtin_dir() / "cases"


def base_org() -> dict[str, Any]:
    """The base organisation every case patches (a fresh copy): it passes every built-in rule."""
    return copy.deepcopy(_base())


@lru_cache(maxsize=1)
def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load((cases_dir() / "base.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    return data


def load_cases(dimension: str | None = None) -> list[RuleCase]:
    """Every case of every case file, in file order; with ``dimension``, of that dimension's file only."""
    out: list[RuleCase] = []
    paths = sorted(cases_dir().glob("*.yaml"))
    if dimension is not None:
        paths = [p for p in paths if p.stem == dimension]
    for path in paths:
        if path.name != "base.yaml":
            out += _file_cases(path)
    return out


@cache
def _file_cases(path: Path) -> tuple[RuleCase, ...]:
    """The cases of one file of the package, read once per process (``explain`` reads them for each rule)."""
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    out = []
    for item in doc["cases"]:
        expect = item.get("expect", [])
        out.append(RuleCase(
            rule=item["rule"],
            name=item["name"],
            patch=item.get("org") or {},
            expect=None if expect == "not_applicable" else list(expect),
            messages=item.get("messages"),
            source=path.name,
            at=item.get("at"),
            basis=item.get("basis"),
        ))
    return tuple(out)


def apply_patch(base: Any, patch: Any) -> Any:
    """Deep-merge ``patch`` into a copy of ``base``.

    Mappings merge key by key and a null value deletes the key (``_null`` writes an explicit null);
    lists of entities merge by ``id`` (an item with ``_delete: true`` is removed, a new id is
    appended); other lists and values replace.
    """
    if isinstance(base, dict) and isinstance(patch, dict):
        out = copy.deepcopy(base)
        for key, value in patch.items():
            if value is None:
                out.pop(key, None)
            elif key in out:
                out[key] = apply_patch(out[key], value)
            else:
                out[key] = _nulls(copy.deepcopy(value))
        return out
    if _entity_list(base) and _entity_list(patch):
        merged = [copy.deepcopy(item) for item in base]
        index = {item["id"]: i for i, item in enumerate(merged)}
        for item in patch:
            if item["id"] in index:
                i = index[item["id"]]
                if item.get("_delete"):
                    merged[i] = None
                else:
                    merged[i] = apply_patch(merged[i], {k: v for k, v in item.items() if k != "id"})
            else:
                merged.append(_nulls(copy.deepcopy(item)))
        return [m for m in merged if m is not None]
    return _nulls(copy.deepcopy(patch))


def _nulls(value: Any) -> Any:
    """``value`` with every ``_null`` made an explicit null."""
    if value == NULL:
        return None
    if isinstance(value, dict):
        return {k: _nulls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls(v) for v in value]
    return value


def _entity_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and "id" in v for v in value)


Example = tuple[RuleCase, list[Finding]]


def example(rs: RuleSet, rule_id: str) -> Example | None:
    """The rule's first failing case, audited for real, so an explanation shows the message it gives."""
    from digimandate.audit.flow import audit_document
    from digimandate.model.document import parse_document

    # the cases of a rule stand in its dimension's file: reading only that one keeps `explain` quick
    dimension = rs.rules[rule_id].spec.dimension if rule_id in rs.rules else None
    case = next((c for c in load_cases(dimension) if c.rule == rule_id and c.expect), None)
    if case is None and dimension is not None:
        case = next((c for c in load_cases() if c.rule == rule_id and c.expect), None)
    if case is None:
        return None
    text = dump(apply_patch(base_org(), case.patch), sort_keys=False, allow_unicode=True)
    result = audit_document(parse_document(text), rs)
    return case, [f for f in result.findings if f.rule == rule_id]
