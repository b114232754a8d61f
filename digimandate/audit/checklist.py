"""Checklists as data: rule specs loaded from YAML and checked against the registry and the query compiler."""

from __future__ import annotations

import functools
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from digimandate.audit.specs import (
    BUILTIN,
    ActiveRule,
    ChecklistFile,
    Override,
    Param,
    ParamValue,
    PythonCheck,
    Query,
    Rule,
    RuleSet,
    builtin_dir,
    template_parts,
)
from digimandate.errors import InputError, Location, Notice, Problem, Term, UsageError, problem
from digimandate.i18n import LANGS
from digimandate.model.loader import Limits, Loaded, load_file
from digimandate.model.validate import suggest, validate_model


def load_checklist_file(path: Path, display: str | None = None) -> tuple[ChecklistFile, Loaded]:
    """Load and validate one checklist file; the same unchanged file is read once per process."""
    try:
        stat = path.stat()
    except OSError:  # the loader reports it, located
        return _load_checklist_file(path, display)
    # keyed by the path as given (messages name it so) and the file it is now, in its version on disk
    return _cached_checklist_file(path, path.resolve(), display, stat.st_mtime_ns, stat.st_size)


def _load_checklist_file(path: Path, display: str | None) -> tuple[ChecklistFile, Loaded]:
    loaded = load_file(path, Limits(too_large_hint="too_large_fixed_hint"), display)
    # the organisation file's hint names `digimandate schema`, which describes that file only
    return validate_model(loaded, ChecklistFile, hints={"invalid_value_hint": "checklist_invalid_value_hint"}), loaded


@functools.lru_cache(maxsize=32)
def _cached_checklist_file(path: Path, real: Path, display: str | None, mtime_ns: int,
                           size: int) -> tuple[ChecklistFile, Loaded]:
    """The parsed file, keyed by its identity and version on disk: a library caller auditing many files
    (or a test suite running the command line hundreds of times) parses the built-in checklist once.
    Both parts are treated as read-only by the merge."""
    return _load_checklist_file(path, display)


def load_ruleset(extra: list[Path] | None = None, builtin: bool = True) -> RuleSet:
    """Load the built-in checklist and any extra ones, in order, into one RuleSet."""
    rs = _builtin_ruleset() if builtin else RuleSet()
    custom: list[tuple[str, set[str]]] = []
    for path in extra or []:
        cl, loaded = load_checklist_file(path)
        _merge(rs, cl, loaded)
        custom.append((cl.checklist.id, set(cl.dimensions) | {r.dimension for r in cl.rules}))
    rs.notices.extend(_empty_rungs(rs, custom))
    return rs


def _builtin_ruleset() -> RuleSet:
    """The built-in checklist merged on its own, as a copy the caller may change."""
    path = builtin_dir() / BUILTIN
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:  # the loader reports it, located; a failure is never cached
        version = (-1, -1)
    return _merged_builtin(path, *version).copy()


@functools.lru_cache(maxsize=2)
def _merged_builtin(path: Path, mtime_ns: int, size: int) -> RuleSet:
    """The built-in checklist merged, once per version on disk: merging compiles every query (about 10 ms),
    and a process auditing many files, or a test suite running the command line, needs it each time.
    Callers get copies (load_ruleset), so this one is never changed."""
    rs = RuleSet()
    _merge(rs, *load_checklist_file(path, f"(built-in) {BUILTIN}"))
    return rs


def _empty_rungs(rs: RuleSet, custom: list[tuple[str, set[str]]]) -> list[Notice]:
    """A warning (not a failure) for each dimension a custom checklist touches that has a rung without a rule."""
    if not custom:
        return []
    notices = []
    warned: set[str] = set()
    for name, level in rs.empty_rungs():
        owner = next((cid for cid, dims in custom if name in dims), None)
        if owner is not None and name not in warned:  # the lowest empty rung caps the dimension
            warned.add(name)
            notices.append(Notice("checklist_empty_rung",
                                  {"checklist": owner, "dimension": name, "level": level, "below": level - 1}))
    return notices


