"""GitHub Actions workflow commands: one annotation per finding, then a summary notice."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.i18n import Lang, t
from digimandate.render.common import LEVELS, github_escape
from digimandate.render.formats import PLAIN, Screen
from digimandate.textsafe import one_line

_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def write(results: Sequence[AuditResult], rules: RuleSet, lang_for: Callable[[AuditResult], Lang],
          screen: Screen = PLAIN) -> Iterator[str]:
    """The annotations of every result, one after the other."""
    yield "\n".join(render(r, rules, lang_for(r)) for r in results)


def render(result: AuditResult, rules: RuleSet, lang: Lang) -> str:
    """Render findings as ``::error file=...,line=...,col=...,title=...::message`` lines."""
    lines = []
    for f in result.findings:
        command = _COMMANDS[LEVELS[f.severity]]
        props = ",".join([
            # the file as it is, line breaks escaped as GitHub reads them (%0A), so that the annotation
            # lands on it; one_line after that only shows what else the log would act on (ESC, NUL)
            f"file={one_line(github_escape(f.location.file, prop=True))}",
            f"line={f.location.line}",
            f"col={f.location.column}",
            f"title={github_escape(one_line(f'{f.rule} {f.name} ({f.severity})'), prop=True)}",
        ])
        # one_line: the runner would show an ANSI escape or a NUL from a name raw in the log
        lines.append(f"::{command} {props}::{github_escape(one_line(f.message(lang)))}")
    m = result.maturity
    from digimandate.render.levels import maturity_line, score_text

    summary = maturity_line(result, lang, score_text(m.score, lang, missing="-"))
    if result.config is not None:  # the configuration these annotations were judged with
        summary += " · " + t("term_config", lang, file=result.config)
    lines.append(f"::notice title=digimandate::{github_escape(one_line(summary))}")
    return "\n".join(lines) + "\n"
