"""Writing files the user owns: whole or not at all, never over an existing file unless asked."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from digimandate.errors import UsageError


def write_atomic(path: Path, data: str | bytes, force: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file and a rename."""
    if path.exists() and not force:
        raise UsageError("exists", file=str(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError("cannot_write", file=str(path), reason=exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        if not force and path.exists():  # someone created it meanwhile: still never overwrite
            raise UsageError("exists", file=str(path))
        # mkstemp makes the file 0600; the user expects what their umask gives, or the old file's mode.
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError("cannot_write", file=str(path), reason=exc.strerror or str(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The mode a replaced file keeps, or that a newly created file gets under the current umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask
