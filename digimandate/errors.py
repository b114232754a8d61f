"""The one error root and its located input errors."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from typing import Any

from digimandate.i18n import CATALOG, Lang, counted, t
from digimandate.textsafe import one_line

# The exit codes, documented in the README: clean, findings at or above --fail-on, bad input, a bug.
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def reduce_by_fields(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle a slotted dataclass as a call of its constructor.

    dataclasses' own ``__setstate__`` looks the fields up again for every object, which is most of
    the cost when a worker process hands back tens of thousands of findings.
    """
    return type(self), tuple([getattr(self, name) for name in self.__slots__])


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A 1-based position in a file."""

    file: str
    line: int
    column: int

    __reduce__ = reduce_by_fields

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Term:
    """A catalogue key used as a message argument, translated when the message is shown.

    With ``count``, the key is a noun's forms and the argument is the count with its noun ("1 attempt").
    """

    key: str
    count: int | None = None

    def text(self, lang: Lang) -> str:
        """The term in a language."""
        return t(self.key, lang) if self.count is None else counted(self.count, self.key, lang)


# What the system says about a file, in the reader's language; the English is what Linux's strerror says.
_OS_REASONS = {errno.EACCES: "os_eacces", errno.EPERM: "os_eacces", errno.ENOENT: "os_enoent",
               errno.EISDIR: "os_eisdir", errno.ENOTDIR: "os_enotdir", errno.ENOSPC: "os_enospc",
               errno.EROFS: "os_erofs", errno.EEXIST: "os_eexist", errno.ENAMETOOLONG: "os_enametoolong",
               errno.ELOOP: "os_eloop", errno.EDQUOT: "os_edquot", errno.EFBIG: "os_efbig"}


def os_reason(exc: BaseException) -> Term | str:
    """Why a file could not be read or written, as a message argument: a term for the common reasons."""
    number = getattr(exc, "errno", None)
    if number in _OS_REASONS:
        return Term(_OS_REASONS[number])
    return getattr(exc, "strerror", None) or str(exc)


EXCERPT = 60  # characters of the user's input a message quotes
MAX_ARG = 300  # a backstop for any value, so no message repeats a whole file


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """Quote the user's text, cut to its first ``limit`` characters."""
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit])[:-1] + "…" + repr(text)[-1]


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_ARG:
        return value[:MAX_ARG] + "…"
    return value


def _fill(args: dict[str, Any], lang: Lang) -> dict[str, Any]:
    # one_line: a key or value quoted from the file must not start a line of its own on standard
    # error (in a GitHub Actions log, `::error ...` there is a workflow command) nor colour the terminal;
    # _short: nor may it fill the screen (a CSV renamed to .yaml quoted whole)
    return {k: v.text(lang) if isinstance(v, Term) else one_line(_short(v)) if isinstance(v, str) else _short(v)
            for k, v in args.items()}


@dataclass(frozen=True)
class Notice:
    """A warning that stops nothing: returned by the library, printed by the command line in the user's language."""

    key: str
    args: dict[str, Any] = field(default_factory=dict)

    def format(self, lang: Lang) -> str:
        """The warning as one line of standard error."""
        return t(self.key, lang, **_fill(self.args, lang))


@dataclass(frozen=True)
class Problem:
    """One located input problem; texts are catalogue keys so both languages exist."""

    location: Location
    path: str
    key: str
    args: dict[str, Any] = field(default_factory=dict)
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, line and column."""
        return (self.location.file, self.location.line, self.location.column, self.path)

    def format(self, lang: Lang) -> str:
        """Render as ``FILE:LINE:COL: error: PATH: message`` plus an indented hint."""
        head = f"{one_line(str(self.location))}: {t('error', lang)}: "
        if self.path:
            head += f"{one_line(self.path)}: "
        args = _fill(self.args, lang)
        text = head + t(self.key, lang, **args)
        if self.hint:
            text += f"\n  {t('hint', lang)}: " + t(self.hint, lang, **args)
        return text


class DigimandateError(Exception):
    """Root of every error the CLI turns into a message and an exit code."""

    exit_code = EXIT_INTERNAL

    def format(self, lang: Lang) -> str:
        """Return the user-facing text in ``lang``."""
        return str(self)


class InputError(DigimandateError):
    """Bad input: one or more located problems (exit code 2)."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(p.format("en") for p in self.problems))

    def format(self, lang: Lang) -> str:
        """Return every problem, one per paragraph."""
        return "\n".join(p.format(lang) for p in self.problems)

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        """Rebuild from the problems (an audit may run in another process)."""
        return (InputError, (self.problems,))


class UsageError(DigimandateError):
    """Bad usage without a file position (exit code 2)."""

    exit_code = EXIT_INPUT

    def __init__(self, key: str, hint: str | None = None, **args: Any) -> None:
        self.key = key
        # by convention the hint of a message `x` is `x_hint`, where the catalogue has one
        self.hint = hint if hint is not None else (f"{key}_hint" if f"{key}_hint" in CATALOG else None)
        self.args_ = args
        super().__init__(t(key, "en", **_fill(args, "en")))

    def format(self, lang: Lang) -> str:
        """Return the message in ``lang``, and its hint on the next line."""
        args = _fill(self.args_, lang)
        text = f"{t('error', lang)}: {t(self.key, lang, **args)}"
        if self.hint:
            text += f"\n  {t('hint', lang)}: {t(self.hint, lang, **args)}"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from the key and values (an audit may run in another process)."""
        return (_usage_error, (self.key, self.hint, self.args_))


def _usage_error(key: str, hint: str | None, args: dict[str, Any]) -> UsageError:
    return UsageError(key, hint, **args)


def problem(location: Location, path: str, msg: str, hint: str | None = None, **args: Any) -> Problem:
    """Build a Problem; ``args`` fill in both the message and the hint."""
    return Problem(location, path, msg, args, hint)
