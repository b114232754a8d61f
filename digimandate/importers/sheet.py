"""The consultant's spreadsheet: the template (xlsx or CSV) and reading it back, located as `Producten!D14`."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from digimandate.errors import Term
from digimandate.i18n import LANGS, Lang, t
from digimandate.importers.common import (
    Draft,
    Found,
    ImportContext,
    IntakeDraft,
    Note,
    SourceError,
    SourceProblem,
    fail,
    is_zip,
    read_zip,
    slugify,
    workbook_date,
)
from digimandate.importers.registry import Importer, ImportSource
from digimandate.model.org import DeptFunction, SystemType
from digimandate.model.validate import suggest

KIND = "sheet"
ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
YES = frozenset({"ja", "yes", "j", "y", "true", "waar", "x", "1"})
NO = frozenset({"nee", "no", "n", "false", "onwaar", "0"})
MAX_ROWS = 10_000
MAX_COLUMNS = 500  # reading a sheet builds rows x columns cells: one far cell (XFD1) must not cost gigabytes
MAX_CELLS = 1_000_000


MAX_PROBLEMS = 50  # a workbook's problems named in one run; past this the count of the rest


class Problems:
    """Every located problem of one workbook, so that one run names them all (the first ``MAX_PROBLEMS``)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[SourceProblem] = []
        self.more = 0

    def add(self, error: SourceError) -> None:
        """Keep the problems of an error raised for one cell or row, and read on."""
        for problem in error.problems:
            if any(p.where == problem.where for p in self.found):  # one problem per cell: a formula is no empty cell
                continue
            if len(self.found) < MAX_PROBLEMS:
                self.found.append(problem)
            else:
                self.more += 1

    def all(self) -> list[SourceProblem]:
        """Every problem kept, in sheet order, and then the count of those not named."""
        more = [SourceProblem(self.source, "imp_more_problems", {"count": self.more}, "imp_more_problems_hint")]
        return in_sheet_order(self.found) + (more if self.more else [])

    def check(self) -> None:
        """Raise them all (exit 2), with the count of those not named; nothing when there is none."""
        if self.found:
            raise SourceError(self.all())


CELL = re.compile(r"^(?P<sheet>.*)!(?P<col>[A-Z]{1,3})(?P<row>[0-9]{1,7})$")


def in_sheet_order(problems: list[SourceProblem]) -> list[SourceProblem]:
    """Problems by sheet (in the order first met), then row, then column: as the reader goes through the workbook."""
    sheets: dict[str, int] = {}

    def key(problem: SourceProblem) -> tuple[int, int, int]:
        match = CELL.match(problem.where)
        sheet = match["sheet"] if match else problem.where.partition("!")[0]
        order = sheets.setdefault(sheet, len(sheets))
        if match is None:  # a whole row (`Sheet!1:1`) after its cells; a whole sheet before them
            row = re.fullmatch(r"([0-9]{1,7}):[0-9]{1,7}", problem.where.rpartition("!")[2]) \
                if "!" in problem.where else None
            return (order, int(row[1]), MAX_COLUMNS + 1) if row else (order, 0, 0)
        return (order, int(match["row"]), column_index(match["col"]))

    return sorted(problems, key=key)


@dataclass(frozen=True)
class Column:
    """One column: the model key, its heading per language, and what a cell may hold."""

    key: str
    nl: str
    en: str
    kind: str = "text"  # id | text | ref | date | bool | enum
    values: tuple[str, ...] = ()
    required: bool = False

    def head(self, lang: Lang) -> str:
        """The heading in ``lang``."""
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Sheet:
    """One sheet: an entity list (or the intake routes) and its columns."""

    section: str
    nl: str
    en: str
    cols: tuple[Column, ...]

    def title(self, lang: Lang) -> str:
        """The sheet's name in ``lang``."""
        return self.nl if lang == "nl" else self.en


