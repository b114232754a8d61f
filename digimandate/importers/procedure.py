"""The audit's workbooks: the information request and the reaction sheet, written and read back with their sources.

What comes back is untrusted: the workbook is bounded like every zip, formulas are refused (never
evaluated: only values are read), every cell is located (``uitvraag.xlsx:Uitvraag!G5``) and every
answer is checked against the fact it answers before anything is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from digimandate.i18n import Lang, t
from digimandate.importers.common import SourceError, SourceProblem, fail, is_zip, read_zip, slugify
from digimandate.importers.sheet import NO, YES, Problems, _cells, column_letter, load_xlsx
from digimandate.model.dossier import DECISIONS
from digimandate.model.facts import BY_KEY, Fact
from digimandate.model.org import MAX_TEXT, OrgModel
from digimandate.model.register import SOURCE_TYPES
from digimandate.model.validate import suggest
from digimandate.textsafe import one_line

META = "digimandate"  # the hidden sheet that says what a workbook is
KINDS = ("uitvraag", "reacties")
MAX_ROWS = 50_000  # a nota of a large organisation has thousands of paragraphs; the bytes are bounded too
REACTION_KINDS = ("correctie", "aanvulling", "nuance", "onenigheid")


@dataclass(frozen=True)
class Heading:
    """A column of an audit workbook: its key and its heading per language."""

    key: str
    nl: str
    en: str
    width: int = 16
    official: bool = True  # filled in by the organisation (False: by the auditor, or written by us)
    former: str = ""  # the Dutch heading an earlier version wrote, still read back

    def head(self, lang: Lang) -> str:
        """The heading in ``lang``."""
        return self.nl if lang == "nl" else self.en


REQUEST_SHEET = ("Uitvraag", "Request")
REQUEST_COLS = (
    Heading("nr", "nr", "no", 6, False), Heading("role", "rol", "role", 18, False),
    Heading("subject", "onderwerp", "subject", 28, False), Heading("question", "vraag", "question", 60, False),
    Heading("choices", "keuzes", "choices", 22, False), Heading("answer", "antwoord", "answer", 30),
    Heading("type", "brontype", "source type", 14), Heading("reference", "bron", "source", 28),
    Heading("by", "verstrekt door", "provided by", 20), Heading("date", "datum", "date", 12),
    Heading("id", "kenmerk", "key", 12, False),
)
REACTION_SHEET = ("Reacties", "Reactions")
REACTION_COLS = (
    Heading("nr", "nr", "no", 6, False), Heading("text", "tekst", "text", 60, False),
    Heading("reaction", "reactie", "reaction", 40), Heading("kind", "soort", "kind", 18),
    Heading("source", "bron aangeboden", "source offered", 28), Heading("value", "juiste waarde", "correct value", 22),
    Heading("by", "namens", "on behalf of", 20), Heading("date", "datum", "date", 12),
    Heading("decision", "besluit onderzoeker", "auditor's decision", 18, False, "besluit auditor"),
    Heading("reason", "motivering", "reason", 40, False),
)


def _word(kind: str, value: str, lang: Lang) -> str:
    return t(f"proc_{kind}_{value.replace('-', '_')}", lang)


def _choices(kind: str, values: tuple[str, ...], lang: Lang) -> str:
    return ",".join(_word(kind, v, lang) for v in values)


# Writing --------------------------------------------------------------------------------------------

def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Set a cell; text stays text, even when it starts with `=` (openpyxl would make it a live formula)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _book(sheet_title: str, cols: tuple[Heading, ...], lang: Lang, kind: str, organisation: str,
          written: dt.date) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet_title
    for c, col in enumerate(cols, start=1):
        cell = _put(ws, 1, c, col.head(lang))
        cell.font = Font(bold=True)
        ws.column_dimensions[column_letter(c)].width = col.width
        ws.column_dimensions[column_letter(c)].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    meta = book.create_sheet(META)
    for r, (key, value) in enumerate((("kind", kind), ("organisation", organisation), ("lang", lang),
                                      ("written", written.isoformat())), start=1):
        _put(meta, r, 1, key)
        _put(meta, r, 2, value)
    meta.sheet_state = "veryHidden"  # not for the client: Excel's "unhide" does not list it
    return book


def _validation(ws: Any, col: int, choices: str, rows: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    check.add(f"{column_letter(col)}2:{column_letter(col)}{max(rows, 2) + 1}")
    ws.add_data_validation(check)


def _save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def request_xlsx(rows: list[tuple[int, str, str, str, str, str]], lang: Lang, organisation: str,
                 written: dt.date) -> bytes:
    """The request workbook: one row per question (number, role, subject, question, choices, key)."""
    book = _book(REQUEST_SHEET[lang == "en"], REQUEST_COLS, lang, "uitvraag", organisation, written)
    ws = book.active
    for r, (nr, role, subject, question, choices, ident) in enumerate(rows, start=2):
        values = {"nr": nr, "role": role, "subject": subject, "question": question, "choices": choices, "id": ident}
        for c, col in enumerate(REQUEST_COLS, start=1):
            if col.key in values:
                _put(ws, r, c, values[col.key])
    keys = [c.key for c in REQUEST_COLS]
    ws.column_dimensions[column_letter(keys.index("id") + 1)].hidden = True  # what an answer finds its fact by
    _validation(ws, keys.index("type") + 1, _choices("source_type", SOURCE_TYPES, lang), len(rows))
    for r in range(2, len(rows) + 2):
        ws.cell(row=r, column=keys.index("date") + 1).number_format = "yyyy-mm-dd"
    return _save(book)


def reaction_xlsx(rows: list[tuple[int, str]], lang: Lang, organisation: str, written: dt.date) -> bytes:
    """The reaction workbook: one row per paragraph of the nota (number and text)."""
    book = _book(REACTION_SHEET[lang == "en"], REACTION_COLS, lang, "reacties", organisation, written)
    ws = book.active
    for r, (nr, text) in enumerate(rows, start=2):
        _put(ws, r, 1, nr)
        _put(ws, r, 2, text)
    keys = [c.key for c in REACTION_COLS]
    _validation(ws, keys.index("kind") + 1, _choices("reaction_kind", REACTION_KINDS, lang), len(rows))
    _validation(ws, keys.index("decision") + 1, _choices("decision", DECISIONS, lang), len(rows))
    for r in range(2, len(rows) + 2):
        ws.cell(row=r, column=keys.index("date") + 1).number_format = "yyyy-mm-dd"
    return _save(book)


# Reading --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Book:
    """A returned workbook: its kind, the organisation file it was made for, and its rows by column key."""

    kind: str
    organisation: str
    lang: Lang
    rows: list[dict[str, tuple[Any, str]]]  # key -> (value, where)
    problems: Problems  # what is wrong so far; reading the answers adds to it, and nothing is written with any
    unread: tuple[str, ...] = ()  # catalogue keys of the parts of the workbook not read (formatting, drawings)


def workbook_kind(raw: bytes, source: str) -> str | None:
    """``uitvraag`` or ``reacties`` for a workbook this tool wrote, else None (another importer's source)."""
    if not is_zip(raw):
        return None
    members = read_zip(raw, source)
    book = members.get("xl/workbook.xml")
    if book is None or f'name="{META}"'.encode() not in book:
        return None
    meta = _load(raw, source)
    kind = _meta(meta, source).get("kind")
    return kind if kind in KINDS else None


def _load(raw: bytes, source: str) -> Any:
    return load_xlsx(raw, source)[0]  # formulas stay formulas, refused below


def _meta(book: Any, source: str) -> dict[str, str]:
    if META not in book.sheetnames:
        raise fail(source, "proc_not_audit_book", "proc_not_audit_book_hint")
    out = {}
    for row in _cells(book[META], source)[:10]:
        if len(row) >= 2 and isinstance(row[0][0], str) and isinstance(row[1][0], str):
            out[row[0][0]] = row[1][0][:300]
    return out


def read_book(raw: bytes, source: str, expected: str) -> Book:
    """Read a returned workbook of kind ``expected``: headings checked, formulas refused, rows located."""
    book, unread = load_xlsx(raw, source)
    meta = _meta(book, source)
    kind = meta.get("kind", "")
    if kind != expected:
        raise fail(source, "proc_wrong_book", "proc_wrong_book_hint", kind=kind or "-", expected=expected)
    lang: Lang = "en" if meta.get("lang") == "en" else "nl"
    titles, cols = (REQUEST_SHEET, REQUEST_COLS) if kind == "uitvraag" else (REACTION_SHEET, REACTION_COLS)
    name = next((n for n in titles if n in book.sheetnames), None)
    if name is None:
        raise fail(source, "proc_sheet_missing", "proc_sheet_missing_hint", sheet=titles[lang == "en"])
    ws = book[name]
    if ws.max_row > MAX_ROWS:
        raise fail(f"{source}:{name}", "imp_sheet_too_many_rows", "imp_sheet_too_many_rows_hint", limit=MAX_ROWS)
    problems = Problems(source)
    cells = _cells(ws, source, problems)
    return Book(kind, meta.get("organisation", ""), lang, _rows(cells, cols, name, source, problems), problems,
                tuple(unread))


def _rows(cells: list[list[tuple[Any, str]]], cols: tuple[Heading, ...], sheet: str,
          source: str, problems: Problems) -> list[dict[str, tuple[Any, str]]]:
    """The rows by column key; a heading that is not one of the columns, or a missing column, is an error."""
    if not cells:
        raise fail(f"{source}:{sheet}", "proc_sheet_empty", "proc_sheet_empty_hint", sheet=sheet)
    heads = {col.head(lg): col for col in cols for lg in ("nl", "en")} | {c.former: c for c in cols if c.former}
    index: dict[str, int] = {}
    wrong: list[SourceProblem] = []
    for i, (value, where) in enumerate(cells[0]):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        head = str(value).strip()
        if head not in heads:
            guess = suggest(head, [c.nl for c in cols])
            wrong.append(SourceProblem(where, "imp_sheet_unknown_column",
                                          {"column": head, "sheet": sheet, "suggestion": guess or "",
                                           "allowed": ", ".join(c.nl for c in cols)},
                                          "imp_sheet_column_guess" if guess else "imp_sheet_column_allowed"))
        elif heads[head].key in index:  # the second would hide the first: its answers would silently be lost
            wrong.append(SourceProblem(where, "imp_sheet_column_twice", {"column": head, "sheet": sheet},
                                          "imp_sheet_column_twice_hint"))
        else:
            index[heads[head].key] = i
    for col in cols:
        if col.key not in index:
            wrong.append(SourceProblem(f"{source}:{sheet}!1:1", "imp_sheet_missing_column",
                                          {"column": col.nl, "sheet": sheet}, "imp_sheet_missing_column_hint"))
    if wrong:
        problems.add(SourceError(wrong))
        problems.check()
    out = []
    for r, row in enumerate(cells[1:], start=2):
        values = {key: row[i] if i < len(row) else (None, f"{source}:{sheet}!{column_letter(i + 1)}{r}")
                  for key, i in index.items()}
        for key, (value, where) in values.items():
            if isinstance(value, str) and len(value) > MAX_TEXT:
                problems.add(fail(where, "proc_cell_too_long", "proc_cell_too_long_hint", limit=MAX_TEXT))
                values[key] = (None, where)  # read as empty: the run fails anyway
        out.append(values)
    return out


def blank(value: Any) -> bool:
    """An empty cell."""
    return value is None or (isinstance(value, str) and not value.strip())


def choice(value: Any, where: str, kind: str, values: tuple[str, ...]) -> str:
    """A value from a list of choices, written in either language."""
    text = str(value).strip().lower()
    for v in values:
        if text in (v, *(t(f"proc_{kind}_{v.replace('-', '_')}", lg).lower() for lg in ("nl", "en"))):
            return v
    words = (t(f"proc_{kind}_{v.replace('-', '_')}", lg) for lg in ("nl", "en") for v in values)
    allowed = ", ".join(dict.fromkeys(words))
    raise fail(where, "proc_bad_choice", "proc_bad_choice_hint", found=str(value).strip(), allowed=allowed)


def day(value: Any, where: str) -> dt.date:
    """A date cell, or a date written as 2026-11-12 or 12-11-2026."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(where, "imp_sheet_bad_date", "proc_date_hint", found=text) from None


# Answers as facts -------------------------------------------------------------------------------------

def fact_of(ident: str) -> tuple[str, Fact] | None:
    """The entity and the fact a key (``processes/x#service_norm.published``) names, or None."""
    entity, sep, path = ident.partition("#")
    section = "governance" if entity == "governance" else entity.partition("/")[0]
    fact = BY_KEY.get(f"{section}_{path.replace('.', '_')}") if sep else None
    return (entity, fact) if fact is not None else None


def parse_value(fact: Fact, value: Any, where: str, model: OrgModel) -> Any:
    """An answer as the organisation file records the fact; a located error when it cannot be one."""
    kind = fact.kind
    text = str(value).strip() if not isinstance(value, (dt.date, dt.datetime)) else ""
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if text.lower() in YES or text.lower() in NO:
            return text.lower() in YES
        raise fail(where, "imp_sheet_bad_bool", "imp_sheet_bad_bool_hint", found=text)
    if kind == "date":
        return day(value, where)
    if kind in ("count", "number"):
        return _number(kind, value, text, where)
    if kind == "enum":
        return choice(value, where, "value", fact.values)
    if kind == "enums":
        return [choice(part, where, "value", fact.values) for part in re.split(r"[,;]", text) if part.strip()]
    if kind == "texts":
        return [part.strip() for part in text.split(";") if part.strip()]
    if kind == "person":
        return _person(text, where, model)
    if kind == "department":
        return _find(text, where, [(d.id, d.name, "") for d in model.departments], "proc_unknown_department")
    return text


def _number(kind: str, value: Any, text: str, where: str) -> int | float:
    if isinstance(value, bool):
        raise fail(where, "proc_bad_number", "proc_bad_number_hint", found=text)
    if isinstance(value, int) or (isinstance(value, float) and kind == "count" and value.is_integer()):
        return int(value)
    if isinstance(value, float) and kind == "number":
        return value
    if kind == "count" and re.fullmatch(r"\d{1,10}", text):
        return int(text)
    if kind == "number" and re.fullmatch(r"\d{1,6}([.,]\d{1,4})?", text):
        return float(text.replace(",", "."))
    raise fail(where, "proc_bad_number", "proc_bad_number_hint", found=text)


def _find(text: str, where: str, known: list[tuple[str, str, str]], key: str) -> str:
    """An id from an id, a name or a job title that names exactly one."""
    found = _match(text, known)
    if found is not None:
        return found
    guess = suggest(text, [k[1] for k in known] + [k[2] for k in known if k[2]])
    raise fail(where, key, "proc_unknown_name_hint", found=text, suggestion=guess or "-")


def _match(text: str, known: list[tuple[str, str, str]]) -> str | None:
    low = text.lower()
    for field_index in (0, 1, 2):
        hits = [k[0] for k in known if k[field_index] and k[field_index].lower() == low]
        if len(hits) == 1:
            return hits[0]
    return None


@dataclass(frozen=True)
class NewPerson:
    """Someone an answer names who is not in the organisation file yet: the import adds them."""

    id: str
    name: str
    title: str
    department: str

    def entry(self) -> dict[str, Any]:
        """The person as the organisation file records them."""
        out = {"id": self.id, "name": self.name, "department": self.department}
        return {**out, "title": self.title} if self.title else out


# "Piet Jansen (Burgerzaken)" or "Piet Jansen, teamleider (Burgerzaken)": someone new, with their department
NEW_PERSON = re.compile(r"(?P<name>[^(),;]+?)\s*(?:,\s*(?P<title>[^(),;]+?))?\s*\((?P<department>[^()]+)\)")


def _person(text: str, where: str, model: OrgModel) -> str | NewPerson:
    """A person in the file by id, name or job title; or someone new, named with their department."""
    known = [(p.id, p.name, p.title or "") for p in model.people]
    found = _match(text, known)
    if found is not None:
        return found
    new = NEW_PERSON.fullmatch(text)
    if new is None:
        guess = suggest(text, [k[1] for k in known] + [k[2] for k in known if k[2]])
        raise fail(where, "proc_unknown_person", "proc_unknown_person_guess" if guess else "proc_unknown_person_hint",
                   found=text, suggestion=guess or "")
    name, title = new["name"].strip(), (new["title"] or "").strip()
    same = _match(name, known)
    if same is not None:  # someone in the file, with their department written beside them
        return same
    department = _find(new["department"].strip(), where, [(d.id, d.name, "") for d in model.departments],
                       "proc_unknown_department")
    taken = {p.id for p in model.people}
    base = slugify(name)[:60] or "persoon"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return NewPerson(ident, name, title, department)


@dataclass
class Answer:
    """One answered question: the fact, its value, and the source it came from."""

    entity: str
    fact: Fact
    value: Any
    source: dict[str, Any]  # type, title, reference, provided_by, obtained
    where: str


@dataclass
class Applied:
    """What applying answers did: the new organisation data and what went where."""

    data: dict[str, Any]
    sources: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[Answer, str]] = field(default_factory=list)  # answer, source id


def plain(value: Any) -> Any:
    """Located data as plain dicts and lists (to change and to write)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def apply(data: dict[str, Any], answers: list[Answer]) -> Applied:
    """The organisation with each answer recorded and its source registered and cited on the entity."""
    out = Applied(plain(data))
    out.data.pop("include", None)  # the new file holds its included entities itself
    register = out.data.setdefault("sources", [])
    taken = {s.get("id") for s in register if isinstance(s, dict)}
    # one source is one document, interview or observation, however many answers rest on it, and whether the
    # register had it already (an answer imported again) or not
    ids: dict[tuple[Any, ...], str] = {_same_source(s): str(s["id"]) for s in register
                                       if isinstance(s, dict) and isinstance(s.get("id"), str)}
    people = {p.get("id"): p for p in out.data.get("people") or [] if isinstance(p, dict)}
    for answer in answers:
        src = answer.source
        key = _same_source(src)
        if key not in ids:
            base = slugify(f"{src['type']}-{src.get('provided_by') or ''}-{src['obtained']}")[:80] or src["type"]
            ident, n = base, 2
            while ident in taken:
                ident, n = f"{base}-{n}", n + 1
            taken.add(ident)
            ids[key] = ident
            entry = {"id": ident, **{k: v for k, v in src.items() if v not in (None, "")}}
            register.append(entry)
            out.sources.append(entry)
        holder = _container(out.data, answer.entity, answer.fact.path, answer.where)
        value = answer.value
        if isinstance(value, NewPerson):  # named twice, added once
            if value.id not in people:
                people[value.id] = {**value.entry(), "source": [ids[key]]}
                out.data.setdefault("people", []).append(people[value.id])
            value = value.id
        holder[answer.fact.path.split(".")[-1]] = value
        cites = holder.setdefault("source", [])
        if ids[key] not in cites:
            cites.append(ids[key])
        out.changed.append((answer, ids[key]))
    if not register:
        out.data.pop("sources")
    return out


def _same_source(src: dict[str, Any]) -> tuple[str, str, str, str]:
    """What makes two registered sources one: type, title, reference and the date obtained."""
    return tuple(str(src.get(k) or "") for k in ("type", "title", "reference", "obtained"))  # type: ignore[return-value]


def _container(data: dict[str, Any], entity: str, path: str, where: str) -> dict[str, Any]:
    """The object that holds the fact's key, made where the file has none yet."""
    if entity == "governance":
        node = data
    else:
        section, _, ident = entity.partition("/")
        items = data.get(section)
        found = next((i for i in items if isinstance(i, dict) and i.get("id") == ident), None) \
            if isinstance(items, list) else None
        if found is None:  # the organisation file changed after the workbook was made, or the nota was edited
            raise fail(where, "proc_entity_gone", "proc_entity_gone_hint", entity=one_line(entity[:200]))
        node = found
    for part in path.split(".")[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    return node


def source_type(value: Any, where: str) -> str:
    """interview, document, ... in either language."""
    return choice(value, where, "source_type", SOURCE_TYPES)
