"""The command line: parses options, runs the flow, maps errors to exit codes. Thin by design."""

from __future__ import annotations

import enum
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from digimandate import __version__
from digimandate.errors import EXIT_INTERNAL, DigimandateError, UsageError
from digimandate.i18n import HELP_NL, Lang, default_lang, t
from digimandate.loader import DEFAULT_MAX_BYTES, Limits

if TYPE_CHECKING:
    from digimandate.result import AuditResult

_HELP_LANG = default_lang()


def _h(text: str) -> str:
    """Help text in the language of the environment (DIGIMANDATE_LANG or LANG)."""
    return HELP_NL.get(text, text) if _HELP_LANG == "nl" else text


app = typer.Typer(
    name="digimandate",
    help=_h("Audit whether digital service delivery has a cross-departmental mandate (Optimaal Digitaal tip 16)."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class LangOpt(str, enum.Enum):
    """Languages for output."""

    nl = "nl"
    en = "en"


class SeverityOpt(str, enum.Enum):
    """Severities for --fail-on."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class RulesFormat(str, enum.Enum):
    """Formats of rules."""

    terminal = "terminal"
    json = "json"
    markdown = "markdown"


LangOption = Annotated[Optional[LangOpt], typer.Option("--lang", help=_h("Language: nl or en."))]  # noqa: UP045
ChecklistOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option("--checklist", help=_h("An extra checklist (repeatable)."), dir_okay=False),
]
FilesArg = Annotated[Optional[list[Path]], typer.Argument(help=_h("Organisation files."), show_default=False)]  # noqa: UP045
StrList = Optional[list[str]]  # noqa: UP045
OptPath = Optional[Path]  # noqa: UP045
FileArg = Annotated[Path, typer.Argument(help=_h("The organisation file."))]
ConfigOption = Annotated[OptPath, typer.Option("--config", help=_h("Use this configuration file."), dir_okay=False)]
NoConfigOption = Annotated[bool, typer.Option("--no-config", help=_h("Ignore configuration files."))]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help=_h("Refuse files larger than this."), min=1)]


def _lang(option: LangOpt | None) -> Lang:
    if option is None:
        return default_lang()
    return "nl" if option is LangOpt.nl else "en"


def _fail(exc: DigimandateError, lang: Lang) -> NoReturn:
    typer.echo(exc.format(lang), err=True)
    raise typer.Exit(exc.exit_code)


def _internal(exc: BaseException, lang: Lang) -> NoReturn:
    typer.echo(t("internal_error", lang, error=f"{type(exc).__name__}: {exc}"), err=True)
    typer.echo(f"  {t('hint', lang)}: {t('please_report', lang)}", err=True)
    raise typer.Exit(EXIT_INTERNAL)


def _color(stream: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for value in values or [] for v in value.split(",") if v.strip())


@app.command(help=_h("Audit organisation files and show the findings and maturity levels."))
def check(
    files: FilesArg = None,
    fmt: Annotated[
        StrList,
        typer.Option(
            "--format",
            "-f",
            help=_h("terminal, json, sarif, junit or github; FORMAT=FILE writes a file (repeatable)."),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    fail_on: Annotated[
        Optional[SeverityOpt],  # noqa: UP045
        typer.Option("--fail-on", help=_h("Exit 1 when a finding is at or above this severity (default: high).")),
    ] = None,
    checklist: ChecklistOption = None,
    select: Annotated[
        StrList, typer.Option("--select", help=_h("Only these rules or prefixes (M, M00, M007)."))
    ] = None,
    extend_select: Annotated[StrList, typer.Option("--extend-select", help=_h("Add rules or prefixes."))] = None,
    ignore: Annotated[StrList, typer.Option("--ignore", help=_h("Skip rules or prefixes."))] = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    waivers: Annotated[OptPath, typer.Option("--waivers", help=_h("A file of extra waivers."), dir_okay=False)] = None,
    no_waivers: Annotated[
        bool, typer.Option("--no-waivers", help=_h("Show everything as if no waiver existed."))
    ] = False,
    baseline: Annotated[
        OptPath, typer.Option("--baseline", help=_h("Fail only on findings not in this baseline."), dir_okay=False)
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help=_h("Exit 0 even when findings are at or above --fail-on."))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=_h("Overwrite existing output files."))] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Audit organisation files and show the findings and maturity levels."""
    from digimandate.render.common import in_github_actions
    from digimandate.run import Run, parse_outputs, render_outputs, write_outputs
    from digimandate.settings import Options

    out_lang = _lang(lang)
    options = Options(
        config=config,
        no_config=no_config,
        checklists=tuple(checklist or []),
        select=_split(select) if select else None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        fail_on=fail_on.value if fail_on else None,
        lang=out_lang if lang else None,
        waivers=waivers,
        no_waivers=no_waivers,
    )
    run = Run(options, Limits(max_bytes=max_bytes), baseline)
    try:
        outputs = parse_outputs(fmt or [], in_github_actions())
        run.audit(list(files or [Path("organisation.yaml")]), keep_models=False)  # no output reads the model
        run.judge(exit_zero)
        if run.results:
            write_outputs(render_outputs(run, outputs, _color(sys.stdout)), force)
    except DigimandateError as exc:
        _fail(exc, run.lang_for())
    except Exception as exc:  # the one place where a bug becomes exit 3 with a "please report" hint
        _internal(exc, run.lang_for())
    raise typer.Exit(run.exit_code)


@app.command("baseline", help=_h("Record today's findings, so that check --baseline fails only on new ones."))
def baseline_cmd(
    files: FilesArg = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help=_h("Where to write the baseline (- for standard output)."))
    ] = Path(".digimandate-baseline.json"),
    lang: LangOption = None,
    checklist: ChecklistOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    force: Annotated[bool, typer.Option("--force", help=_h("Overwrite an existing baseline."))] = False,
) -> None:
    """Record today's findings, so that check --baseline fails only on new ones."""
    from digimandate.baseline import baseline_text
    from digimandate.output import write_atomic
    from digimandate.run import Run
    from digimandate.settings import Options

    out_lang = _lang(lang)
    run = Run(
        Options(config=config, no_config=no_config, checklists=tuple(checklist or []), lang=out_lang if lang else None)
    )
    try:
        run.audit(list(files or [Path("organisation.yaml")]), keep_models=False)
        if run.exit_code:
            raise typer.Exit(run.exit_code)
        text = baseline_text(run.results)
        if str(output) == "-":
            sys.stdout.write(text)
        else:
            write_atomic(output, text, force=force)
            count = sum(len(r.findings) for r in run.results)
            typer.echo(t("baseline_written", out_lang, file=str(output), count=count), err=True)
    except DigimandateError as exc:
        _fail(exc, run.lang_for())


OutOption = Annotated[OptPath, typer.Option("--output", "-o", help=_h("Write to this file (- for standard output)."))]
PreviousOption = Annotated[
    OptPath,
    typer.Option("--previous", help=_h("The JSON result of an earlier audit, to show progress."), dir_okay=False),
]
ForceOption = Annotated[bool, typer.Option("--force", help=_h("Overwrite an existing file."))]


class DocFormat(str, enum.Enum):
    """Formats of the report and the memo."""

    md = "md"
    html = "html"
    docx = "docx"


class AudienceOpt(str, enum.Enum):
    """Who decides on the memo."""

    directie = "directie"
    college = "college"


DocFormatOption = Annotated[
    DocFormat, typer.Option("--format", "-f", help=_h("md, html (one self-contained file) or docx (Word)."))
]
ReferenceOption = Annotated[
    OptPath, typer.Option("--reference-docx", help=_h("A Word file whose styles, header and footer to use."),
                          dir_okay=False)
]


def _document(
    kind: str,
    file: Path,
    output: Path | None,
    lang: LangOpt | None,
    previous: Path | None,
    force: bool,
    template: Path | None,
    to: str | None,
    sender: str | None,
    checklist: list[Path] | None,
    config: Path | None,
    no_config: bool,
    fmt: DocFormat = DocFormat.md,
    audience: AudienceOpt = AudienceOpt.directie,
    reference: Path | None = None,
) -> None:
    """Write the report or the memo for one organisation file."""
    from digimandate.advice import load_previous
    from digimandate.clock import today
    from digimandate.output import write_atomic
    from digimandate.render.documents import DocOptions, maturity_chart, memo, report
    from digimandate.run import Run
    from digimandate.settings import Options

    out_lang = _lang(lang)
    run = Run(
        Options(config=config, no_config=no_config, checklists=tuple(checklist or []), lang=out_lang if lang else None)
    )
    try:
        run.audit([file])
        if run.exit_code:
            raise typer.Exit(run.exit_code)
        result = run.results[0]
        doc_lang = run.lang_for(result)
        to_stdout = output is None or str(output) == "-"
        if template is None:  # the client documents; --template keeps the Markdown of earlier versions
            _client_document(kind, result, doc_lang, output, to_stdout, force, previous, to, sender, fmt,
                             audience, reference)
            return
        chart_file = None if to_stdout or kind != "report" else f"{output.stem}.maturity.svg"  # type: ignore[union-attr]
        opts = DocOptions(
            lang=doc_lang,
            written=today(),
            template_dir=template,
            previous=load_previous(previous) if previous else None,
            chart_file=chart_file,
            to=to,
            sender=sender,
        )
        text = report(result, opts) if kind == "report" else memo(result, opts)
        if to_stdout:
            sys.stdout.write(text)
            return
        assert output is not None
        targets = [output] + ([output.parent / chart_file] if chart_file else [])
        for target in targets:  # refuse before writing anything, so a report never loses its chart
            if target.exists() and not force:
                raise UsageError("exists", file=str(target))
        if chart_file is not None:
            write_atomic(output.parent / chart_file, maturity_chart(result, doc_lang), force=force)
        write_atomic(output, text, force=force)
        typer.echo(t("written", doc_lang, file=str(output)), err=True)
    except DigimandateError as exc:
        _fail(exc, run.lang_for())
    except typer.Exit:
        raise
    except Exception as exc:  # a bug, not bad input: exit 3 with a "please report" hint
        _internal(exc, run.lang_for())