SHEETS = (
    Sheet("departments", "Afdelingen", "Departments", (
        Column("id", "id", "id", "id"), Column("name", "naam", "name", required=True),
        Column("function", "functie", "function", "enum", get_args(DeptFunction), required=True))),
    Sheet("people", "Medewerkers", "People", (
        Column("id", "id", "id", "id"), Column("name", "naam", "name", required=True),
        Column("department", "afdeling", "department", "ref", required=True),
        Column("title", "functietitel", "title"))),
    Sheet("processes", "Producten", "Products", (
        Column("id", "id", "id", "id"), Column("name", "naam", "name", required=True), Column("upl", "upl", "upl"),
        Column("department", "afdeling", "department", "ref"), Column("designer", "ontwerper", "designer", "ref"),
        Column("it_contact", "it_contact", "it_contact", "ref"),
        Column("last_user_test", "laatste_gebruikerstest", "last_user_test", "date"))),
    Sheet("intake", "Kanalen", "Channels", (
        Column("product", "product", "product", "ref", required=True),
        Column("channel", "kanaal", "channel", "ref", required=True),
        Column("form", "formulier", "form", "bool"), Column("lands_in", "komt_binnen_in", "lands_in", "ref"))),
    Sheet("systems", "Systemen", "Systems", (
        Column("id", "id", "id", "id"), Column("name", "naam", "name", required=True),
        Column("type", "type", "type", "enum", get_args(SystemType), required=True),
        Column("owner", "eigenaar", "owner", "ref"))),
)
RACI = ("RACI", "RACI")


def written() -> set[tuple[str, str]]:
    """(section, model key) the spreadsheet can write: its columns, the intake routes, and a process owner (RACI)."""
    out = {("processes" if sheet.section == "intake" else sheet.section, col.key)
           for sheet in SHEETS for col in sheet.cols}
    return out | {("processes", "intake"), ("processes", "owner")}
INSTRUCTIONS = ("Instructies", "Instructions")
INSTRUCTION_KEYS = tuple(f"imp_sheet_help_{i}" for i in range(1, 9))


def column_index(letters: str) -> int:
    """The 1-based column index of Excel's letters (A -> 1, AA -> 27)."""
    out = 0
    for letter in letters:
        out = out * 26 + ord(letter) - 64
    return out


def column_letter(index: int) -> str:
    """Excel's letters for a 1-based column index (1 -> A, 27 -> AA)."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# Writing the template ------------------------------------------------------------------------------

def template_xlsx(lang: Lang) -> bytes:
    """The workbook: instructions, one sheet per entity list with validation lists, and a RACI sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    info = book.active
    assert info is not None
    info.title = INSTRUCTIONS[0] if lang == "nl" else INSTRUCTIONS[1]
    for i, key in enumerate(INSTRUCTION_KEYS, start=1):
        info.cell(row=i, column=1, value=t(key, lang))
    info.column_dimensions["A"].width = 120
    yes_no = "ja,nee" if lang == "nl" else "yes,no"
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title(lang))
        for c, col in enumerate(sheet.cols, start=1):
            cell = ws.cell(row=1, column=c, value=col.head(lang))
            cell.font = Font(bold=True)
            ws.column_dimensions[column_letter(c)].width = max(14, len(col.head(lang)) + 4)
            if col.kind in ("enum", "bool"):
                values = ",".join(col.values) if col.kind == "enum" else yes_no
                check = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
                check.add(f"{column_letter(c)}2:{column_letter(c)}1000")
                ws.add_data_validation(check)
            if col.kind == "date":  # a column style, so that no empty cells are created
                ws.column_dimensions[column_letter(c)].number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
    raci = book.create_sheet(RACI[0])
    raci.cell(row=1, column=1, value="product").font = Font(bold=True)
    check = DataValidation(type="list", formula1='"R,A,C,I"', allow_blank=True)
    check.add("B2:ZZ1000")
    raci.add_data_validation(check)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv(lang: Lang) -> dict[str, bytes]:
    """One CSV per sheet as Dutch Excel saves it: `;` and UTF-8 with a byte order mark."""
    out = {}
    for sheet in SHEETS:
        out[f"{sheet.title(lang)}.csv"] = ("\ufeff" + ";".join(c.head(lang) for c in sheet.cols) + "\r\n").encode()
    out[f"{RACI[0]}.csv"] = "\ufeffproduct\r\n".encode()
    return out


