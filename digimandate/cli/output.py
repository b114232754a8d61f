"""Writing what the user owns: every target checked first, every file staged whole, then all put in place."""

from __future__ import annotations

import codecs
import io
import os
import re
import select
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from digimandate.cli.safety import Inputs, Target, check_targets
from digimandate.errors import UsageError, os_reason

Data = str | bytes | Iterable[str]
SPOOL_IN_MEMORY = 1 << 20  # standard output up to this size is kept in memory, beyond it in a temporary file
# A leftover temporary file beside an output is cleared when its writer is gone and it has rested this
# long (a writer in another container or on another machine is alive though its pid is not), or when
# it has rested an hour whoever wrote it: no run keeps a staged file that long.
STALE_AFTER_WRITER_GONE = 60
STALE_AFTER = 3600
_TMP_SUFFIX = ".tmp"
_NAME_BYTES = 180  # of the output's name in a temporary file's name: with the rest it stays below 255
_PENDING: set[Path] = set()  # temporary files of this process, neither put in place nor removed yet
_HELD = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


def write_atomic(path: Path, data: Data, force: bool = False) -> None:
    """Write one file through a temporary file and a rename; never over a file that is there, unless forced."""
    write_files([(Target(path, force), data)])


def write_files(files: Sequence[tuple[Target, Data]], inputs: Inputs | None = None, folders: Iterable[Path] = (),
                stdout: Sequence[Data] = ()) -> None:
    """Write every output of a run whole or not at all.

    All targets are checked first (none over an input, none twice, none over a file that is there
    without --force); then ``folders`` are made, every file is written to a temporary file beside
    its target and standard output's part to a spool, and only when all are made are the files put
    in place and standard output written. A failure while making any of them puts none in place,
    and a large output is never held in memory as one text.
    """
    check_targets([target for target, _ in files], inputs)
    make_folders(folders)
    clear_stale(target.path for target, _ in files)
    staged: list[Staged] = []
    with ExitStack() as spooled:
        try:
            for target, data in files:
                staged.append(stage(target.path, data, target.force))
            parts = [spooled.enter_context(spool(data)) for data in stdout]
            commit_all(staged)
        finally:
            for item in staged:
                item.discard()
        for part in parts:
            part.seek(0)
            to_stdout(part)


def make_folders(folders: Iterable[Path]) -> None:
    """Make the folders a run writes into (``-o DIR/``), or say why one cannot be made."""
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError("cannot_write", file=str(folder), reason=os_reason(exc)) from None


@dataclass
class Staged:
    """A file written in full beside its target, waiting to be put in place."""

    path: Path
    tmp: Path
    force: bool
    done: bool = False

    def commit(self) -> None:
        """Put the file in place; never over a file that appeared meanwhile, unless forced."""
        path = self.path
        try:
            # mkstemp makes the file 0600; the user expects what their umask gives, or the old file's mode.
            os.chmod(self.tmp, _mode_for(path))
            if self.force:
                os.replace(self.tmp, path)
            else:
                _put_new(self.tmp, path)
        except FileExistsError:
            raise UsageError("exists", file=str(path)) from None
        except OSError as exc:
            raise UsageError("cannot_write", file=str(path), reason=os_reason(exc)) from None
        self.done = True
        _PENDING.discard(self.tmp)

    def discard(self) -> None:
        """Remove the temporary file if it was not put in place."""
        if not self.done:
            self.tmp.unlink(missing_ok=True)
        _PENDING.discard(self.tmp)


def _put_new(tmp: Path, path: Path) -> None:
    """Rename ``tmp`` to ``path`` only if nothing is there, not even a dangling link: one step, no race."""
    try:
        os.link(tmp, path)  # fails with EEXIST if anything is at path; rename would replace it
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network shares): check, then rename
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    tmp.unlink(missing_ok=True)


def commit_all(staged: Sequence[Staged]) -> None:
    """Put every staged file in place, after checking that none appeared meanwhile at any target."""
    for item in staged:
        if not item.force and os.path.lexists(item.path):
            raise UsageError("exists", file=str(item.path))
    for item in staged:
        item.commit()


