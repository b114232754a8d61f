"""An organisation split over several files: `include:` lists files whose entities join the main file's."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from digimandate.errors import InputError, Problem, Term, problem
from digimandate.model.loader import Limits, LList, LMap, Loaded, load_file, pack
from digimandate.model.org import SECTIONS
from digimandate.model.validate import found

MAX_FILES = 1000


def expand_includes(loaded: Loaded, main: Path, limits: Limits) -> Loaded:
    """Load the files that `include:` names (globs below the main file's folder) and merge their lists."""
    data = loaded.data
    if "include" not in data:
        return loaded
    patterns = data["include"]
    if not isinstance(patterns, LList):
        raise InputError([problem(data.value_location("include"), "include", "expected_type", "include_hint",
                                  expected=Term("type_list"), found=found(patterns))])
    base = main.resolve().parent
    shown_base = Path(loaded.file).parent
    problems: list[Problem] = []
    files: list[Path] = []
    for i, pattern in enumerate(patterns):
        at = patterns.item_location(i)
        if not isinstance(pattern, str) or not pattern.strip():
            problems.append(problem(at, f"include[{i}]", "include_not_text", "include_hint", found=found(pattern)))
            continue
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            problems.append(problem(at, f"include[{i}]", "include_outside", "include_hint", pattern=pattern))
            continue
        matches = sorted(p for p in base.glob(pattern)  # not only regular files: a device or a pipe is refused by name
                         if p.exists() and not p.is_dir() and p.resolve() != main.resolve())
        if not matches:
            problems.append(problem(at, f"include[{i}]", "include_no_match", "include_hint", pattern=pattern))
        # A symlinked folder or file must not lead the glob out: judge where each match really is.
        escaped = [m for m in matches if not m.resolve().is_relative_to(base)]
        if escaped:
            problems.append(problem(at, f"include[{i}]", "include_escapes", "include_hint", pattern=pattern,
                                    file=str(escaped[0].relative_to(base))))
            continue
        files.extend(m for m in matches if m not in files)
    if len(files) > MAX_FILES:
        problems.append(problem(data.key_location("include"), "include", "include_too_many", "include_hint",
                                count=len(files), limit=MAX_FILES))
    if problems:
        raise InputError(problems)
    digest = hashlib.sha256(loaded.sha256.encode())
    for path in files:
        part = load_file(path, limits, str(shown_base / path.relative_to(base)))  # shown as the main file is
        digest.update(part.sha256.encode())
        _merge(data, part, problems)
    if problems:
        raise InputError(problems)
    return replace(loaded, sha256=digest.hexdigest(), parts=tuple(str(p.resolve()) for p in files))


# What an included file may hold: entity lists, and the sources its facts come from (an import's exports).
INCLUDED = (*SECTIONS, "sources")


def _merge(data: LMap, part: Loaded, problems: list[Problem]) -> None:
    """Append an included file's entity lists (and sources) to the main file's."""
    for key, value in part.data.items():
        if key not in INCLUDED:
            problems.append(problem(part.data.key_location(key), key, "include_unknown_key", "include_sections",
                                    key=key, allowed=", ".join(INCLUDED)))
            continue
        if not isinstance(value, LList):
            problems.append(problem(part.data.value_location(key), key, "expected_type", "include_sections",
                                    expected=Term("type_list"), found=found(value), allowed=", ".join(INCLUDED)))
            continue
        target = data.get(key)
        if not isinstance(target, LList):
            if key in data:  # the main file's own value is wrong; validation will say so there
                continue
            # a section only the included files have: it stands, empty, at the main file's `include:`
            target = LList(data.value_at("include"), data.src)
            data[key] = target
            data.spots.append(pack(data.key_at("include")))
            data.spots.append(pack(data.value_at("include")))
        target.extend(value)
        target.spots.extend(value.spots)
