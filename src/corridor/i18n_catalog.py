"""Finding every user-facing message in the source (Babel extraction), to keep the catalogs complete."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

__all__ = ["KEYWORDS", "extract_messages"]

# The functions whose string argument is a message shown to people, and which argument it is.
KEYWORDS = {"translate": (1,), "mark": (1,), "CorridorError": (1,), "NotFound": (1,), "reject": (3,), "RowError": (5,)}


def extract_messages(source_dir: Path) -> Catalog:
    catalog = Catalog(project="corridor")
    for _file, _line, message, _comments, _context in extract_from_dir(str(source_dir), keywords=KEYWORDS):
        if isinstance(message, str) and message:
            catalog.add(message)
    return catalog
