"""Many organisations in one run: folders expanded, audits spread over the cores, a progress bar."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from digimandate.audit.config import Waiver
from digimandate.audit.flow import audit_document
from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.errors import DigimandateError
from digimandate.model.document import load_document
from digimandate.model.loader import Limits
from digimandate.model.org import OrgModel
from digimandate.reading import read_head


@dataclass(frozen=True, slots=True)
class FileAudit:
    """One file's audit: its result, and its organisation when an output asked to keep it.

    With a ``summarise`` step the worker sends back its summary and the result without its findings
    and outcomes: a comparison of hundreds of organisations needs a few numbers of each, not all of it.
    """

    result: AuditResult
    model: OrgModel | None = None
    summary: Any = None


FileOutcome = FileAudit | DigimandateError


@dataclass(frozen=True)
class _Job:
    """What every audit of a run shares; a forked worker finds it in its copy of this module."""

    ruleset: RuleSet
    limits: Limits
    waivers: tuple[Waiver, ...]
    keep_models: bool
    summarise: Callable[[AuditResult], Any] | None = None


_JOB: _Job | None = None


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder becomes the organisation files below it (YAML with `schema_version:`)."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = []
        for candidate in path.rglob("*"):
            parts = candidate.relative_to(path).parts
            if any(p.startswith(".") for p in parts) or candidate.suffix not in (".yaml", ".yml"):
                continue
            dangling = candidate.is_symlink() and not candidate.exists()  # its audit says the file is missing
            if dangling or (candidate.is_file() and _looks_like_organisation(candidate)):
                found.append(candidate)
        out.extend(sorted(found + _unreadable_folders(path)))
    return out


def _unreadable_folders(root: Path) -> list[Path]:
    """Folders below ``root`` that cannot be listed: globbing passes them in silence, the audit must not."""
    unreadable: list[Path] = []

    def note(exc: OSError) -> None:
        if exc.filename is not None:
            unreadable.append(Path(exc.filename))

    for _, dirnames, _ in os.walk(root, onerror=note):  # like rglob, not into linked folders
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
    return unreadable


def _looks_like_organisation(path: Path) -> bool:
    """An organisation file has a top-level `schema_version:` key in its first lines.

    A file that cannot be read counts as one: its audit then says why, instead of the run
    silently auditing fewer organisations. So does a file in another encoding that has the key.
    """
    head = read_head(path, _HEAD_BYTES)
    if head is None:  # its audit says why (a device, a pipe, no permission)
        return True
    return any(line.lstrip("\ufeff").startswith("schema_version:") for line in _decode_head(head).splitlines()[:50])


_HEAD_BYTES = 16 * 1024


def _decode_head(head: bytes) -> str:
    """The first bytes of a file as text: UTF-8, or UTF-16/32 by their byte-order mark or zero bytes."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="replace")
    if b"\x00" in head[:2]:  # UTF-16 without a byte-order mark: ASCII text has a zero byte beside each letter
        return head.decode("utf-16-be" if head[:1] == b"\x00" else "utf-16-le", errors="replace")
    return head.decode("utf-8", errors="replace")


def _work(path: str) -> tuple[str, FileOutcome]:
    assert _JOB is not None
    job = _JOB
    try:
        doc = load_document(Path(path), job.limits)
        result = audit_document(doc, job.ruleset, waivers=job.waivers)
    except DigimandateError as exc:
        return path, exc
    if job.summarise is not None:
        return path, FileAudit(replace(result, outcomes=(), findings=(), waived=()), None, job.summarise(result))
    return path, FileAudit(result, doc.model if job.keep_models else None)


def audit_all(files: list[Path], ruleset: RuleSet, limits: Limits, waivers: tuple[Waiver, ...],
              progress: Callable[[int], None] | None = None,
              keep_models: bool = True,
              summarise: Callable[[AuditResult], Any] | None = None) -> Iterator[tuple[Path, FileOutcome]]:
    """Audit every file, in parallel where it pays; results come back in the order of ``files``.

    With ``keep_models`` false no organisation is kept (what ``check`` renders never reads it), so
    a worker sends back only the result: its findings, maturity and coverage. ``summarise`` (a
    module-level function) runs in the worker, beside a result stripped of findings and outcomes.
    """
    global _JOB
    _JOB = _Job(ruleset, limits, waivers, keep_models, summarise)
    workers = min(os.cpu_count() or 1, len(files))
    if workers < 2 or not hasattr(os, "fork") or not _pays(files):
        for path in files:
            yield _as_path(_work(str(path)))
            if progress:
                progress(1)
        return
    # Imported here: a single organisation, the common case, does not pay for them at start-up.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork hands the loaded checklist to the workers without pickling it
    context = multiprocessing.get_context("fork")
    done: dict[str, FileOutcome] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # Largest first, so that no core ends the run alone on a large file; results keep their order.
        biggest_first = sorted(files, key=_size, reverse=True)
        futures = [pool.submit(_work, str(path)) for path in biggest_first]
        for future in as_completed(futures):
            key, outcome = future.result()
            done[key] = outcome
            if progress:
                progress(1)
    for path in files:
        yield path, done[str(path)]


# Below these, audits in this process end sooner than starting workers and sending their results back:
# a small organisation file of a few kB audits in about 25 ms, a large one (100 kB) in about 0.3 s.
PARALLEL_FILES = 16
PARALLEL_BYTES = 256 * 1024


def _pays(files: list[Path]) -> bool:
    """Whether the files are many or large enough for workers to end the run sooner."""
    return len(files) >= PARALLEL_FILES or sum(map(_size, files)) >= PARALLEL_BYTES


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported as the file's input error by its audit


def _as_path(item: tuple[str, FileOutcome]) -> tuple[Path, FileOutcome]:
    return Path(item[0]), item[1]


def show_progress(total: int) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A rich progress bar on a terminal for more than a few files; nothing otherwise."""
    if total < 4 or not sys.stderr.isatty() or os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return None, lambda: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("digimandate", total=total)
    bar.start()
    return (lambda n: bar.advance(task, n)), bar.stop
