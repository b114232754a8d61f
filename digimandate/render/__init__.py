"""Renderers: each output format is one module with ``render(result, rules, lang) -> str``.

A renderer gets the result and, beside it, the rule catalogue by id (titles, advice, dimensions):
the result names rules only by id. JSON and SARIF can also be written in pieces (``chunks``), so
a result with tens of thousands of findings is never held as one text.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterator
from typing import Protocol

from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.i18n import Lang
from digimandate.jsontext import Lazy, output_chunks


class Format(str, enum.Enum):
    """The output formats of ``check``."""

    terminal = "terminal"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class Renderer(Protocol):
    """What a renderer module provides."""

    def render(self, result: AuditResult, rules: RuleSet, lang: Lang) -> str:
        """Return the whole output as text."""


STREAMED = (Format.json, Format.sarif)


def render_many(results: list[AuditResult], rules: RuleSet, fmt: Format, lang_for: Callable[[AuditResult], Lang],
                color: bool = False, width: int | None = None) -> str:
    """Render several results in one output: JSON as a list, SARIF as runs, JUnit as suites."""
    return "".join(stream_many(results, rules, fmt, lang_for, color, width))


def stream_many(results: list[AuditResult], rules: RuleSet, fmt: Format, lang_for: Callable[[AuditResult], Lang],
                color: bool = False, width: int | None = None) -> Iterator[str]:
    """``render_many`` in pieces: JSON and SARIF are made finding by finding as they are written."""
    if len(results) == 1:
        yield from stream(results[0], rules, fmt, lang_for(results[0]), color, width)
        return
    if fmt is Format.json:
        from digimandate.render.json_format import result_dict

        yield from output_chunks(Lazy(result_dict(r, lang_for(r)) for r in results))
        return
    if fmt is Format.sarif:
        from digimandate.render.sarif_format import sarif_dict

        logs = [sarif_dict(r, rules, lang_for(r)) for r in results]
        logs[0]["runs"] = [run for log in logs for run in log["runs"]]
        yield from output_chunks(logs[0])
        return
    if fmt is Format.junit:
        from digimandate.render.junit_format import combine

        yield combine([render(r, rules, fmt, lang_for(r)) for r in results])
        return
    text = "\n".join(render(r, rules, fmt, lang_for(r), color, width) for r in results)
    if fmt is Format.terminal:
        from digimandate.render.terminal import summary_table

        text += "\n" + summary_table(results, lang_for(results[0]))
    yield text


def stream(result: AuditResult, rules: RuleSet, fmt: Format, lang: Lang, color: bool = False,
           width: int | None = None) -> Iterator[str]:
    """The output of one result in pieces (JSON and SARIF), or whole (the other formats)."""
    if fmt in STREAMED:
        module = importlib.import_module(f"digimandate.render.{fmt.value}_format")
        yield from module.chunks(result, rules, lang)
    else:
        yield render(result, rules, fmt, lang, color, width)


def render(result: AuditResult, rules: RuleSet, fmt: Format, lang: Lang, color: bool = False,
           width: int | None = None) -> str:
    """Render a result in one format; the module is imported only when asked for.

    ``width`` (the terminal view only): wrap to this many columns; None keeps lines whole.
    """
    if fmt is Format.terminal:
        from digimandate.render import terminal

        return terminal.render(result, rules, lang, color=color, width=width)
    module: Renderer = importlib.import_module(f"digimandate.render.{fmt.value}_format")
    return module.render(result, rules, lang)
