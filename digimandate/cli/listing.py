"""The ``rules`` and ``explain`` commands: the checklists as text, one rule with an example."""

from __future__ import annotations

from pathlib import Path

from digimandate.i18n import Lang


def rules_text(checklists: list[Path], fmt: str, lang: Lang, lang_given: bool) -> str:
    """Every rule of the built-in and extra checklists in ``fmt`` (terminal, json or markdown)."""
    from digimandate.audit.checklist import load_ruleset
    from digimandate.cli.run import warn
    from digimandate.render import rules_doc

    ruleset = load_ruleset(checklists)
    warn(ruleset.notices, lang)
    return rules_doc.listing(ruleset, fmt, lang, lang_given)


def explain_text(checklists: list[Path], rule: str, lang: Lang) -> str:
    """One rule, named by id or name, with its first failing case audited for real."""
    from digimandate.audit.cases import example
    from digimandate.audit.checklist import load_ruleset, resolve_rule
    from digimandate.cli.run import warn
    from digimandate.render import rules_doc

    ruleset = load_ruleset(checklists)
    warn(ruleset.notices, lang)
    rule_id = resolve_rule(ruleset, rule)
    if rule_id in ruleset.meta:
        return rules_doc.explain_meta(rule_id, lang)
    return rules_doc.explain(ruleset, rule_id, lang, example(ruleset, rule_id))
