"""The configuration file: `.digimandate.yaml` or `[tool.digimandate]` in pyproject.toml."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from digimandate.audit.specs import SEVERITY_FROM_DUTCH, ParamValue, RuleId, Severity
from digimandate.errors import InputError, Location, problem
from digimandate.model.loader import DEFAULT_MAX_DEPTH, MAX_INT_DIGITS, Limits, LList, LMap, Loaded, load_file, pack
from digimandate.model.validate import found, validate_model
from digimandate.reading import MAX_SMALL_BYTES, decode_utf8, read_input

CONFIG_NAMES = (".digimandate.yaml", ".digimandate.yml")
PYPROJECT = "pyproject.toml"
Reason = Literal["accepted-risk", "not-applicable", "planned", "false-positive"]


class WaiverSpec(BaseModel):
    """One accepted gap: which finding, why, who answers for it, and until when."""

    # strict: no text becomes a number, no number a boolean or a date
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    rule: RuleId
    entity: str = Field(min_length=1)
    reason: Reason
    justification: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    # who accepted the gap on the organisation's behalf (maturity v2: a waiver is a decision)
    approved_by: str = Field(min_length=1)
    # strict: a datetime is refused, not cut to its day in a time zone nobody chose; so is a quoted date,
    # as in the organisation file
    expires: date


def _english_severity(value: object) -> object:
    """A severity in Dutch ("hoog") as the English name the checklists use."""
    return SEVERITY_FROM_DUTCH.get(value, value) if isinstance(value, str) else value


AnySeverity = Annotated[Severity, BeforeValidator(_english_severity)]


class ConfigFile(BaseModel):
    """What a configuration file may say."""

    # strict: `max-waiver-days: "30"` or `true` is an error, not 30 or 1
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    out_of_range_hint: ClassVar[str] = "config_out_of_range_hint"

    select: list[str] | None = None
    extend_select: list[str] = Field(default=[], alias="extend-select")
    ignore: list[str] = []
    severity: dict[RuleId, AnySeverity] = {}
    params: dict[RuleId, dict[str, ParamValue]] = {}
    checklists: list[str] = []
    fail_on: AnySeverity | None = Field(default=None, alias="fail-on")
    language: Literal["nl", "en"] | None = None
    waivers: list[WaiverSpec] = []
    max_waiver_days: int = Field(default=365, alias="max-waiver-days", ge=1)


class WaiverFile(BaseModel):
    """A separate file of waivers."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    waivers: list[WaiverSpec] = []


@dataclass(frozen=True)
class Waiver:
    """A waiver and where it was written."""

    spec: WaiverSpec
    location: Location
    index: int
    max_days: int = 365  # longest a waiver may run from the audit date (config: max-waiver-days)


@dataclass(frozen=True)
class Config:
    """A loaded configuration: its contents and where each part stands."""

    path: Path | None
    spec: ConfigFile
    loaded: Loaded | None
    waivers: tuple[Waiver, ...]

    @property
    def display(self) -> str | None:
        """The configuration's path as every output names it; None when the run used none."""
        return shown(self.path) if self.path is not None else None

    def at(self, *path: str | int) -> Location:
        """The location of a key in the configuration (its start when not found)."""
        if self.loaded is None:
            return Location(str(self.path or "-"), 1, 1)
        return self.loaded.locate(*path)


EMPTY = Config(None, ConfigFile(), None, ())


def shown(path: Path) -> str:
    """A path as messages and outputs name it: relative to the current folder when below it, else absolute."""
    full = Path(os.path.abspath(path))
    try:
        return str(full.relative_to(Path.cwd()))
    except (ValueError, OSError):  # not below it, or the current folder is gone
        return str(full)


def discovery_folders(start: Path) -> list[Path]:
    """The folders searched for a configuration, nearest first.

    From the organisation file's folder up to the repository root (the nearest folder with a
    ``.git``, a folder or a worktree's file). Outside a repository only that folder itself: a
    configuration in some folder above, which nobody reviewing the organisation sees, must not
    switch rules off or waive findings.
    """
    folder = start if start.is_dir() else start.absolute().parent
    folder = folder.resolve()
    chain = [folder, *folder.parents]
    # as git does, never climb into a folder of GIT_CEILING_DIRECTORIES (one may start there)
    ceilings = {Path(p).resolve() for p in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep)
                if os.path.isabs(p)}
    stop = next((i for i, f in enumerate(chain) if i and f in ceilings), len(chain))
    chain = chain[:stop]
    root = next((i for i, f in enumerate(chain) if os.path.lexists(f / ".git")), None)
    return chain[: root + 1] if root is not None else [folder]


