"""The configuration file: `.digimandate.yaml` or `[tool.digimandate]` in pyproject.toml."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from digimandate.audit.specs import SEVERITY_FROM_DUTCH, ParamValue, RuleId, Severity
from digimandate.errors import InputError, Location, problem
from digimandate.model.loader import Limits, LList, LMap, Loaded, load_file, pack
from digimandate.model.validate import validate_model
from digimandate.reading import MAX_SMALL_BYTES, read_text

CONFIG_NAMES = (".digimandate.yaml", ".digimandate.yml")
Reason = Literal["accepted-risk", "not-applicable", "planned", "false-positive"]


class WaiverSpec(BaseModel):
    """One accepted gap: which finding, why, who answers for it, and until when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: RuleId
    entity: str = Field(min_length=1)
    reason: Reason
    justification: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    # who accepted the gap on the organisation's behalf (maturity v2: a waiver is a decision)
    approved_by: str = Field(min_length=1)
    expires: date


def _english_severity(value: object) -> object:
    """A severity in Dutch ("hoog") as the English name the checklists use."""
    return SEVERITY_FROM_DUTCH.get(value, value) if isinstance(value, str) else value


AnySeverity = Annotated[Severity, BeforeValidator(_english_severity)]


class ConfigFile(BaseModel):
    """What a configuration file may say."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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

    model_config = ConfigDict(extra="forbid", frozen=True)

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

    def at(self, *path: str | int) -> Location:
        """The location of a key in the configuration (its start when not found)."""
        if self.loaded is None:
            return Location(str(self.path or "-"), 1, 1)
        return self.loaded.locate(*path)


EMPTY = Config(None, ConfigFile(), None, ())


def find_config(start: Path) -> Path | None:
    """Search from ``start`` upwards for a configuration; stop at the repository root."""
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def _has_tool_table(path: Path) -> bool:
    try:
        data = _toml().loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "digimandate" in data["tool"]


def load_config(path: Path) -> Config:
    """Load a configuration file (YAML, or the [tool.digimandate] table of a pyproject.toml)."""
    if path.name == "pyproject.toml":
        loaded = _load_pyproject(path)
    else:
        loaded = load_file(path, Limits(max_bytes=5 * 1024 * 1024, too_large_hint="too_large_fixed_hint"))
    spec = validate_model(loaded, ConfigFile)
    waivers = tuple(Waiver(w, loaded.locate("waivers", i), i, spec.max_waiver_days)
                    for i, w in enumerate(spec.waivers))
    return Config(path, spec, loaded, waivers)


def load_waiver_file(path: Path) -> tuple[Waiver, ...]:
    """Load a separate file that holds only waivers."""
    loaded = load_file(path, Limits(max_bytes=5 * 1024 * 1024, too_large_hint="too_large_fixed_hint"))
    spec = validate_model(loaded, WaiverFile)
    return tuple(Waiver(w, loaded.locate("waivers", i), i) for i, w in enumerate(spec.waivers))


def _load_pyproject(path: Path) -> Loaded:
    """Read the [tool.digimandate] table; TOML has no positions, so keys point at the table's line."""
    text = read_text(path, MAX_SMALL_BYTES)
    try:
        data = _toml().loads(text)
    except ValueError as exc:
        raise InputError([problem(Location(str(path), 1, 1), "", "yaml_syntax", "toml_hint",
                                  problem=str(exc))]) from None
    table = data.get("tool", {}).get("digimandate", {})
    line = next((i for i, row in enumerate(text.splitlines(), 1)
                 if row.strip().replace(" ", "") == "[tool.digimandate]"), 1)
    return Loaded(_locate_plain(table, (line, 1), str(path)), str(path), "")


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
