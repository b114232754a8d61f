"""Renderers: each output format is one module with ``render(result, lang) -> str``."""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable
from typing import Protocol

from digimandate.audit.result import AuditResult
from digimandate.i18n import Lang
from digimandate.jsontext import indented_json
from digimandate.textsafe import json_safe


class Format(str, enum.Enum):
    """The output formats of ``check``."""

    terminal = "terminal"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class Renderer(Protocol):
    """What a renderer module provides."""

    def render(self, result: AuditResult, lang: Lang) -> str:
        """Return the whole output as text."""


def render_many(results: list[AuditResult], fmt: Format, lang_for: Callable[[AuditResult], Lang],
                color: bool = False, width: int | None = None) -> str:
    """Render several results in one output: JSON as a list, SARIF as runs, JUnit as suites."""
    if len(results) == 1:
        return render(results[0], fmt, lang_for(results[0]), color, width)
    if fmt is Format.json:
        from digimandate.render.json_format import result_dict

        return json_safe(indented_json([result_dict(r, lang_for(r)) for r in results])) + "\n"
    if fmt is Format.sarif:
        from digimandate.render.sarif_format import sarif_dict

        logs = [sarif_dict(r, lang_for(r)) for r in results]
        logs[0]["runs"] = [run for log in logs for run in log["runs"]]
        return json_safe(indented_json(logs[0])) + "\n"
    if fmt is Format.junit:
        from digimandate.render.junit_format import combine

        return combine([render(r, fmt, lang_for(r)) for r in results])
    text = "\n".join(render(r, fmt, lang_for(r), color, width) for r in results)
    if fmt is Format.terminal:
        from digimandate.render.terminal import summary_table

        text += "\n" + summary_table(results, lang_for(results[0]))
    return text


def render(result: AuditResult, fmt: Format, lang: Lang, color: bool = False, width: int | None = None) -> str:
    """Render a result in one format; the module is imported only when asked for.

    ``width`` (the terminal view only): wrap to this many columns; None keeps lines whole.
    """
    if fmt is Format.terminal:
        from digimandate.render import terminal

        return terminal.render(result, lang, color=color, width=width)
    module: Renderer = importlib.import_module(f"digimandate.render.{fmt.value}_format")
    return module.render(result, lang)