def find_config(start: Path) -> Path | None:
    """The configuration for an organisation file or folder ``start``; None when there is none.

    A name that exists is found even when it cannot be read (a folder, a pipe, a broken link, no
    permission): loading it then says why, and the run stops, rather than running without it.
    """
    for folder in discovery_folders(start):
        for name in CONFIG_NAMES:
            if os.path.lexists(folder / name):
                return folder / name
        pyproject = folder / PYPROJECT
        if os.path.lexists(pyproject) and _has_tool_table(pyproject):
            return pyproject
    return None


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def _has_tool_table(path: Path) -> bool:
    """Tell whether a pyproject.toml configures digimandate.

    One that cannot be read is an error (it may hold the table). One that is not valid TOML counts
    when its text names the table, so that its error is shown; any other is some other tool's file.
    """
    raw = read_input(path, MAX_SMALL_BYTES, folder_hint="config_is_directory_hint")
    text = raw.decode("utf-8", errors="replace")
    try:
        data = _parse_toml(text, str(path))
    except InputError:
        return _table_line(text) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "digimandate" in tool


# `[tool.digimandate`, `tool.digimandate.x = ...`, `tool = {digimandate = ...}` and, below [tool],
# `digimandate = ...`; not `[tool.digimandate-x]` (bare TOML keys hold letters, digits, - and _)
_NAME = r"""["']?digimandate["']?(?![\w-])"""
_HEADER = re.compile(rf"\[\s*tool\s*\.\s*{_NAME}")
_TOP_KEY = re.compile(rf"tool\s*(?:\.\s*{_NAME}|=.*\bdigimandate\b)")
_TOOL_KEY = re.compile(rf"{_NAME}\s*[.=]")


def _table_line(text: str) -> int | None:
    """The line that sets ``tool.digimandate`` in TOML text, valid or not: a table, a dotted key or a key of [tool]."""
    header = ""
    for number, row in enumerate(text.splitlines(), 1):
        line = row.strip()
        if line.startswith("["):
            if _HEADER.match(line):
                return number
            header = line.split("#", 1)[0].replace(" ", "").replace("\t", "")
        elif (not header and _TOP_KEY.match(line)) or (header == "[tool]" and _TOOL_KEY.match(line)):
            return number
    return None


def load_config(path: Path) -> Config:
    """Load a configuration file (YAML, or the [tool.digimandate] table of a pyproject.toml)."""
    if path.is_dir():  # found by name, or named with --config: either way not a configuration
        raise InputError([problem(Location(str(path), 1, 1), "", "is_directory", "config_is_directory_hint")])
    if path.name == PYPROJECT:
        loaded = _load_pyproject(path)
    else:
        loaded = load_file(path, Limits(max_bytes=MAX_SMALL_BYTES, too_large_hint="too_large_fixed_hint"))
    spec = validate_model(loaded, ConfigFile)
    waivers = tuple(Waiver(w, loaded.locate("waivers", i), i, spec.max_waiver_days)
                    for i, w in enumerate(spec.waivers))
    return Config(path, spec, loaded, waivers)


def load_waiver_file(path: Path) -> tuple[Waiver, ...]:
    """Load a separate file that holds only waivers."""
    loaded = load_file(path, Limits(max_bytes=MAX_SMALL_BYTES, too_large_hint="too_large_fixed_hint"))
    spec = validate_model(loaded, WaiverFile)
    return tuple(Waiver(w, loaded.locate("waivers", i), i) for i, w in enumerate(spec.waivers))


def _load_pyproject(path: Path) -> Loaded:
    """Read the [tool.digimandate] table; TOML has no positions, so keys point at the table's line."""
    name = str(path)
    raw = read_input(path, MAX_SMALL_BYTES, folder_hint="config_is_directory_hint")
    text = decode_utf8(raw, name)
    data = _parse_toml(text, name)
    tool = data.get("tool")
    if not isinstance(tool, dict) or "digimandate" not in tool:  # named with --config, yet it configures nothing
        raise InputError([problem(Location(name, 1, 1), "", "toml_no_table", "toml_no_table_hint")])
    line = _table_line(text) or 1
    table = tool["digimandate"]
    if not isinstance(table, dict):  # [tool] digimandate = 5
        raise InputError([problem(Location(name, line, 1), "", "toml_not_table",
                                  "toml_not_table_hint", found=found(table))])
    # as in YAML: no setting needs more digits (and a message could not quote a hexadecimal 0xfff...)
    too_long = [problem(Location(name, line, 1), path, "number_too_long", "number_too_long_hint", value=_cut(text))
                for path, text in _long_ints(table, "")]
    if too_long:
        raise InputError(too_long)
    return Loaded(_locate_plain(table, (line, 1), name), name, hashlib.sha256(raw).hexdigest())


