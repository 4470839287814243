"""`--help` in the reader's language: command and option help translated when the help is shown.

Typer builds its help from English texts (docstrings, `help=`). Their Vietnamese is in the catalog (added by
scripts/update_catalog.py, which collects them with `help_texts`); `localize_help` puts the texts of the chosen
language on the command tree just before parsing, keeping the English originals so the same tree can be shown
again in another language (tests run many invocations in one process).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from corridor.i18n import FULL_LANGUAGES as LANGUAGES
from corridor.i18n import INVESTOR_LANGUAGES, mark, translate

__all__ = ["help_lang", "help_texts", "localize_help", "shows_help"]

_ORIGINAL = "_corridor_english_help"
# Typer's panel titles and markers, shown around the help texts.
_PANEL_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": mark("Arguments"),
    "OPTIONS_PANEL_TITLE": mark("Options"),
    "COMMANDS_PANEL_TITLE": mark("Commands"),
    "REQUIRED_LONG_STRING": mark("[required]"),
    "DEFAULT_STRING": mark("[default: {}]"),
    "ERRORS_PANEL_TITLE": mark("Error"),
}
HELP_OPTION_TEXT = mark("Show this message and exit.")


def help_lang(args: list[str]) -> str:
    """The language asked for by `--lang X`/`--lang=X` (the last wins), else $CORRIDOR_LANG, else Vietnamese;
    English for ko, ja and zh."""
    lang = os.environ.get("CORRIDOR_LANG") or "vi"
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    if lang in INVESTOR_LANGUAGES:
        return "en"  # help texts are in vi and en only; ko, ja and zh readers get English, as on the portal
    return lang if lang in LANGUAGES else "vi"


def shows_help(command: Any, args: list[str]) -> bool:
    """Whether these arguments end in a help page: `--help`, or a group named without one of its commands.

    Only then are the help texts translated (and Typer's help renderer imported): a plain command starts faster.
    """
    if "--help" in args:
        return True
    node, values_follow = command, False
    for arg in args:
        if values_follow or arg.startswith("-"):
            values_follow = arg in _OPTIONS_WITH_VALUES
            continue
        found = getattr(node, "commands", {}).get(arg)
        if found is None:
            break
        node = found
    return hasattr(node, "commands")


_OPTIONS_WITH_VALUES = frozenset({"--db", "--lang"})


def localize_help(command: Any, lang: str) -> None:
    """Put the help texts of `command` and everything under it in `lang`."""
    import typer.rich_utils  # only for a help page: it takes a tenth of a second to import

    for title, message in _PANEL_TEXTS.items():
        setattr(typer.rich_utils, title, translate(message, lang))
    for item in _help_carriers(command):
        english = item.__dict__.setdefault(_ORIGINAL, {name: getattr(item, name) for name in _fields(item)})
        for name, text in english.items():
            setattr(item, name, translate(text, lang) if text else text)


def help_texts(command: Any) -> Iterator[str]:
    """Every English help text under `command`, for the catalog."""
    yield HELP_OPTION_TEXT
    for item in _help_carriers(command):
        english = item.__dict__.get(_ORIGINAL) or {name: getattr(item, name) for name in _fields(item)}
        yield from (text for text in english.values() if text)


def _fields(item: object) -> tuple[str, ...]:
    return ("help", "short_help") if hasattr(item, "short_help") else ("help",)


def _help_carriers(command: Any) -> Iterator[object]:
    """The command, its parameters (with its --help option), and the same for its subcommands.

    Typer vendors its own click, so commands are recognised by what they have, not by click's classes.
    """
    yield command
    yield from command.params
    help_option = command.get_help_option(command.context_class(command))
    if help_option is not None:
        yield help_option
    for sub in getattr(command, "commands", {}).values():
        yield from _help_carriers(sub)
