"""Writing files the user owns: whole or not at all, never over an existing file unless asked."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from digimandate.errors import UsageError, os_reason

Data = str | bytes | Iterable[str]
SPOOL_IN_MEMORY = 1 << 20  # standard output up to this size is kept in memory, beyond it in a temporary file


def write_atomic(path: Path, data: Data, force: bool = False) -> None:
    """Write ``data`` (text as UTF-8, or text in pieces) to ``path`` through a temporary file and a rename."""
    staged = stage(path, data, force)
    try:
        staged.commit()
    finally:
        staged.discard()


@dataclass
class Staged:
    """A file written in full beside its target, waiting to be put in place."""

    path: Path
    tmp: Path
    force: bool
    done: bool = False

    def commit(self) -> None:
        """Put the file in place with a rename; never over a file that appeared meanwhile, unless forced."""
        path = self.path
        try:
            if not self.force and path.exists():  # someone created it meanwhile: still never overwrite
                raise UsageError("exists", file=str(path))
            # mkstemp makes the file 0600; the user expects what their umask gives, or the old file's mode.
            os.chmod(self.tmp, _mode_for(path))
            os.replace(self.tmp, path)
        except OSError as exc:
            raise UsageError("cannot_write", file=str(path), reason=os_reason(exc)) from None
        self.done = True

    def discard(self) -> None:
        """Remove the temporary file if it was not put in place."""
        if not self.done:
            self.tmp.unlink(missing_ok=True)


def stage(path: Path, data: Data, force: bool = False) -> Staged:
    """Write ``data`` to a temporary file beside ``path``; ``commit()`` puts it in place."""
    if path.exists() and not force:
        raise UsageError("exists", file=str(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError("cannot_write", file=str(path), reason=os_reason(exc)) from None
    staged = Staged(path, Path(tmp), force)
    try:
        with os.fdopen(fd, "wb") as fh:
            _write(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        staged.discard()
        raise UsageError("cannot_write", file=str(path), reason=os_reason(exc)) from None
    except BaseException:
        staged.discard()
        raise
    return staged


def spool(data: Data) -> IO[bytes]:
    """``data`` as UTF-8 in a temporary file (in memory while small), to be copied out when all is made."""
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - the caller closes it
    try:
        _write(out, data)
    except BaseException:
        out.close()
        raise
    return out


def _write(fh: IO[bytes], data: Data) -> None:
    if isinstance(data, bytes):
        fh.write(data)
    elif isinstance(data, str):
        fh.write(data.encode("utf-8"))
    else:
        # a result's pieces are small: gather them into blocks so the file sees few, large writes
        block: list[str] = []
        size = 0
        for piece in data:
            block.append(piece)
            size += len(piece)
            if size >= 1 << 16:
                fh.write("".join(block).encode("utf-8"))
                block.clear()
                size = 0
        if block:
            fh.write("".join(block).encode("utf-8"))


def _mode_for(path: Path) -> int:
    """The mode a replaced file keeps, or that a newly created file gets under the current umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask
