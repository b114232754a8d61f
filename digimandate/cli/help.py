"""Typer's and click's own help texts in the user's language, and metavars that name what to type."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import typer.core

try:  # typer 0.2x carries its own copy of click, whose errors are what a parse raises
    from typer._click.core import Command as ClickCommand
    from typer._click.exceptions import ClickException as ClickError
except ImportError:  # pragma: no cover - a typer that uses click itself
    from click.core import Command as ClickCommand  # type: ignore[assignment]
    from click.exceptions import ClickException as ClickError  # type: ignore[assignment]

from digimandate.i18n import CATALOG, Lang, default_lang, t

HELP_LANG: Lang = default_lang()

# typer.rich_utils keeps its fixed texts as module constants, read each time help or an error is printed.
_RICH_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "help_arguments",
    "OPTIONS_PANEL_TITLE": "help_options",
    "COMMANDS_PANEL_TITLE": "help_commands",
    "ERRORS_PANEL_TITLE": "help_error",
    "REQUIRED_LONG_STRING": "help_required",
    "ABORTED_TEXT": "help_aborted",
    "RICH_HELP": "help_try",
}


def _localise_rich() -> None:
    """Put the help language into typer's rich help; only when help or an error is shown (rich is slow to import)."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - rich is a dependency; typer falls back to click's plain help
        return
    for name, key in _RICH_TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, t(key, HELP_LANG))
    if hasattr(rich_utils, "DEFAULT_STRING"):
        rich_utils.DEFAULT_STRING = t("help_default", HELP_LANG, value="{}")


# Fields of help texts filled only when a command's parameters are made: what they list costs imports
# (the importers a source may be), which `digimandate --help` should not pay for.
FIELDS: dict[str, Callable[[], str]] = {}


def _fill(text: str) -> str:
    """A help text with its lazy fields (``{importers}``) filled in."""
    for name, make in FIELDS.items():
        if "{" + name + "}" in text:
            text = text.replace("{" + name + "}", make())
    return text


def _no_type(ctx: Any) -> None:
    return None


def _tidy(command: Any, ctx: Any, params: list[Any]) -> list[Any]:
    """No Python type in help (typer prints ``<bool>``, ``<list[Path]>``); the help option speaks the help language."""
    help_option = command.get_help_option(ctx)
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        if param.param_type_name == "argument":
            # the metavar names an argument already; typer would add its Python type beside it
            param.display_type_rich = _no_type
        if param is help_option:
            param.help = t("help_help", HELP_LANG)
        elif isinstance(getattr(param, "help", None), str):
            # the template is kept: a parameter made once is filled again each time its help is shown
            template = getattr(param, "help_template", None) or param.help
            if template != _fill(template):
                param.help_template = template
                param.help = _fill(template)
    return params


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line with a translated prefix (click writes a fixed "Usage: ")."""
    _localise_rich()
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("help_usage", HELP_LANG) + " ")


class _InHelpLanguage(ClickCommand):
    """What a command and the main group share: tidied parameters, usage line and parse errors in the help language."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters, tidied for help."""
        return _tidy(self, ctx, super().get_params(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """Write the usage line in the help language."""
        _usage(self, ctx, formatter)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the command line; a parse error speaks the help language."""
        try:
            return super().make_context(*args, **kwargs)
        except ClickError as exc:
            _localise_error(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a parse error of a subcommand speaks the help language."""
        try:
            return super().invoke(ctx)
        except ClickError as exc:
            _localise_error(exc)
            raise


class HelpCommand(_InHelpLanguage, typer.core.TyperCommand):
    """A command whose help is in the help language throughout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = t("help_options_metavar", HELP_LANG)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """Arguments as click writes them (``RULE``, ``[FILE]...``); typer 0.29 writes a required one as ``{rule}``."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = param.metavar or param.name.upper()
            piece = name if param.required else f"[{name}]"
            pieces.append(piece + ("..." if param.nargs != 1 else ""))
        return pieces


class HelpGroup(_InHelpLanguage, typer.core.TyperGroup):
    """The main command, with its help in the help language throughout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = t("help_options_metavar", HELP_LANG)
        self.subcommand_metavar = t("help_command_metavar", HELP_LANG)



# The parse errors of click (as typer carries it), in the order they are translated: each key's
# English is the message's pattern, its placeholders what the message names (an option, a value).
_ERRORS = (
    "help_err_invalid_value_for", "help_err_invalid_value", "help_err_value_error", "help_err_not_one_of",
    "help_err_at_least", "help_err_not_integer", "help_err_no_such_option", "help_err_possible_options",
    "help_err_no_such_command", "help_err_did_you_mean", "help_err_missing_command", "help_err_missing_argument",
    "help_err_missing_option", "help_err_choose_from", "help_err_extra_arguments", "help_err_requires_arguments",
    "help_err_requires_argument", "help_err_no_value",
)


# Where click's English differs from the English we show, click's text is the pattern.
_CLICK_ENGLISH = {
    "help_err_value_error": "Value error, {problem}",
    "help_err_at_least": "Input should be greater than or equal to {minimum}",
    "help_err_not_integer": "Input should be a valid integer, unable to parse string as an integer",
}


@functools.cache
def _pattern(english: str) -> re.Pattern[str]:
    """The English text as a pattern: its placeholders match anything, the last one up to the end of its line."""
    parts = re.split(r"\{(\w+)\}", english)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        else:
            out.append(f"(?P<{part}>.+{'' if i == len(parts) - 2 else '?'})")
    return re.compile("".join(out))


def parse_error_text(message: str, lang: Lang) -> str:
    """A parse error of the command line in ``lang``; what no pattern knows stays as click wrote it."""
    for key in _ERRORS:
        pattern = _pattern(_CLICK_ENGLISH.get(key) or t(key, "en", **_placeholders(key)))

        def translated(match: re.Match[str], key: str = key) -> str:
            return t(key, lang, **match.groupdict())

        message = pattern.sub(translated, message)
    return message


def _placeholders(key: str) -> dict[str, str]:
    """Each placeholder of a text filled with itself, so the English comes back as written."""
    return {name: "{" + name + "}" for name in re.findall(r"\{(\w+)\}", CATALOG[key]["en"])}


def _localise_error(exc: ClickError) -> None:
    """Let a click parse error speak the help language, in its panel too."""
    _localise_rich()
    original: Callable[[], str] | None = getattr(exc, "format_message", None)
    if original is not None:
        def translated() -> str:
            return parse_error_text(original(), HELP_LANG)

        exc.format_message = translated  # type: ignore[method-assign]