def _merge(rs: RuleSet, cl: ChecklistFile, loaded: Loaded) -> None:
    """Add one checklist's dimensions, sources, rules and overrides to the RuleSet."""
    from digimandate.audit.query import (  # jmespath only when rules load
        QueryError,
        compile_rule,
        expressions,
        filled_names,
    )
    from digimandate.audit.rules import REGISTRY

    problems = []
    rs.checklists.append(cl.checklist)
    rs.dimensions.update(cl.dimensions)
    rs.bundles.update(cl.bundles)
    rs.sources.update(cl.sources)
    for key, bundle in cl.bundles.items():
        for j, dim in enumerate(bundle.dimensions):
            if dim not in rs.dimensions:
                problems.append(problem(loaded.locate("bundles", key, "dimensions", j),
                                        f"bundles.{key}.dimensions[{j}]", "checklist_unknown_dimension",
                                        "checklist_unknown_dimension_hint", dimension=dim,
                                        known=", ".join(rs.dimensions)))
    for i, rule in enumerate(cl.rules):
        where = f"rules[{i}]"
        if rule.id in rs.rules:
            problems.append(problem(loaded.locate("rules", i, "id"), f"{where}.id", "checklist_duplicate_rule",
                                    "checklist_duplicate_rule_hint", id=rule.id,
                                    origin=rs.rules[rule.id].origin))
            continue
        if rule.dimension not in rs.dimensions:
            problems.append(problem(loaded.locate("rules", i, "dimension"), f"{where}.dimension",
                                    "checklist_unknown_dimension", "checklist_unknown_dimension_hint",
                                    dimension=rule.dimension, known=", ".join(rs.dimensions)))
        for j, src in enumerate(rule.sources):
            if src.ref not in rs.sources:
                problems.append(problem(loaded.locate("rules", i, "sources", j), f"{where}.sources[{j}].ref",
                                        "checklist_unknown_source", "checklist_unknown_source_hint",
                                        ref=src.ref, known=", ".join(rs.sources)))
        if isinstance(rule.check, PythonCheck) and rule.check.python not in REGISTRY:
            problems.append(problem(loaded.locate("rules", i, "check"), f"{where}.check.python",
                                    "checklist_unknown_check", "checklist_unknown_check_hint",
                                    check=rule.check.python))
        problems.extend(params_problems(rule, loaded, i))
        if isinstance(rule.check, Query):
            for j, case in enumerate(rule.check.cases):
                if case.message not in rule.messages:
                    problems.append(problem(loaded.locate("rules", i, "check", "cases", j), f"{where}.check",
                                            "checklist_unknown_message", "checklist_unknown_message_hint",
                                            message=case.message, known=", ".join(rule.messages)))
        builtin = loaded.file.startswith("(built-in)")
        query_at = {} if builtin or not isinstance(rule.check, Query) else {
            place: (loaded.locate("rules", i, "check", *place), f"{where}.check.{_crumb(place)}")
            for place, _ in expressions(rule.check)}
        active = ActiveRule(
            spec=rule, severity=rule.severity, enabled=rule.enabled,
            params={k: p.default for k, p in rule.params.items()}, origin=cl.checklist.id,
            written_at=None if builtin else loaded.locate("rules", i, "check"), query_at=query_at,
        )
        names: frozenset[str] | None = None  # what a finding fills in; None: not known, not checked
        try:
            compile_rule(active)  # a broken query fails here, at its line, not during an audit
            if isinstance(rule.check, Query):
                names = filled_names(active)
        except QueryError as exc:
            problems.append(problem(loaded.locate("rules", i, "check", *exc.where),
                                    f"{where}.check.{_crumb(exc.where)}", exc.key, exc.hint, **exc.args_))
        problems.extend(message_problems(rule, names, loaded, i))
        rs.rules[rule.id] = active
    problems.extend(part_problems(rs, cl, loaded))
    for rule_id, override in cl.overrides.items():
        target = rs.rules.get(rule_id)
        if target is None:
            guess = suggest(rule_id, list(rs.rules))
            hint = "did_you_mean" if guess else "config_unknown_rule_hint_plain"
            problems.append(problem(loaded.locate("overrides", rule_id), f"overrides.{rule_id}",
                                    "checklist_unknown_rule", hint, id=rule_id, suggestion=guess or ""))
            continue
        bad = [p for key, value in override.params.items()
               if (p := param_problem(target, key, value, loaded.locate("overrides", rule_id, "params", key),
                                      f"overrides.{rule_id}.params.{key}"))]
        problems.extend(bad)
        if not bad:
            rs.rules[rule_id] = override_rule(target, override, cl.checklist.id)
    if problems:
        raise InputError(problems)


def part_problems(rs: RuleSet, cl: ChecklistFile, loaded: Loaded) -> list[Problem]:
    """Check the parts of each bundle's title: every rule a part names exists in one of the bundle's dimensions.

    A part stands for the actions of its rules; a rule the bundle never holds would leave the part unsaid for ever.
    """
    out = []
    for key, bundle in cl.bundles.items():
        for j, part in enumerate(bundle.parts):
            for k, rule_id in enumerate(part.rules):
                at, path = loaded.locate("bundles", key, "parts", j, "rules", k), f"bundles.{key}.parts[{j}].rules[{k}]"
                rule = rs.rules.get(rule_id)
                if rule is None:
                    guess = suggest(rule_id, list(rs.rules))
                    out.append(problem(at, path, "checklist_bundle_unknown_rule",
                                       "did_you_mean" if guess else "checklist_bundle_unknown_rule_hint",
                                       id=rule_id, suggestion=guess or ""))
                elif rule.spec.dimension not in bundle.dimensions:
                    out.append(problem(at, path, "checklist_bundle_other_rule", "checklist_bundle_other_rule_hint",
                                       id=rule_id, dimension=rule.spec.dimension,
                                       dimensions=", ".join(bundle.dimensions)))
    return out


def message_problems(rule: Rule, names: frozenset[str] | None, loaded: Loaded, i: int) -> list[Problem]:
    """Check the rule's messages: every brace is part of a placeholder, and a query rule fills every placeholder.

    A query rule fills in its parameters, its case's `args` and, where ``names`` tells, what its
    entity has; a Python check fills in what its code gives, which only its own messages know.
    """
    out = []
    for key, text in rule.messages.items():
        known = None
        if names is not None and isinstance(rule.check, Query):
            args = {a for case in rule.check.cases if case.message == key for a in case.args}
            known = names | set(rule.params) | args
        for lang in LANGS:
            parts = template_parts(text.get(lang))
            unknown = [name for name in parts[1::2] if known is not None and name not in known]
            brace = any("{" in part or "}" in part for part in parts[::2])
            if not (brace or unknown):
                continue
            at, path = loaded.locate("rules", i, "messages", key, lang), f"rules[{i}].messages.{key}.{lang}"
            if brace:
                out.append(problem(at, path, "checklist_message_brace", "checklist_message_brace_hint",
                                   id=rule.id, message=key))
            else:
                guess = suggest(unknown[0], sorted(known or ()))
                out.append(problem(at, path, "checklist_unknown_placeholder",
                                   "did_you_mean" if guess else "checklist_unknown_placeholder_hint",
                                   id=rule.id, message=key, name=unknown[0], suggestion=guess or "",
                                   known=", ".join(sorted(known or ())) or "-"))
    return out


def _crumb(place: tuple[str | int, ...]) -> str:
    """The path of an expression within a check: ``cases[0].when``."""
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in place).replace(".[", "[")


def param_problem(rule: ActiveRule, key: str, value: ParamValue, at: Location, path: str) -> Problem | None:
    """Check that a parameter exists and that its value is of the default's kind."""
    if key not in rule.params:
        guess = suggest(key, list(rule.params))
        return problem(at, path, "checklist_unknown_param", "did_you_mean" if guess else "checklist_known_params",
                       id=rule.id, param=key, suggestion=guess or "", known=", ".join(rule.params) or "-")
    default = rule.spec.params[key].default
    numeric = (int, float)
    same = (isinstance(default, bool) == isinstance(value, bool)
            and (isinstance(value, numeric) if isinstance(default, numeric) else isinstance(value, type(default))))
    if not same:
        return problem(at, path, "checklist_param_type", "checklist_param_type_hint", id=rule.id, param=key,
                       expected=type(default).__name__, found=repr(value), default=default)
    return value_problem(rule.id, key, value, rule.spec.params[key], at, path)


# No norm needs a number beyond a billion; past 2**53 a float even loses whole numbers.
PARAM_LIMIT = 1_000_000_000
# Parameters the scoring reads itself, whatever rule has them: min_coverage is a share of entities.
FIXED_RANGES = {"min_coverage": (0.0, 1.0)}


