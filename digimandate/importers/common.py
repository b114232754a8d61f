"""What every importer shares: located source errors, report notes, drafts of entities, bounded zip reading."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any, Literal

from digimandate.errors import EXIT_INPUT, DigimandateError, Term
from digimandate.i18n import Lang, t
from digimandate.reading import JsonProblem, parse_json
from digimandate.textsafe import one_line

# Bounds for archives: a form export is a few dozen KB, a bulk export of 600 forms a few tens of MB.
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed: JSON compresses about 10x, a bomb 1000x or more
MAX_ZIP_DEPTH = 1  # a bulk export holds form zips; nothing deeper

NoteKind = Literal["mapped", "matched", "skipped", "person", "conflict", "warning", "proposal"]

def filled(args: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """Message arguments with catalogue terms translated."""
    return {k: v.text(lang) if isinstance(v, Term) else v for k, v in args.items()}


@dataclass(frozen=True)
class SourceProblem:
    """One problem in a source, located as `file!member[0].key` or `Sheet!D14`."""

    where: str
    key: str
    args: dict[str, Any] = field(default_factory=dict)
    hint: str | None = None
    path: str = ""  # the key path in a file (`processes[2].name`), when ``where`` is a line of it

    def format(self, lang: Lang) -> str:
        """Render as ``WHERE: error: message`` plus an indented hint."""
        # one_line: a file or member name must not start a line of its own on standard error (in a
        # GitHub Actions log, `::error ...` there is a workflow command)
        args = {k: one_line(v) if isinstance(v, str) else v for k, v in filled(self.args, lang).items()}
        text = f"{one_line(self.where)}: {t('error', lang)}: "
        if self.path:
            text += f"{one_line(self.path)}: "
        text += t(self.key, lang, **args)
        if self.hint:
            text += f"\n  {t('hint', lang)}: {t(self.hint, lang, **args)}"
        return text


class SourceError(DigimandateError):
    """A malformed source: located problems, exit code 2, nothing written."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format("en") for p in problems))

    def format(self, lang: Lang) -> str:
        """Every problem, one per paragraph."""
        return "\n".join(p.format(lang) for p in self.problems)


def fail(where: str, key: str, hint: str | None = None, **args: Any) -> SourceError:
    """One located problem as an error to raise."""
    return SourceError([SourceProblem(where, key, args, hint)])


@dataclass(frozen=True)
class Note:
    """One line of the import report: what happened to one fact of a source, and where it stands."""

    source: str
    kind: NoteKind
    where: str
    key: str
    args: dict[str, Any] = field(default_factory=dict)
    yaml: str | None = None  # what a person fills in, or the proposal for an existing entity

    def text(self, lang: Lang) -> str:
        """The note's message in ``lang``."""
        return t(self.key, lang, **filled(self.args, lang))


@dataclass
class IntakeDraft:
    """An intake route found in a source; ids refer to channels and systems."""

    channel: str
    form: bool | None = None
    lands_in: str | None = None
    where: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The model's intake keys, leaving out what is not known."""
        out: dict[str, Any] = {"channel": self.channel}
        if self.form is not None:
            out["form"] = self.form
        if self.lands_in is not None:
            out["lands_in"] = self.lands_in
        return out


@dataclass
class Draft:
    """An entity as one source describes it, before it is merged with the others."""

    section: str  # departments | people | channels | systems | processes
    id: str
    fields: dict[str, Any]  # model keys other than id, refs and intake
    refs: list[str]
    source: str
    kind: str  # the source kind, for precedence
    where: str
    intake: list[IntakeDraft] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # refs of an entity this one belongs to (form -> zaaktype)
    by_type: bool = False  # a stand-in (the website, the zaaksysteem): the organisation's only one of its type
    cite: str = ""  # the id of the register source the import records for its source
    cells: dict[str, str] = field(default_factory=dict)  # model key -> the cell its value came from (`Sheet!C7`)


@dataclass
class Found:
    """What one source gave: entities and report notes."""

    drafts: list[Draft] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # wrong cells: the import stops, after the organisation model has checked the rest, so one run names both
    problems: list[SourceProblem] = field(default_factory=list)


def slugify(text: str) -> str:
    """An id from free text: ascii, lower case, dashes (`Aanvraag financiële steun` -> `aanvraag-financiele-steun`)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return out[:60].rstrip("-") or "item"


def norm(text: str) -> str:
    """A name compared without case and spacing differences."""
    return " ".join(text.casefold().split())


def read_json(raw: bytes, where: str) -> Any:
    """Parse JSON, or raise a located error (line and column inside the member)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(where, "imp_not_utf8", "imp_not_utf8_hint", byte=f"{raw[exc.start]:02x}") from None
    try:
        return parse_json(text)
    except JsonProblem as exc:  # also nesting too deep and integers of more than 4,300 digits
        raise fail(f"{where}:{exc.line}:{exc.column}", "imp_bad_json", "imp_bad_json_hint", reason=exc.msg) from None


