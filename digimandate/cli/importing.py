"""What the `import` and `template` commands do, so cli.py stays a thin layer of options."""

from __future__ import annotations

import sys
from pathlib import Path

from digimandate.cli.output import write_atomic
from digimandate.errors import UsageError
from digimandate.i18n import Lang, default_lang, t
from digimandate.importers.api import Options, is_generated, run_import, template


def import_command(options: Options, dry_run: bool, report: Path | None, fmt: str, lang: Lang | None,
                   force: bool) -> None:
    """Import; write the machine-owned file and the report only when everything is valid."""
    from digimandate.importers import report as rep

    imported = run_import(options)
    out_lang: Lang = lang or imported.language or default_lang()
    text = rep.as_json(imported, out_lang) if fmt == "json" else rep.markdown(imported, out_lang)
    counts = imported.counts()
    summary = ", ".join(f"{n} {t('imp_section_' + s, out_lang)}" for s, n in counts.items() if n) or "0"
    if dry_run:
        sys.stdout.write(imported.text)
        sys.stderr.write(t("imp_dry_run", out_lang, summary=summary) + "\n")
        if report is None:
            sys.stderr.write(text)
        return
    out = imported.output
    if out.exists() and not is_generated(out):
        raise UsageError("imp_output_not_generated", file=str(out))
    if report is not None and str(report) != "-" and report.exists() and not force:
        raise UsageError("exists", file=str(report))
    write_atomic(out, imported.text, force=True)
    if report is None or str(report) == "-":
        sys.stdout.write(text)
    else:
        write_atomic(report, text, force=force)
    sys.stderr.write(t("imp_written", out_lang, file=str(out), summary=summary) + "\n")
    if imported.include_missing:
        sys.stderr.write(t("imp_include_add", out_lang, line=imported.include_missing) + "\n")


def template_command(kind: str, output: Path, lang: Lang, force: bool) -> None:
    """Write the spreadsheet template: a workbook, or a folder with one CSV per sheet."""
    files = template(kind, lang)
    if kind == "xlsx":
        write_atomic(output, files[""], force)
    else:
        output.mkdir(parents=True, exist_ok=True)
        for name in files:
            if (output / name).exists() and not force:
                raise UsageError("exists", file=str(output / name))
        for name, data in files.items():
            write_atomic(output / name, data, force)
    sys.stderr.write(t("imp_template_written", lang, file=str(output)) + "\n")
