"""Markdown safety and the Jinja2 sandbox of the report and the memo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from markupsafe import Markup

from digimandate.i18n import CATALOG, Lang, t
from digimandate.render.sandbox import Sandbox, TemplateLoader, TemplateProblem
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

    def __init__(self, lang: Lang, single: bool = False, defaults: dict[str, str] | None = None) -> None:
        self.lang = lang
        self.single = single  # every mandate has one holder: "de houders" reads "de houder"
        # values a text may name without the template giving them: the bodies of this kind of organisation
        self.defaults = defaults or {}

    def __call__(self, key: str, **args: Any) -> Markup:
        if not isinstance(key, str) or key not in CATALOG:  # a template's typo: bad input, not a crash
            raise TemplateProblem("template_unknown_text", "template_unknown_text_hint", key=str(key))
        template = t(key, self.lang)
        if self.single:
            from digimandate.render.doc.words import fit_holders

            template = fit_holders(template, self.lang)
        given = {k: v for k, v in self.defaults.items() if "{" + k + "}" in template}
        args = {**given, **args}
        safe = {k: escape_md(v) for k, v in args.items()}
        try:
            return Markup(trusted_md(template).format(**safe) if args else trusted_md(template))
        except KeyError as exc:  # the text has a {placeholder} the call gave no value for
            raise TemplateProblem("template_text_value", "template_text_value_hint", key=key,
                                  name=str(exc.args[0])) from None


def environment(template_dir: Path | None) -> Sandbox:
    """The sandbox templates render in: fails loudly on a typo and escapes every value for Markdown."""
    folders = [template_dir] if template_dir else []
    return Sandbox(
        TemplateLoader([*folders, TEMPLATES]),
        {"trusted": trusted_md,
         "trusted_block": Markup,  # generated blocks (Mermaid) that escape their own input
         "md": escape_md},
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_md,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
