"""Docs that are tested: every CLI command, by its full path, and every option appears in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from corridor.cli.main import app

DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _commands(sub, (*path, name))
    return found


def undocumented(root: Any, doc: str) -> list[str]:
    """Commands whose full path (`corridor scenario diff`, not just `corridor scenario`) is not in `doc`, and
    options that are not either."""
    missing = []
    for path, command in _commands(root):
        if path and not re.search(rf"corridor {re.escape(' '.join(path))}\b", doc):
            missing.append(" ".join(path))
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("--") and option != "--help" and not re.search(rf"[`\[ ]{option}\b", doc):
                    missing.append(f"{' '.join(path)} {option}")
    return missing


def test_every_command_and_option_is_documented() -> None:
    root = typer.main.get_command(app)
    assert len(_commands(root)) > 15
    assert undocumented(root, DOC) == []


def test_a_subcommand_of_a_documented_group_must_be_documented_itself() -> None:
    extra = typer.Typer()
    extra.command("undocumented-extra")(lambda: None)
    extra.command("list")(lambda: None)
    group = typer.Typer(add_completion=False)
    group.add_typer(extra, name="zones")
    assert undocumented(typer.main.get_command(group), "`corridor zones list`") == ["zones undocumented-extra"]
