"""The import report: per source what was mapped, skipped, needs a person, and conflicts; Markdown or JSON."""

from __future__ import annotations

import json
from typing import Any

from digimandate import __version__
from digimandate.i18n import Lang, t
from digimandate.importers.api import Imported
from digimandate.importers.common import Note
from digimandate.textsafe import json_safe

KIND_ORDER = ("mapped", "skipped", "warning", "person", "conflict", "proposal")


def _grouped(imp: Imported) -> list[tuple[str, str, list[Note]]]:
    """(source name, source kind, notes) in the order the sources were given."""
    out = [(s.name, s.kind, [n for n in imp.notes if n.source == s.name]) for s in imp.sources]
    rest = [n for n in imp.notes if n.source not in {s.name for s in imp.sources}]
    if rest:
        out.append(("", "", rest))
    return out


def markdown(imp: Imported, lang: Lang) -> str:
    """The report in Markdown, for the consultant (not a board document: locations are the point)."""
    lines = [f"# {t('imp_report_title', lang)}", ""]
    counts = imp.counts()
    summary = ", ".join(f"{n} {t('imp_section_' + s, lang)}" for s, n in counts.items() if n) or "0"
    lines.append(f"- {t('imp_report_org', lang)}: {imp.organisation or '-'}; "
                 f"{t('imp_report_date', lang)}: {imp.audit_date.isoformat()}")
    lines.append(f"- {t('imp_report_output', lang)}: `{imp.output}` ({summary})")
    if imp.include_missing:
        lines.append(f"- {t('imp_include_add', lang, line=imp.include_missing)}")
    lines.append("")
    for name, kind, notes in _grouped(imp):
        lines.append(f"## {name or t('imp_report_general', lang)}" + (f" ({t('imp_kind_' + kind, lang)})"
                                                                      if kind else ""))
        lines.append("")
        if not notes:
            lines.extend([t("imp_report_nothing", lang), ""])
        for note_kind in KIND_ORDER:
            mine = [n for n in notes if n.kind == note_kind]
            if not mine:
                continue
            lines.append(f"### {t('imp_report_' + note_kind, lang)} ({len(mine)})")
            lines.append("")
            for note in mine:
                lines.append(f"- `{note.where}`: {note.text(lang)}")
                if note.yaml:
                    lines.append("")
                    lines.append("  ```yaml")
                    lines.extend(f"  {line}" for line in note.yaml.rstrip("\n").splitlines())
                    lines.append("  ```")
                    lines.append("")
            lines.append("")
    lines.append(f"## {t('imp_report_human', lang)}")
    lines.append("")
    lines.append(t("imp_report_human_text", lang))
    lines.append("")
    return "\n".join(lines)


def as_json(imp: Imported, lang: Lang) -> str:
    """The report as JSON: the same notes, each with its kind, location, message and YAML."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "tool": {"name": "digimandate", "version": __version__},
        "language": lang,
        "organisation": imp.organisation or None,
        "audit_date": imp.audit_date.isoformat(),
        "output": str(imp.output),
        "new": imp.counts(),
        "include_missing": imp.include_missing,
        "sources": [
            {"source": name or None, "kind": kind or None,
             "notes": [{"kind": n.kind, "where": n.where, "code": n.key, "message": n.text(lang),
                        **({"yaml": n.yaml} if n.yaml else {})} for n in notes]}
            for name, kind, notes in _grouped(imp)
        ],
    }
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)) + "\n"
