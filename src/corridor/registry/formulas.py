"""Spreadsheet formula neutralisation (OWASP "CSV injection") for every CSV and XLSX Corridor writes.

The rule, one way and back:
- export: a **text** cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, after any apostrophes,
  gets one more leading apostrophe, unless the whole text is a plain number (`-12.5` is inert and stays a number
  to a spreadsheet). Numbers written as numbers (XLSX) are never touched.
- import: a cell that starts with one or more apostrophes followed by one of those characters loses one apostrophe.

Adding an apostrophe also to text that already starts with apostrophes before such a character makes the pair
exact: import(export(x)) == x for every text x, so an exported file imports back to the same records. The only
text import changes is an apostrophe typed before such a character in a hand-made file, which Excel itself treats
as "show as text" and does not keep in the value.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["neutralise_cell", "neutralise_text", "restore_text"]

_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_ADDED_APOSTROPHE = re.compile(r"'+[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_text(text: str) -> str:
    """Text a spreadsheet will show, never evaluate."""
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def neutralise_cell(value: Any) -> Any:
    """A cell for an XLSX sheet: numbers stay numbers, everything else becomes neutralised text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return neutralise_text("" if value is None else str(value))


def restore_text(text: str) -> str:
    """The text before `neutralise_text`: one apostrophe removed where export adds one."""
    return text[1:] if _ADDED_APOSTROPHE.match(text) else text
