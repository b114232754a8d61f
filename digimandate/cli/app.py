"""The command line: parses options, runs the flow, maps errors to exit codes. Thin by design."""

from __future__ import annotations

import copy
import enum
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional, cast

import typer

from digimandate import __version__
from digimandate.cli.help import FIELDS, HelpCommand, HelpGroup
from digimandate.cli.starter import default_file
from digimandate.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, DigimandateError, UsageError, os_reason
from digimandate.i18n import LANGS, Lang, default_lang, t
from digimandate.model.loader import DEFAULT_MAX_BYTES, Limits
from digimandate.render.formats import check_formats, document_formats, listed, one_of, titled

if TYPE_CHECKING:  # imported where used: `digimandate --help` should not pay for the audit's modules
    from datetime import date

    from digimandate.cli.documents import DocRequest
    from digimandate.cli.settings import AuditOptions

_HELP_LANG = default_lang()
EXIT_INTERRUPTED = 130  # Ctrl-C, SIGTERM or SIGHUP, as typer (and a shell: 128 + SIGINT) says for Ctrl-C


def _importer_kinds() -> str:
    """The kinds of source `import` reads, for its help: made only when that help is shown."""
    from digimandate.importers.registry import importers

    return "; ".join(f"{name}: {t('imp_about_' + name, _HELP_LANG)}"
                     + (f" [{', '.join('.' + e for e in i.extensions)}]" if i.extensions else "")
                     for name, i in importers().items())


FIELDS["importers"] = _importer_kinds


def _h(key: str) -> str:
    """A help text or metavar of the catalogue, in the language of the environment (DIGIMANDATE_LANG or LANG)."""
    return t(key, _HELP_LANG)


