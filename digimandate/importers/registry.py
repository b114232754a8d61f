"""The importer registry: every source `digimandate import` reads is one module with one `IMPORTER`.

Adding a source is one module in this package that defines ``IMPORTER = Importer(...)``:

- ``name``: the prefix on the command line (``zgw:file.json``, ``zaken:https://...``) and the kind in
  the report; its catalogue texts are ``imp_kind_<name>`` (its name) and ``imp_about_<name>`` (one line
  for ``--help``).
- ``rank``: precedence when sources disagree about a fact (lower wins; the hand-written file is 0).
- ``order``: when it reads, relative to the others (an importer that needs the processes or the
  departments another source gives reads after it).
- ``sniff``: the order in which content is tried, most specific first (an xlsx export before the
  spreadsheet template, which is an xlsx too).
- ``recognise(source) -> bool``: whether the content (or a URL) is this importer's; a file extension
  alone never decides, since exports get renamed.
- ``read(source, context) -> Found``: the drafts of entities and the report notes.
- ``dated(source) -> date | None``: the date of the export itself, when the export says it; the
  import records every source it read as a ``register`` source with that date.
- ``reference(source, context) -> str``: how that source is cited (the file name, or a query
  without its token).
- ``remote``: it reads a URL, never a file: it is only chosen by its prefix.
- ``writes``: the (section, key) facts it can write, so the report names only what no source writes.

The registry finds the modules itself (no list to keep): every module of ``digimandate.importers``
with an ``IMPORTER``.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digimandate.importers.common import Found, ImportContext


@dataclass
class ImportSource:
    """One source as given on the command line, read into memory, with its recognised kind."""

    spec: str  # as given, prefix included
    name: str  # how the report and messages name it: the file name, or the URL without secrets
    kind: str  # the importer's name ('' until recognised)
    raw: bytes = b""
    members: dict[str, bytes] = field(default_factory=dict)  # a zip's members, when it is one
    text: str = ""  # the decoded text, when it is not a zip
    path: Path | None = None  # the file read; None for a URL
    url: str = ""  # for a remote source
    unsafe: list[str] = field(default_factory=list)  # zip members skipped for a name that leaves the archive


@dataclass(frozen=True)
class Importer:
    """One source kind: what it recognises and what it reads (see the module docstring)."""

    name: str
    rank: int
    order: int
    read: Callable[[ImportSource, ImportContext], Found]
    recognise: Callable[[ImportSource], bool] = lambda src: False
    dated: Callable[[ImportSource], dt.date | None] = lambda src: None
    reference: Callable[[ImportSource, ImportContext], str] = lambda src, ctx: src.name
    sniff: int = 50
    remote: bool = False
    extensions: tuple[str, ...] = ()  # the files it reads are usually so named: shown in help, never decisive
    writes: frozenset[tuple[str, str]] = frozenset()


@functools.cache
def importers() -> dict[str, Importer]:
    """Every registered importer by name, in reading order."""
    import digimandate.importers as package

    found: list[Importer] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        importer: Any = getattr(module, "IMPORTER", None)
        if isinstance(importer, Importer):
            found.append(importer)
    return {i.name: i for i in sorted(found, key=lambda i: (i.order, i.name))}


def get(name: str) -> Importer:
    """The importer of a kind."""
    return importers()[name]


def names() -> tuple[str, ...]:
    """The prefixes a source may carry, in reading order."""
    return tuple(importers())


def sniffing() -> list[Importer]:
    """The importers that recognise files, most specific first."""
    return sorted((i for i in importers().values() if not i.remote), key=lambda i: (i.sniff, i.name))


def rank(name: str) -> int:
    """Precedence of a kind (lower wins); an unknown kind ranks last."""
    found = importers().get(name)
    return found.rank if found is not None else 99


def written() -> set[tuple[str, str]]:
    """Every (section, key) some importer can write."""
    return {fact for i in importers().values() for fact in i.writes}
