"""The catalogue of texts: both languages, the same placeholders, every key used, no English word in a Dutch text."""

from __future__ import annotations

import ast
import collections
import functools
import json
import re
import string
from pathlib import Path

import pytest

from digimandate.i18n import AREAS, CATALOG, LANGS, TEXTS
from tests.conftest import ROOT

PACKAGE = ROOT / "digimandate"


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@functools.cache
def all_texts() -> dict[str, dict[str, str]]:
    """Every text of the catalogue by key, as its files hold it."""
    texts: dict[str, dict[str, str]] = {}
    for area in AREAS:
        texts.update(json.loads((TEXTS / f"{area}.json").read_text(encoding="utf-8")))
    return texts


def text_problems(texts: dict[str, dict[str, str]]) -> list[str]:
    """What is wrong with each entry: a language missing or extra, an empty text, placeholders that differ."""
    out = []
    for key, entry in sorted(texts.items()):
        if sorted(entry) != sorted(LANGS):
            out.append(f"{key}: languages {sorted(entry)}")
        elif not all(isinstance(v, str) and v.strip() for v in entry.values()):
            out.append(f"{key}: an empty text")
        elif placeholders(entry["nl"]) != placeholders(entry["en"]):
            out.append(f"{key}: placeholders differ")
    return out


def test_every_text_has_both_languages_and_the_same_placeholders() -> None:
    # one test over the whole catalogue (two thousand keys), naming every key that fails
    assert text_problems(all_texts()) == []


def test_the_text_check_names_each_key_that_fails() -> None:
    texts = {"a": {"nl": "{org} staat", "en": "{org} is"}, "b": {"nl": "x"}, "c": {"nl": " ", "en": "y"},
             "d": {"nl": "{org} staat op {level}", "en": "{org} is at {lvl}"}}
    assert text_problems(texts) == ["b: languages ['nl']", "c: an empty text", "d: placeholders differ"]


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


# The calls that name catalogue keys, with the positions of their key arguments: a text, a term given as
# a message argument, or a message and its hint. Keywords `msg`, `key` and `hint` name keys too.
TEXT_CALLS: dict[str, tuple[int, ...]] = {
    "t": (0,), "tx": (0,), "_text": (0,), "_h": (0,), "Term": (0,),
    "problem": (2, 3), "Problem": (2, 4), "UsageError": (0, 1), "QueryError": (1, 2), "fail": (1, 2),
    "SourceProblem": (1, 3), "Note": (3,), "TemplateProblem": (0, 1),
}
KEY_KEYWORDS = {"msg", "key", "hint"}
# ``tx('key', name=value)`` in a Jinja2 template
TEMPLATE_TX = re.compile(r"""\btx\(\s*(['"])([^'"]*)\1((?:[^()]|\([^()]*\))*)\)""")
WORD = re.compile(r"[A-Za-z][A-Za-z ]*[A-Za-z]")


