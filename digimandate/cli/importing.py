"""What the `import` and `template` commands do, so cli.py stays a thin layer of options."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from digimandate.cli.output import to_stdout, write_files
from digimandate.cli.safety import Inputs, Target, check_targets
from digimandate.errors import UsageError
from digimandate.i18n import Lang, counted, default_lang, t
from digimandate.importers.api import ImportRequest, is_generated, output_path, run_import, source_path, template
from digimandate.textsafe import one_line


def secret(token: str | None, env: str | None) -> str | None:
    """The API token: from the environment variable ``env`` (preferred), else as given; never shown."""
    if env:
        value = os.environ.get(env, "").strip()
        if not value:
            raise UsageError("imp_token_env_unset", "imp_token_env_unset_hint", name=one_line(env))
    else:
        value = token.strip() if token else ""
    # a header holds visible ASCII only; anything else would end up in an error that quotes the header
    if value and not all("!" <= c <= "~" for c in value):
        raise UsageError("imp_token_bad", "imp_token_bad_hint")
    return value or None


@contextmanager
def progress(lang: Lang) -> Iterator[Callable[[int, int, str], None] | None]:
    """A progress bar on standard error for a long API import, only when that is a terminal.

    The bar appears at the first step a remote source reports, so an import of files shows none.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    bar = Progress(*columns, console=Console(stderr=True, highlight=False, emoji=False), transient=True)
    tasks: list[Any] = []

    def step(done: int, total: int, label: str) -> None:
        if not tasks:
            bar.start()
            tasks.append(bar.add_task(t("imp_progress", lang), total=total))
        bar.update(tasks[0], completed=done, total=total)

    try:
        yield step
    finally:
        if tasks:
            bar.stop()


def import_command(options: ImportRequest, dry_run: bool, report: Path | None, fmt: str, lang: Lang | None,
                   force: bool, say: Callable[[str], None] = print) -> None:
    """Import; write the machine-owned file and the report only when everything is valid, both or neither.

    A workbook of the audit itself (the information request or the reaction sheet, filled in) is
    recorded by the audit's steps instead: into a new organisation file beside the hand-written one.
    """
    from digimandate.importers import registry
    from digimandate.importers import report as rep

    if len(options.sources) == 1 and _audit_workbook(options, lang, force, say, dry_run):
        return
    remote = [n for n, i in registry.importers().items() if i.remote]
    if options.token and not any(source_path(s) is None for s in options.sources):
        raise UsageError("imp_token_without_remote", "imp_token_without_remote_hint",
                         kinds=", ".join(f"{n}:" for n in remote))

    report_file = None if report is None or str(report) == "-" else report
    out = output_path(options)
    if not dry_run:  # refuse before any source is read what can be refused now
        early = Inputs(p for p in map(source_path, options.sources) if p is not None)
        early.add(options.into)
        _check(out, report_file, force, early)
    with progress(lang or default_lang()) as step:
        options.progress = step
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


def _audit_workbook(options: ImportRequest, lang: Lang | None, force: bool, say: Callable[[str], None],
                    dry_run: bool) -> bool:
    """Import a returned workbook of the audit (True), or say it is none (False)."""
    from digimandate.cli.returned import import_workbook
    from digimandate.cli.settings import AuditOptions

    source = source_path(options.sources[0])
    if source is None or not source.is_file() or source.suffix.lower() != ".xlsx":
        return False
    return import_workbook(source, options.into, options.output, AuditOptions(lang=lang), options.limits, force, say,
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