# Reading it back ----------------------------------------------------------------------------------

Cell = tuple[Any, str]  # a value and where it stands (`Producten!D14`)


def looks_like_csv(text: str) -> bool:
    """A CSV whose first line names a sheet's columns or the RACI sheet."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    parts = [h.strip().lower() for h in re.split("[;,\t]", first)]
    heads = set(parts)
    return parts[0] == "product" or any(len(heads & {c.head(lang) for c in s.cols}) >= 2
                                       for s in SHEETS for lang in LANGS)


def decode_csv(raw: bytes, source: str) -> str:
    """UTF-8 (with or without a byte order mark) or cp1252, as Excel saves; UTF-16 is refused."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:200]:
        raise fail(source, "imp_csv_utf16", "imp_csv_utf16_hint")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise fail(source, "imp_not_utf8", "imp_not_utf8_hint", byte=f"{raw[exc.start]:02x}") from None


def read_csv(raw: bytes, source: str) -> Found:
    """One sheet saved as CSV; the sheet is told by its column headings."""
    text = decode_csv(raw, source)
    dialect = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    rows: list[list[Cell]] = []
    for r, row in enumerate(csv.reader(io.StringIO(text), delimiter=dialect), start=1):
        if r > MAX_ROWS:
            raise fail(source, "imp_sheet_too_many_rows", "imp_sheet_too_many_rows_hint", limit=MAX_ROWS)
        rows.append([(v, f"{source}!{column_letter(c)}{r}") for c, v in enumerate(row, start=1)])
    if not rows:
        raise fail(source, "imp_sheet_unknown", "imp_sheet_unknown_hint", names=_all_names())
    heads = {str(v).strip().lower() for v, _ in rows[0]}
    found = Found()
    if heads == {"product"} or (rows[0] and str(rows[0][0][0]).strip().lower() == "product"
                                and not any(len(heads & {c.head(lg) for c in s.cols}) >= 3
                                            for s in SHEETS for lg in LANGS)):
        problems = Problems(source)
        with_problems(problems, lambda: _raci(rows, source, found, problems))
        found.problems = problems.all() if problems.found else []
        return found
    pairs: list[tuple[Sheet, Lang]] = [(s, lg) for s in SHEETS for lg in LANGS]
    best = max(pairs,
               key=lambda p: len(heads & {c.head(p[1]) for c in p[0].cols}))
    problems = Problems(source)
    with_problems(problems, lambda: _sheet(best[0], best[1], rows, source, f"{source}!", found, True, problems))
    found.problems = problems.all() if problems.found else []
    return found


def read_xlsx(raw: bytes, source: str) -> Found:
    """Every known sheet of a workbook; formulas, merged cells and dates typed as text are refused."""
    book, unread = load_xlsx(raw, source)
    lang: Lang = "nl" if any(s.nl in book.sheetnames for s in SHEETS) else "en"
    found = Found()
    found.notes += [Note(source, "warning", source, "imp_xlsx_unread", {"part": Term(part)}) for part in unread]
    problems = Problems(source)
    known = {s.title(lang) for s in SHEETS} | {RACI[0], INSTRUCTIONS[0], INSTRUCTIONS[1]}
    for name in book.sheetnames:
        if name not in known:
            found.notes.append(Note(source, "skipped", f"{source}:{name}", "imp_sheet_ignored", {"sheet": name}))
    if not any(s.title(lang) in book.sheetnames for s in SHEETS):
        raise fail(source, "imp_sheet_unknown", "imp_sheet_unknown_hint", names=_all_names())
    for sheet in SHEETS:
        if sheet.title(lang) not in book.sheetnames:
            continue
        ws = book[sheet.title(lang)]
        with_problems(problems, functools.partial(_read_sheet, sheet, lang, ws, source, found, problems))
    if RACI[0] in book.sheetnames:
        with_problems(problems, lambda: _raci(_cells(book[RACI[0]], source, problems), source, found, problems))
    found.problems = problems.all() if problems.found else []  # named with what the model refuses of the rest
    return found