app = typer.Typer(
    cls=HelpGroup,
    name="digimandate",
    help=_h("help_app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


# The languages of the output, as typer's choices: made from the languages of the texts.
LangOpt = enum.Enum("LangOpt", [(lang, lang) for lang in LANGS], type=str)  # type: ignore[misc]


class SeverityOpt(str, enum.Enum):
    """Severities for --fail-on, in English and in the Dutch the output itself uses."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"
    kritiek = "kritiek"
    hoog = "hoog"
    middel = "middel"
    laag = "laag"




class RulesFormat(str, enum.Enum):
    """Formats of rules."""

    terminal = "terminal"
    json = "json"
    markdown = "markdown"


LangOption = Annotated[
    Optional[LangOpt],  # noqa: UP045
    typer.Option("--lang", help=t("help_opt_lang", _HELP_LANG, langs=one_of(list(LANGS), _HELP_LANG))),
]
ChecklistOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option("--checklist", help=_h("help_opt_checklist"), metavar=_h("help_metavar_file")),
]
FilesArg = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Argument(help=_h("help_arg_files"), show_default=False, metavar=_h("help_metavar_file")),
]
StrList = Optional[list[str]]  # noqa: UP045
OptPath = Optional[Path]  # noqa: UP045
FileArg = Annotated[Path, typer.Argument(help=_h("help_arg_file"), metavar=_h("help_metavar_file"), show_default=False)]
ConfigOption = Annotated[OptPath, typer.Option("--config", help=_h("help_opt_config"), metavar=_h("help_metavar_file"))]
NoConfigOption = Annotated[bool, typer.Option("--no-config", help=_h("help_opt_no_config"))]
def _at_least_one(value: int) -> int:
    """--max-bytes is checked here rather than with min=1, which help would show as "[x>=1]"."""
    if value < 1:
        raise typer.BadParameter(t("help_err_at_least", _HELP_LANG, minimum=1))
    return value


MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help=_h("help_opt_max_bytes"), callback=_at_least_one,
                                             metavar=_h("help_metavar_bytes"))]
def _a_date(value: str | None) -> str | None:
    """--date is a day as YYYY-MM-DD, between 1900 and 2100 as every date of the audit."""
    import re
    from datetime import date

    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or not 1900 <= date.fromisoformat(value).year <= 2100:
            raise ValueError(value)
    except ValueError:
        raise typer.BadParameter(t("help_err_date", _HELP_LANG, value=value)) from None
    return value


DateOption = Annotated[
    Optional[str], typer.Option("--date", help=_h("help_opt_date"), callback=_a_date,  # noqa: UP045
                                metavar=_h("help_metavar_date"))
]


def _day(value: str | None) -> date | None:
    """The day --date gives, checked by its callback."""
    from datetime import date

    return date.fromisoformat(value) if value is not None else None


DocFileArg = Annotated[Path, typer.Argument(help=_h("help_arg_doc_file"), metavar=_h("help_metavar_file"),
                                            show_default=False)]


def _lang(option: LangOpt | None) -> Lang:
    if option is None:
        return default_lang()
    return cast(Lang, option.value)


def _fail(exc: DigimandateError, lang: Lang) -> NoReturn:
    typer.echo(exc.format(lang), err=True)
    raise typer.Exit(exc.exit_code)


def _internal(exc: BaseException, lang: Lang) -> NoReturn:
    typer.echo(t("internal_error", lang, error=f"{type(exc).__name__}: {exc}"), err=True)
    typer.echo(f"  {t('hint', lang)}: {t('please_report', lang)}", err=True)
    raise typer.Exit(EXIT_INTERNAL)


@contextmanager
def _exit_codes(lang: Callable[[], Lang], code: Callable[[], int] = lambda: EXIT_OK) -> Iterator[None]:
    """The one place that turns what a command raises into its exit code.

    0 clean, 1 findings at or above --fail-on (set by the command), 2 bad input or usage, 3 a bug.
    A closed pipe (``| head``) ends quietly with the code the run had so far.
    """
    try:
        yield
    except typer.Exit:
        raise
    except DigimandateError as exc:
        _fail(exc, lang())
    except BrokenPipeError:
        _quiet_pipe()
        raise typer.Exit(code()) from None
    except Exception as exc:  # a bug, not bad input: exit 3 with a "please report" hint
        _internal(exc, lang())


def _quiet_pipe() -> None:
    """Point standard output at nothing, so that flushing it at exit raises no second error."""
    from digimandate.cli.output import silence_stdout

    silence_stdout()


def _color(stream: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _width(stream: object) -> int | None:
    """The width to wrap the terminal view to: a terminal's (or COLUMNS), None when piped."""
    columns = os.environ.get("COLUMNS", "")
    isatty = getattr(stream, "isatty", None)
    if not columns.isdigit() and not (isatty and isatty()):
        return None  # a file or a pipe: one finding per line, for tools that read line by line
    from digimandate.render.terminal import MIN_WIDTH  # only then: JSON to a pipe needs no terminal view

    if columns.isdigit():
        return max(int(columns), MIN_WIDTH)
    import shutil

    return max(shutil.get_terminal_size().columns, MIN_WIDTH)


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for value in values or [] for v in value.split(",") if v.strip())


def _print(text: str) -> None:
    """The command's output, on standard output; a failure to write it is exit 2 (a full disk), not a bug."""
    from digimandate.cli.output import to_stdout

    to_stdout(text)


def _say(text: str) -> None:
    """A message beside the output (what was written, a warning): on standard error."""
    from digimandate.textsafe import one_line

    # one line: a file or organisation name in it must not start a line of its own (a workflow command in CI)
    typer.echo(one_line(text), err=True)


def _options(lang: LangOpt | None, config: Path | None, no_config: bool, checklist: list[Path] | None, *,
             fail_on: SeverityOpt | None = None, select: list[str] | None = None,
             extend_select: list[str] | None = None, ignore: list[str] | None = None,
             waivers: Path | None = None, no_waivers: bool = False) -> AuditOptions:
    """The settings the command line gave, in the one shape the configuration file and checklists merge into."""
    from digimandate.audit.specs import SEVERITY_FROM_DUTCH
    from digimandate.cli.settings import AuditOptions

    return AuditOptions(
        config=config,
        no_config=no_config,
        checklists=tuple(checklist or []),
        select=_split(select) if select else None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        fail_on=SEVERITY_FROM_DUTCH.get(fail_on.value, fail_on.value) if fail_on else None,
        lang=_lang(lang) if lang else None,
        waivers=waivers,
        no_waivers=no_waivers,
    )


@app.command(help=_h("help_cmd_check"), cls=HelpCommand)
def check(
    files: FilesArg = None,
    fmt: Annotated[
        StrList,
        typer.Option(
            "--format",
            "-f",
            help=t("help_opt_check_format", _HELP_LANG, formats=listed(check_formats(), _HELP_LANG)),
            show_default=False,
            metavar=_h("help_metavar_format"),
        ),
    ] = None,
    lang: LangOption = None,
    fail_on: Annotated[
        Optional[SeverityOpt],  # noqa: UP045
        typer.Option("--fail-on", help=_h("help_opt_fail_on"),
                     metavar=_h("help_metavar_severity")),
    ] = None,
    checklist: ChecklistOption = None,
    select: Annotated[
        StrList, typer.Option("--select", help=_h("help_opt_select"), metavar=_h("help_metavar_rules"))
    ] = None,
    extend_select: Annotated[
        StrList, typer.Option("--extend-select", help=_h("help_opt_extend_select"), metavar=_h("help_metavar_rules"))
    ] = None,
    ignore: Annotated[
        StrList, typer.Option("--ignore", help=_h("help_opt_ignore"), metavar=_h("help_metavar_rules"))
    ] = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    waivers: Annotated[OptPath, typer.Option("--waivers", help=_h("help_opt_waivers"),
                                             metavar=_h("help_metavar_file"))] = None,
    no_waivers: Annotated[
        bool, typer.Option("--no-waivers", help=_h("help_opt_no_waivers"))
    ] = False,
    baseline: Annotated[
        OptPath, typer.Option("--baseline", help=_h("help_opt_baseline"), metavar=_h("help_metavar_file"))
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help=_h("help_opt_exit_zero"))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=_h("help_opt_check_force"))] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Audit organisation files and show the findings and maturity levels."""
    from digimandate.cli import run as runs

    options = _options(lang, config, no_config, checklist, fail_on=fail_on, select=select,
                       extend_select=extend_select, ignore=ignore, waivers=waivers, no_waivers=no_waivers)
    req = runs.CheckRequest(tuple(files or [default_file(Path("organisation.yaml"))]), tuple(fmt or []), options,
                            Limits(max_bytes=max_bytes), baseline, exit_zero, force)
    run = runs.Run(options, req.limits, baseline)
    with _exit_codes(run.lang_for, lambda: run.exit_code):
        runs.check(run, req, _color(sys.stdout), _width(sys.stdout))
    raise typer.Exit(run.exit_code)


@app.command(
    "baseline", help=_h("help_cmd_baseline"),
    cls=HelpCommand,
)
def baseline_cmd(
    files: FilesArg = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help=_h("help_opt_baseline_output"),
                           metavar=_h("help_metavar_file"))
    ] = Path(".digimandate-baseline.json"),
    lang: LangOption = None,
    checklist: ChecklistOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    force: Annotated[bool, typer.Option("--force", help=_h("help_opt_baseline_force"))] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Record today's findings, so that check --baseline fails only on new ones."""
    from digimandate.cli import run as runs

    req = runs.BaselineRequest(tuple(files or [default_file(Path("organisation.yaml"))]), output,
                               _options(lang, config, no_config, checklist), Limits(max_bytes=max_bytes), force)
    run = runs.Run(req.options, req.limits)
    with _exit_codes(run.lang_for, lambda: run.exit_code):
        runs.baseline(run, req, _say)
    raise typer.Exit(run.exit_code)


