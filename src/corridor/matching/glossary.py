"""A Vietnamese <-> English glossary of industry terms, to bridge the two languages when matching texts.

The embedding model aligns the languages only partly; rendering a text's known terms in the other language
and comparing both renderings lets "khuôn ép nhựa" find "injection moulds". Longest phrases are replaced
first; words the glossary does not know are kept.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from corridor.reference.names import fold_name

__all__ = ["to_other_language"]

_WORDS = re.compile(r"[\w-]+", re.UNICODE)


@cache
def _pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(folded Vietnamese phrase -> English, folded English phrase -> Vietnamese), longest first."""
    text = (resources.files("corridor.matching") / "glossary.tsv").read_text(encoding="utf-8")
    rows = list(csv.reader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))
    pairs = [(vi.strip(), en.strip()) for vi, en in rows[1:] if vi.strip() and en.strip()]
    vi_to_en = sorted(((fold_name(vi), en) for vi, en in pairs), key=lambda p: -len(p[0]))
    en_to_vi = sorted(((fold_name(en), vi) for vi, en in pairs), key=lambda p: -len(p[0]))
    return vi_to_en, en_to_vi


def _translate(text: str, table: list[tuple[str, str]]) -> tuple[str, int]:
    folded = " " + " ".join(_WORDS.findall(fold_name(text))) + " "
    hits = 0
    for source, target in table:
        needle = f" {source} "
        if needle in folded:
            hits += folded.count(needle)
            folded = folded.replace(needle, f" \x00{target}\x00 ")
    return " ".join(folded.replace("\x00", "").split()), hits


def to_other_language(text: str) -> str | None:
    """The text with its known terms in the other language (Vietnamese or English), or None if none is known."""
    vi_to_en, en_to_vi = _pairs()
    as_en, en_hits = _translate(text, vi_to_en)
    as_vi, vi_hits = _translate(text, en_to_vi)
    if not en_hits and not vi_hits:
        return None
    return as_en if en_hits >= vi_hits else as_vi
