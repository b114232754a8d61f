"""The audit as steps in a folder: onderzoeksopzet, uitvraag, answers, nota van bevindingen, reactions, status.

The audit's state is files beside the organisation file, no database: the documents issued, the
workbooks sent and returned, and ``dossier.yaml``, the machine-written list of steps taken with their
dates. The hand-written organisation file is never changed: answers and accepted corrections go into
a new organisation file beside it, for the auditor to read and adopt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from digimandate.cli.output import write_files
from digimandate.cli.safety import Inputs, Target, check_targets
from digimandate.cli.settings import AuditOptions, resolve
from digimandate.errors import UsageError
from digimandate.i18n import Lang, t
from digimandate.model.loader import Limits, dump
from digimandate.model.register import Entry, entries
from digimandate.render.common import Audited
from digimandate.render.formats import FORMATS, write_document
from digimandate.textsafe import one_line

JOURNAL = "dossier.yaml"
JOURNAL_HEADER = "# Written by digimandate: the steps of this audit, with their dates. Do not edit."
PARAGRAPHS_HEADER = "# Written by digimandate: the paragraphs of the nota van bevindingen by number. Do not edit."
STEPS = ("opzet", "uitvraag", "antwoorden", "bevindingen", "reacties", "concept", "definitief")
PARAGRAPHS = "bevindingen.yaml"  # the nota's paragraphs by number, for the reactions to find them
NAMES = {"opzet": "onderzoeksopzet", "bevindingen": "nota-van-bevindingen", "guide": "interviewleidraad",
         "request": "uitvraag.xlsx", "reaction_sheet": "reacties.xlsx"}


@dataclass
class Audit:
    """One organisation file audited for a step: the document's inputs and the folder it lives in."""

    file: Path
    a: Audited
    data: dict[str, Any]  # the organisation as plain data, included files joined
    register: dict[str, Entry]
    lang: Lang
    inputs: Inputs

    @property
    def folder(self) -> Path:
        """The audit folder: where the organisation file is."""
        return self.file.parent


def load_audit(file: Path, options: AuditOptions, limits: Limits) -> Audit:
    """Load, validate and audit one organisation file, keeping its data and its sources register."""
    from digimandate.audit.flow import audit_document
    from digimandate.importers.procedure import plain
    from digimandate.model.document import build_document
    from digimandate.model.includes import expand_includes
    from digimandate.model.loader import load_file

    if str(file) == "-":  # the steps write beside the organisation file and name it in the journal
        raise UsageError("proc_no_stdin", "proc_no_stdin_hint")
    if file.is_dir():
        raise UsageError("proc_needs_file", file=str(file))
    settings = resolve(file, options)
    loaded = expand_includes(load_file(file, limits), file, limits)
    data = plain(loaded.data)
    doc = build_document(loaded)
    result = audit_document(doc, settings.ruleset)
    lang: Lang = options.lang or settings.lang or result.language
    inputs = Inputs([file, *loaded.parts])
    return Audit(file, Audited(result, settings.ruleset, doc.model), data, entries(doc.sources.values()), lang, inputs)


# The journal --------------------------------------------------------------------------------------

def read_journal(folder: Path, limits: Limits = Limits()) -> list[dict[str, Any]]:
    """The steps taken so far (none when the folder has no journal yet)."""
    from digimandate.importers.procedure import plain
    from digimandate.model.loader import load_file

    path = folder / JOURNAL
    if not path.exists():
        return []
    data = plain(load_file(path, limits).data)
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list) or not all(_entry_ok(s) for s in steps):
        raise UsageError("proc_bad_journal", file=str(path))
    return steps


COUNTS = ("questions", "answered", "open", "reactions", "pending", "changes")


def _entry_ok(entry: Any) -> bool:
    """One step as this tool writes it: the step, its date, bare file names, whole counts (a bool is no count)."""
    if not isinstance(entry, dict) or entry.get("step") not in STEPS or not isinstance(entry.get("date"), date):
        return False
    files = entry.get("files", [])
    if not isinstance(files, list) or len(files) > 100 or not all(_bare_name(f) for f in files):
        return False
    if not _bare_name(entry.get("organisation")) or ("produced" in entry and not _bare_name(entry["produced"])):
        return False
    return all(type(entry[key]) is int and 0 <= entry[key] < 10**9 for key in COUNTS if key in entry)


