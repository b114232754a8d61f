"""The Uniforme Productnamenlijst (UPL-actueel.csv): check every process's UPL URI, and stub chosen products."""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field

from digimandate.errors import UsageError
from digimandate.importers.common import Draft, Found, ImportContext, Note, fail, norm, slugify
from digimandate.importers.registry import Importer, ImportSource

KIND = "upl"
COLUMNS = ("UniformeProductnaam", "URI")


@dataclass
class Upl:
    """URI -> name, and per name the first row it stands on."""

    names: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    apply: set[str] = field(default_factory=set)  # URIs people apply for or report (Aanvraag, Melding)

    def nearest(self, uri: str) -> list[str]:
        """The UPL names closest to the last part of an unknown URI."""
        tail = uri.rstrip("/").rsplit("/", 1)[-1].replace("_", " ")
        return difflib.get_close_matches(tail.lower(), list(self.names.values()), n=3, cutoff=0.5)


def looks_like(text: str) -> bool:
    """The UPL list starts with its product name and URI columns."""
    return text.lstrip("\ufeff").startswith(",".join(COLUMNS))


def parse_upl(text: str, source: str) -> Upl:
    """Read the list; a row without a URI is a located error."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    upl = Upl()
    for row in reader:
        line = reader.line_num
        name = (row.get("UniformeProductnaam") or "").strip()
        uri = (row.get("URI") or "").strip()
        if not name or not uri:
            raise fail(f"{source}:{line}", "imp_upl_row", "imp_upl_row_hint")
        if uri not in upl.names:
            upl.names[uri] = name
            upl.rows[uri] = line
        if (row.get("Aanvraag") or "").strip() or (row.get("Melding") or "").strip():
            upl.apply.add(uri)
    if not upl.names:
        raise fail(source, "imp_upl_row", "imp_upl_row_hint")
    return upl


def stubs(upl: Upl, select: tuple[str, ...], source: str) -> Found:
    """A stub process for each selected product name (case-insensitive)."""
    found = Found()
    by_name: dict[str, str] = {}
    for uri, name in upl.names.items():
        by_name.setdefault(norm(name), uri)
    for wanted in select:
        hit = by_name.get(norm(wanted))
        if hit is None:
            guess = difflib.get_close_matches(norm(wanted), list(by_name), n=1, cutoff=0.6)
            if guess:
                raise UsageError("imp_upl_select_unknown", "imp_upl_select_hint", name=wanted,
                                 suggestion=upl.names[by_name[guess[0]]])
            raise UsageError("imp_upl_select_unknown", "imp_upl_select_hint_plain", name=wanted)
        uri = hit
        name = upl.names[uri]
        at = f"{source}:{upl.rows[uri]}"
        found.drafts.append(Draft("processes", slugify(name), {"name": name, "upl": uri}, [f"upl:{uri}"], source,
                                  KIND, at))
        found.notes.append(Note(source, "mapped", at, "imp_upl_stub", {"name": name, "id": slugify(name)}))
        if uri not in upl.apply:  # neither Aanvraag nor Melding: nobody applies for it, so no intake is expected
            found.notes.append(Note(source, "warning", at, "imp_upl_not_applied", {"name": name}))
    return found


def _read(src: ImportSource, ctx: ImportContext) -> Found:
    """Read the list for the others to check against; stub the products asked for."""
    index = parse_upl(src.text, src.name)
    ctx.upl, ctx.upl_index, ctx.upl_source = index.names, index, src.name
    return stubs(index, ctx.select, src.name) if ctx.select else Found()


IMPORTER = Importer(KIND, rank=4, order=0, read=_read, recognise=lambda src: bool(src.text) and looks_like(src.text),
                    sniff=20, extensions=("csv",), writes=frozenset({("processes", "upl")}))
