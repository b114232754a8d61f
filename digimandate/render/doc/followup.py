"""Follow-up: the previous report's recommendations, what the reactie promised, and what the facts show now."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from digimandate.audit.result import Finding
from digimandate.audit.specs import Text
from digimandate.errors import Location
from digimandate.i18n import Lang, t
from digimandate.render.common import Audited
from digimandate.render.doc.actions import Recommendation
from digimandate.render.doc.adapter import basis, top_entity
from digimandate.render.doc.bundles import Numbered, numbered
from digimandate.render.doc.model import BoardDocument, Para, Section, Table
from digimandate.render.doc.stages import Reactie, check_references, promise_text, wordings


def _finding(item: dict[str, Any], a: Audited) -> Finding | None:
    """A finding of the earlier JSON result, as far as the ranking of actions needs it; None for a rule gone."""
    rule = a.rules.rules.get(str(item.get("rule")))
    if rule is None or not isinstance(item.get("entity"), str):
        return None
    where = item["location"] if isinstance(item.get("location"), dict) else {}
    message = str(item.get("message", ""))
    return Finding(rule=rule.id, name=rule.spec.name, dimension=rule.spec.dimension,
                   severity=str(item.get("severity") or rule.severity), level=rule.spec.level,
                   text=Text(nl=message, en=message), message_key=rule.id, entity=item["entity"],
                   location=Location(str(where.get("file", "")), 1, 1),
                   basis=str(item.get("basis") or "observed"))


def previous_recommendations(a: Audited, previous: dict[str, Any], written: date) -> list[Numbered]:
    """The earlier report's recommendations in its order: its findings ranked and bundled as every report does.

    The ranking weighs the request volumes recorded now; the numbers are the earlier report's when those
    volumes did not change the order.
    """
    findings = [f for item in previous.get("findings", []) if isinstance(item, dict)
                for f in [_finding(item, a)] if f is not None and f.rule in a.rules.rules]
    earlier = replace(a.result, findings=tuple(findings))
    return numbered(Audited(earlier, a.rules, a.model), written)


def state_now(a: Audited, bundle: Numbered) -> str:
    """fixed, open or unknown: what the facts recorded now show about an earlier recommendation (all its actions)."""
    states = {_action_now(a, rec) for rec in bundle.actions}
    if "open" in states:
        return "open"
    return "fixed" if states == {"fixed"} else "unknown"


def _action_now(a: Audited, rec: Recommendation) -> str:
    """fixed, open or unknown: what the facts recorded now show about one earlier action."""
    places = set(rec.entities)
    now = [f for f in a.result.findings if f.rule == rec.rule.id and top_entity(f.entity) in places]
    if any(basis(f) == "observed" for f in now):
        return "open"
    if now:  # only facts nobody recorded: neither fixed nor open is shown
        return "unknown"
    outcome = next((o for o in a.result.outcomes if o.rule == rec.rule.id), None)
    return "fixed" if outcome is not None and outcome.status in ("passed", "failed", "waived") else "unknown"


def follow_up_section(a: Audited, previous: dict[str, Any], reactie: Reactie, lang: Lang, written: date) -> Section:
    """The table of the earlier recommendations: the action, the reaction, what was promised, the state now."""
    recs = previous_recommendations(a, previous, written)
    # the actions a promise covers are not checked here: the previous report numbered them on its own date
    check_references(reactie, wordings(recs, lang), previous=True)
    answered = {r.recommendation: r for r in reactie.spec.responses}
    s = Section(t("stage_h_follow_up", lang))
    s.add(Para(t("stage_follow_up_intro", lang)))
    rows = []
    for i, rec in enumerate(recs, 1):
        r = answered.get(i)
        decision = t(f"stage_decision_{r.decision}", lang) if r is not None else t("stage_decision_none", lang)
        promised = "; ".join(promise_text(p, lang) for p in r.actions) if r is not None and r.actions else "–"
        rows.append([str(i), rec.action(lang), decision, promised, t(f"stage_now_{state_now(a, rec)}", lang)])
    if rows:
        s.add(Table([t("doc_col_nr", lang), t("stage_col_recommendation", lang), t("stage_col_response", lang),
                     t("stage_col_promised", lang), t("stage_col_now", lang)], rows, [2, 6, 3, 6, 3]))
    else:
        s.add(Para(t("stage_follow_up_none", lang)))
    return s


def add_follow_up(doc: BoardDocument, a: Audited, previous: dict[str, Any], reactie: Reactie,
                  written: date) -> BoardDocument:
    """Put the follow-up before the findings: what became of the earlier report comes first."""
    section = follow_up_section(a, previous, reactie, doc.lang, written)
    heading = t("doc_h_findings", doc.lang)
    at = next((i for i, s in enumerate(doc.sections) if s.title == heading), len(doc.sections))
    doc.sections.insert(at, section)
    return doc
