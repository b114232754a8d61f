"""The catalogue of texts: both languages, the same placeholders, every key used, no English word in a Dutch text."""

from __future__ import annotations

import ast
import collections
import functools
import json
import re
import string

import pytest

from digimandate.i18n import AREAS, CATALOG, LANGS, TEXTS
from tests.conftest import ROOT

PACKAGE = ROOT / "digimandate"


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@functools.cache
def all_texts() -> dict[str, dict[str, str]]:
    """Every text of the catalogue by key, as its files hold it (read once: every key is a test case)."""
    texts: dict[str, dict[str, str]] = {}
    for area in AREAS:
        texts.update(json.loads((TEXTS / f"{area}.json").read_text(encoding="utf-8")))
    return texts


@pytest.mark.parametrize("key", sorted(all_texts()))
def test_every_text_has_both_languages_and_the_same_placeholders(key: str) -> None:
    entry = all_texts()[key]
    assert sorted(entry) == sorted(LANGS), f"{key}: languages {sorted(entry)}"
    assert all(isinstance(v, str) and v.strip() for v in entry.values()), f"{key}: an empty text"
    assert placeholders(entry["nl"]) == placeholders(entry["en"]), f"{key}: placeholders differ"


def test_placeholder_check_catches_a_difference() -> None:
    assert placeholders("{org} staat op {level}") != placeholders("{org} is at {lvl}")


def _sources() -> str:
    """Every text of the package that may name a key: code and templates."""
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.name != "i18n.py")


def _dynamic_prefixes(source: str) -> set[str]:
    """Key prefixes built at run time, such as ``f"sev_{severity}"`` or ``'level_' + x``."""
    found = set(re.findall(r"""f["']([a-z][a-z0-9_]*_)\{""", source))
    found |= set(re.findall(r"""["']([a-z][a-z0-9_]*_)["']\s*\+""", source))
    return found


def _dynamic_suffixes(source: str) -> set[str]:
    """Key suffixes built at run time, such as ``f"{kind}_needs_folder"``."""
    return set(re.findall(r"""f["']\{[^}]+\}(_[a-z0-9_]+)["']""", source))


def test_every_key_is_used() -> None:
    source = _sources()
    prefixes = _dynamic_prefixes(source)
    suffixes = _dynamic_suffixes(source)
    def used(key: str) -> bool:
        return (f'"{key}"' in source or f"'{key}'" in source or any(key.startswith(p) for p in prefixes)
                or any(key.endswith(s) for s in suffixes)
                # by convention the hint of a message `x` is `x_hint` (errors.InputError)
                or (key.endswith("_hint") and used(key.removesuffix("_hint"))))

    unused = [key for key in all_texts() if not used(key)]
    assert unused == []


def _literal_word_arguments(tree: ast.AST) -> list[tuple[int, str, str]]:
    """Keyword arguments of text calls whose value is a literal word: English in a Dutch message."""
    calls = {"t", "tx", "problem", "Problem", "InputError", "UsageError", "Hit"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in calls:
                continue
            for kw in node.keywords:
                value = kw.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str) \
                        and re.fullmatch(r"[A-Za-z][A-Za-z ]*[A-Za-z]", value.value):
                    found.append((node.lineno, kw.arg or "", value.value))
    return found


def test_no_literal_word_is_passed_as_a_message_argument() -> None:
    """Word-valued arguments are catalogue terms (``Term``), so a Dutch message never reads "verwacht a list"."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, arg, value in _literal_word_arguments(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {arg}={value!r}")
    assert offenders == []


def test_the_word_argument_check_finds_one() -> None:
    tree = ast.parse('problem(at, "p", "wrong_type", "hint", expected="a list", found=found(x))')
    assert _literal_word_arguments(tree) == [(1, "expected", "a list")]


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object, failing on a key given twice (``json.loads`` would keep the last)."""
    twice = sorted(key for key, count in collections.Counter(key for key, _ in pairs).items() if count > 1)
    assert twice == [], f"defined twice: {twice}"
    return dict(pairs)


def test_no_key_is_defined_twice() -> None:
    """A second definition would silently replace the first: within one file (JSON keeps the last) or across files."""
    keys: list[str] = []
    for area in AREAS:
        keys += json.loads((TEXTS / f"{area}.json").read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    assert sorted(key for key, count in collections.Counter(keys).items() if count > 1) == []
    assert sorted(path.stem for path in TEXTS.glob("*.json")) == sorted(AREAS)  # no file the catalogue never reads
    assert all_texts() == CATALOG  # i18n reads exactly these files


def test_the_duplicate_check_finds_one() -> None:
    with pytest.raises(AssertionError, match="defined twice"):
        json.loads('{"error": {"nl": "fout", "en": "error"}, "error": {"nl": "fout", "en": "error"}}',
                   object_pairs_hook=_no_duplicates)
