"""The text model's same-language bias, and its correction.

multilingual-e5 gives two unrelated texts written in the same language a higher cosine than two unrelated texts in
different languages: measured on the glossaries' parallel terms (language_offsets.toml), an unrelated Chinese term
scores 0.839 against a Chinese query and 0.798 against an English one, while the query's own English translation
scores 0.851. Ranked on raw cosines, a Chinese need puts any Chinese offer above the Vietnamese and English ones
that answer it. Each cosine is therefore lowered by how much higher unrelated texts of its pair of languages
score than unrelated English texts for the same query language (docs/adr/0022-language-pair-offsets.md).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import product

import numpy as np

from corridor.matching.encoder import TextEncoder
from corridor.matching.glossary import parallel_terms

__all__ = ["LANGUAGES", "load_unrelated_cosines", "measure_unrelated_cosines", "offsets", "text_language"]

LANGUAGES = ("en", "vi", "ko", "ja", "zh")
REFERENCE = "en"  # offsets are relative to comparing with an English text
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Vietnamese letters and tone marks that English does not use (after NFD: breve, circumflex, horn, the five tones).
_VIETNAMESE = re.compile("[đĐ\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]")


def text_language(text: str) -> str:
    """'ko', 'ja', 'zh', 'vi' or 'en', by script: Hangul, kana, Han characters (kanji alone reads as 'zh'), the
    Vietnamese marks; anything else (Vietnamese written without marks included) as 'en'."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    return "vi" if _VIETNAMESE.search(unicodedata.normalize("NFD", text)) else "en"


def measure_unrelated_cosines(encoder: TextEncoder) -> dict[tuple[str, str], float]:
    """(query language, passage language) -> mean cosine of a query term and the passage terms of other concepts,
    over the glossaries' parallel terms (concepts both languages write)."""
    columns = parallel_terms()
    found = {}
    for query_lang, passage_lang in product(LANGUAGES, repeat=2):
        rows = [i for i, pair in enumerate(zip(columns[query_lang], columns[passage_lang], strict=True)) if all(pair)]
        queries = encoder.queries([columns[query_lang][i] or "" for i in rows])
        passages = encoder.passages([columns[passage_lang][i] or "" for i in rows])
        cosines = queries @ passages.T
        unrelated = ~np.eye(len(rows), dtype=bool)
        found[(query_lang, passage_lang)] = round(float(cosines[unrelated].mean()), 4)
    return found


@cache
def load_unrelated_cosines() -> dict[tuple[str, str], float]:
    """The measurement shipped in language_offsets.toml (scripts/measure_language_offsets.py writes it)."""
    text = (resources.files("corridor.matching") / "language_offsets.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)["unrelated_cosine"]
    return {(q, p): float(table[q][p]) for q in LANGUAGES for p in LANGUAGES}


def offsets(query_languages: Sequence[str], passage_languages: Sequence[str]) -> np.ndarray:
    """(passages x queries) the amount to take off each cosine: how much more unrelated texts of that pair of
    languages score than unrelated English texts for the same query language."""
    unrelated = load_unrelated_cosines()
    return np.array(
        [[unrelated[(q, p)] - unrelated[(q, REFERENCE)] for q in query_languages] for p in passage_languages],
        dtype=np.float32,
    ).reshape(len(passage_languages), len(query_languages))