OutOption = Annotated[
    Optional[str],  # noqa: UP045  # text, not a Path: a trailing slash (-o FOLDER/) must survive
    typer.Option(
        "--output", "-o", show_default=False, metavar=_h("help_metavar_file"),
        help=_h("help_opt_document_output"),
    ),
]
PreviousOption = Annotated[
    OptPath,
    typer.Option("--previous", help=_h("help_opt_previous"), metavar=_h("help_metavar_file")),
]
ForceOption = Annotated[bool, typer.Option("--force", help=_h("help_opt_document_force"))]


class StageOpt(str, enum.Enum):
    """The stage of a report: a draft for the executive's response, or the final report."""

    concept = "concept"
    definitief = "definitief"


class AudienceOpt(str, enum.Enum):
    """Who decides on the memo."""

    directie = "directie"
    college = "college"


# The formats of the report and the memo, as typer's choices: made from the registry of formats.
DocFormat = enum.Enum("DocFormat", [(f.name, f.name) for f in document_formats()], type=str)  # type: ignore[misc]
DOC_DEFAULT = DocFormat("md")
DOCX = DocFormat("docx")
_DOC_FORMAT_HELP = t("help_opt_document_format", _HELP_LANG, formats=listed(document_formats(), _HELP_LANG))
DocFormatOption = Annotated[DocFormat, typer.Option("--format", "-f", help=_DOC_FORMAT_HELP)]
ReferenceOption = Annotated[
    OptPath, typer.Option("--reference-docx", help=_h("help_opt_reference_docx"),
                          metavar=_h("help_metavar_file"))
]


