"""Per-invocation state of the CLI and the one place that turns errors into messages and exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer
from typer.core import TyperGroup

from corridor.cli import _output as out
from corridor.cli._help import help_lang, localize_help, shows_help
from corridor.errors import CorridorError
from corridor.i18n import FULL_LANGUAGES as LANGUAGES
from corridor.i18n import INVESTOR_LANGUAGES, mark, translate
from corridor.settings import Settings

DB_HELP = "database URL (default: $CORRIDOR_DB or sqlite:///corridor.db); before or after the command"
LANG_HELP = "vi or en; ko, ja, zh for sites, match and kit (default: $CORRIDOR_LANG or vi); before or after the command"
# The commands an investor runs, whose messages are in the Korean, Japanese and Chinese catalogs too (their modules
# are in corridor.i18n_catalog.INVESTOR_SOURCES); every other command speaks Vietnamese or English.
INVESTOR_COMMANDS = frozenset({"sites", "match", "kit"})
ONLY_INVESTOR_COMMANDS = mark("{lang} is offered for `corridor {commands}` only; this command speaks {choices}")


@dataclass
class State:
    settings: Settings


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


def checked_lang(lang: str, command: str | None = None) -> str:
    """`lang` if the CLI speaks it for `command` (vi and en everywhere; ko, ja and zh for INVESTOR_COMMANDS)."""
    if lang in LANGUAGES or (lang in INVESTOR_LANGUAGES and command in INVESTOR_COMMANDS):
        return lang
    # The language asked for is not spoken here, so the message is given in both vi and en.
    spoken = (*LANGUAGES, *INVESTOR_LANGUAGES) if command in INVESTOR_COMMANDS else LANGUAGES
    choices = ", ".join(spoken)
    if lang in INVESTOR_LANGUAGES:
        commands = ", ".join(sorted(INVESTOR_COMMANDS))
        message = ONLY_INVESTOR_COMMANDS
        found = (translate(message, k).format(lang=lang, commands=commands, choices=choices) for k in LANGUAGES)
    else:
        found = (translate("choose one of {choices}", known).format(choices=choices) for known in LANGUAGES)
    raise typer.BadParameter(" / ".join(found), param_hint="--lang")


GLOBAL_OPTIONS = ("--db", "--lang")


def hoist_global_options(args: list[str]) -> list[str]:
    """`args` with every `--db`/`--lang` (and its value) moved to the front, keeping their order (the last wins).

    People write `corridor init --db URL` as often as `corridor --db URL init`; the root group reads these options,
    so those written after the command are moved before it. Nothing after `--` moves; an option without its value
    stays where it is, for the parser to report.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        width = 1 if "=" in arg else 2
        if arg.split("=", 1)[0] in GLOBAL_OPTIONS and i + width <= len(args):
            front += args[i : i + width]
            i += width
        else:
            rest.append(arg)
            i += 1
    return front + rest


class CorridorGroup(TyperGroup):
    """The root command group: accepts `--db` and `--lang` before or after the command's name, and shows
    `--help` in the language they ask for."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        args = hoist_global_options(args)
        if shows_help(self, args):
            localize_help(self, help_lang(args))
        return super().parse_args(ctx, args)


@contextmanager
def fail_on_error(current: State) -> Iterator[None]:
    """Print a CorridorError in the user's language and exit with its status (1: invalid input, 3: not found...)."""
    try:
        yield
    except CorridorError as error:
        out.err_console().print(error.render(current.settings.lang), markup=False, highlight=False)
        raise typer.Exit(error.exit_code) from error