def _bare_name(value: Any) -> bool:
    """A file name in the audit folder: no folder, no parent, nothing a terminal would act on."""
    return (isinstance(value, str) and 0 < len(value) <= 255 and value not in (".", "..", "-")
            and Path(value).name == value and "\\" not in value and one_line(value) == value)


def step_date(folder: Path, step: str, given: date | None, limits: Limits = Limits()) -> tuple[date, bool]:
    """The date a step's document carries, and whether the journal gave it.

    ``--date`` first; else the date the journal recorded when the step was taken (the same document in
    another format, or issued again, keeps the date it was issued on); else today.
    """
    from digimandate.clock import today

    if given is not None:
        return given, False
    taken = [entry["date"] for entry in read_journal(folder, limits) if entry["step"] == step]
    return (taken[-1], True) if taken else (today(), False)


def check_order(folder: Path, step: str, day: date, limits: Limits = Limits(), dated: bool = True) -> None:
    """Refuse a step dated before a step that comes before it in the audit, located at that step's date.

    The nota follows the opzet, the concept the nota, the definitief report the concept: a step that
    would carry an earlier date than one it follows contradicts the journal. A step taken again later
    (a new nota after late answers) is no contradiction: only the steps before this one are compared.
    ``dated``: the step takes ``--date`` (an import is dated the day it runs).
    """
    from digimandate.errors import InputError, Term, problem
    from digimandate.model.loader import load_file

    path = folder / JOURNAL
    steps = read_journal(folder, limits)
    mine = STEPS.index(step)
    late = [(i, entry) for i, entry in enumerate(steps) if STEPS.index(entry["step"]) < mine and entry["date"] > day]
    if not late:
        return
    loaded = load_file(path, limits)
    problems = []
    for i, entry in late:
        where = loaded.at(loaded.data["steps"][i].value_at("date"))
        problems.append(problem(where, f"steps[{i}].date", "proc_order_after",
                                "proc_order_after_hint" if dated else "proc_order_after_import_hint",
                                other=Term(f"proc_step_doc_{entry['step']}"), date=entry["date"].isoformat(),
                                this=Term(f"proc_step_doc_{step}"), day=day.isoformat()))
    raise InputError(problems)


def check_reply_period(folder: Path, day: date, organisation: Path, limits: Limits = Limits()) -> None:
    """Refuse a concept report dated within the nota's period to react while no reaction is recorded.

    The concept follows ambtelijk wederhoor: written while the officials may still react, it would leave out
    what they say. Once their reactions are imported, or the period has ended without any, it may be written.
    """
    from digimandate.errors import InputError, problem
    from digimandate.model.loader import load_file
    from digimandate.render.doc.bevindingen import reaction_date

    steps = read_journal(folder, limits)
    notas = [i for i, entry in enumerate(steps) if entry["step"] == "bevindingen"]
    if not notas or any(entry["step"] == "reacties" for entry in steps[notas[-1] + 1:]):
        return
    nota = steps[notas[-1]]
    until = reaction_date(nota["date"])
    if day > until:
        return
    loaded = load_file(folder / JOURNAL, limits)
    where = loaded.at(loaded.data["steps"][notas[-1]].value_at("date"))
    raise InputError([problem(where, f"steps[{notas[-1]}].date", "proc_concept_in_reply_period",
                              "proc_concept_in_reply_period_hint", day=day.isoformat(),
                              date=nota["date"].isoformat(), until=until.isoformat(),
                              sheet=NAMES["reaction_sheet"], file=organisation.name)])


def journal_entry(folder: Path, step: str, files: list[Path], day: date, organisation: Path,
                  limits: Limits = Limits(), **extra: Any) -> tuple[Target, str]:
    """The journal with one more step, as a file to write with the step's own files."""
    entry: dict[str, Any] = {"step": step, "date": day, "organisation": organisation.name,
                             "files": [f.name for f in files], **extra}
    steps = [*read_journal(folder, limits), entry]
    return Target(folder / JOURNAL, force=True), JOURNAL_HEADER + "\n" + dump({"steps": steps})


