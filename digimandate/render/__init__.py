"""Renderers: each output format of ``check`` is one module that writes it (``formats.FORMATS``).

A renderer gets the result and, beside it, the rule catalogue by id (titles, advice, dimensions):
the result names rules only by id. Every format is written in pieces: JSON, SARIF and the plain
terminal view as they are made, so a result with tens of thousands of findings is never held as one text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from digimandate.render.formats import FormatWriter, Screen, check_format

if TYPE_CHECKING:  # the command line reads the registry of formats before any audit module is imported
    from digimandate.audit.result import AuditResult
    from digimandate.audit.specs import RuleSet
    from digimandate.i18n import Lang


def stream_many(results: list[AuditResult], rules: RuleSet, fmt: str, lang_for: Callable[[AuditResult], Lang],
                color: bool = False, width: int | None = None) -> Iterator[str]:
    """Several results in one output (JSON as a list, SARIF as runs, JUnit as suites), in pieces as they are made."""
    return _writer(fmt).write(results, rules, lang_for, Screen(color, width))


def stream(result: AuditResult, rules: RuleSet, fmt: str, lang: Lang, color: bool = False,
           width: int | None = None) -> Iterator[str]:
    """The output of one result in pieces."""
    return _writer(fmt).write([result], rules, lambda _: lang, Screen(color, width))


def render(result: AuditResult, rules: RuleSet, fmt: str, lang: Lang, color: bool = False,
           width: int | None = None) -> str:
    """Render a result in one format of ``check``; the module is imported only when asked for.

    ``width`` (the terminal view only): wrap to this many columns; None keeps lines whole.
    """
    return "".join(stream(result, rules, fmt, lang, color, width))


def _writer(name: str) -> FormatWriter:
    found = check_format(name)
    if found is None:
        raise ValueError(f"no output format {name!r}")
    return found.writer()
