"""The output formats, in one registry: name, file extension, whether it streams, and the module that writes it.

A format of ``check`` is one module that provides ``write`` (``FormatWriter``) and one line in
``FORMATS``; the command line's choices and help are made from this registry. The report and the
memo are documents: they are built from the audit and the organisation (``render.doc``) and
written in the document formats listed here too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from digimandate.i18n import Lang, t

if TYPE_CHECKING:  # the command line lists the formats before any audit module is imported
    from digimandate.audit.result import AuditResult
    from digimandate.audit.specs import RuleSet


@dataclass(frozen=True)
class Screen:
    """How a format that a person reads is shown: in colour, and wrapped to a width (None: lines kept whole)."""

    color: bool = False
    width: int | None = None


PLAIN = Screen()


class FormatWriter(Protocol):
    """What the module of a format of ``check`` provides."""

    def write(self, results: Sequence[AuditResult], rules: RuleSet, lang_for: Callable[[AuditResult], Lang],
              screen: Screen = PLAIN) -> Iterator[str]:
        """The output of one result, or of several in one output, in pieces as it is written."""


@dataclass(frozen=True)
class OutputFormat:
    """One output format."""

    name: str
    extension: str  # of a file written in this format, without the dot
    module: str  # the module that writes it, imported only when it is used
    streams: bool = False  # made in pieces while written, never whole in memory (tens of thousands of findings)
    document: bool = False  # a document for the client (report, memo), not an output of ``check``
    note: str | None = None  # the key of a few words the help adds to the name

    def writer(self) -> FormatWriter:
        """The module that writes this format."""
        if self.document:
            raise ValueError(f"{self.name} is a document format")
        return cast(FormatWriter, importlib.import_module(self.module))


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("terminal", "txt", "digimandate.render.terminal", streams=True),  # in colour it is made whole
    OutputFormat("json", "json", "digimandate.render.json_format", streams=True),
    OutputFormat("sarif", "sarif", "digimandate.render.sarif_format", streams=True),
    OutputFormat("junit", "xml", "digimandate.render.junit_format"),
    OutputFormat("github", "txt", "digimandate.render.github_format"),
    OutputFormat("md", "md", "digimandate.render.doc.to_markdown", document=True),
    OutputFormat("html", "html", "digimandate.render.doc.to_html", document=True, note="help_format_note_html"),
    OutputFormat("docx", "docx", "digimandate.render.doc.to_docx", document=True, note="help_format_note_docx"),
)}


def check_formats() -> list[OutputFormat]:
    """The formats ``check`` writes, in the order the help lists them."""
    return [f for f in FORMATS.values() if not f.document]


def document_formats() -> list[OutputFormat]:
    """The formats of the report and the memo."""
    return [f for f in FORMATS.values() if f.document]


def check_format(name: str) -> OutputFormat | None:
    """The format of ``check`` called ``name`` (any case), or None."""
    found = FORMATS.get(name.strip().lower())
    return found if found is not None and not found.document else None


def listed(formats: list[OutputFormat], lang: Lang) -> str:
    """The formats as the help names them, in ``lang``: "md, html (one self-contained file) or docx (Word)"."""
    names = [f.name if f.note is None else f"{f.name} ({t(f.note, lang)})" for f in formats]
    if len(names) < 2:
        return "".join(names)
    return t("help_list_last", lang, items=", ".join(names[:-1]), last=names[-1])
