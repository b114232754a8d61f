"""Renderers: each output format is one module with ``render(result, lang) -> str``."""

from __future__ import annotations

import enum
import importlib
from typing import Protocol

from digimandate.i18n import Lang
from digimandate.result import AuditResult


class Format(str, enum.Enum):
    """The output formats of ``check``."""

    terminal = "terminal"
    json = "json"


class Renderer(Protocol):
    """What a renderer module provides."""

    def render(self, result: AuditResult, lang: Lang) -> str:
        """Return the whole output as text."""


def render(result: AuditResult, fmt: Format, lang: Lang, color: bool = False) -> str:
    """Render a result in one format; the module is imported only when asked for."""
    if fmt is Format.terminal:
        from digimandate.render import terminal

        return terminal.render(result, lang, color=color)
    module: Renderer = importlib.import_module(f"digimandate.render.{fmt.value}_format")
    return module.render(result, lang)