# What openpyxl warns of while it reads a workbook (in English, on standard error), by the part it does not
# read: said instead in the user's language. Only the values of cells are read, so none of these is lost.
UNREAD = (("marked as a date", ""),  # the cell is an error value then, refused at its cell
          ("conditional formatting", "imp_xlsx_part_formatting"), ("extension", "imp_xlsx_part_extension"),
          ("drawing", "imp_xlsx_part_drawing"), ("chart", "imp_xlsx_part_drawing"),
          ("image", "imp_xlsx_part_drawing"), ("header or footer", "imp_xlsx_part_header"),
          ("style", "imp_xlsx_part_style"), ("defined name", "imp_xlsx_part_names"),
          ("print area", "imp_xlsx_part_names"), ("print titles", "imp_xlsx_part_names"))


def load_xlsx(raw: bytes, source: str) -> tuple[Any, list[str]]:
    """The workbook, formulas kept as formulas; and, as catalogue keys, the parts of it that are not read."""
    read_zip(raw, source)  # the bounds of any archive, before openpyxl unpacks it
    from openpyxl import load_workbook

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            book = load_workbook(io.BytesIO(raw), data_only=False)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise fail(source, "imp_bad_xlsx", "imp_bad_xlsx_hint", reason=f"{type(exc).__name__}: {exc}") from None
    return book, unread_parts(caught)


def unread_parts(caught: list[warnings.WarningMessage]) -> list[str]:
    """The catalogue keys of the parts of a workbook openpyxl warned of, once each."""
    parts = [next((key for words, key in UNREAD if words in str(w.message).lower()), "imp_xlsx_part_other")
             for w in caught]
    return [part for part in dict.fromkeys(parts) if part]


def with_problems(problems: Problems, read: Callable[[], None]) -> None:
    """Read a part of a workbook; its problems are kept with the others, and the next part is read."""
    try:
        read()
    except SourceError as error:
        problems.add(error)


def _cells(ws: Any, source: str, problems: Problems | None = None) -> list[list[Cell]]:
    """The sheet's cells, located; every formula is a problem (kept in ``problems`` when given), never a value."""
    prefix = f"{source}:{ws.title}!"
    merged = list(ws.merged_cells.ranges)
    if merged:
        raise fail(f"{prefix}{merged[0].coord}", "imp_sheet_merged", "imp_sheet_merged_hint")
    if ws.max_row > MAX_ROWS:
        raise fail(f"{source}:{ws.title}", "imp_sheet_too_many_rows", "imp_sheet_too_many_rows_hint", limit=MAX_ROWS)
    if ws.max_column > MAX_COLUMNS or ws.max_row * ws.max_column > MAX_CELLS:
        raise fail(f"{source}:{ws.title}", "imp_sheet_too_wide", "imp_sheet_too_wide_hint",
                   last=column_letter(ws.max_column))
    rows = []
    for row in ws.iter_rows():
        out = []
        for cell in row:
            if cell.data_type == "e":  # #N/A, #VALUE!: no value, and no text to take for one
                error = fail(f"{prefix}{cell.coordinate}", "imp_sheet_error_value", "imp_sheet_error_value_hint",
                             found=str(cell.value))
                if problems is None:
                    raise error
                problems.add(error)
                out.append((None, f"{prefix}{cell.coordinate}"))
                continue
            if cell.data_type == "f":
                error = fail(f"{prefix}{cell.coordinate}", "imp_sheet_formula", "imp_sheet_formula_hint",
                             formula=str(cell.value))
                if problems is None:
                    raise error
                problems.add(error)
                out.append((None, f"{prefix}{cell.coordinate}"))  # read as empty: the run fails anyway
                continue
            out.append((cell.value, f"{prefix}{cell.coordinate}"))
        rows.append(out)
    return rows


