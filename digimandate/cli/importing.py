"""What the `import` and `template` commands do, so cli.py stays a thin layer of options."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from digimandate.cli.output import to_stdout, write_files
from digimandate.cli.safety import Inputs, Target, check_targets
from digimandate.errors import UsageError
from digimandate.i18n import Lang, counted, default_lang, t
from digimandate.importers.api import Options, is_generated, output_path, run_import, source_path, template
from digimandate.textsafe import one_line


def import_command(options: Options, dry_run: bool, report: Path | None, fmt: str, lang: Lang | None,
                   force: bool, say: Callable[[str], None] = print) -> None:
    """Import; write the machine-owned file and the report only when everything is valid, both or neither.

    A workbook of the audit itself (the information request or the reaction sheet, filled in) is
    recorded by the audit's steps instead: into a new organisation file beside the hand-written one.
    """
    from digimandate.importers import report as rep

    if len(options.sources) == 1 and _audit_workbook(options, lang, force, say, dry_run):
        return

    report_file = None if report is None or str(report) == "-" else report
    out = output_path(options)
    if not dry_run:  # refuse before any source is read what can be refused now
        early = Inputs(source_path(s) for s in options.sources)
        early.add(options.into)
        _check(out, report_file, force, early)
    imported = run_import(options)
    out_lang: Lang = lang or imported.language or default_lang()
    text = rep.as_json(imported, out_lang) if fmt == "json" else rep.markdown(imported, out_lang, dry_run)
    counts = imported.counts()
    summary = ", ".join(counted(n, "imp_noun_" + s, out_lang) for s, n in counts.items() if n) or "0"
    if dry_run:
        to_stdout(imported.text if imported.text.endswith("\n") else imported.text + "\n")
        sys.stderr.write(t("imp_dry_run", out_lang, summary=summary) + "\n")
        if report is None:
            sys.stderr.write(text)
        return
    inputs = Inputs(imported.inputs)  # now with the files the main file includes
    _check(out, report_file, force, inputs)
    # One staged commit: a report that cannot be written leaves the machine-owned file as it was. The
    # report is put in place first, so that even a rename that fails after both are staged does.
    files = [(Target(report_file, force), text)] if report_file is not None else []
    files.append((Target(out, force=True), imported.text))
    write_files(files, inputs, stdout=[text] if report_file is None else [])
    # one_line: a name must not start a line of its own on standard error (a workflow command in CI)
    sys.stderr.write(one_line(t("imp_written", out_lang, file=str(out), summary=summary)) + "\n")
    if imported.include_missing:
        sys.stderr.write(one_line(t("imp_include_add", out_lang, line=imported.include_missing)) + "\n")


def _audit_workbook(options: Options, lang: Lang | None, force: bool, say: Callable[[str], None],
                    dry_run: bool) -> bool:
    """Import a returned workbook of the audit (True), or say it is none (False)."""
    from digimandate.cli.returned import import_workbook
    from digimandate.cli.settings import Options as Settings

    source = source_path(options.sources[0])
    if not source.is_file() or source.suffix.lower() != ".xlsx":
        return False
    return import_workbook(source, options.into, options.output, Settings(lang=lang), options.limits, force, say,
                           dry_run)


def _check(out: Path, report: Path | None, force: bool, inputs: Inputs) -> None:
    """The output replaces only a file an import wrote; neither it nor the report goes over an input or the other."""
    check_targets([Target(out, force=True), *([Target(report, force)] if report is not None else [])], inputs)
    if os.path.lexists(out) and not is_generated(out):
        raise UsageError("imp_output_not_generated", file=str(out))


def template_command(kind: str, output: Path, lang: Lang, force: bool) -> None:
    """Write the spreadsheet template: a workbook, or a folder with one CSV per sheet."""
    files = template(kind, lang)
    if kind == "xlsx":
        write_files([(Target(output, force), files[""])])
    else:
        if os.path.lexists(output) and not output.is_dir():
            raise UsageError("imp_template_not_folder", folder=str(output))
        write_files([(Target(output / name, force), data) for name, data in files.items()], folders=[output])
    sys.stderr.write(one_line(t("imp_template_written", lang, file=str(output))) + "\n")
