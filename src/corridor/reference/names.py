"""Vietnamese names: folding for diacritic-insensitive search, short forms of unit names, and slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["compare_vietnamese", "fold_name", "short_unit_name", "slugify", "vietnamese_sort_key"]

# đ/Đ is a letter of its own, not d plus a combining mark, so NFD leaves it alone.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})
_UNIT_PREFIXES = ("thành phố ", "tỉnh ", "tp. ", "tp ")
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")

# The Vietnamese alphabet in its order (ADR 0006); f, j, w, z appear in foreign names and sort as in Latin.
_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
# Letter marks (breve, circumflex, horn) make another letter; tone marks only break ties, in this order:
# none, huyền, hỏi, ngã, sắc, nặng.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_RANK = {letter: 1000 + rank for rank, letter in enumerate(_ALPHABET)}


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


@lru_cache(maxsize=65_536)  # SQLite calls the collation once per comparison: each name is keyed once
def vietnamese_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The order of a Vietnamese dictionary: letters (a ă â b c d đ ...), then tones, then case.

    'Bạch Đằng' < 'Bình Giang 5' (a before i; the tone only breaks ties), 'Dương' < 'Đông' (d before đ).
    Other characters (digits, spaces, punctuation) sort by code point, before the letters.
    """
    letters: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for base, marks in _letters_with_marks(text):
        lower = base.lower()
        letter = unicodedata.normalize("NFC", lower + "".join(m for m in marks if m in _LETTER_MARKS))
        letters.append(_LETTER_RANK.get(letter, ord(lower) if ord(lower) < 1000 else ord(lower) + 100))
        tones.append(max((_TONES.get(m, 0) for m in marks), default=0))
        cases.append(0 if base == lower else 1)
    return tuple(letters), tuple(tones), tuple(cases)


def compare_vietnamese(first: str, second: str) -> int:
    """-1, 0 or 1 as `first` sorts before, with or after `second` (a SQLite collation)."""
    a, b = vietnamese_sort_key(first), vietnamese_sort_key(second)
    return (a > b) - (a < b)


def _letters_with_marks(text: str) -> list[tuple[str, list[str]]]:
    """'Đằng' -> [('Đ', []), ('a', ['\u0306', '\u0300']), ('n', []), ('g', [])]."""
    letters: list[tuple[str, list[str]]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and letters:
            letters[-1][1].append(ch)
        else:
            letters.append((ch, []))
    return letters