def _all_names() -> str:
    return ", ".join(s.title(lg) for lg in ("nl", "en") for s in SHEETS)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(sheet: Sheet, lang: Lang, ws: Any, source: str, found: Found, problems: Problems) -> None:
    """One sheet of a workbook, its cells located as ``file.xlsx:Sheet!C7``."""
    _sheet(sheet, lang, _cells(ws, source, problems), source, f"{source}:{ws.title}!", found, False, problems)


def _sheet(sheet: Sheet, lang: Lang, rows: list[list[Cell]], source: str, prefix: str, found: Found,
           text_dates: bool, problems: Problems) -> None:
    """Check the headings, then turn each filled row into a draft (or an intake route)."""
    if not rows:
        return
    heads = {col.head(lang): col for col in sheet.cols}
    index: dict[str, int] = {}
    wrong: list[SourceProblem] = []
    for i, (value, where) in enumerate(rows[0]):
        if _blank(value):
            continue
        head = str(value).strip()
        if head not in heads:
            guess = suggest(head, list(heads))
            wrong.append(SourceProblem(where, "imp_sheet_unknown_column",
                                          {"column": head, "sheet": sheet.title(lang), "suggestion": guess or "",
                                           "allowed": ", ".join(heads)},
                                          "imp_sheet_column_guess" if guess else "imp_sheet_column_allowed"))
        elif heads[head].key in index:  # the second would hide the first: its values would silently be lost
            wrong.append(SourceProblem(where, "imp_sheet_column_twice", {"column": head, "sheet": sheet.title(lang)},
                                          "imp_sheet_column_twice_hint"))
        else:
            index[heads[head].key] = i
    for col in sheet.cols:
        if col.key not in index:
            wrong.append(SourceProblem(f"{prefix}1:1", "imp_sheet_missing_column",
                                          {"column": col.head(lang), "sheet": sheet.title(lang)},
                                          "imp_sheet_missing_column_hint"))
    if wrong:
        raise SourceError(wrong)
    for row in rows[1:]:
        cells = {key: row[i] if i < len(row) else (None, "") for key, i in index.items()}
        if all(_blank(v) for v, _ in cells.values()):
            continue
        values: dict[str, Any] = {}
        before = len(problems.found) + problems.more
        for col in sheet.cols:  # each cell on its own: every wrong cell of the row is named
            try:
                values[col.key] = _value(col, cells[col.key][0], cells[col.key][1], lang, text_dates)
            except SourceError as error:
                problems.add(error)
        if len(problems.found) + problems.more == before:
            _row(sheet, values, cells[sheet.cols[0].key][1], source, found, {k: w for k, (_, w) in cells.items()})


def _value(col: Column, value: Any, where: str, lang: Lang, text_dates: bool) -> Any:
    """A cell as the model wants it; blank is None (not recorded)."""
    if _blank(value):
        if col.required:
            raise fail(where, "imp_sheet_required", "imp_sheet_required_hint", column=col.head(lang))
        return None
    if col.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if text_dates and isinstance(value, str):
            return _text_date(value.strip(), where)
        if isinstance(value, (int, float)) and not isinstance(value, bool):  # a date cell that lost its format
            raise fail(where, "imp_sheet_date_number", "imp_sheet_date_number_hint", found=f"{value:g}")
        raise fail(where, "imp_sheet_date_text", "imp_sheet_date_text_hint", found=str(value))
    if col.kind == "bool":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in YES or word in NO:
            return word in YES
        raise fail(where, "imp_sheet_bad_bool", "imp_sheet_bad_bool_hint", found=str(value))
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    if col.kind == "enum" and text not in col.values:
        guess = suggest(text.lower(), list(col.values))
        raise fail(where, "imp_sheet_bad_enum", "imp_sheet_bad_enum_hint", found=text,
                   allowed=", ".join(col.values), suggestion=guess or "")
    if col.kind in ("id", "ref") and not ID.match(text):
        raise fail(where, "imp_sheet_bad_id", "imp_sheet_bad_id_hint", found=text, suggestion=slugify(text))
    return text