def workbook_date(members: dict[str, bytes], which: str) -> Any:
    """A workbook's own date (``created`` or ``modified`` in docProps/core.xml) as a date, or None."""
    import datetime as dt

    core = members.get("docProps/core.xml", b"")[:20_000]
    match = re.search(rb"<dcterms:" + which.encode() + rb"[^>]*>\s*(\d{4}-\d{2}-\d{2})", core)
    try:
        return dt.date.fromisoformat(match[1].decode()) if match else None
    except ValueError:
        return None


def is_zip(raw: bytes) -> bool:
    """Whether the bytes are a zip archive (xlsx files are zips too), an empty one included."""
    # an empty archive is only its end record (PK 05 06): without it, it would be taken for UTF-16 text
    return raw[:4] in (b"PK\x03\x04", b"PK\x05\x06")


class Members(dict[str, bytes]):
    """The members of a zip by name; ``unsafe`` holds the names skipped because they leave the archive."""

    def __init__(self) -> None:
        super().__init__()
        self.unsafe: list[str] = []


def unsafe_member(name: str) -> bool:
    """A name that would land outside a folder it was unpacked into: absolute, a drive, or with ``..``."""
    return name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name) or re.match(r"[A-Za-z]:", name) is not None


def unsafe_notes(source: str, where: str, names: list[str]) -> list[Note]:
    """A report note for each zip member skipped for its name: left out, but never in silence."""
    return [Note(source, "skipped", f"{where}!{name}", "imp_zip_unsafe_name", {"member": name}) for name in names]


def read_zip(raw: bytes, where: str, depth: int = 0) -> Members:
    """The members of a zip, read into memory with bounds; never extracted to disk by name.

    A member whose name leaves the archive (``../x``, ``/x``, ``C:x``) is not read: no export has one,
    and a reader that did unpack it would write outside its folder. It is listed in ``unsafe``, for
    the import report to say so.
    """
    if depth > MAX_ZIP_DEPTH:
        raise fail(where, "imp_zip_nested", "imp_zip_nested_hint", depth=MAX_ZIP_DEPTH)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise fail(where, "imp_bad_zip", "imp_bad_zip_hint", reason=str(exc)) from None
    if len(infos) > MAX_MEMBERS:
        raise fail(where, "imp_zip_too_many", "imp_zip_bomb_hint", count=len(infos), limit=MAX_MEMBERS)
    if all(info.is_dir() for info in infos):
        raise fail(where, "imp_zip_empty", "imp_bad_zip_hint")
    out = Members()
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        if unsafe_member(info.filename):
            out.unsafe.append(info.filename)
            continue
        at = f"{where}!{info.filename}"
        declared = info.file_size
        if declared > MAX_MEMBER_BYTES or declared > MAX_RATIO * max(info.compress_size, 1024):
            raise fail(at, "imp_zip_bomb", "imp_zip_bomb_hint", size=declared, limit=MAX_MEMBER_BYTES)
        try:
            with archive.open(info) as fh:
                data = fh.read(declared + 1)  # the declared size may lie: read one byte more to tell
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise fail(at, "imp_bad_zip", "imp_bad_zip_hint", reason=str(exc)) from None
        if len(data) > declared:
            raise fail(at, "imp_zip_bomb", "imp_zip_bomb_hint", size=len(data), limit=declared)
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise fail(where, "imp_zip_bomb", "imp_zip_bomb_hint", size=total, limit=MAX_TOTAL_BYTES)
        out[info.filename] = data
    return out


JSON_TYPES = {dict: "imp_json_object", list: "imp_json_array", str: "imp_json_string", bool: "imp_json_boolean",
              int: "imp_json_number", float: "imp_json_number", type(None): "imp_json_null"}


def expect(value: Any, kind: type, where: str) -> Any:
    """``value`` when it has the expected JSON type (object or array), else a located error."""
    if not isinstance(value, kind):
        raise fail(where, "imp_wrong_type", None, expected=Term(JSON_TYPES[kind]),
                   found=Term(JSON_TYPES.get(type(value), "imp_json_null")))
    return value


def text_of(value: Any) -> str:
    """A JSON value as stripped text ('' for null)."""
    return value.strip() if isinstance(value, str) else ""


@dataclass
class ImportContext:
    """What an importer may know beyond its own source: the audit date, departments, the UPL, options."""

    audit_date: Any  # datetime.date
    departments: dict[str, str] = field(default_factory=dict)  # id -> name, hand-written and from spreadsheets
    upl: dict[str, str] | None = None  # UPL URI -> name, when a UPL list is among the sources
    concept: bool = False
    internal: bool = False
    select: tuple[str, ...] = ()  # UPL product names to stub
    upl_index: Any = None  # the UPL list read (upl.Upl), to check every process against
    upl_source: str = ""
    existing: dict[str, list[Any]] = field(default_factory=dict)  # hand-written entities (merge.Entity) per section
    found: list[Found] = field(default_factory=list)  # what the sources read before this one gave
    period: int | None = None  # the year to count volumes for
    token: str | None = None  # a register's API token: never in a message, a report or a file
    timeout: float = 30.0  # seconds per request
    retries: int = 2  # further attempts after a failed request
    progress: Any = None  # a callable (done, total, label) for a long read, or None