# tomllib reports where it stopped only in its message (an attribute from Python 3.14 on)
_TOML_AT = re.compile(r"^(?P<msg>.*) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$", re.S)
# the pieces of TOML in which a bracket is not nesting: strings and comments; and the brackets
_TOML_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""'  # a multi-line basic string
    r"|'''.*?'''"  # a multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # a basic string
    r"|'[^'\n]*'"  # a literal string
    r"|#[^\n]*"  # a comment
    r"|[\[\]{}]",  # a bracket
    re.S)
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4300,}")  # what int() refuses


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML, refusing, located, what tomllib would crash on or report without a place."""
    deep = _too_deep_at(text, DEFAULT_MAX_DEPTH)
    if deep is not None:  # tomllib recurses for every level and would end in a RecursionError
        raise InputError([problem(Location(name, *deep), "", "too_deep", "config_too_deep_hint",
                                  limit=DEFAULT_MAX_DEPTH)])
    toml = _toml()
    try:
        data: dict[str, Any] = toml.loads(text)
    except RecursionError:  # a backstop: the scan above keeps tomllib far from the stack's end
        raise InputError([problem(Location(name, 1, 1), "", "too_deep", "config_too_deep_hint",
                                  limit=DEFAULT_MAX_DEPTH)]) from None
    except toml.TOMLDecodeError as exc:
        line, col, msg = _toml_error_at(exc, text)
        raise InputError([problem(Location(name, line, col), "", "toml_syntax", "toml_hint", problem=msg)]) from None
    except ValueError:  # int() of more than 4,300 digits, which tomllib lets through as it is
        match = _LONG_NUMBER.search(text)
        at = _position(text, match.start()) if match else (1, 1)
        raise InputError([problem(Location(name, *at), "", "number_too_long", "number_too_long_hint",
                                  value=_cut(match.group() if match else "?"))]) from None
    return data


def _toml_error_at(exc: ValueError, text: str) -> tuple[int, int, str]:
    """Where tomllib stopped, and why without the place."""
    message = str(exc)
    match = _TOML_AT.match(message)
    if match is None:
        return 1, 1, message
    if match["line"] is None:  # at the end of the document
        lines = text.splitlines() or [""]
        return len(lines), len(lines[-1]) + 1, match["msg"]
    return int(match["line"]), int(match["col"]), match["msg"]


def _too_deep_at(text: str, limit: int) -> tuple[int, int] | None:
    """Where TOML brackets first nest deeper than ``limit`` (strings and comments skipped); None if nowhere."""
    if text.count("[") + text.count("{") <= limit:  # the common case: too few brackets to nest that deep
        return None
    depth = 0
    for token in _TOML_TOKENS.finditer(text):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > limit:
                return _position(text, token.start())
        elif bracket in ("]", "}"):
            depth = max(depth - 1, 0)
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset in the text."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _long_ints(value: Any, path: str) -> list[tuple[str, str]]:
    """Every integer of more than MAX_INT_DIGITS digits in parsed TOML: where, and how it reads."""
    if isinstance(value, dict):
        return [hit for key, item in value.items() for hit in _long_ints(item, f"{path}.{key}" if path else key)]
    if isinstance(value, list):
        return [hit for i, item in enumerate(value) for hit in _long_ints(item, f"{path}[{i}]")]
    if type(value) is int and abs(value) >= 10**MAX_INT_DIGITS:
        # str() refuses an int of more than 4,300 digits, which a short hexadecimal literal makes
        return [(path, hex(value) if value.bit_length() > 14_000 else str(value))]
    return []


def _cut(text: str) -> str:
    """A long number as a message quotes it (as the YAML loader does)."""
    return text if len(text) <= 40 else text[:40] + "…"


def _locate_plain(value: Any, pos: tuple[int, int], src: str) -> Any:
    """Wrap plain data in located containers that all point at one position."""
    if isinstance(value, dict):
        out = LMap(pos, src)
        for key, item in value.items():
            out[key] = _locate_plain(item, pos, src)
            out.place(key, pos, pos)
        return out
    if isinstance(value, list):
        lst = LList(pos, src)
        for item in value:
            lst.append(_locate_plain(item, pos, src))
            lst.spots.append(pack(pos))
        return lst
    return value
