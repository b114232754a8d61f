"""The terminal view: findings grouped by dimension, then the maturity summary."""

from __future__ import annotations

import io
from collections.abc import Callable

from digimandate.i18n import Lang, t
from digimandate.render.levels import dimension_reason, evidence_text, level_text, maturity_line
from digimandate.result import AuditResult

STYLES = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}


def render(result: AuditResult, lang: Lang, color: bool = False, width: int = 100) -> str:
    """Render for a person at a terminal; with ``color`` through rich, else as plain text."""
    if color:
        from rich.markup import escape

        def style(text: str, name: str) -> str:
            return f"[{name}]{escape(text)}[/]" if name else escape(text)
    else:

        def style(text: str, name: str) -> str:
            return text

    text = "\n".join(_lines(result, lang, style)) + "\n"
    if not color:
        return text
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=width, highlight=False, soft_wrap=True)
    console.print(text, end="")
    return buf.getvalue()


def _score(value: float | None, lang: Lang) -> str:
    return t("term_na_score", lang) if value is None else f"{value:g}"


def _lines(result: AuditResult, lang: Lang, style: Callable[[str, str], str]) -> list[str]:
    """Build the view line by line."""
    rs = result.ruleset
    out: list[str] = []
    m = result.maturity
    for name, dim in rs.dimensions.items():
        findings = [f for f in result.findings if f.dimension == name and name != "waivers"]
        if not findings:
            continue
        ds = m.dimensions.get(name)
        head = f"{dim.title.get(lang)} ({name})"
        if ds is not None:
            head += (f" · {t('term_level', lang)} {level_text(ds.level, lang)}"
                     f" · {t('term_score', lang)} {_score(ds.score, lang)}")
        out.append(style(head, "bold underline"))
        for f in findings:
            sev = t(f"sev_{f.severity}", lang)
            out.append(
                f"  {f.location}: " + style(f"[{sev}]", STYLES[f.severity])
                + f" {style(f.message(lang), '')} " + style(f"({f.rule} {f.name})", "dim")
            )
        out.append("")
    meta = [f for f in result.findings if f.dimension == "waivers"]
    if meta:
        out.append(style(t("term_waiver_findings", lang), "bold underline"))
        for f in meta:
            sev = t(f"sev_{f.severity}", lang)
            out.append(f"  {f.location}: " + style(f"[{sev}]", STYLES[f.severity]) + f" {style(f.message(lang), '')} "
                       + style(f"({f.rule} {f.name})", "dim"))
        out.append("")
    if result.waived:
        out.append(style(t("term_waived", lang, count=len(result.waived)), "bold underline"))
        for w in result.waived:
            f = w.finding
            out.append(style(f"  {f.location}: {f.message(lang)} ({f.rule})", "dim"))
            out.append(style("    " + t("term_waiver_terms", lang, reason=w.reason, owner=w.owner,
                                          expires=w.expires.isoformat(), justification=w.justification), "dim"))
        out.append("")
    if result.baseline_used:
        out.append(style(t("term_baseline", lang, count=len(result.baselined)), "bold"))
        for e in result.baseline_fixed:
            out.append(style("  " + t("term_baseline_fixed", lang, rule=e.rule, entity=e.entity), "green"))
        out.append("")
    for o in result.errors:
        out.append(style(t("term_rule_error", lang, rule=o.rule.id, error=o.error or ""), "bold red"))
        out.append("")
    out.append(style(maturity_line(result, lang, _score(m.score, lang)), "bold"))
    out.append(style("  " + evidence_text(m.evidence, lang), "dim"))
    labels = {name: dim.title.get(lang) for name, dim in rs.dimensions.items() if name in m.dimensions}
    pad = max((len(v) for v in labels.values()), default=10)
    for name, label in labels.items():
        ds = m.dimensions[name]
        if ds.blocking and ds.level is not None:
            nxt = t("term_next", lang, level=ds.level + 1, rules=", ".join(ds.blocking))
        elif ds.level == 5:
            nxt = t("term_top", lang)
        else:
            nxt = dimension_reason(ds, lang)
        colour = ("dim" if ds.level is None else "green" if ds.level >= 4 else "yellow" if ds.level == 3
                  else "red")
        lvl = style(f"{t('term_level', lang)} {level_text(ds.level, lang)}", colour)
        out.append(f"  {label.ljust(pad)}  {lvl}  {t('term_score', lang)} {_score(ds.score, lang):>5}  {nxt}")
    count = len(result.findings)
    if count == 0:
        summary = t("term_no_findings", lang)
    elif count == 1:
        summary = t("term_one_finding", lang)
    else:
        summary = t("term_findings_total", lang, count=count)
    parts = []
    for sev in ("critical", "high", "medium", "low", "info"):
        n = sum(1 for f in result.findings if f.severity == sev)
        if n:
            parts.append(f"{t('sev_' + sev, lang)} {n}")
    if parts:
        summary += " (" + ", ".join(parts) + ")"
    out.append(summary)
    if result.not_applicable:
        out.append(style(t("term_not_applicable", lang, rules=", ".join(result.not_applicable)), "dim"))
    disabled = [o.rule.id for o in result.outcomes if o.status == "disabled"]
    if disabled:
        out.append(style(t("term_disabled", lang, rules=", ".join(disabled)), "dim"))
    return out


def summary_table(results: list[AuditResult], lang: Lang) -> str:
    """One line per organisation: level and findings by severity."""
    severities = ("critical", "high", "medium", "low", "info")
    head = [t("sum_organisation", lang), t("term_level", lang), *(t(f"sev_{s}", lang) for s in severities),
            t("sum_file", lang)]
    rows = [head]
    for r in results:
        counts = [str(sum(1 for f in r.findings if f.severity == s)) for s in severities]
        rows.append([r.organisation_name, level_text(r.maturity.level, lang), *counts, r.file])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [t("sum_title", lang, count=len(results))]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:-1], widths[1:-1], strict=True)]
        lines.append("  " + "  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"
