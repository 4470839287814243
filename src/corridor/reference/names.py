"""Vietnamese names: folding for diacritic-insensitive search, short forms of unit names, and slugs."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_name", "short_unit_name", "slugify"]

# đ/Đ is a letter of its own, not d plus a combining mark, so NFD leaves it alone.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})
_UNIT_PREFIXES = ("thành phố ", "tỉnh ", "tp. ", "tp ")
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """'Đình Vũ' -> 'Dinh Vu' (case kept)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_name(text: str) -> str:
    """Lower-case, diacritic-free, single-spaced: the key for search ('Phố Nối A' -> 'pho noi a')."""
    return _SPACES.sub(" ", strip_diacritics(text).lower()).strip()


def slugify(text: str) -> str:
    """A URL- and ID-safe form: 'KCN Phố Nối A' -> 'kcn-pho-noi-a'."""
    return _NON_SLUG.sub("-", fold_name(text)).strip("-")


def short_unit_name(official_name: str) -> str:
    """'Tỉnh Hải Dương' -> 'Hải Dương'; 'Thành phố Hải Phòng' -> 'Hải Phòng'."""
    name = official_name.strip()
    lowered = name.lower()
    for prefix in _UNIT_PREFIXES:
        if lowered.startswith(prefix):
            return name[len(prefix) :].strip()
    return name
