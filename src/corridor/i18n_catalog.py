"""Finding every user-facing message in the source (Babel extraction), to keep the catalogs complete."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

__all__ = ["KEYWORDS", "extract_messages"]

# The functions whose string argument is a message shown to people, and which argument it is.
KEYWORDS = {
    "translate": (1,),
    "mark": (1,),
    "Message": (1,),
    "CorridorError": (1,),
    "InvalidInput": (1,),
    "NotFound": (1,),
    "NoRoute": (1,),
    "Unavailable": (1,),
    "reject": (3,),
    "RowError": (5,),
}


# Python source, and the portal's Jinja2 templates (where `_()` marks text).
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2")]


def extract_messages(source_dir: Path) -> Catalog:
    catalog = Catalog(project="corridor")
    found = extract_from_dir(str(source_dir), method_map=METHOD_MAP, keywords={**KEYWORDS, "_": (1,)})
    for _file, _line, message, _comments, _context in found:
        if isinstance(message, str) and message:
            catalog.add(message)
    return catalog