def _text_date(text: str, where: str) -> dt.date:
    """A date in a CSV: ISO (2026-05-01) or Dutch (1-5-2026)."""
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(where, "imp_sheet_bad_date", "imp_sheet_date_text_hint", found=text) from None


def _row(sheet: Sheet, values: dict[str, Any], where: str, source: str, found: Found, cells: dict[str, str]) -> None:
    """One filled row as a draft of its entity (or an intake route), each value with its cell."""
    if sheet.section == "intake":
        product = values["product"]
        intake = IntakeDraft(values["channel"], values["form"], values["lands_in"], where)
        found.drafts.append(Draft("processes", product, {}, [], source, KIND, where, intake=[intake]))
        return
    ident = values.pop("id") or slugify(values["name"])
    fields = {k: v for k, v in values.items() if v is not None}
    found.drafts.append(Draft(sheet.section, ident, fields, [f"sheet:{sheet.section}/{ident}"], source, KIND, where,
                              cells={k: cells[k] for k in fields if cells.get(k)}))
    found.notes.append(Note(source, "mapped", where, "imp_sheet_row", {"section": Term(f"imp_one_{sheet.section}"),
                                                                         "id": ident}))


def _raci(rows: list[list[Cell]], source: str, found: Found, problems: Problems) -> None:
    """Products x people; only an A (accountable) becomes the process owner."""
    if not rows:
        return
    people = [(str(v).strip(), w) for v, w in rows[0][1:]]
    bad = [fail(where, "imp_sheet_bad_id", "imp_sheet_bad_id_hint", found=ident, suggestion=slugify(ident))
           for ident, where in people if ident and not ID.match(ident)]
    for error in bad:
        problems.add(error)
    if bad:
        return
    for row in rows[1:]:
        if not row or _blank(row[0][0]):
            continue
        product, where = str(row[0][0]).strip(), row[0][1]
        accountable: list[tuple[str, str]] = []
        for (value, cell), (person, _) in zip(row[1:], people, strict=False):
            letters = set(re.sub(r"[\s/,+]", "", str(value or "")).upper())
            if letters - set("RACI"):
                problems.add(fail(cell, "imp_sheet_bad_raci", "imp_sheet_bad_raci_hint", found=str(value)))
                continue
            if "A" in letters and person:
                accountable.append((person, cell))
        if len(accountable) == 1:
            owner, cell = accountable[0]
            found.drafts.append(Draft("processes", product, {"owner": owner}, [], source, KIND, where,
                                      cells={"owner": cell}))
        elif len(accountable) > 1:
            found.notes.append(Note(source, "conflict", where, "imp_raci_many_a",
                                    {"product": product, "people": ", ".join(p for p, _ in accountable)},
                                    yaml="owner: <person id>"))




def _recognise(src: ImportSource) -> bool:
    """A workbook (the template is one), or a CSV whose first line names a sheet's columns."""
    if src.members:
        return "[Content_Types].xml" in src.members and any(n.startswith("xl/") for n in src.members)
    return bool(src.text) and looks_like_csv(src.text)


def _read(src: ImportSource, ctx: ImportContext) -> Found:
    """The workbook or CSV; its departments are known to the sources read after it."""
    found = read_xlsx(src.raw, src.name) if is_zip(src.raw) else read_csv(src.raw, src.name)
    for d in found.drafts:
        if d.section == "departments":
            ctx.departments.setdefault(d.id, str(d.fields.get("name", "")))
    return found


IMPORTER = Importer(KIND, rank=1, order=1, read=_read, recognise=_recognise, sniff=80, extensions=("xlsx", "csv"),
                    dated=lambda src: workbook_date(src.members, "modified"),
                    writes=frozenset(written()))
