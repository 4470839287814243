"""Reading the small TOML or JSON files the commands take (scenarios, forum events)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from corridor.errors import CorridorError


def read_table_file(file: Path) -> dict[str, Any]:
    if not file.is_file():
        raise CorridorError("{file}: no such file", file=str(file))
    text = file.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise CorridorError("{file}: cannot be read ({reason})", file=file.name, reason=str(error)) from error
    if not isinstance(data, dict):
        raise CorridorError("{file}: expected a table of named values", file=file.name)
    return data
