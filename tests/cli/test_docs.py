"""Docs that are tested: every CLI command and option appears in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer

from corridor.cli.main import app

DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _commands(sub, (*path, name))
    return found


def test_every_command_and_option_is_documented() -> None:
    missing = []
    for path, command in _commands(typer.main.get_command(app)):
        if path and f"corridor {' '.join(path)}" not in DOC and f"corridor {path[0]}" not in DOC:
            missing.append(" ".join(path))
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("--") and option != "--help" and not re.search(rf"[`\[ ]{option}\b", DOC):
                    missing.append(f"{' '.join(path)} {option}")
    assert len(found := _commands(typer.main.get_command(app))) > 15, found
    assert missing == []
