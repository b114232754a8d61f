"""Typer's and click's own help texts in the user's language, and metavars that name what to type."""

from __future__ import annotations

from typing import Any

import typer.core

from digimandate.i18n import Lang, default_lang, t

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
    return params


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line with a translated prefix (click writes a fixed "Usage: ")."""
    _localise_rich()
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("help_usage", HELP_LANG) + " ")


class HelpCommand(typer.core.TyperCommand):
    """A command whose help is in the help language throughout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = t("help_options_metavar", HELP_LANG)

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters, tidied for help."""
        return _tidy(self, ctx, super().get_params(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """Write the usage line in the help language."""
        _usage(self, ctx, formatter)

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


class HelpGroup(typer.core.TyperGroup):
    """The main command, with its help in the help language throughout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = t("help_options_metavar", HELP_LANG)
        self.subcommand_metavar = t("help_command_metavar", HELP_LANG)

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters, tidied for help."""
        return _tidy(self, ctx, super().get_params(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """Write the usage line in the help language."""
        _usage(self, ctx, formatter)