def _client_document(kind: str, result: AuditResult, lang: Lang, output: Path | None, to_stdout: bool,
                     force: bool, previous: Path | None, to: str | None, sender: str | None, fmt: DocFormat,
                     audience: AudienceOpt, reference: Path | None) -> None:
    """Build the report or memo once as a document model, render it in one format and write it."""
    from digimandate.advice import load_previous
    from digimandate.clock import today
    from digimandate.render.doc.publish import build, render, write_bytes

    if fmt is DocFormat.docx and to_stdout:
        raise UsageError("docx_needs_output")
    if reference is not None and fmt is not DocFormat.docx:  # a house style silently ignored would surprise
        raise UsageError("reference_docx_needs_docx")
    doc = build(result, kind, lang, today(), "college" if audience is AudienceOpt.college else "directie",
                to, sender, load_previous(previous) if previous else None)
    data = render(doc, fmt.value, reference)
    if to_stdout:
        sys.stdout.write(data.decode("utf-8"))
        return
    assert output is not None
    write_bytes(output, data, force=force)
    typer.echo(t("written", lang, file=str(output)), err=True)


@app.command("report", help=_h("Write the advice report (adviesrapport) as Markdown, HTML or Word."))
def report_cmd(
    file: FileArg = Path("organisation.yaml"),
    output: OutOption = None,
    lang: LangOption = None,
    fmt: DocFormatOption = DocFormat.md,
    reference: ReferenceOption = None,
    template: Annotated[
        OptPath, typer.Option("--template", help=_h("A folder with report.md.j2 to use instead."), file_okay=False)
    ] = None,
    previous: PreviousOption = None,
    force: ForceOption = False,
    checklist: ChecklistOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Write the advice report (adviesrapport) as Markdown, HTML or Word."""
    _document("report", file, output, lang, previous, force, template, None, None, checklist, config, no_config,
              fmt, AudienceOpt.directie, reference)


@app.command("memo", help=_h("Write the memo for the management team or the executive, as Markdown, HTML or Word."))
def memo_cmd(
    file: FileArg = Path("organisation.yaml"),
    output: OutOption = None,
    lang: LangOption = None,
    fmt: DocFormatOption = DocFormat.md,
    audience: Annotated[
        AudienceOpt,
        typer.Option("--audience", help=_h("Who decides: directie (DT-notitie) or college (collegevoorstel).")),
    ] = AudienceOpt.directie,
    reference: ReferenceOption = None,
    previous: PreviousOption = None,
    to: Annotated[Optional[str], typer.Option("--to", help=_h("Who the memo is for."))] = None,  # noqa: UP045
    sender: Annotated[Optional[str], typer.Option("--from", help=_h("Who writes the memo."))] = None,  # noqa: UP045
    template: Annotated[
        OptPath, typer.Option("--template", help=_h("A folder with memo.md.j2 to use instead."), file_okay=False)
    ] = None,
    force: ForceOption = False,
    checklist: ChecklistOption = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Write the memo for the management team or the executive, as Markdown, HTML or Word."""
    _document("memo", file, output, lang, previous, force, template, to, sender, checklist, config, no_config,
              fmt, audience, reference)


@app.command(help=_h("Check that an organisation file is valid, without running the rules."))
def validate(
    file: FileArg = Path("organisation.yaml"),
    lang: LangOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Check that an organisation file is valid, without running the rules."""
    out_lang = _lang(lang)
    try:
        from digimandate.document import load_document

        doc = load_document(file, Limits(max_bytes=max_bytes))
    except DigimandateError as exc:
        _fail(exc, out_lang)
    except Exception as exc:  # a bug, not bad input: exit 3 with a "please report" hint
        _internal(exc, out_lang)
    m = doc.model
    summary = t(
        "valid_summary",
        out_lang,
        departments=len(m.departments),
        people=len(m.people),
        mandates=len(m.mandates),
        channels=len(m.channels),
        systems=len(m.systems),
        processes=len(m.processes),
    )
    typer.echo(t("valid", out_lang, file=doc.file, summary=summary))


@app.command(help=_h("List the rules of the built-in checklist and any extra ones."))
def rules(
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f", help=_h("Output format."))] = RulesFormat.terminal,
    lang: LangOption = None,
    checklist: ChecklistOption = None,
) -> None:
    """List the rules of the built-in checklist and any extra ones."""
    out_lang = _lang(lang)
    try:
        from digimandate.checklist import load_ruleset
        from digimandate.render import rules_doc

        ruleset = load_ruleset(checklist or [])
        if fmt is RulesFormat.markdown:
            text = rules_doc.markdown(ruleset, out_lang if lang is not None else None)
        elif fmt is RulesFormat.json:
            text = rules_doc.json_text(ruleset)
        else:
            text = rules_doc.terminal(ruleset, out_lang)
        sys.stdout.write(text)
    except DigimandateError as exc:
        _fail(exc, out_lang)


@app.command(help=_h("Explain one rule: its texts, parameters, sources and an example that fails."))
def explain(
    rule: Annotated[str, typer.Argument(help=_h("A rule id (M007) or name (mandate.no-approval-per-change)."))],
    lang: LangOption = None,
    checklist: ChecklistOption = None,
) -> None:
    """Explain one rule: its texts, parameters, sources and an example that fails."""
    out_lang = _lang(lang)
    try:
        from digimandate.checklist import load_ruleset
        from digimandate.render import rules_doc
        from digimandate.validate import suggest

        ruleset = load_ruleset(checklist or [])
        by_name = {r.spec.name: r.id for r in ruleset.rules.values()}
        rule_id = rule.upper() if rule.upper() in ruleset.rules else by_name.get(rule, rule)
        if rule_id not in ruleset.rules:
            guess = suggest(rule.upper(), list(ruleset.rules)) or suggest(rule, list(by_name))
            if guess:
                raise UsageError("unknown_rule", "unknown_rule_hint", id=rule, suggestion=guess)
            raise UsageError("unknown_rule", "unknown_rule_hint_plain", id=rule)
        sys.stdout.write(rules_doc.explain(ruleset, rule_id, out_lang))
    except DigimandateError as exc:
        _fail(exc, out_lang)


@app.command(help=_h("Print the JSON Schema of the organisation model."))
def schema() -> None:
    """Print the JSON Schema of the organisation model."""
    from digimandate.schemas import organisation_schema_text

    sys.stdout.write(organisation_schema_text())


@app.command(help=_h("Write a commented starter organisation file; never overwrites."))
def init(
    file: Annotated[Path, typer.Argument(help=_h("Where to write the starter file."))] = Path("organisation.yaml"),
    lang: LangOption = None,
) -> None:
    """Write a commented starter organisation file; never overwrites."""
    out_lang = _lang(lang)
    try:
        from digimandate.output import write_atomic
        from digimandate.starter import starter

        write_atomic(file, starter(out_lang))
    except DigimandateError as exc:
        _fail(exc, out_lang)
    typer.echo(t("written", out_lang, file=str(file)), err=True)


def _version(value: bool) -> None:
    if value:
        from digimandate.loader import fast_loader_active

        typer.echo(f"digimandate {__version__}")
        # Which loader runs explains the speed a user sees (the C one needs a compiler at install).
        typer.echo(t("version_loader_c" if fast_loader_active() else "version_loader_python", default_lang()))
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_h("Show the version."))
    ] = False,
) -> None:
    """Audit whether digital service delivery has a cross-departmental mandate."""


def main() -> None:
    """Entry point of the console script."""
    # Loading builds hundreds of thousands of small containers that all live until the end;
    # the default collector thresholds would rescan them over and over for nothing.
    gc.set_threshold(200_000, 20, 20)
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a closed pipe (| head): nothing more can be said
            pass
        # Everything is written and closed; skip tearing down a large heap object by object.
        os._exit(code)
