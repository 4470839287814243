"""Glossaries of industry terms that bridge languages when matching texts: Vietnamese <-> English (glossary.tsv),
and Korean, Japanese and Chinese (simplified and traditional) -> English (glossary_cjk.tsv, each term with its basis).

The embedding model aligns the languages only partly (Korean, Japanese and Chinese hardly at all with Vietnamese);
rendering a text's known terms in another language and comparing the renderings lets "khuôn ép nhựa" find
"injection moulds" and "射出成形金型" find both. Longest phrases are replaced first. In Vietnamese and English, words
the glossary does not know are kept; in Korean, Japanese and Chinese (no spaces between words) only the known
terms, in the order written, and the Latin words (CNC, PCB, ISO 9001) make the rendering.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from corridor.reference.names import fold_name

__all__ = ["cjk_to_english", "is_cjk", "parallel_terms", "to_other_language"]

_WORDS = re.compile(r"[\w-]+", re.UNICODE)
# Hangul (jamo, compatibility jamo, syllables), kana, CJK ideographs (with extension A and compatibility ones).
_CJK = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z0-9.+/-]*[a-z][a-z0-9.+/-]*")  # words with a letter: CNC, SMT, 5-axis; not 20
_BLANK = "\x00"


@cache
def _pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(folded Vietnamese phrase -> English, folded English phrase -> Vietnamese), longest first."""
    text = (resources.files("corridor.matching") / "glossary.tsv").read_text(encoding="utf-8")
    rows = list(csv.reader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))
    pairs = [(vi.strip(), en.strip()) for vi, en in rows[1:] if vi.strip() and en.strip()]
    vi_to_en = sorted(((fold_name(vi), en) for vi, en in pairs), key=lambda p: -len(p[0]))
    en_to_vi = sorted(((fold_name(en), vi) for vi, en in pairs), key=lambda p: -len(p[0]))
    return vi_to_en, en_to_vi


@cache
def _cjk_terms() -> list[tuple[str, str]]:
    """(normalised Korean, Japanese or Chinese term -> English), longest first."""
    text = (resources.files("corridor.matching") / "glossary_cjk.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))
    terms = {
        _normalise(term): row["en"].strip()
        for row in rows
        for column in ("ko", "ja", "zh_hans", "zh_hant")
        for term in row[column].split("|")
        if term.strip()
    }
    return sorted(terms.items(), key=lambda pair: (-len(pair[0]), pair[0]))


def _normalise(text: str) -> str:
    """Full-width letters and digits as ASCII (ＣＮＣ -> cnc), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def is_cjk(text: str) -> bool:
    """Whether the text has Korean, Japanese or Chinese characters."""
    return bool(_CJK.search(text))


def cjk_to_english(text: str) -> tuple[str, int]:
    """The text's known terms in English, with its Latin words, in the order written; and how many terms were known.

    '射出成形金型（PP樹脂）' -> ('injection moulds pp plastic', 2).
    """
    remaining = _normalise(text)
    found: list[tuple[int, str]] = []
    for term, english in _cjk_terms():
        at = remaining.find(term)
        while at != -1:
            found.append((at, english))
            remaining = remaining[:at] + _BLANK * len(term) + remaining[at + len(term) :]
            at = remaining.find(term, at + len(term))
    latin = [(m.start(), m.group()) for m in _LATIN.finditer(remaining)]
    return " ".join(word for _, word in sorted(found + latin)), len(found)


def _translate(text: str, table: list[tuple[str, str]]) -> tuple[str, int]:
    folded = " " + " ".join(_WORDS.findall(fold_name(text))) + " "
    hits = 0
    for source, target in table:
        needle = f" {source} "
        if needle in folded:
            hits += folded.count(needle)
            folded = folded.replace(needle, f" \x00{target}\x00 ")
    return " ".join(folded.replace("\x00", "").split()), hits


@lru_cache(maxsize=8192)  # a pure function of the text and the packaged glossaries; rankings ask for the same texts
def to_other_language(text: str) -> str | None:
    """The text with its known terms in another language, or None if none is known: Korean, Japanese and Chinese
    into English; Vietnamese into English and English into Vietnamese."""
    if is_cjk(text):
        english, known = cjk_to_english(text)
        return english if known else None
    vi_to_en, en_to_vi = _pairs()
    as_en, en_hits = _translate(text, vi_to_en)
    as_vi, vi_hits = _translate(text, en_to_vi)
    if not en_hits and not vi_hits:
        return None
    return as_en if en_hits >= vi_hits else as_vi


def parallel_terms() -> dict[str, list[str | None]]:
    """The glossaries' terms as parallel columns ('en', 'vi', 'ko', 'ja', 'zh'), one row per English term of
    glossary_cjk.tsv: each language's first way of writing it (simplified Chinese for 'zh'), and the Vietnamese term
    where glossary.tsv has the same English term (else None). Used to measure the text model's language bias."""
    cjk = (resources.files("corridor.matching") / "glossary_cjk.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader((line for line in cjk.splitlines() if not line.startswith("#")), delimiter="\t"))
    vi_en = (resources.files("corridor.matching") / "glossary.tsv").read_text(encoding="utf-8")
    pairs = list(csv.reader((line for line in vi_en.splitlines() if not line.startswith("#")), delimiter="\t"))
    vietnamese = {en.strip().lower(): vi.strip() for vi, en in pairs[1:] if vi.strip() and en.strip()}

    def first(cell: str) -> str | None:
        return next((term.strip() for term in cell.split("|") if term.strip()), None)

    return {
        "en": [row["en"].strip() for row in rows],
        "vi": [vietnamese.get(row["en"].strip().lower()) for row in rows],
        "ko": [first(row["ko"]) for row in rows],
        "ja": [first(row["ja"]) for row in rows],
        "zh": [first(row["zh_hans"]) for row in rows],
    }
