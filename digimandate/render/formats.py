"""The output formats, in one registry: name, file extension, whether it streams, and the module that writes it.

A format of ``check`` is one module that provides ``write`` (``FormatWriter``) and one line in
``FORMATS``; the command line's choices and help are made from this registry. The board documents
(report, memo, opzet, nota, interview guide) are built from the audit as a document model
(``render.doc``); a document format is one module that provides ``write_document``
(``DocumentWriter``) and one line here too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from digimandate.i18n import Lang, t

if TYPE_CHECKING:  # the command line lists the formats before any audit module is imported
    from digimandate.audit.result import AuditResult
    from digimandate.audit.specs import RuleSet
    from digimandate.render.doc.model import BoardDocument


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
class DocumentStyle:
    """How a document is written besides its content: a Word file's house style, where a Markdown chart stands."""

    reference: Path | None = None  # a Word file whose styles, header and footer a format with ``styled`` takes
    chart_file: str | None = None  # the maturity chart's SVG file beside a format with ``chart_apart``


class DocumentWriter(Protocol):
    """What the module of a document format provides."""

    def write_document(self, doc: BoardDocument, style: DocumentStyle) -> bytes:
        """The whole document, as the bytes of its file."""


@dataclass(frozen=True)
class OutputFormat:
    """One output format."""

    name: str
    extension: str  # of a file written in this format, without the dot
    module: str  # the module that writes it, imported only when it is used
    streams: bool = False  # made in pieces while written, never whole in memory (tens of thousands of findings)
    document: bool = False  # a document for the client (report, memo), not an output of ``check``
    note: str | None = None  # the key of a few words the help adds to the name
    title: str | None = None  # the key of what a reader calls a document format ("Word"), for a command's help
    binary: bool = False  # bytes no terminal shows: written to a file, never to standard output
    styled: bool = False  # takes a house style from a reference Word file (--reference-docx)
    chart_apart: bool = False  # a report keeps its maturity chart in an SVG file beside it, not inside

    def writer(self) -> FormatWriter:
        """The module that writes this format."""
        if self.document:
            raise ValueError(f"{self.name} is a document format")
        return cast(FormatWriter, importlib.import_module(self.module))

    def document_writer(self) -> DocumentWriter:
        """The module that writes this document format."""
        if not self.document:
            raise ValueError(f"{self.name} is not a document format")
        return cast(DocumentWriter, importlib.import_module(self.module))


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("terminal", "txt", "digimandate.render.terminal", streams=True),  # in colour it is made whole
    OutputFormat("json", "json", "digimandate.render.json_format", streams=True),
    OutputFormat("sarif", "sarif", "digimandate.render.sarif_format", streams=True),
    OutputFormat("junit", "xml", "digimandate.render.junit_format"),
    OutputFormat("github", "txt", "digimandate.render.github_format"),
    OutputFormat("md", "md", "digimandate.render.doc.to_markdown", document=True, title="help_format_title_md",
                 chart_apart=True),
    OutputFormat("html", "html", "digimandate.render.doc.to_html", document=True, note="help_format_note_html",
                 title="help_format_title_html"),
    OutputFormat("docx", "docx", "digimandate.render.doc.to_docx", document=True, note="help_format_note_docx",
                 title="help_format_title_docx", binary=True, styled=True),
)}


def check_formats() -> list[OutputFormat]:
    """The formats ``check`` writes, in the order the help lists them."""
    return [f for f in FORMATS.values() if not f.document]


def document_formats() -> list[OutputFormat]:
    """The formats of the report and the memo."""
    return [f for f in FORMATS.values() if f.document]


def document_format(name: str) -> OutputFormat:
    """The document format called ``name`` (one of the command line's choices)."""
    found = FORMATS[name]
    if not found.document:
        raise ValueError(f"{name} is not a document format")
    return found


def write_document(doc: BoardDocument, fmt: str, style: DocumentStyle | None = None) -> bytes:
    """The document in the format called ``fmt``, as the bytes of its file."""
    return document_format(fmt).document_writer().write_document(doc, style or DocumentStyle())


def check_format(name: str) -> OutputFormat | None:
    """The format of ``check`` called ``name`` (any case), or None."""
    found = FORMATS.get(name.strip().lower())
    return found if found is not None and not found.document else None


def listed(formats: list[OutputFormat], lang: Lang) -> str:
    """The formats as the help names them, in ``lang``: "md, html (one self-contained file) or docx (Word)"."""
    return one_of([f.name if f.note is None else f"{f.name} ({t(f.note, lang)})" for f in formats], lang)


def titled(formats: list[OutputFormat], lang: Lang) -> str:
    """The formats as a reader calls them, in ``lang``: "Markdown, HTML or Word"."""
    return one_of([f.name if f.title is None else t(f.title, lang) for f in formats], lang)


def one_of(names: list[str], lang: Lang) -> str:
    """Choices as a sentence names them, in ``lang``: "a, b or c"."""
    if len(names) < 2:
        return "".join(names)
    return t("help_list_last", lang, items=", ".join(names[:-1]), last=names[-1])