def stage(path: Path, data: Data, force: bool = False) -> Staged:
    """Write ``data`` to a temporary file beside ``path``; ``commit()`` puts it in place."""
    if not force and os.path.lexists(path):
        raise UsageError("exists", file=str(path))
    directory = path.parent if str(path.parent) else Path(".")
    staged: Staged | None = None
    try:
        with _signals_held():  # an interrupt now would leave a temporary file that nothing knows of
            fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path.name), suffix=_TMP_SUFFIX, dir=directory)
            staged = Staged(path, Path(tmp), force)
            _PENDING.add(staged.tmp)
        with os.fdopen(fd, "wb") as fh:
            _write(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        if staged is not None:
            staged.discard()
        raise UsageError("cannot_write", file=str(path), reason=os_reason(exc)) from None
    except BaseException:  # a renderer's error, or an interrupt (SIGINT, SIGTERM)
        if staged is not None:
            staged.discard()
        raise
    return staged


def discard_pending() -> None:
    """Remove every temporary file this process made and did not put in place: the last resort on exit."""
    for tmp in list(_PENDING):
        tmp.unlink(missing_ok=True)
        _PENDING.discard(tmp)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP for a moment; they arrive as soon as it ends."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    old = mask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


def _tmp_head(name: str) -> str:
    """``.NAME.``, the start of every temporary file for an output named NAME (cut to fit a file name)."""
    short = name.encode("utf-8", "surrogateescape")[:_NAME_BYTES].decode("utf-8", "ignore")
    return f".{short}."


def _tmp_prefix(name: str) -> str:
    """``.NAME.PID.``: the name says whose output it is, the process id who writes it (for clear_stale)."""
    return f"{_tmp_head(name)}{os.getpid()}."


_TMP_REST = re.compile(r"(?:(\d+)\.)?[a-z0-9_]{8}\.tmp")  # after ".NAME.": the pid and mkstemp's 8 characters


def clear_stale(paths: Iterable[Path]) -> None:
    """Remove leftover temporary files of earlier runs beside these outputs (a run killed by SIGKILL, say).

    Only files in the shape this module makes (``.NAME.PID.XXXXXXXX.tmp``) for an output of this
    run, regular files of the user running, are removed, and only when their writer is gone
    (no process has that id) and they have rested a minute, or when they have rested an hour.
    Anything unexpected leaves the file where it is: clearing is a courtesy, never an error.
    """
    by_folder: dict[Path, set[str]] = {}
    for path in paths:
        by_folder.setdefault(path.parent if str(path.parent) else Path("."), set()).add(_tmp_head(path.name))
    for folder, heads in by_folder.items():
        try:
            with os.scandir(folder) as entries:
                names = [e.name for e in entries if e.name.startswith(".") and e.name.endswith(_TMP_SUFFIX)]
        except OSError:
            continue
        for name in names:
            for head in heads:
                rest = _TMP_REST.fullmatch(name, len(head)) if name.startswith(head) else None
                if rest is not None and _stale(folder / name, rest.group(1)):
                    with suppress(OSError):  # not ours to remove after all (a sticky folder): leave it
                        (folder / name).unlink(missing_ok=True)
                    break


def _stale(path: Path, pid: str | None) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False
    rested = time.time() - info.st_mtime
    if rested > STALE_AFTER:
        return True
    return pid is not None and rested > STALE_AFTER_WRITER_GONE and not _alive(int(pid))


def _alive(pid: int) -> bool:
    """Whether a process has this id; when that cannot be told, it is taken to be alive."""
    if pid == os.getpid() or os.name != "posix":  # elsewhere os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process; a number no process id can be
        return True
    return True


def spool(data: Data) -> IO[bytes]:
    """``data`` as UTF-8 in a temporary file (in memory while small), to be copied out when all is made."""
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - the caller closes it
    try:
        _write(out, data)
    except BaseException:
        out.close()
        raise
    return out


def to_stdout(data: Data | IO[bytes]) -> None:
    """Write to standard output and flush it.

    A failure (a full disk, ``ulimit -f``, ``> /dev/full``) is exit 2 with a message, never a
    success nor a "bug"; a closed pipe (``| head``) is left to the caller, which ends quietly.
    """
    try:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is None:  # a stream of text only
            for block in _blocks(data):
                sys.stdout.write(block.decode("utf-8"))
            sys.stdout.flush()
            return
        encoding = str(getattr(sys.stdout, "encoding", None) or "utf-8")
        recode = codecs.lookup(encoding).name != "utf-8"
        decoder = codecs.getincrementaldecoder("utf-8")()
        for block in _blocks(data):
            if recode:  # a stream in another encoding: as its own writes would encode it
                block = decoder.decode(block).encode(encoding, getattr(sys.stdout, "errors", None) or "strict")
            _write_all(out, block)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()  # what is still buffered must not fail a second time at exit
        raise UsageError("stdout_failed", reason=os_reason(exc)) from None


def _write_all(out: IO[bytes], data: bytes) -> None:
    """Write all of ``data``, also to an unbuffered stream (PYTHONUNBUFFERED), whose write may take only part.

    The rest of a partial write is written again, so that its error (a full disk, ``ulimit -f``)
    is raised instead of being lost; a non-blocking standard output is waited for.
    """
    view = memoryview(data)
    while view:
        try:
            written = out.write(view)
        except BlockingIOError as exc:  # a caller made standard output non-blocking (some CI runners do)
            written = exc.characters_written
            select.select([], [out], [], 1.0)
        if written is None:  # the same, on an unbuffered stream
            select.select([], [out], [], 1.0)
            continue
        view = view[written:]


def silence_stdout() -> None:
    """Point standard output at nothing, so that flushing it at exit raises no second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        pass


def _write(fh: IO[bytes], data: Data) -> None:
    for block in _blocks(data):
        fh.write(block)


def _blocks(data: Data | IO[bytes]) -> Iterator[bytes]:
    """``data`` as UTF-8 in blocks: text whole, a file 1 MB at a time, small pieces gathered to 64 KB."""
    if isinstance(data, bytes):
        yield data
    elif isinstance(data, str):
        yield data.encode("utf-8")
    elif isinstance(data, io.IOBase):  # a spooled output
        reader = cast(IO[bytes], data)
        while block := reader.read(1 << 20):
            yield block
    else:
        # a result's pieces are small: gather them, so that the file sees few, large writes
        block_: list[str] = []
        size = 0
        for piece in cast(Iterable[str], data):
            block_.append(piece)
            size += len(piece)
            if size >= 1 << 16:
                yield "".join(block_).encode("utf-8")
                block_.clear()
                size = 0
        if block_:
            yield "".join(block_).encode("utf-8")


def _mode_for(path: Path) -> int:
    """The mode a replaced file keeps, or that a newly created file gets under the current umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask
