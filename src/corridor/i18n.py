"""Vietnamese and English text: gettext catalogs (Babel .po files) keyed by the English message."""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = ["LANGUAGES", "mark", "translate", "translations"]

LANGUAGES = ("vi", "en")
DOMAIN = "corridor"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`, compiled in memory from the shipped .po file (English is the identity)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    po_path = resources.files("corridor") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def mark(message: str) -> str:
    """Mark a message for the catalog where it is translated later (e.g. a column name shown in a table)."""
    return message


def translate(message: str, lang: str) -> str:
    """`message` (English) in `lang`; falls back to English when the catalog lacks it."""
    return translations(lang).gettext(message)
