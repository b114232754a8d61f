"""A small format-neutral document: sections of paragraphs, lists, tables and figures, all plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from digimandate.i18n import Lang

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BREAK = re.compile("[\r\n\u2028\u2029]+")


def xml_safe(text: str) -> str:
    """Text without the control characters XML (HTML, SVG, Word) cannot hold; names may carry them.

    A line break becomes a space: the document's texts are paragraphs, and a name that breaks the line could
    start one with a GitHub workflow command (``::error``) when the file is printed in a CI log.
    """
    return _CONTROL.sub("", _BREAK.sub(" ", text))


@dataclass(frozen=True)
class Para:
    """A paragraph; ``label`` is a bold lead-in ("Waarom:")."""

    text: str
    label: str | None = None


@dataclass(frozen=True)
class Items:
    """A bulleted or numbered list."""

    items: list[str]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths."""

    header: list[str]
    rows: list[list[str]]
    widths: list[int] | None = None
    levels: bool = False  # cells that hold a level (1 to 5) are shaded by it where a format can: a chart in Word


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, as at the head of a memo."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Chart:
    """The maturity chart: one bar per dimension; a level of ``None`` is drawn as not assessed."""

    title: str
    rows: list[tuple[str, int | None]]
    level_names: list[str]
    not_assessed: str
    # per row without a level, why (not assessed, or too few recorded facts); None: ``not_assessed`` for all
    why_none: list[str] | None = None

    def missing(self, i: int) -> str:
        """What row ``i`` shows instead of a level."""
        return self.why_none[i] if self.why_none is not None else self.not_assessed


@dataclass(frozen=True)
class Ownership:
    """Who owns what: per department its channels and products; and each mandate's reach."""

    title: str
    groups: list[tuple[str, list[str]]]
    mandates: list[tuple[str, str]]
    labels: tuple[str, str]  # column headings: "department", "channels and products"
    # per mandate the groups it reaches, by their names; None for a mandate of the whole organisation
    reach: list[list[str] | None] | None = None


@dataclass(frozen=True)
class Figure:
    """A drawn figure that only HTML shows (inline SVG); a table beside it holds the same data for the other formats."""

    title: str
    svg: str  # built from escaped text by the figure's own module


Block = Para | Items | Table | Fields | Chart | Ownership | Figure


@dataclass
class Section:
    """A titled part of the document; sections nest one level (a heading 2 inside a heading 1)."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    new_page: bool = False

    def add(self, *blocks: Block) -> Section:
        """Append blocks, for chaining."""
        self.blocks.extend(blocks)
        return self


@dataclass
class BoardDocument:
    """A whole document: title, a lead block under it, and its sections."""

    lang: Lang
    title: str
    subtitle: str
    front: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: str = ""
    contents: str | None = None  # the heading of a table of contents, for a document long enough to need one
    # on every page (a concept's "Concept", a definitief report's version and date); empty: none
    running_head: str = ""
    author: str = ""  # the document's author (``--from``); empty when nobody was named
    written: date | None = None  # the date it was written: Word's created and modified dates
