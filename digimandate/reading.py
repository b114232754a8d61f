"""The one way every input is read: regular files only, never more than a limit, failures located."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from digimandate.errors import InputError, Location, Term, os_reason, problem

STDIN = "-"
CHUNK = 1 << 20
# JSON nests no deeper than this (the standard parser recurses and would fail with RecursionError).
MAX_JSON_DEPTH = 200
# An earlier JSON result or a baseline: a findings-heavy organisation of 10,000 processes writes about 40 MB.
MAX_RESULT_BYTES = 256 * 1024 * 1024
# A checklist, a configuration, a waiver file, a template.
MAX_SMALL_BYTES = 5 * 1024 * 1024


def read_input(path: Path | str, limit: int, display: str | None = None,
               too_large_hint: str = "too_large_fixed_hint", folder_hint: str = "is_directory_file_hint") -> bytes:
    """Read at most ``limit`` bytes of a regular file (``-``: standard input), or raise a located InputError.

    A device, a named pipe or a socket is refused before a byte is read: its size says nothing (a device
    reports 0) and reading it may never end. The file is opened without blocking so that a named pipe
    with no writer cannot hang the run, and read up to one byte past the limit so that a file that
    grows while it is read is still caught.
    """
    name = display if display is not None else str(path)
    here = Location(name, 1, 1)
    if str(path) == STDIN:
        return _read_stdin(limit, here, too_large_hint)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError([problem(here, "", "file_missing", "file_missing_hint")]) from None
    except IsADirectoryError:
        raise InputError([problem(here, "", "is_directory", folder_hint)]) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise InputError([problem(here, "", "file_unreadable", "file_unreadable_hint",
                                  reason=os_reason(exc))]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError([problem(here, "", "is_directory", folder_hint)])
        if not stat.S_ISREG(info.st_mode):
            raise InputError([problem(here, "", "not_regular_file", "not_regular_file_hint")])
        if info.st_size > limit:
            raise InputError([problem(here, "", "too_large", too_large_hint, size=info.st_size, limit=limit)])
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: no reason any more not to block
        raw = _read_bounded(fd, limit, here)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise InputError([problem(here, "", "too_large", too_large_hint, size=f">{limit}", limit=limit)])
    return raw


def _read_bounded(fd: int, limit: int, here: Location) -> bytes:
    parts: list[bytes] = []
    left = limit + 1
    try:
        while left > 0:
            part = os.read(fd, min(CHUNK, left))
            if not part:
                break
            parts.append(part)
            left -= len(part)
    except OSError as exc:
        raise InputError([problem(here, "", "file_unreadable", "file_unreadable_hint",
                                  reason=os_reason(exc))]) from None
    return b"".join(parts)


def _read_stdin(limit: int, here: Location, too_large_hint: str) -> bytes:
    try:
        raw: bytes = sys.stdin.buffer.read(limit + 1)
    except (OSError, ValueError, AttributeError) as exc:  # ValueError: closed; AttributeError: no stdin at all
        raise InputError([problem(here, "", "file_unreadable", "file_unreadable_hint",
                                  reason=os_reason(exc))]) from None
    if len(raw) > limit:
        raise InputError([problem(here, "", "too_large", too_large_hint, size=f">{limit}", limit=limit)])
    return raw


def decode_utf8(raw: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark dropped), or a located InputError at the first bad byte."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:2]:  # NUL is valid UTF-8, so say it here
        raise InputError([problem(Location(name, 1, 1), "", "utf16", "bad_utf8_hint")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError([problem(Location(name, line, col), "", "bad_utf8", "bad_utf8_hint",
                                  byte=f"{raw[exc.start]:02x}")]) from None


def read_text(path: Path | str, limit: int, display: str | None = None,
              too_large_hint: str = "too_large_fixed_hint") -> str:
    """A regular file's UTF-8 text, read within ``limit`` bytes."""
    name = display if display is not None else str(path)
    return decode_utf8(read_input(path, limit, name, too_large_hint), name)


def json_depth_ok(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Tell whether JSON text nests no deeper than ``limit`` (strings skipped; a cheap scan)."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


class JsonProblem(ValueError):
    """JSON that cannot be taken: why (a catalogue term or the parser's words), and where (1-based)."""

    def __init__(self, msg: Term | str, line: int = 1, column: int = 1) -> None:
        super().__init__(str(msg))
        self.msg, self.line, self.column = msg, line, column


def parse_json(text: str) -> Any:
    """Parse JSON, refusing what the standard parser would crash on or take silently.

    Nesting deeper than MAX_JSON_DEPTH (a RecursionError), an integer of more than 4,300 digits
    (a ValueError outside JSONDecodeError), and NaN or Infinity, which are not JSON.
    """
    if not json_depth_ok(text):
        raise JsonProblem(Term("json_too_deep"))

    def constant(name: str) -> Any:
        raise JsonProblem(Term("json_not_a_number"))

    try:
        return json.loads(text, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise JsonProblem(exc.msg, exc.lineno, exc.colno) from None
    except JsonProblem:
        raise
    except (ValueError, RecursionError):
        raise JsonProblem(Term("json_number_too_long")) from None


def read_head(path: Path | str, size: int) -> bytes | None:
    """The first ``size`` bytes of a regular file; None for anything else or a file that cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)