def _bounds(key: str, spec: Param) -> tuple[float, float]:
    """The lowest and highest value a parameter may take."""
    low = -PARAM_LIMIT if spec.min is None else spec.min
    high = PARAM_LIMIT if spec.max is None else spec.max
    fixed_low, fixed_high = FIXED_RANGES.get(key, (low, high))
    return max(low, fixed_low, -PARAM_LIMIT), min(high, fixed_high, PARAM_LIMIT)


def _shown(number: float) -> int | float:
    """A bound as a reader writes it: 0, not 0.0."""
    return int(number) if isinstance(number, float) and number.is_integer() else number


def value_problem(rule_id: str, key: str, value: ParamValue, spec: Param, at: Location, path: str) -> Problem | None:
    """Check a number against its parameter: finite, within its bounds, whole where it counts things."""
    fault = _value_fault(rule_id, key, value, spec)
    return None if fault is None else _located(at, path, fault)


_Fault = tuple[str, str, dict[str, Any]]  # a problem's message, hint and values, before it is located


def _located(at: Location, path: str, fault: _Fault) -> Problem:
    key, hint, args = fault
    return problem(at, path, key, hint, **args)


def _value_fault(rule_id: str, key: str, value: ParamValue, spec: Param) -> _Fault | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    low, high = _bounds(key, spec)
    # A NaN passes every comparison and inf every maximum in Python: refuse them before comparing.
    finite = not isinstance(value, float) or math.isfinite(value)
    if not (finite and low <= value <= high):
        return ("checklist_param_range" if finite else "checklist_param_not_finite", "checklist_param_range_hint",
                {"id": rule_id, "param": key, "found": repr(value), "default": spec.default, "low": _shown(low),
                 "high": _shown(high)})
    if spec.integer and isinstance(value, float) and not value.is_integer():
        return "checklist_param_type", "checklist_param_type_hint", {
            "id": rule_id, "param": key, "expected": Term("type_integer"), "found": repr(value),
            "default": spec.default}
    return None


def params_problems(rule: Rule, loaded: Loaded, i: int) -> list[Problem]:
    """Check the parameters a rule defines: finite bounds, the lower not above the upper, the default within."""
    out = []
    for key, spec in rule.params.items():
        path = f"rules[{i}].params.{key}"
        wrong = []
        for name, bound in (("min", spec.min), ("max", spec.max)):
            if bound is not None and not math.isfinite(bound):
                wrong.append(problem(loaded.locate("rules", i, "params", key, name), f"{path}.{name}",
                                     "checklist_param_not_finite", None, id=rule.id, param=key, found=repr(bound)))
        if not wrong and spec.min is not None and spec.max is not None and spec.min > spec.max:
            wrong.append(problem(loaded.locate("rules", i, "params", key, "min"), f"{path}.min",
                                 "checklist_param_bounds", None, id=rule.id, param=key, low=_shown(spec.min),
                                 high=_shown(spec.max)))
        if not wrong and (fault := _value_fault(rule.id, key, spec.default, spec)):  # bounds that hold
            wrong.append(_located(loaded.locate("rules", i, "params", key, "default"), f"{path}.default", fault))
        out += wrong
    return out



def override_rule(rule: ActiveRule, override: Override, by: str) -> ActiveRule:
    """Apply an override to a rule, remembering who changed it."""
    params = dict(rule.params)
    params.update(override.params)
    return replace(
        rule,
        severity=override.severity or rule.severity,
        enabled=rule.enabled if override.enabled is None else override.enabled,
        params=params,
        changed_by=(*rule.changed_by, by),
    )


def resolve_rule(ruleset: RuleSet, text: str) -> str:
    """The id of the rule ``text`` names (an id in any case, or a name); a usage error with a guess if none."""
    rule_id = ruleset.find(text)
    if rule_id is not None:
        return rule_id
    guess = suggest(text.upper(), list(ruleset.rules)) or suggest(text, [r.spec.name for r in ruleset.rules.values()])
    if guess:
        raise UsageError("unknown_rule", "unknown_rule_hint", id=text, suggestion=guess)
    raise UsageError("unknown_rule", "unknown_rule_hint_plain", id=text)