def _write(planned: list[tuple[Path, bytes | str]], force: bool, audit: Audit, step: str, day: date,
           say: Any, owned: tuple[Path, ...] = (), same: dict[Path, Callable[[Path], bool]] | None = None,
           note: str = "", **extra: Any) -> None:
    """Write a step's files and its journal entry at once; refuse before writing what cannot be written.

    ``owned``: files only digimandate writes (their header says so), replaced without ``--force``.
    ``same``: per file, whether the file that is there already holds what would be written; such a file is
    kept as it is (a step asked again in another format of its document needs no ``--force`` for it).
    """
    kept = [path for path, _ in planned if not force and _holds(path, (same or {}).get(path))]
    writes = [(path, data) for path, data in planned if path not in kept]
    targets = [(Target(path, force or (path in owned and _ours(path, data))), data) for path, data in writes]
    check_order(audit.folder, step, day, dated=step not in ("antwoorden", "reacties"))
    check_targets([target for target, _ in targets], audit.inputs)
    journal = journal_entry(audit.folder, step, [p for p, _ in planned], day, audit.file, **extra)
    write_files([*targets, journal], audit.inputs)
    for path in kept:
        say(t("proc_kept_same", audit.lang, file=str(path)))
    for path, _ in writes:
        say(t("written", audit.lang, file=str(path)))
    for line in note.split("\n") if note else []:  # each its own line: catalogue texts with dates only
        say(line)


def _holds(path: Path, same: Callable[[Path], bool] | None) -> bool:
    """``path`` is a plain file that already holds what would be written, as ``same`` judges it."""
    if same is None or path.is_symlink() or not path.is_file():
        return False
    try:
        return same(path)
    except (OSError, ValueError):
        return False


def _same_text(text: str) -> Callable[[Path], bool]:
    """Whether a file holds ``text``, byte for byte."""
    data = text.encode("utf-8")
    return lambda path: path.stat().st_size == len(data) and path.read_bytes() == data


def _ours(path: Path, data: bytes | str) -> bool:
    """``path`` is absent, or a plain file that starts with the header line this tool writes into it."""
    header = (data if isinstance(data, str) else data.decode("utf-8", "replace")).split("\n", 1)[0]
    if not path.exists() and not path.is_symlink():
        return True
    if path.is_symlink() or not path.is_file() or not header.startswith("# Written by digimandate"):
        return False
    try:
        with path.open("rb") as f:
            first = f.read(len(header.encode("utf-8")) + 2)
    except OSError:
        return False
    return first.replace(b"\r", b"").split(b"\n", 1)[0] == header.encode("utf-8")


# The steps ----------------------------------------------------------------------------------------

def _dated(audit: Audit, step: str, on: date | None, limits: Limits) -> tuple[date, str]:
    """The step's date (``--date``, the journal's, or today), checked against the steps before it.

    With it what to say once the documents are written when the journal gave the date, so that an
    issue meant to be new is not dated in the past unnoticed.
    """
    day, recorded = step_date(audit.folder, step, on, limits)
    check_order(audit.folder, step, day, limits)
    return day, t("proc_dated_as_recorded", audit.lang, date=day.isoformat(), journal=JOURNAL) if recorded else ""


def _after_peildatum(audit: Audit, day: date, limits: Limits) -> None:
    """A nota states the facts as they were on the peildatum: dated before it, it would state what was not yet."""
    from digimandate.errors import InputError, Location, problem
    from digimandate.model.loader import LMap, load_file

    result = audit.a.result
    if not result.audit_date_recorded or day >= result.audit_date:
        return
    where = Location(str(audit.file), 1, 1)
    org = load_file(audit.file, limits).data.get("organisation")
    if isinstance(org, LMap) and "audit_date" in org:  # else it stands in an included file: the file itself
        where = Location(str(audit.file), *org.value_at("audit_date"))
    raise InputError([problem(where, "organisation.audit_date", "proc_nota_before_peildatum",
                              "proc_nota_before_peildatum_hint", date=result.audit_date.isoformat(),
                              day=day.isoformat())])


def _document_name(step: str, fmt: str) -> str:
    """The file name of a step's document in the document format ``fmt``: ``onderzoeksopzet.docx``."""
    return f"{NAMES[step]}.{FORMATS[fmt].extension}"


def opzet(file: Path, options: AuditOptions, limits: Limits, fmt: str, force: bool, say: Any,
          on: date | None = None) -> None:
    """Write the onderzoeksopzet into the audit folder."""
    from digimandate.render.doc.opzet import build_opzet

    audit = load_audit(file, options, limits)
    day, note = _dated(audit, "opzet", on, limits)
    # the plan is shared before fieldwork: interviews of this audit recorded before its date say it is dated late
    held = sorted(e.obtained for e in audit.register.values()
                  if e.type == "interview" and e.obtained is not None and day - timedelta(days=365) < e.obtained < day)
    if held:
        late = t("proc_opzet_after_interviews", audit.lang, first=held[0].isoformat(), day=day.isoformat())
        note = f"{note}\n{late}" if note else late
    data = write_document(build_opzet(audit.a, audit.lang, day), fmt)
    _write([(audit.folder / _document_name("opzet", fmt), data)], force, audit, "opzet", day, say, note=note)


