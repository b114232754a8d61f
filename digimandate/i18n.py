"""Dutch and English texts for everything a user reads outside the checklists.

The texts live in ``digimandate/texts/*.json``, one catalogue split by area, each entry in the
checklists' shape ``key: {nl, en}``; ``t`` is the one way to read them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

TEXTS = Path(__file__).resolve().parent / "texts"
# The areas of the catalogue, one file each; a key lives in exactly one of them.
AREAS: tuple[str, ...] = ("messages", "documents", "templates", "importers", "help")


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


def default_lang() -> Lang:
    """Pick the language for messages: DIGIMANDATE_LANG, then LANG/LC_ALL, else English."""
    for var in ("DIGIMANDATE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"
