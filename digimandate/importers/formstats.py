"""Open Formulieren's submission statistics (`submissions_START_END.xlsx`): digital volumes per form.

The export (Admin, Formulieren, Statistieken exporteren) has one row per submission that was completed
or registered in the period, under the headings below (Dutch or English, as the admin spoke). Rows are
counted per form and year, and matched to the processes the form export made (``openforms:<slug>``)
or to a process of the same name. Only values are read: a formula is refused, not evaluated.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

from digimandate.errors import Term
from digimandate.importers.common import Draft, Found, ImportContext, Note, fail, norm, slugify, workbook_date
from digimandate.importers.registry import Importer, ImportSource
from digimandate.importers.sheet import MAX_COLUMNS, column_letter, unread_parts

KIND = "formstats"
MAX_ROWS = 2_000_000  # a large municipality: some 200,000 submissions a year
# The export's headings (open-forms `src/openforms/forms/statistics.py`), in English and as translated to Dutch.
HEADINGS = {
    "reference": ("Public reference", "Publieke referentie"),
    "name": ("Form name (public)", "Formuliernaam (publiek)"),
    "internal": ("Form name (internal)", "Formuliernaam (intern)"),
    "submitted": ("Submitted on", "Ingezonden op"),
    "registered": ("Registered on", "Geregistreerd op"),
}
FILE_NAME = re.compile(r"submissions_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Period:
    """The dates the export covers, from its file name (both inclusive)."""

    start: dt.date
    end: dt.date


def period_of(name: str) -> Period | None:
    """The period a file name `submissions_2025-01-01_2025-12-31.xlsx` states, if it does."""
    match = FILE_NAME.search(name)
    if not match:
        return None
    try:
        return Period(dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2]))
    except ValueError:
        return None


def _recognise(src: ImportSource) -> bool:
    """A workbook whose strings hold the export's headings (in either language)."""
    if "[Content_Types].xml" not in src.members:
        return False
    text = b" ".join(v for k, v in src.members.items() if k.startswith("xl/") and k.endswith(".xml"))
    return any(all(h[lang].encode() in text for h in (HEADINGS["name"], HEADINGS["submitted"]))
               for lang in (0, 1))


def _when(value: Any, where: str) -> dt.date | None:
    """A cell's date: an ISO timestamp as the export writes it, or a date cell of a workbook saved again."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).date()
    except ValueError:
        raise fail(where, "imp_stats_bad_date", "imp_stats_bad_date_hint", found=str(value)[:40]) from None


def read_counts(raw: bytes, source: str) -> tuple[dict[tuple[str, str], Counter[int]], dict[str, str]]:
    """Per (public name, internal name) the submissions per year, and where each form first stands."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
        ws = book.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise fail(source, "imp_bad_xlsx", "imp_bad_xlsx_hint", reason=f"{type(exc).__name__}: {exc}") from None
    prefix = f"{source}:{ws.title}!"
    counts: dict[tuple[str, str], Counter[int]] = {}
    first: dict[str, str] = {}
    index: dict[str, int] = {}
    # rows are padded to the widest: one far cell (XFD1) would make every row 16,384 cells; the export has a few
    for r, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        if r > MAX_ROWS:
            raise fail(f"{source}:{ws.title}", "imp_sheet_too_many_rows", None, limit=MAX_ROWS)
        cells = []
        for c, cell in enumerate(row, start=1):
            if getattr(cell, "data_type", None) == "f":
                raise fail(f"{prefix}{column_letter(c)}{r}", "imp_sheet_formula", "imp_sheet_formula_hint",
                           formula=str(cell.value))
            cells.append(cell.value)
        if r == 1:
            index = _headings(cells, prefix)
            continue
        value = {key: cells[i] if i < len(cells) else None for key, i in index.items()}
        name = str(value.get("name") or "").strip()
        if not name:
            if any(v is not None and str(v).strip() for v in cells):
                raise fail(f"{prefix}{column_letter(index['name'] + 1)}{r}", "imp_sheet_required",
                           "imp_sheet_required_hint", column=HEADINGS["name"][0])
            continue
        at = f"{prefix}{column_letter(index['submitted'] + 1)}{r}"
        day = _when(value.get("submitted"), at)
        if day is None and "registered" in index:
            at = f"{prefix}{column_letter(index['registered'] + 1)}{r}"
            day = _when(value.get("registered"), at)
        if day is None:
            raise fail(at, "imp_stats_no_date", "imp_stats_bad_date_hint", found="-")
        key = (name, str(value.get("internal") or "").strip())
        counts.setdefault(key, Counter())[day.year] += 1
        first.setdefault(name, f"{prefix}A{r}")
    book.close()  # a read-only workbook keeps its archive open until closed
    if not index:
        raise fail(source, "imp_stats_empty", "imp_stats_empty_hint")
    return counts, first