def _document(req: DocRequest) -> NoReturn:
    """Write the report or the memo: for one organisation file, or one per organisation of a folder."""
    from digimandate.cli.documents import document
    from digimandate.cli.run import Run

    run = Run(req.options, req.limits)
    with _exit_codes(run.lang_for, lambda: run.exit_code):
        document(run, req, _say)
    raise typer.Exit(run.exit_code)


@app.command("report", help=t("help_cmd_report", _HELP_LANG, formats=titled(document_formats(), _HELP_LANG)),
             cls=HelpCommand)
def report_cmd(
    file: DocFileArg = Path("organisation.yaml"),
    output: OutOption = None,
    lang: LangOption = None,
    fmt: DocFormatOption = DOC_DEFAULT,
    reference: ReferenceOption = None,
    template: Annotated[
        OptPath, typer.Option("--template", help=_h("help_opt_report_template"), metavar=_h("help_metavar_folder"))
    ] = None,
    previous: PreviousOption = None,
    force: ForceOption = False,
    checklist: ChecklistOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    names: Annotated[
        bool, typer.Option("--names", help=_h("help_opt_names"))
    ] = False,
    compare: Annotated[bool, typer.Option("--compare", help=_h("help_opt_compare"))] = False,
    rank: Annotated[bool, typer.Option("--rank", help=_h("help_opt_rank"))] = False,
    against_median: Annotated[bool, typer.Option("--against-median", help=_h("help_opt_against_median"))] = False,
    stage: Annotated[
        Optional[StageOpt], typer.Option("--stage", help=_h("help_opt_stage"))  # noqa: UP045
    ] = None,
    doc_version: Annotated[
        Optional[str], typer.Option("--doc-version", help=_h("help_opt_doc_version"),  # noqa: UP045
                                    metavar=_h("help_metavar_text"))
    ] = None,
    reactie: Annotated[
        OptPath, typer.Option("--reactie", help=_h("help_opt_reactie"), metavar=_h("help_metavar_file"))
    ] = None,
    nawoord: Annotated[
        OptPath, typer.Option("--nawoord", help=_h("help_opt_nawoord"), metavar=_h("help_metavar_file"))
    ] = None,
    previous_reactie: Annotated[
        OptPath, typer.Option("--previous-reactie", help=_h("help_opt_previous_reactie"),
                              metavar=_h("help_metavar_file"))
    ] = None,
    sender: Annotated[
        Optional[str], typer.Option("--from", help=_h("help_opt_report_from"),  # noqa: UP045
                                    metavar=_h("help_metavar_text"))
    ] = None,
    on: DateOption = None,
) -> None:
    """Write the advice report (adviesrapport) as Markdown, HTML or Word; or compare the organisations of a folder."""
    from digimandate.cli.documents import DocRequest, StageRequest

    req = DocRequest("report", output, default_file(file), _options(lang, config, no_config, checklist),
                     Limits(max_bytes=max_bytes), template=template, previous=previous, force=force, names=names,
                     fmt=fmt.value, reference=reference, sender=sender, day=_day(on),
                     stage=StageRequest(stage.value if stage else None, doc_version, reactie, nawoord,
                                        previous_reactie))
    if compare or rank or against_median:
        _compare(req, rank, against_median)
    _document(req)