def uitvraag(file: Path, options: AuditOptions, limits: Limits, fmt: str, force: bool, say: Any,
             on: date | None = None) -> None:
    """Write the request workbook and the interview guide for the facts the file does not record."""
    from digimandate.importers.procedure import request_xlsx
    from digimandate.render.doc.uitvraag import build_guide, questions, role_name

    audit = load_audit(file, options, limits)
    day, note = _dated(audit, "uitvraag", on, limits)
    asked = questions(audit.a, audit.lang)
    rows = [(q.number, role_name(q.role, audit.lang), q.subject, q.text, q.choices, q.ident) for q in asked]
    book = request_xlsx(rows, audit.lang, file.name, day)
    guide = write_document(build_guide(audit.a, asked, audit.lang, day), fmt)
    target = audit.folder / NAMES["request"]
    asks = [(nr, question, ident) for nr, _, _, question, _, ident in rows]
    _write([(target, book), (audit.folder / _document_name("guide", fmt), guide)],
           force, audit, "uitvraag", day, say, note=note,
           same={target: lambda path: _same_book(path, "uitvraag", file.name, audit.lang, asks)},
           questions=len(asked))


def bevindingen(file: Path, options: AuditOptions, limits: Limits, fmt: str, force: bool, say: Any,
                on: date | None = None) -> None:
    """Write the nota van bevindingen, its reaction workbook and the paragraphs by number."""
    from digimandate.importers.procedure import reaction_xlsx
    from digimandate.render.doc.bevindingen import build_nota, paragraphs

    audit = load_audit(file, options, limits)
    day, note = _dated(audit, "bevindingen", on, limits)
    _after_peildatum(audit, day, limits)
    from digimandate.model.dossier import ANSWERS, answered_sources

    if (audit.folder / ANSWERS).is_file():
        audit.inputs.add(audit.folder / ANSWERS)  # read for the nota's sources: never replaced by this run
    paras = paragraphs(audit.a, audit.data, audit.lang, answered_sources(audit.folder, limits))
    nota = write_document(build_nota(audit.a, paras, audit.register, audit.lang, day), fmt)
    book = reaction_xlsx([(p.number, p.text) for p in paras], audit.lang, file.name, day)
    kept = dump({"paragraphs": [{"nr": p.number, "entity": p.entity, "path": p.path, "text": p.text,
                                 "recorded": p.recorded} for p in paras]})
    sheet = audit.folder / NAMES["reaction_sheet"]
    texts = [(p.number, p.text) for p in paras]
    numbered = PARAGRAPHS_HEADER + "\n" + kept
    _write([(audit.folder / _document_name("bevindingen", fmt), nota), (sheet, book),
            (audit.folder / PARAGRAPHS, numbered)],
           force, audit, "bevindingen", day, say, note=note,
           same={sheet: lambda path: _same_book(path, "reacties", file.name, audit.lang, texts),
                 audit.folder / PARAGRAPHS: _same_text(numbered)})


def _same_book(path: Path, kind: str, organisation: str, lang: Lang, rows: list[tuple[Any, ...]]) -> bool:
    """The workbook there is one this tool wrote for the same organisation file, language and rows, not yet filled in.

    Only then is it kept: a workbook that was (partly) filled in, or asks other questions, is replaced
    only with ``--force``.
    """
    from digimandate.importers.common import SourceError
    from digimandate.importers.procedure import read_book

    try:
        book = read_book(path.read_bytes(), path.name, kind)
    except SourceError:
        return False
    if book.organisation != organisation or book.lang != lang or len(book.rows) != len(rows):
        return False
    fixed = ("nr", "question", "id") if kind == "uitvraag" else ("nr", "text")
    free = [c for c in book.rows[0] if c not in fixed and c not in ("role", "subject", "choices")] if book.rows else []
    for row, expected in zip(book.rows, rows, strict=True):
        if tuple(row[c][0] for c in fixed) != expected or any(row[c][0] not in (None, "") for c in free):
            return False
    return True
