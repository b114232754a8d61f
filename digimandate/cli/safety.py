"""File safety: no output of a run may land on a file the same run read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from digimandate.errors import UsageError


def _identity(path: Path) -> tuple[str, tuple[int, int] | None]:
    """The real path (symlinks resolved) and, when the file exists, its device and inode (hard links)."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return real, None
    return real, (st.st_dev, st.st_ino)


class Inputs:
    """Every file a run reads, by real path and by inode."""

    def __init__(self, paths: Iterable[Path | str] = ()) -> None:
        self.shown: dict[str, str] = {}  # real path -> the name the user gave
        self.inodes: dict[tuple[int, int], str] = {}
        self.add(*paths)

    def add(self, *paths: Path | str | None) -> None:
        """Record files the run reads (None and folders are skipped; a folder is never written over)."""
        for path in paths:
            if path is None or str(path) == "-":
                continue
            real, inode = _identity(Path(path))
            self.shown.setdefault(real, str(path))
            if inode is not None:
                self.inodes.setdefault(inode, str(path))

    def matching(self, target: Path) -> str | None:
        """The input ``target`` would overwrite, if any."""
        real, inode = _identity(target)
        if real in self.shown:
            return self.shown[real]
        return self.inodes.get(inode) if inode is not None else None

    def guard(self, targets: Iterable[Path | None]) -> None:
        """Refuse (exit 2, with --force or without) to write any target over an input of the run."""
        for target in targets:
            if target is None:
                continue
            source = self.matching(target)
            if source is not None and os.path.abspath(source) == os.path.abspath(target):
                raise UsageError("output_is_input", file=str(target))
            if source is not None:  # the same file by another name: a symbolic or hard link
                raise UsageError("output_is_input_via", "output_is_input_hint", file=str(target), input=source)