def _compare(req: DocRequest, rank: bool, against_median: bool) -> NoReturn:
    """Write one comparative report of the organisations of a folder."""
    from digimandate.cli.compare import CompareRequest, compare
    from digimandate.cli.run import Run

    run = Run(req.options, req.limits)
    with _exit_codes(run.lang_for, lambda: run.exit_code):
        compare(run, req, CompareRequest(rank, against_median), _say)
    raise typer.Exit(run.exit_code)


@app.command("memo", help=t("help_cmd_memo", _HELP_LANG, formats=titled(document_formats(), _HELP_LANG)),
             cls=HelpCommand)
def memo_cmd(
    file: DocFileArg = Path("organisation.yaml"),
    output: OutOption = None,
    lang: LangOption = None,
    fmt: DocFormatOption = DOC_DEFAULT,
    audience: Annotated[
        AudienceOpt,
        typer.Option("--audience", help=_h("help_opt_audience")),
    ] = AudienceOpt.directie,
    reference: ReferenceOption = None,
    previous: PreviousOption = None,
    to: Annotated[
        Optional[str], typer.Option("--to", help=_h("help_opt_to"), metavar=_h("help_metavar_text"))  # noqa: UP045
    ] = None,
    sender: Annotated[
        Optional[str], typer.Option("--from", help=_h("help_opt_from"), metavar=_h("help_metavar_text"))  # noqa: UP045
    ] = None,
    template: Annotated[
        OptPath, typer.Option("--template", help=_h("help_opt_memo_template"), metavar=_h("help_metavar_folder"))
    ] = None,
    force: ForceOption = False,
    checklist: ChecklistOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    reactie: Annotated[
        OptPath, typer.Option("--reactie", help=_h("help_opt_memo_reactie"), metavar=_h("help_metavar_file"))
    ] = None,
    on: Annotated[
        Optional[str], typer.Option("--date", help=_h("help_opt_memo_date"), callback=_a_date,  # noqa: UP045
                                    metavar=_h("help_metavar_date"))
    ] = None,
) -> None:
    """Write the memo for the management team or the executive, as Markdown, HTML or Word."""
    from digimandate.cli.documents import DocRequest, StageRequest

    _document(DocRequest("memo", output, default_file(file), _options(lang, config, no_config, checklist),
                         Limits(max_bytes=max_bytes), template=template, previous=previous, to=to, sender=sender,
                         force=force, fmt=fmt.value, audience=audience.value, reference=reference,
                         stage=StageRequest(reactie=reactie), day=_day(on)))


@app.command(help=_h("help_cmd_validate"), cls=HelpCommand)
def validate(
    file: FileArg = Path("organisation.yaml"),
    lang: LangOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Check that an organisation file is valid, without running the rules."""
    out_lang = _lang(lang)
    with _exit_codes(lambda: out_lang):
        from digimandate.cli.run import validate_file

        _print(validate_file(default_file(file), Limits(max_bytes=max_bytes), out_lang) + "\n")


@app.command(help=_h("help_cmd_rules"), cls=HelpCommand)
def rules(
    fmt: Annotated[
        RulesFormat, typer.Option("--format", "-f", help=_h("help_opt_rules_format"))
    ] = RulesFormat.terminal,
    lang: LangOption = None,
    checklist: ChecklistOption = None,
) -> None:
    """List the rules of the built-in checklist and any extra ones."""
    out_lang = _lang(lang)
    with _exit_codes(lambda: out_lang):
        from digimandate.cli.listing import rules_text

        _print(rules_text(checklist or [], fmt.value, out_lang, lang_given=lang is not None))


@app.command(help=_h("help_cmd_explain"), cls=HelpCommand)
def explain(
    rule: Annotated[str, typer.Argument(help=_h("help_arg_rule"),
                                          metavar=_h("help_metavar_rule"))],
    lang: LangOption = None,
    checklist: ChecklistOption = None,
) -> None:
    """Explain one rule: its texts, parameters, sources and an example that fails."""
    out_lang = _lang(lang)
    with _exit_codes(lambda: out_lang):
        from digimandate.cli.listing import explain_text

        _print(explain_text(checklist or [], rule, out_lang))


@app.command(help=_h("help_cmd_schema"), cls=HelpCommand)
def schema() -> None:
    """Print the JSON Schema of the organisation model."""
    with _exit_codes(default_lang):
        from digimandate.model.schemas import organisation_schema_text

        _print(organisation_schema_text())


@app.command(help=_h("help_cmd_init"), cls=HelpCommand)
def init(
    file: Annotated[
        Path, typer.Argument(help=_h("help_arg_init_file"), metavar=_h("help_metavar_file"))
    ] = Path("organisation.yaml"),
    lang: LangOption = None,
) -> None:
    """Write a commented starter organisation file (``-``: to standard output); never overwrites."""
    out_lang = _lang(lang)
    with _exit_codes(lambda: out_lang):
        from digimandate.cli.starter import target, write_starter

        file = target(file, out_lang)
        if write_starter(file, out_lang):
            _say(t("written", out_lang, file=str(file)))


class ImportFormat(str, enum.Enum):
    """Formats of the import report."""

    markdown = "markdown"
    json = "json"


class TemplateKind(str, enum.Enum):
    """Kinds of spreadsheet template."""

    xlsx = "xlsx"
    csv = "csv"


@app.command("import", help=_h("help_cmd_import"), cls=HelpCommand)
def import_cmd(
    sources: Annotated[list[str], typer.Argument(
        help=_h("help_arg_sources"), metavar=_h("help_metavar_source"))],
    into: Annotated[OptPath, typer.Option(
        "--into", help=_h("help_opt_into"), dir_okay=False, metavar=_h("help_metavar_file"))] = None,
    output: Annotated[OptPath, typer.Option(
        "--output", "-o", help=_h("help_opt_import_output"), metavar=_h("help_metavar_file"))] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=_h("help_opt_dry_run"))] = False,
    report: Annotated[OptPath, typer.Option(
        "--report", help=_h("help_opt_import_report"), metavar=_h("help_metavar_file"))] = None,
    fmt: Annotated[ImportFormat, typer.Option(
        "--format", "-f", help=_h("help_opt_import_format"))] = ImportFormat.markdown,
    select: Annotated[StrList, typer.Option(
        "--select", help=_h("help_opt_import_select"), metavar=_h("help_metavar_text"))] = None,
    concept: Annotated[bool, typer.Option("--concept", help=_h("help_opt_concept"))] = False,
    internal: Annotated[bool, typer.Option("--internal", help=_h("help_opt_internal"))] = False,
    period: Annotated[Optional[int], typer.Option(  # noqa: UP045 - typer reads the annotation at run time
        "--period", help=_h("help_opt_period"), metavar=_h("help_metavar_year"), min=1900, max=2100)] = None,
    token_env: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--token-env", help=_h("help_opt_token_env"), metavar=_h("help_metavar_name"))] = None,
    token: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--token", help=_h("help_opt_token"), metavar=_h("help_metavar_token"))] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", help=_h("help_opt_timeout"), metavar=_h("help_metavar_seconds"), min=0.1, max=600)] = 30.0,
    retries: Annotated[int, typer.Option(
        "--retries", help=_h("help_opt_retries"), metavar=_h("help_metavar_number"), min=0, max=5)] = 2,
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help=_h("help_opt_import_force"))] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Import entities from registers the organisation already has."""
    out_lang = _lang(lang)
    with _exit_codes(lambda: out_lang):
        from digimandate.cli.importing import import_command, secret
        from digimandate.importers.api import ImportRequest

        options = ImportRequest(sources, into, output, _split(select), concept, internal, Limits(max_bytes=max_bytes),
                                period=period, token=secret(token, token_env), timeout=timeout, retries=retries)
        import_command(options, dry_run, report, fmt.value, out_lang if lang else None, force, _say)


@app.command(help=_h("help_cmd_template"), cls=HelpCommand)
def template(
    kind: Annotated[TemplateKind, typer.Argument(help=_h("help_arg_template_kind"), metavar=_h("help_metavar_kind"))],
    output: Annotated[Path, typer.Option("--output", "-o", help=_h("help_opt_template_output"),
                                         metavar=_h("help_metavar_file"))],
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help=_h("help_opt_template_force"))] = False,
) -> None:
    """Write the spreadsheet template."""
    out_lang = _lang(lang)
    with _exit_codes(lambda: out_lang):
        from digimandate.cli.importing import template_command

        template_command(kind.value, output, out_lang, force)


