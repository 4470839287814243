"""Per-invocation state of the CLI and the one place that turns errors into messages and exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer

from corridor.cli import _output as out
from corridor.errors import CorridorError
from corridor.settings import Settings


@dataclass
class State:
    settings: Settings


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


@contextmanager
def fail_on_error(current: State) -> Iterator[None]:
    """Print a CorridorError in the user's language and exit with its status (1: invalid input, 3: not found...)."""
    try:
        yield
    except CorridorError as error:
        out.err_console().print(error.render(current.settings.lang), markup=False, highlight=False)
        raise typer.Exit(error.exit_code) from error