def _callee(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def _named_keys(tree: ast.AST) -> list[tuple[int, str]]:
    """The literal catalogue keys that text calls are given."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in TEXT_CALLS:
            args = [node.args[i] for i in TEXT_CALLS[_callee(node)] if i < len(node.args)]
            args += [kw.value for kw in node.keywords if kw.arg in KEY_KEYWORDS]
            found += [(node.lineno, arg.value) for arg in args
                      if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    return found


def _template_calls() -> list[tuple[str, str, str]]:
    """Where each ``tx(...)`` of the templates is, its key, and its arguments."""
    found = []
    for path in sorted(PACKAGE.rglob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for call in TEMPLATE_TX.finditer(text):
            where = f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, call.start()) + 1}"
            found.append((where, call.group(2), call.group(3)))
    return found


@functools.cache
def _trees() -> list[tuple[Path, ast.Module]]:
    """Every module of the package, parsed once for the tests that read the code."""
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


@pytest.mark.xdist_group("i18n-code")  # one worker parses the package for both tests
def test_every_key_the_code_names_exists() -> None:
    """A typo in a key fails here, not when a user first meets the message."""
    named = [(f"{path.relative_to(ROOT)}:{line}", key) for path, tree in _trees() for line, key in _named_keys(tree)]
    named += [(where, key) for where, key, _ in _template_calls()]
    assert [f"{where}: {key}" for where, key in named if key not in CATALOG] == []
    assert len({key for _, key in named}) > 600  # the scan still sees the calls


def test_the_key_scan_finds_a_key() -> None:
    tree = ast.parse('raise UsageError("exists", hint="exists_hint", file=str(path))')
    assert sorted(key for _, key in _named_keys(tree)) == ["exists", "exists_hint"]


def _literal_word_arguments(tree: ast.AST) -> list[tuple[int, str, str]]:
    """Arguments of text calls whose value is a literal word: English in a Dutch message."""
    calls = set(TEXT_CALLS) | {"InputError", "Hit"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in calls:
            values = [(kw.arg or "", kw.value) for kw in node.keywords if kw.arg not in KEY_KEYWORDS]
            # the arguments of a Note or a SourceProblem come as one dict
            values += [(str(name.value), value) for arg in node.args if isinstance(arg, ast.Dict)
                       for name, value in zip(arg.keys, arg.values, strict=True) if isinstance(name, ast.Constant)]
            found += [(node.lineno, name, value.value) for name, value in values
                      if isinstance(value, ast.Constant) and isinstance(value.value, str) and WORD.fullmatch(value.value)]
    return found


@pytest.mark.xdist_group("i18n-code")
def test_no_literal_word_is_passed_as_a_message_argument() -> None:
    """Word-valued arguments are catalogue terms (``Term``), so a Dutch message never reads "verwacht a list"."""
    offenders = []
    for path, tree in _trees():
        for line, arg, value in _literal_word_arguments(tree):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {arg}={value!r}")
    for where, _, args in _template_calls():
        offenders += [f"{where}: {name}={value!r}" for name, _, value in
                      re.findall(r"""(\w+)\s*=\s*(['"])(.*?)\2""", args) if WORD.fullmatch(value)]
    assert offenders == []


def test_the_word_argument_check_finds_one() -> None:
    tree = ast.parse('problem(at, "p", "wrong_type", "hint", expected="a list", found=found(x))')
    assert _literal_word_arguments(tree) == [(1, "expected", "a list")]
    tree = ast.parse('Note(source, "mapped", where, "imp_sheet_row", {"section": "people", "row": 3})')
    assert _literal_word_arguments(tree) == [(1, "section", "people")]


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


# A key's prefix says its file; the other files hold no key with these prefixes.
AREA_PREFIXES = {"help": "help_", "documents": "doc_", "importers": "imp_", "procedure": "proc_", "stages": "stage_",
                 "proposal": "prop_"}


def test_a_keys_prefix_says_its_file() -> None:
    misplaced = []
    for area in AREAS:
        keys = json.loads((TEXTS / f"{area}.json").read_text(encoding="utf-8"))
        prefix = AREA_PREFIXES.get(area)
        misplaced += [f"{area}.json: {key}" for key in keys
                      if (not key.startswith(prefix) if prefix else key.startswith(tuple(AREA_PREFIXES.values())))]
    assert misplaced == []


def test_the_duplicate_check_finds_one() -> None:
    with pytest.raises(AssertionError, match="defined twice"):
        json.loads('{"error": {"nl": "fout", "en": "error"}, "error": {"nl": "fout", "en": "error"}}',
                   object_pairs_hook=_no_duplicates)


def test_counts_take_the_plural_form_babel_gives() -> None:
    """Issue 25, point 10: one helper writes every count with its noun; no "1 mandates" or "1 processen"."""
    from digimandate.i18n import counted

    assert counted(1, "noun_mandate", "en") == "1 mandate"
    assert counted(2, "noun_mandate", "en") == "2 mandates"
    assert counted(0, "noun_process", "en") == "0 processes"
    assert counted(1, "noun_process", "nl") == "1 proces"
    assert counted(1, "imp_noun_people", "nl") == "1 medewerker"
    assert counted(5400, "noun_finding", "nl") == "5.400 bevindingen"
    assert counted(5400, "noun_finding", "en") == "5,400 findings"


def test_every_noun_of_a_count_has_both_forms() -> None:
    nouns = [k for k in CATALOG if k.startswith(("noun_", "doc_noun_", "imp_noun_"))]
    assert len(nouns) >= 20
    for key in nouns:
        for lang in ("nl", "en"):
            assert len(CATALOG[key][lang].split("|")) == 2, key