def _step(step: str, file: Path, options: AuditOptions, max_bytes: int, fmt: str, force: bool,
          on: date | None = None) -> None:
    """Run one step of the audit (opzet, uitvraag, bevindingen) on an organisation file in its audit folder."""
    from digimandate.cli import procedure

    lang = options.lang or default_lang()
    with _exit_codes(lambda: lang):
        getattr(procedure, step)(default_file(file), options, Limits(max_bytes=max_bytes), fmt, force, _say, on)


def _step_command(step: str, help_key: str, fmt_default: DocFormat = DOC_DEFAULT,
                  fmt_help: str = _DOC_FORMAT_HELP) -> None:
    """Add the command of one step of the audit (opzet, uitvraag, bevindingen): each takes the same options.

    Only the format option differs between them (its default and help), so it is made here as a value.
    """
    fmt_option = typer.Option(fmt_default, "--format", "-f", help=fmt_help)

    def command(
        file: DocFileArg = Path("organisation.yaml"),
        lang: LangOption = None,
        fmt: DocFormat = fmt_option,
        force: ForceOption = False,
        checklist: ChecklistOption = None,
        config: ConfigOption = None,
        no_config: NoConfigOption = False,
        max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
        on: DateOption = None,
    ) -> None:
        """Write the step's documents into the audit folder of the organisation file."""
        _step(step, file, _options(lang, config, no_config, checklist), max_bytes, fmt.value, force, _day(on))

    command.__name__ = f"{step}_cmd"
    app.command(step, help=_h(help_key), cls=HelpCommand)(command)


# the onderzoeksopzet: scope, questions, normenkader, steps
_step_command("opzet", "help_cmd_opzet")
# the information request (a workbook) and the interview guide for the facts not yet recorded
_step_command("uitvraag", "help_cmd_uitvraag", DOCX, _h("help_opt_guide_format"))
# the nota van bevindingen (facts only) and its reaction workbook
_step_command("bevindingen", "help_cmd_bevindingen")


