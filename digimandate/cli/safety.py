"""File safety: no output of a run may land on a file the same run read, nor on another output of the run."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from digimandate.errors import UsageError


def identity(path: Path) -> tuple[str, tuple[int, int] | None]:
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
        """Record files the run reads (None and ``-``, standard input, are skipped)."""
        for path in paths:
            if path is None or str(path) == "-":
                continue
            real, inode = identity(Path(path))
            self.shown.setdefault(real, str(path))
            if inode is not None:
                self.inodes.setdefault(inode, str(path))

    def matching(self, target: Path) -> str | None:
        """The input ``target`` would overwrite, if any."""
        real, inode = identity(target)
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


@dataclass(frozen=True)
class Target:
    """A file a run is to write, and whether it may replace a file that is there (--force)."""

    path: Path
    force: bool = False


def check_targets(targets: Iterable[Target], inputs: Inputs | None = None) -> None:
    """Refuse before anything is written: a target over an input, two targets on one file, a file that is there.

    The first two hold with --force too: no option lets one output of a run destroy an input or
    another output. Two names are one file when they resolve to one path (``./x`` and ``x``, a
    symbolic link) or share an inode (a hard link). A dangling symbolic link counts as a file that
    is there, though ``Path.exists()`` says it is not.
    """
    wanted = list(targets)
    if inputs is not None:
        inputs.guard(t.path for t in wanted)
    earlier = Inputs()  # the targets before this one, compared as inputs are
    for target in wanted:
        other = earlier.matching(target.path)
        if other is not None and os.path.abspath(other) == os.path.abspath(target.path):
            raise UsageError("output_twice", "output_twice_hint", file=str(target.path))
        if other is not None:
            raise UsageError("output_twice_via", "output_twice_hint", file=str(target.path), other=other)
        earlier.add(target.path)
    for target in wanted:
        if not target.force and os.path.lexists(target.path):
            raise UsageError("exists", file=str(target.path))
