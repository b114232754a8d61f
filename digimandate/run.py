"""One check run over one or more files: settings, audits, outputs and the exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from digimandate.checklist import SEVERITY_RANK
from digimandate.errors import DigimandateError, UsageError
from digimandate.i18n import Lang, default_lang, t
from digimandate.loader import Limits
from digimandate.render import Format
from digimandate.result import AuditResult
from digimandate.settings import Options, Settings, resolve

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass(frozen=True)
class Output:
    """One requested output: a format and where it goes (None: standard output)."""

    fmt: Format
    path: Path | None = None


def parse_outputs(specs: list[str], github_actions: bool) -> list[Output]:
    """Parse ``--format NAME`` and ``--format NAME=PATH``; at most one may go to standard output."""
    if not specs:
        return [Output(Format.github if github_actions else Format.terminal)]
    outputs = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        try:
            fmt = Format(name.strip().lower())
        except ValueError:
            raise UsageError("bad_format", value=name, allowed=", ".join(f.value for f in Format)) from None
        if sep and not path.strip():
            raise UsageError("bad_format_path", value=spec)
        target = None if not sep or path.strip() == "-" else Path(path.strip())
        outputs.append(Output(fmt, target))
    if sum(1 for o in outputs if o.path is None) > 1:
        raise UsageError("two_stdout")
    return outputs


@dataclass
class Run:
    """The state of one check run."""

    options: Options
    limits: Limits = field(default_factory=Limits)
    baseline: Path | None = None
    results: list[AuditResult] = field(default_factory=list)
    exit_code: int = EXIT_OK
    settings: Settings | None = None

    def lang_for(self, result: AuditResult | None = None) -> Lang:
        """The language of output: command line, then configuration, then the organisation, then the environment."""
        if self.options.lang:
            return self.options.lang
        if self.settings and self.settings.lang:
            return self.settings.lang
        return result.language if result else default_lang()

    def audit(self, files: list[Path]) -> None:
        """Audit every file; an input error in one file is reported and the rest still run."""
        from digimandate.audit import audit_file
        from digimandate.baseline import apply_baseline, load_baseline

        self.settings = resolve(files[0] if files else Path.cwd(), self.options)
        baseline = load_baseline(self.baseline) if self.baseline else None
        for path in files:
            try:
                result = audit_file(path, self.settings.ruleset, self.limits, waivers=self.settings.waivers)
            except DigimandateError as exc:
                sys.stderr.write(exc.format(self.lang_for()) + "\n")
                self.exit_code = max(self.exit_code, exc.exit_code)
                continue
            if baseline is not None:
                result = apply_baseline(result, baseline)
            self.results.append(result)

    def judge(self, exit_zero: bool) -> None:
        """Raise the exit code for crashed rules and for findings at or above the threshold."""
        assert self.settings is not None
        threshold = SEVERITY_RANK[self.settings.fail_on]
        for result in self.results:
            if result.errors:
                lang = self.lang_for(result)
                for o in result.errors:
                    sys.stderr.write(t("term_rule_error", lang, rule=o.rule.id, error=o.error or "") + "\n")
                sys.stderr.write(f"  {t('hint', lang)}: {t('please_report', lang)}\n")
                self.exit_code = max(self.exit_code, EXIT_INTERNAL)
            elif not exit_zero and any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings):
                self.exit_code = max(self.exit_code, EXIT_FINDINGS)


def render_outputs(run: Run, outputs: list[Output], color: bool) -> list[tuple[Output, str]]:
    """Render every output in full before anything is written, so a failure leaves no half output."""
    from digimandate.render import render_many

    return [(out, render_many(run.results, out.fmt, run.lang_for, color=color and out.path is None))
            for out in outputs]


def write_outputs(rendered: list[tuple[Output, str]], force: bool) -> None:
    """Write the files first (each atomically), then standard output."""
    from digimandate.output import write_atomic

    for out, text in rendered:
        if out.path is not None:
            write_atomic(out.path, text, force=force)
    for out, text in rendered:
        if out.path is None:
            sys.stdout.write(text)
    sys.stdout.flush()