@app.command("status", help=_h("help_cmd_status"), cls=HelpCommand)
def status_cmd(
    folder: Annotated[Path, typer.Argument(help=_h("help_arg_audit_folder"), metavar=_h("help_metavar_folder"),
                                           show_default=False)] = Path("."),
    lang: LangOption = None,
) -> None:
    """Say which step the audit in a folder is in, and what the next step needs."""
    out_lang = _lang(lang)
    with _exit_codes(lambda: out_lang):
        from digimandate.cli.status import status_text

        _print(status_text(folder, out_lang))


def _version(value: bool) -> None:
    if value:
        from digimandate.model.loader import fast_loader_version

        with _exit_codes(default_lang):
            # Which loader runs explains the speed a user sees (the C one needs a compiler at install).
            libyaml = fast_loader_version()
            _print(f"digimandate {__version__}\n" + (t("version_loader_c", default_lang(), version=libyaml) if libyaml
                                                      else t("version_loader_python", default_lang())) + "\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_h("help_opt_version"))
    ] = False,
) -> None:
    """Audit whether digital service delivery has a cross-departmental mandate."""


def main() -> None:
    """Entry point of the console script."""
    # Loading builds hundreds of thousands of small containers that all live until the end;
    # the default collector thresholds would rescan them over and over for nothing.
    gc.set_threshold(200_000, 20, 20)
    _stop_on_signals()
    code = EXIT_OK
    try:
        only_invoked(app, sys.argv[1:])()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:  # outside a command, where typer does not turn it into exit 130
        code = EXIT_INTERRUPTED
    except OSError as exc:  # the help, which typer prints outside any command, could not be written
        code = _lost_output(exc, EXIT_OK)
    # Everything is written and closed; skip tearing down a large heap object by object.
    os._exit(_end(code))


def only_invoked(group: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with only the command the arguments name, when they name one exactly.

    typer builds every command's options from its signature at each start, which took a fifth of
    a small audit; a run needs only its own. The group's help, an unknown command (with its
    suggestion) and the group's own options still see them all.
    """
    name = args[0] if args else ""
    if name.startswith("-"):
        return group
    chosen = [c for c in group.registered_commands
              if (c.name or (c.callback.__name__ if c.callback else "")) == name]
    if len(chosen) != 1:
        return group
    narrowed = copy.copy(group)
    narrowed.registered_commands = chosen
    return narrowed


def _stop_on_signals() -> None:
    """SIGTERM (what `timeout`, `docker stop` and a cancelled CI job send) and SIGHUP end a run as Ctrl-C does.

    Python's default for them ends the process on the spot, leaving a half-written temporary file
    beside an output; as a KeyboardInterrupt they unwind it, so every temporary file is removed
    (exit 130). A signal the caller chose to ignore (nohup) stays ignored.
    """
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, interrupt)


def _end(code: int) -> int:
    """Remove what an interrupted run left, flush what is buffered; the exit code, raised if output was lost."""
    output = sys.modules.get("digimandate.cli.output")
    if output is not None:  # imported only by a command that writes
        output.discard_pending()
    if code == EXIT_INTERRUPTED:  # what is buffered is dropped: a pipe nobody reads would block the exit
        _quiet_pipe()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # a closed pipe (| head): nothing more can be said
        pass
    except OSError as exc:  # what was buffered did not reach its file: the run must not look as if it had
        code = _lost_output(exc, code)
    with suppress(OSError):
        sys.stderr.flush()
    return code


def _lost_output(exc: OSError, code: int) -> int:
    """Say that standard output could not be written (once: a run that failed already said why); exit 2."""
    from digimandate.cli.output import silence_stdout

    silence_stdout()
    if code >= EXIT_INPUT:
        return code
    with suppress(OSError):
        sys.stderr.write(UsageError("stdout_failed", reason=os_reason(exc)).format(default_lang()) + "\n")
    return EXIT_INPUT
