"""One check run over one or more files: settings, audits, outputs and the exit code."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from digimandate.audit.result import AuditResult
from digimandate.audit.specs import SEVERITY_RANK
from digimandate.cli.safety import Inputs
from digimandate.cli.settings import AuditOptions, Settings, resolve
from digimandate.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, DigimandateError, Notice, UsageError
from digimandate.i18n import Lang, counted, default_lang, t
from digimandate.model.loader import Limits
from digimandate.model.org import OrgModel
from digimandate.render.formats import OutputFormat, check_format, check_formats


@dataclass(frozen=True)
class Output:
    """One requested output: a format and where it goes (None: standard output)."""

    fmt: OutputFormat
    path: Path | None = None
    per_organisation: bool = False  # FORMAT=FOLDER/ writes one file per organisation


def parse_outputs(specs: list[str], github_actions: bool) -> list[Output]:
    """Parse ``--format NAME`` and ``--format NAME=PATH``; at most one may go to standard output."""
    if not specs:
        default = check_format("github" if github_actions else "terminal")
        assert default is not None
        return [Output(default)]
    outputs = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        fmt = check_format(name)
        if fmt is None:
            raise UsageError("bad_format", value=name, allowed=", ".join(f.name for f in check_formats()))
        if sep and not path.strip():
            raise UsageError("bad_format_path", value=spec)
        target = None if not sep or path.strip() == "-" else Path(path.strip())
        folder = target is not None and (path.strip().endswith(("/", os.sep)) or target.is_dir())
        outputs.append(Output(fmt, target, folder))
    if sum(1 for o in outputs if o.path is None) > 1:
        raise UsageError("two_stdout")
    return outputs


@dataclass(frozen=True)
class CheckRequest:
    """What ``check`` was asked: files, outputs as typed (FORMAT or FORMAT=PATH), settings and limits."""

    files: tuple[Path, ...]
    formats: tuple[str, ...] = ()
    options: AuditOptions = field(default_factory=AuditOptions)
    limits: Limits = field(default_factory=Limits)
    baseline: Path | None = None
    exit_zero: bool = False
    force: bool = False


@dataclass(frozen=True)
class BaselineRequest:
    """What ``baseline`` was asked: files, where to write (``-``: standard output), settings and limits."""

    files: tuple[Path, ...]
    output: Path
    options: AuditOptions = field(default_factory=AuditOptions)
    limits: Limits = field(default_factory=Limits)
    force: bool = False


@dataclass
class Run:
    """The state of one check run."""

    options: AuditOptions
    limits: Limits = field(default_factory=Limits)
    baseline: Path | None = None
    results: list[AuditResult] = field(default_factory=list)
    models: list[OrgModel | None] = field(default_factory=list)  # beside each result, when kept for documents
    exit_code: int = EXIT_OK
    settings: Settings | None = None
    files: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)  # files that could not be audited (input errors)
    summaries: list[Any] = field(default_factory=list)  # beside each result, when the audit summarised it

    def inputs(self, *paths: Path) -> Inputs:
        """Every file this run read, and ``paths`` it is about to read (organisations, for a check before the audit).

        Organisations and their includes, configuration, checklists, waivers, baseline.
        """
        inputs = Inputs([*self.files, *paths])
        inputs.add(self.baseline, self.options.waivers, self.options.config, *self.options.checklists)
        for result in self.results:
            inputs.add(*result.inputs)
        if self.settings is not None:
            config = self.settings.config
            base = config.path.parent if config.path else Path.cwd()
            inputs.add(config.path, *(base / p for p in config.spec.checklists))
        return inputs

    def lang_for(self, result: AuditResult | None = None) -> Lang:
        """The language of output: command line, then configuration, then the organisation, then the environment."""
        if self.options.lang:
            return self.options.lang
        if self.settings and self.settings.lang:
            return self.settings.lang
        return result.language if result else default_lang()

    def audit(self, paths: list[Path], keep_models: bool = False,
              summarise: Callable[[AuditResult], Any] | None = None) -> None:
        """Audit every file (folders expanded); an input error in one file is reported and the rest still run.

        ``keep_models``: keep each organisation beside its result, for the documents that describe it.
        ``summarise``: keep what it makes of each result instead of its findings (``batch.audit_all``).
        """
        from digimandate.cli.batch import audit_all, expand, show_progress

        files = self.files = expand(paths)
        if not files:
            raise UsageError("no_files", paths=", ".join(str(p) for p in paths))
        self.settings = resolve(paths[0], self.options)
        warn(self.settings.ruleset.notices, self.lang_for())
        baseline = None
        if self.baseline:  # imported only then: its models take a while to build, for nothing without one
            from digimandate.audit.baseline import load_baseline

            baseline = load_baseline(self.baseline)
        advance, stop = show_progress(len(files))
        try:
            outcomes = list(audit_all(files, self.settings.ruleset, self.limits, self.settings.waivers, advance,
                                      keep_models, summarise))
        finally:
            stop()
        for path, outcome in outcomes:
            if isinstance(outcome, DigimandateError):
                sys.stderr.write(outcome.format(self.lang_for()) + "\n")
                self.failed.append(path)
                self.exit_code = max(self.exit_code, outcome.exit_code)
                continue
            # every output names the configuration the findings were judged with (or says there was none)
            result = replace(outcome.result, config=self.settings.config.display)
            if not result.audit_date_recorded:  # the audit is reproducible only with a recorded date
                lang = self.lang_for(result)
                sys.stderr.write(t("audit_date_missing", lang, file=result.file, date=result.audit_date.isoformat())
                                 + "\n" + f"  {t('hint', lang)}: {t('audit_date_missing_hint', lang)}\n")
            if baseline is not None:
                from digimandate.audit.baseline import apply_baseline

                result = apply_baseline(result, baseline)
            self.results.append(result)
            self.models.append(outcome.model)
            self.summaries.append(outcome.summary)

    def judge(self, exit_zero: bool) -> None:
        """Raise the exit code for crashed rules and for findings at or above the threshold."""
        assert self.settings is not None
        threshold = SEVERITY_RANK[self.settings.fail_on]
        for result in self.results:
            if result.errors:
                lang = self.lang_for(result)
                for o in result.errors:
                    sys.stderr.write(t("term_rule_error", lang, rule=o.rule, error=o.error or "") + "\n")
                sys.stderr.write(f"  {t('hint', lang)}: {t('please_report', lang)}\n")
                self.exit_code = max(self.exit_code, EXIT_INTERNAL)
            elif not exit_zero and any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings):
                self.exit_code = max(self.exit_code, EXIT_FINDINGS)


def warn(notices: Iterable[Notice], lang: Lang) -> None:
    """Print the library's warnings on standard error, in the user's language."""
    for notice in notices:
        sys.stderr.write(notice.format(lang) + "\n")


def check(run: Run, req: CheckRequest, color: bool, width: int | None) -> None:
    """Audit, judge and write every output of ``check``; the exit code is left in ``run.exit_code``."""
    from digimandate.cli.safety import Target, check_targets
    from digimandate.render.common import in_github_actions

    outputs = parse_outputs(list(req.formats), in_github_actions())
    # Refuse before the audit what can be refused now (an audit of a folder takes a while): the
    # outputs on one file or on a file that is there, and on the inputs known before any is read.
    check_targets([Target(o.path, req.force) for o in outputs if o.path is not None and not o.per_organisation],
                  run.inputs(*req.files))
    run.audit(list(req.files), keep_models=False)  # no output of check reads the organisation
    run.judge(req.exit_zero)
    if run.results:
        rendered, folders = render_outputs(run, outputs, color, width)
        write_outputs(rendered, req.force, run.inputs(), folders)


def baseline(run: Run, req: BaselineRequest, say: Callable[[str], None]) -> None:
    """Record the findings of every file in a baseline; nothing is written when a file could not be audited."""
    from digimandate.audit.baseline import baseline_text
    from digimandate.cli.output import to_stdout, write_files
    from digimandate.cli.safety import Target, check_targets

    to_file = str(req.output) != "-"
    if to_file:
        check_targets([Target(req.output, req.force)], run.inputs(*req.files))
    run.audit(list(req.files), keep_models=False)
    if run.exit_code:
        return
    text = baseline_text(run.results)
    if not to_file:
        to_stdout(text)
        return
    write_files([(Target(req.output, req.force), text)], run.inputs())
    count = sum(len(r.findings) for r in run.results)
    lang = run.lang_for()
    say(t("baseline_written", lang, file=str(req.output), count=counted(count, "noun_finding", lang)))


def validate_file(file: Path, limits: Limits, lang: Lang) -> str:
    """Load and validate one organisation file (no rules run); what it holds, in one line."""
    from digimandate.model.document import load_document

    if file.is_dir():  # a folder has no line to point at; check audits one
        raise UsageError("validate_folder", file=str(file))
    doc = load_document(file, limits)
    m = doc.model
    summary = t("valid_summary", lang, departments=counted(len(m.departments), "noun_department", lang),
                people=counted(len(m.people), "noun_person", lang),
                mandates=counted(len(m.mandates), "noun_mandate", lang),
                channels=counted(len(m.channels), "noun_channel", lang),
                systems=counted(len(m.systems), "noun_system", lang),
                processes=counted(len(m.processes), "noun_process", lang))
    return t("valid", lang, file=doc.file, summary=summary)


def render_outputs(run: Run, outputs: list[Output], color: bool,
                   width: int | None = None) -> tuple[list[tuple[Path | None, Iterable[str]]], list[Path]]:
    """Every output as pieces of text, made while it is written (``write_outputs``), and the folders to make.

    A file output whose path is a folder (or ends in a slash) gets one file per organisation.
    """
    from digimandate.render import stream, stream_many

    assert run.settings is not None
    rules = run.settings.ruleset
    rendered: list[tuple[Path | None, Iterable[str]]] = []
    folders: list[Path] = []
    for out in outputs:
        if out.path is not None and out.per_organisation:
            folders.append(out.path)  # a trailing slash asks for the folder: made once every target is checked
            for result, name in zip(run.results, output_names(run.results), strict=True):
                name = f"{name}.{out.fmt.extension}"
                rendered.append((out.path / name, stream(result, rules, out.fmt.name, run.lang_for(result))))
            continue
        pieces = stream_many(run.results, rules, out.fmt.name, run.lang_for, color=color and out.path is None,
                             width=width if out.path is None else None)
        if out.fmt.name == "terminal" and run.failed:  # the summary counts what could not be audited too
            lang = run.lang_for()
            total = counted(len(run.files), "noun_organisation_file", lang)
            failed = t("sum_failed", lang, count=len(run.failed), total=total,
                       files=", ".join(str(p) for p in run.failed))
            pieces = itertools.chain(pieces, [failed + "\n"])
        rendered.append((out.path, pieces))
    return rendered, folders


def output_names(results: list[AuditResult]) -> list[str]:
    """A file name per organisation: its file's stem, or its path below the common folder when stems repeat."""
    paths = [Path(r.file).resolve() for r in results]
    stems = [p.stem for p in paths]
    if len(set(stems)) == len(stems):
        return stems
    base = Path(os.path.commonpath([str(p.parent) for p in paths]))
    return ["-".join(p.relative_to(base).with_suffix("").parts) for p in paths]


def write_outputs(rendered: list[tuple[Path | None, Iterable[str]]], force: bool,
                  inputs: Inputs | None = None, folders: Iterable[Path] = ()) -> None:
    """Write every output whole or not at all: files and standard output through one staged commit.

    Every target is checked first (none over an input, none twice, none over an existing file
    without --force); each output is made into a temporary file (standard output's too), and only
    when all are made are the files put in place and standard output written.
    """
    from digimandate.cli.output import write_files
    from digimandate.cli.safety import Target

    files = [(Target(path, force), pieces) for path, pieces in rendered if path is not None]
    write_files(files, inputs, folders, stdout=[pieces for path, pieces in rendered if path is None])
