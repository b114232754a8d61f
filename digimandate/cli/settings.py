"""Everything that decides how a check runs, merged in order: built-in < checklists < config < command line."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from digimandate.audit.checklist import load_ruleset, override_rule, param_problem
from digimandate.audit.config import EMPTY, Config, Waiver, find_config, load_config, load_waiver_file, shown
from digimandate.audit.specs import Override, RuleSet
from digimandate.errors import InputError, Location, Problem, problem
from digimandate.i18n import Lang
from digimandate.model.validate import suggest


@dataclass(frozen=True)
class AuditOptions:
    """What the command line said (None: not given)."""

    config: Path | None = None
    no_config: bool = False
    checklists: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    lang: Lang | None = None
    waivers: Path | None = None
    no_waivers: bool = False


@dataclass(frozen=True)
class Settings:
    """The merged settings of one run."""

    ruleset: RuleSet
    fail_on: str
    lang: Lang | None
    waivers: tuple[Waiver, ...]
    config: Config = field(default=EMPTY)


def resolve(target: Path, options: AuditOptions) -> Settings:
    """Find the configuration for ``target`` and merge everything into Settings."""
    config = EMPTY
    if options.config is not None:
        config = load_config(options.config)
    elif not options.no_config:
        found = find_config(target if target.exists() else Path.cwd())
        if found is not None:  # named as a user would type it, in messages and in every output
            config = load_config(Path(shown(found)))
    base = config.path.parent if config.path else Path.cwd()
    extra = [base / p for p in config.spec.checklists] + list(options.checklists)
    ruleset = load_ruleset(extra)
    problems: list[Problem] = []
    _apply_config(ruleset, config, problems)
    spec = config.spec
    select = list(options.select) if options.select is not None else spec.select
    extend = [*spec.extend_select, *options.extend_select]
    ignore = [*spec.ignore, *options.ignore]
    cli_at = Location("command line", 1, 1)
    sources = (
        ("select", options.select or (), True), ("extend-select", options.extend_select, True),
        ("ignore", options.ignore, True), ("select", spec.select or [], False),
        ("extend-select", spec.extend_select, False), ("ignore", spec.ignore, False),
    )
    for key, values, from_cli in sources:
        for i, selector in enumerate(values):
            if not any(rule_id.startswith(selector.upper()) for rule_id in ruleset.rules):
                at = cli_at if from_cli else config.at(key, i)
                guess = suggest(selector.upper(), list(ruleset.rules))
                problems.append(problem(at, f"--{key}" if from_cli else f"{key}[{i}]", "selector_unknown",
                                        "selector_hint" if guess else "selector_hint_plain",
                                        selector=selector, suggestion=guess or ""))
    waivers: tuple[Waiver, ...] = ()
    if not options.no_waivers:
        extra_waivers = load_waiver_file(options.waivers) if options.waivers else ()
        waivers = config.waivers + tuple(replace(w, max_days=config.spec.max_waiver_days) for w in extra_waivers)
        for w in waivers:
            if w.spec.rule not in ruleset.rules:
                _unknown_rule(problems, w.location, f"waivers[{w.index}].rule", w.spec.rule, ruleset)
    if problems:
        raise InputError(problems)
    _select(ruleset, select, extend, ignore)
    return Settings(ruleset, options.fail_on or spec.fail_on or "high", options.lang or spec.language, waivers,
                    config)


def _unknown_rule(problems: list[Problem], at: Location, path: str, rule_id: str, ruleset: RuleSet) -> None:
    guess = suggest(rule_id, list(ruleset.rules))
    problems.append(problem(at, path, "config_unknown_rule",
                            "config_unknown_rule_hint" if guess else "config_unknown_rule_hint_plain",
                            id=rule_id, suggestion=guess or ""))


def _apply_config(ruleset: RuleSet, config: Config, problems: list[Problem]) -> None:
    """Apply the configuration's severities and parameters to the rules."""
    spec = config.spec
    by = str(config.path.name) if config.path else "config"
    for rule_id, severity in spec.severity.items():
        if rule_id not in ruleset.rules:
            _unknown_rule(problems, config.at("severity", rule_id), f"severity.{rule_id}", rule_id, ruleset)
            continue
        ruleset.rules[rule_id] = override_rule(ruleset.rules[rule_id], Override(severity=severity), by)
    for rule_id, params in spec.params.items():
        rule = ruleset.rules.get(rule_id)
        if rule is None:
            _unknown_rule(problems, config.at("params", rule_id), f"params.{rule_id}", rule_id, ruleset)
            continue
        bad = [p for k, v in params.items()
               if (p := param_problem(rule, k, v, config.at("params", rule_id, k), f"params.{rule_id}.{k}"))]
        problems.extend(bad)
        if not bad:
            ruleset.rules[rule_id] = override_rule(rule, Override(params=params), by)


def _longest(rule_id: str, selectors: list[str]) -> int:
    return max((len(s) for s in selectors if rule_id.startswith(s.upper())), default=-1)


def _select(ruleset: RuleSet, select: list[str] | None, extend: list[str], ignore: list[str]) -> None:
    """Enable and disable rules the way ruff does: the most specific selector wins, ignore on a tie."""
    if select is None and not extend and not ignore:
        return
    for rule_id, rule in list(ruleset.rules.items()):
        on = _longest(rule_id, [*(select or []), *extend])
        if select is None and rule.enabled:
            on = max(on, 0)
        off = _longest(rule_id, ignore)
        enabled = on > off
        if enabled != rule.enabled:
            ruleset.rules[rule_id] = replace(rule, enabled=enabled)
