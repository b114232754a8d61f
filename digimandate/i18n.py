"""Dutch and English texts for everything a user reads outside the checklists.

The texts live in ``digimandate/texts/*.json``, one catalogue split by area, each entry in the
checklists' shape ``key: {nl, en}``; ``t`` is the one way to read them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, get_args

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)

TEXTS = Path(__file__).resolve().parent / "texts"
# The areas of the catalogue, one file each; a key lives in exactly one of them.
AREAS: tuple[str, ...] = ("messages", "documents", "templates", "importers", "help", "procedure", "stages",
                         "proposal")


def _load() -> dict[str, dict[str, str]]:
    """Read every area of the catalogue (JSON: a few milliseconds, even without cached bytecode)."""
    catalog: dict[str, dict[str, str]] = {}
    for area in AREAS:
        catalog.update(json.loads((TEXTS / f"{area}.json").read_text(encoding="utf-8")))
    return catalog


# Every text by key: {"nl": ..., "en": ...}.
CATALOG: dict[str, dict[str, str]] = _load()


def t(msg: str, lang: Lang, **args: Any) -> str:
    """Return the text for ``msg`` in ``lang`` with ``args`` filled in."""
    entry = CATALOG[msg]
    text = entry[lang]
    return text.format(**args) if args else text


_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def counted(n: int, noun: str, lang: Lang, number: Callable[[int, Lang], str] | None = None) -> str:
    """"1 proces", "3 processen", "1.200 processen": ``n`` as the language writes it, and the form of ``noun``.

    ``noun`` is a catalogue key whose text holds the forms of Babel's plural categories for the
    language, "one|other"; Babel's plural rule picks one (``other`` when a category has no form).
    The one way a count and its noun are written, so no text reads "1 processen" or "1 mandates".
    ``number``: how a document writes the count ("drie producten", ``fmt.spelled``); else in figures.
    """
    from babel import Locale  # only when a count is written; Babel is slow to import
    from babel.numbers import format_decimal

    forms = dict(zip(("one", "other"), t(noun, lang).split("|"), strict=True))
    form = forms.get(Locale.parse(_LOCALES[lang]).plural_form(n), forms["other"])
    said = number(n, lang) if number is not None else format_decimal(n, format="#,##0", locale=_LOCALES[lang])
    return f"{said} {form}"


def default_lang() -> Lang:
    """Pick the language for messages: DIGIMANDATE_LANG, then LANG/LC_ALL, else English."""
    for var in ("DIGIMANDATE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"
