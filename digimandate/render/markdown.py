"""Markdown safety and the Jinja2 environment of the report and the memo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from digimandate.i18n import Lang, t
from digimandate.textsafe import markdown_text, one_line

TEMPLATES = Path(__file__).resolve().parent / "templates"


def escape_md(value: object) -> Markup:
    """Escape text from an organisation file so it stays text in Markdown: in a paragraph, list or table cell."""
    if isinstance(value, Markup):
        return value
    return Markup(markdown_text(str(value)))


def trusted_md(value: object) -> Markup:
    """Checklist and template prose: Markdown is kept, but no HTML and nothing that breaks a table."""
    text = one_line(" ".join(str(value).split()))
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return Markup(text)


class Texts:
    """``tx('key', name=value)`` in templates: the text in the document's language, values escaped."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, key: str, **args: Any) -> Markup:
        template = t(key, self.lang)
        safe = {k: escape_md(v) for k, v in args.items()}
        return Markup(trusted_md(template).format(**safe) if args else trusted_md(template))


def environment(template_dir: Path | None) -> Environment:
    """A Jinja2 environment that fails loudly on a typo and escapes every value for Markdown."""
    search = [str(template_dir)] if template_dir else []
    search.append(str(TEMPLATES))
    env = Environment(
        loader=FileSystemLoader(search),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_md,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["trusted"] = trusted_md
    env.filters["trusted_block"] = Markup  # generated blocks (Mermaid) that escape their own input
    env.filters["md"] = escape_md
    return env