def _headings(cells: list[Any], prefix: str) -> dict[str, int]:
    """Column per heading; the form's name and the submission date are required."""
    found: dict[str, int] = {}
    for i, value in enumerate(cells):
        text = str(value or "").strip()
        for key, names in HEADINGS.items():
            if text in names:
                found.setdefault(key, i)
    for key in ("name", "submitted"):
        if key not in found:
            raise fail(f"{prefix}1:1", "imp_sheet_missing_column", "imp_sheet_missing_column_hint",
                       column=" / ".join(HEADINGS[key]), sheet=prefix.rstrip("!").rsplit("!", 1)[-1])
    return found


def _processes(ctx: ImportContext) -> list[tuple[str, list[str], str]]:
    """(id, refs, name) of the processes known: hand-written, then from the sources read before."""
    out = [(e.id, list(e.refs), str(e.fields.get("name", ""))) for e in ctx.existing.get("processes", [])]
    out += [(d.id, list(d.refs), str(d.fields.get("name", ""))) for f in ctx.found for d in f.drafts
            if d.section == "processes"]
    return out


def _match(public: str, internal: str, known: list[tuple[str, list[str], str]]) -> tuple[str, list[str]] | None:
    """The process of a form: by the ref the form export gives it (its slug), else by name."""
    wanted = {f"openforms:{slugify(public)}"} | ({f"openforms:{slugify(internal)}"} if internal else set())
    for ident, refs, _ in known:
        if wanted & set(refs):
            return ident, sorted(wanted & set(refs))
    names = {norm(public)} | ({norm(internal)} if internal else set())
    for ident, refs, name in known:
        if name and norm(name) in names:
            return ident, [r for r in refs if r.startswith("openforms:")]
    return None


def _read(src: ImportSource, ctx: ImportContext) -> Found:
    with warnings.catch_warnings(record=True) as caught:  # openpyxl's, in English: said in the report instead
        warnings.simplefilter("always")
        counts, first = read_counts(src.raw, src.name)
    period = period_of(src.name)
    years = sorted({y for c in counts.values() for y in c})
    if ctx.period is not None:
        year = ctx.period
    elif len(years) == 1:
        year = years[0]
    elif not years:
        raise fail(src.name, "imp_stats_empty", "imp_stats_empty_hint")
    else:
        raise fail(src.name, "imp_stats_years", "imp_stats_years_hint", years=", ".join(map(str, years)),
                   example=years[-1])
    found = Found()
    found.notes += [Note(src.name, "warning", src.name, "imp_xlsx_unread", {"part": Term(part)})
                    for part in unread_parts(caught)]
    if period is not None and (period.start > dt.date(year, 1, 1) or period.end < dt.date(year, 12, 31)):
        found.notes.append(Note(src.name, "warning", src.name, "imp_stats_part_year",
                                {"year": year, "start": period.start.isoformat(), "end": period.end.isoformat()}))
    known = _processes(ctx)
    per_process: dict[str, tuple[int, list[str], str, list[str]]] = {}
    for (public, internal), by_year in counts.items():
        n = by_year.get(year, 0)
        where = first[public]
        if not n:
            continue
        hit = _match(public, internal, known)
        if hit is None:
            found.notes.append(Note(src.name, "person", where, "imp_stats_unmatched",
                                    {"form": public, "count": n, "year": year},
                                    yaml=f"refs: [\"openforms:{slugify(public)}\"]"))
            continue
        ident, links = hit
        total, refs, at, forms = per_process.get(ident, (0, [], where, []))
        per_process[ident] = (total + n, sorted(set(refs + links)), at, [*forms, public])
    for ident, (n, links, where, forms) in per_process.items():
        found.drafts.append(Draft("processes", ident, {"volume": {"year": year, "digital": n}}, [], src.name, KIND,
                                  where, links=links))
        found.notes.append(Note(src.name, "mapped", where, "imp_stats_counted",
                                {"process": ident, "count": n, "year": year, "forms": ", ".join(forms)}))
    skipped = sum(c for by_year in counts.values() for y, c in by_year.items() if y != year)
    if skipped:
        found.notes.append(Note(src.name, "skipped", src.name, "imp_stats_other_years", {"count": skipped,
                                                                                         "year": year}))
    return found


def _dated(src: ImportSource) -> dt.date | None:
    """When the export was made (the workbook's own date), else the last day it covers."""
    made: dt.date | None = workbook_date(src.members, "created")
    period = period_of(src.name)
    return made if made is not None else period.end if period is not None else None


IMPORTER = Importer(KIND, rank=3, order=9, read=_read, recognise=_recognise, sniff=35, extensions=("xlsx",),
                    dated=_dated,
                    writes=frozenset({("processes", "volume")}))
