"""The import report: per source what was mapped, skipped, needs a person, and conflicts; Markdown or JSON."""

from __future__ import annotations

import json
import re
from typing import Any

from digimandate import __version__
from digimandate.i18n import Lang, counted, t
from digimandate.importers.api import Imported
from digimandate.importers.common import Note, filled
from digimandate.textsafe import code_span, json_safe, markdown_inline, one_line

KIND_ORDER = ("mapped", "matched", "skipped", "warning", "person", "conflict", "proposal")


def _grouped(imp: Imported) -> list[tuple[str, str, list[Note]]]:
    """(source name, source kind, notes) in the order the sources were given."""
    out = [(s.name, s.kind, [n for n in imp.notes if n.source == s.name]) for s in imp.sources]
    rest = [n for n in imp.notes if n.source not in {s.name for s in imp.sources}]
    if rest:
        out.append(("", "", rest))
    return out


def markdown(imp: Imported, lang: Lang, dry_run: bool = False) -> str:
    """The report in Markdown, for the consultant (not a board document: locations are the point).

    Everything a source or the command line brought in (file and member names, values) stays text:
    a location is a code span with a fence longer than any backtick run in it, a value in prose
    is escaped, and nothing breaks a line, so no name can add a heading, HTML or a link.
    """
    lines = [f"# {t('imp_report_title', lang)}", ""]
    counts = imp.counts()
    summary = ", ".join(counted(n, "imp_noun_" + s, lang) for s, n in counts.items() if n) or "0"
    lines.append(f"- {t('imp_report_org', lang)}: {markdown_inline(imp.organisation) if imp.organisation else '-'}; "
                 f"{t('imp_report_date', lang)}: {imp.audit_date.isoformat()}")
    written = t("imp_report_output_dry" if dry_run else "imp_report_output", lang)
    lines.append(f"- {written}: {code_span(str(imp.output))} ({summary})")
    if imp.include_missing:
        lines.append(f"- {md_text('imp_include_add', lang, {'line': imp.include_missing})}")
    lines.append("")
    for name, kind, notes in _grouped(imp):
        lines.append(f"## {code_span(name) if name else t('imp_report_general', lang)}"
                     + (f" ({t('imp_kind_' + kind, lang)})" if kind else ""))
        lines.append("")
        record = imp.registers.get(name)
        if record is not None:
            lines.extend([_register(record, lang), ""])
        if not notes:
            lines.extend([t("imp_report_nothing", lang), ""])
        for note_kind in KIND_ORDER:
            mine = [n for n in notes if n.kind == note_kind]
            if not mine:
                continue
            lines.append(f"### {t('imp_report_' + note_kind, lang)} ({len(mine)})")
            lines.append("")
            for note in mine:
                lines.append(f"- {code_span(note.where)}: {md_text(note.key, lang, note.args)}")
                if note.yaml:
                    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", note.yaml))])
                    lines.append("")
                    lines.append(f"  {fence}yaml")
                    lines.extend(f"  {line}" for line in note.yaml.rstrip("\n").splitlines())
                    lines.append(f"  {fence}")
                    lines.append("")
            lines.append("")
    lines.append(f"## {t('imp_report_human', lang)}")
    lines.append("")
    lines.append(t("imp_report_human_text", lang, fields=_never_written(lang)))
    lines.append("")
    return "\n".join(lines)


def _register(record: dict[str, Any], lang: Lang) -> str:
    """The line that names the source the import recorded for a source it read, and how it is cited."""
    dated = record.get("dated")
    return md_text("imp_report_register", lang, {
        "id": record["id"], "reference": record["reference"],
        "dated": dated.isoformat() if dated is not None else t("imp_report_undated", lang),
        "obtained": record["obtained"].isoformat()})


# What an organisation file holds that no register may; the report names those no importer writes
NOT_IN_REGISTERS = (("governance", ""), ("mandates", ""), ("departments", "function"), ("departments", "manager"),
                    ("channels", "owner"), ("channels", "promotes_digital"), ("channels", "assisted_digital"),
                    ("processes", "owner"), ("processes", "designer"), ("processes", "it_contact"),
                    ("processes", "steps"), ("processes", "kpis"), ("processes", "last_user_test"),
                    ("processes", "volume"))


def never_written() -> list[tuple[str, str]]:
    """(section, key) of NOT_IN_REGISTERS that no importer writes; a whole section has key ""."""
    from digimandate.importers.registry import written

    done = written()
    return [(section, key) for section, key in NOT_IN_REGISTERS if (section, key) not in done]


def _never_written(lang: Lang) -> str:
    """never_written as Markdown: "heel `governance` en `mandates`; `departments`: `manager`; ..."."""
    whole = [code_span(s) for s, k in never_written() if not k]
    groups: dict[str, list[str]] = {}
    for section, key in never_written():
        if key:
            groups.setdefault(section, []).append(code_span(key))
    joined = ", ".join(whole[:-1]) + f" {t('imp_and', lang)} " + whole[-1] if len(whole) > 1 else "".join(whole)
    parts = [t("imp_report_all_of", lang, what=joined)] if whole else []
    parts += [f"{code_span(section)}: {', '.join(keys)}" for section, keys in groups.items()]
    return "; ".join(parts)


def md_text(key: str, lang: Lang, args: dict[str, Any]) -> str:
    """A catalogue text in Markdown with its values filled in: its own code spans stay code, values stay text."""
    template = t(key, lang)
    if not args:
        return template
    values = filled(args, lang)
    parts = template.split("`")  # the catalogue's code spans: the odd parts
    return "".join(
        code_span(part.format(**{k: one_line(str(v)) for k, v in values.items()})) if i % 2
        else part.format(**{k: markdown_inline(str(v)) for k, v in values.items()})
        for i, part in enumerate(parts)
    )


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
            {"source": name or None, "kind": kind or None, "register": imp.registers.get(name),
             "notes": [{"kind": n.kind, "where": n.where, "code": n.key, "message": n.text(lang),
                        **({"yaml": n.yaml} if n.yaml else {})} for n in notes]}
            for name, kind, notes in _grouped(imp)
        ],
    }
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)) + "\n"
