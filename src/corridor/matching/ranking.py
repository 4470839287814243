"""Ranking suppliers for a need (or buyers for an offer): combined signals, each with its reason.

Deterministic: the same data and weights give the same ranking (ties broken by firm ID).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from corridor.i18n import Message, render_all
from corridor.matching.encoder import TextEncoder
from corridor.matching.glossary import to_other_language
from corridor.matching.languages import offsets, text_language
from corridor.reference.names import fold_name

__all__ = ["Candidate", "Match", "Request", "Weights", "encode_ahead", "load_weights", "rank"]

_WORD = re.compile(r"[a-z0-9]+")
# Words that say nothing about what is bought or sold.
_STOPWORDS = frozenset(
    (
        "and",
        "the",
        "for",
        "of",
        "with",
        "to",
        "in",
        "on",
        "a",
        "an",
        "or",
        "by",
        "from",
        "cac",
        "cho",
        "va",
        "cua",
        "voi",
        "trong",
        "cung",
        "cap",
        "san",
        "xuat",
        "loai",
        "san",
        "pham",
        "cong",
        "ty",
        "tnhh",
        "viet",
        "nam",
        "vietnam",
        "co",
        "ltd",
        "jsc",
        "dich",
        "vu",
        "service",
        "services",
        "supply",
        "supplier",
        "products",
        "product",
    )
)


@dataclass(frozen=True)
class Weights:
    version: str
    weights: dict[str, float]
    semantic_floor: float
    semantic_ceiling: float
    travel_half_score_h: float


def load_weights(text: str | None = None) -> Weights:
    data = tomllib.loads(text or (resources.files("corridor.matching") / "weights.toml").read_text(encoding="utf-8"))
    return Weights(
        data["version"],
        {k: float(v) for k, v in data["weights"].items()},
        float(data["semantic"]["floor"]),
        float(data["semantic"]["ceiling"]),
        float(data["travel"]["half_score_h"]),
    )


@dataclass(frozen=True)
class Request:
    """What is sought: a need (to rank suppliers) or an offer (to rank buyers).

    `certifications` are the ones a need requires, or the ones the offering firm holds; the candidates' are the
    other side (held by a supplier, required by a buyer's need), so the certification signal always measures the
    need's requirements against the offer's holdings.
    """

    text: str
    hs_codes: tuple[str, ...] = ()
    vsic: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    quantity: float | None = None
    node_id: str | None = None  # where it is delivered, for travel time
    is_offer: bool = False  # True: an offer seeking buyers

    def required_and_held(self, candidate: Candidate) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(certifications the need requires, certifications the offering side holds)."""
        if self.is_offer:
            return candidate.certifications, self.certifications
        return self.certifications, candidate.certifications


@dataclass(frozen=True)
class Candidate:
    """One offer (or need) of one firm; `certifications` are held (an offer) or required (a need)."""

    firm_id: str
    firm_name: str
    item_id: str
    text: str
    hs_codes: tuple[str, ...] = ()
    vsic: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    capacity: float | None = None
    node_id: str | None = None


@dataclass
class Match:
    firm_id: str
    firm_name: str
    item_id: str
    item_text: str
    score: float
    signals: dict[str, float | None] = field(default_factory=dict)  # None: not applicable
    reasons: list[Message] = field(default_factory=list)
    travel_h: float | None = None

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "firm_id": self.firm_id,
            "name": self.firm_name,
            "score": round(self.score, 4),
            "matched_item": {"id": self.item_id, "text": self.item_text},
            "travel_h": self.travel_h,
            "signals": {k: None if v is None else round(v, 3) for k, v in self.signals.items()},
            "reasons": render_all(self.reasons, lang),
        }


def _words(text: str) -> set[str]:
    return {_singular(w) for w in _WORD.findall(fold_name(text)) if w not in _STOPWORDS and len(w) > 1}


def _singular(word: str) -> str:
    """'sheets' -> 'sheet' (English plurals; Vietnamese words do not end in a plural 's'), 'glass' stays."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def lexical_score(query: str, text: str) -> float:
    """Share of the query's words (and word pairs, which carry Vietnamese compounds) found in the text."""
    query_words, text_words = _words(query), _words(text)
    if not query_words:
        return 0.0
    pairs = {f"{a} {b}" for a, b in zip(sorted(query_words), sorted(query_words)[1:], strict=False)}
    folded = " ".join(_WORD.findall(fold_name(text)))
    pair_hits = sum(1 for p in pairs if p in folded) if pairs else 0
    word_share = len(query_words & text_words) / len(query_words)
    return min(1.0, word_share + 0.1 * pair_hits)


def bridged_lexical_score(query: str, translated_query: str | None, text: str) -> float:
    """The best lexical score of the query and the text, each as written or with its terms in another language."""
    queries = [query, *([translated_query] if translated_query else [])]
    texts = [text, *([translated] if (translated := to_other_language(text)) else [])]
    return max(lexical_score(q, t) for q in queries for t in texts)


def code_agreement(wanted: Sequence[str], offered: Sequence[str], levels: Sequence[tuple[int, float]]) -> float | None:
    """Best agreement between two code lists at the given prefix lengths; None when either list is empty."""
    if not wanted or not offered:
        return None
    best = 0.0
    for a in wanted:
        for b in offered:
            for length, score in levels:
                if len(a) >= length and len(b) >= length and a[:length] == b[:length]:
                    best = max(best, score)
                    break
    return best


HS_LEVELS = ((6, 1.0), (4, 0.75), (2, 0.4))
VSIC_LEVELS = ((4, 1.0), (3, 0.6), (2, 0.3))


def certification_share(required: Sequence[str], held: Sequence[str]) -> float | None:
    if not required:
        return None
    return sum(1 for c in required if c in held) / len(required)


def capacity_fit(quantity: float | None, capacity: float | None) -> float | None:
    if not quantity or capacity is None:
        return None
    return min(1.0, capacity / quantity)


def rank(
    request: Request,
    candidates: Sequence[Candidate],
    encoder: TextEncoder,
    weights: Weights,
    travel_hours: Callable[[str, str], float | None] | None = None,
    top: int = 10,
) -> list[Match]:
    """The best `top` firms for the request, each with its best-matching item, signals and reasons."""
    if not candidates:
        return []
    cosines = bridged_cosines(request.text, [c.text for c in candidates], encoder)
    translated_query = to_other_language(request.text)
    best: dict[str, Match] = {}
    for candidate, cosine in zip(candidates, cosines, strict=True):
        match = _score(request, candidate, float(cosine), weights, travel_hours, translated_query)
        current = best.get(candidate.firm_id)
        if current is None or (match.score, current.item_id) > (current.score, match.item_id):
            best[candidate.firm_id] = match
    ordered = sorted(best.values(), key=lambda m: (-m.score, m.firm_id))
    return ordered[:top]


def encode_ahead(encoder: TextEncoder, queries: Sequence[str], texts: Sequence[str]) -> None:
    """Encode, in one batch each, every query and text that `bridged_cosines` will ask for (as written and bridged).

    The encoder keeps what it has encoded (E5Encoder, per text), so many rankings over the same candidates then
    encode nothing; one batch also costs the engine one parallel region instead of one per text."""
    query_texts = [*queries, *(b for q in queries if (b := to_other_language(q)))]
    passage_texts = [*texts, *(b for t in texts if (b := to_other_language(t)))]
    encoder.queries(list(dict.fromkeys(query_texts)))
    encoder.passages(list(dict.fromkeys(passage_texts)))


def bridged_cosines(query: str, texts: Sequence[str], encoder: TextEncoder) -> np.ndarray:
    """Cosine of the query and each text, the best of the query and each text as written and with their known terms
    in another language (see corridor.matching.glossary): a Korean need meets a Vietnamese offer in English. Each
    cosine is first corrected for the model's same-language bias (corridor.matching.languages), so that a Chinese
    need does not prefer any Chinese offer to the Vietnamese one that answers it."""
    queries = [query, *([bridged] if (bridged := to_other_language(query)) else [])]
    query_vectors = encoder.queries(queries)
    query_languages = [text_language(q) for q in queries]
    cosines = _corrected(encoder.passages(list(texts)), texts, query_vectors, query_languages)
    translated = [to_other_language(t) for t in texts]
    rows = [i for i, t in enumerate(translated) if t]
    if rows:
        renderings = [translated[i] or "" for i in rows]
        other = _corrected(encoder.passages(renderings), renderings, query_vectors, query_languages)
        cosines[rows] = np.maximum(cosines[rows], other)
    return np.asarray(cosines)


def _corrected(
    passages: np.ndarray, texts: Sequence[str], query_vectors: np.ndarray, query_languages: Sequence[str]
) -> np.ndarray:
    """Per text, the best over the queries of the cosine less its language pair's offset."""
    cosines = passages @ query_vectors.T - offsets(query_languages, [text_language(t) for t in texts])
    return np.asarray(np.max(cosines, axis=1))


def _score(
    request: Request,
    candidate: Candidate,
    cosine: float,
    weights: Weights,
    travel_hours: Callable[[str, str], float | None] | None,
    translated_query: str | None = None,
) -> Match:
    span = weights.semantic_ceiling - weights.semantic_floor
    travel = None
    if travel_hours and request.node_id and candidate.node_id:
        travel = travel_hours(candidate.node_id, request.node_id)
    signals: dict[str, float | None] = {
        "semantic": float(np.clip((cosine - weights.semantic_floor) / span, 0.0, 1.0)),
        "lexical": bridged_lexical_score(request.text, translated_query, candidate.text),
        "hs": code_agreement(request.hs_codes, candidate.hs_codes, HS_LEVELS),
        "vsic": code_agreement(request.vsic, candidate.vsic, VSIC_LEVELS),
        "certifications": certification_share(*request.required_and_held(candidate)),
        "capacity": capacity_fit(request.quantity, candidate.capacity),
        "travel": None if travel is None else 1.0 / (1.0 + travel / weights.travel_half_score_h),
    }
    applicable = {k: v for k, v in signals.items() if v is not None}
    total_weight = sum(weights.weights[k] for k in applicable)
    score = sum(weights.weights[k] * v for k, v in applicable.items()) / total_weight if total_weight else 0.0
    reasons = _reasons(signals, request, candidate, cosine)
    if travel is not None:
        reasons.append(Message("truck time between the two: {hours:.1f} h", hours=travel))
    return Match(
        candidate.firm_id, candidate.firm_name, candidate.item_id, candidate.text, score, signals, reasons, travel
    )


def _reasons(signals: dict[str, float | None], request: Request, candidate: Candidate, cosine: float) -> list[Message]:
    fits = (signals["semantic"] or 0) >= 0.5
    reasons = [
        Message(
            "text meaning: cosine {cosine:.3f} ({verdict})",
            cosine=cosine,
            verdict=Message("fits") if fits else Message("weak"),
        ),
        Message("shared words: {score:.2f}", score=signals["lexical"]),
    ]
    if signals["hs"] is not None:
        reasons.append(_codes_reason("HS codes", request.hs_codes, candidate.hs_codes, signals["hs"]))
    if signals["vsic"] is not None:
        reasons.append(_codes_reason("VSIC", request.vsic, candidate.vsic, signals["vsic"]))
    if signals["certifications"] is not None:
        required, held_by_offer = request.required_and_held(candidate)
        missing = [c for c in required if c not in held_by_offer]
        held = Message("certifications held")
        reasons.append(Message("certifications missing: {names}", names=", ".join(missing)) if missing else held)
    if signals["capacity"] is not None:
        capacity = Message(
            "capacity {capacity:g} for {needed:g} needed", capacity=candidate.capacity, needed=request.quantity
        )
        reasons.append(capacity)
    if signals["travel"] is None:
        reasons.append(Message("travel time unknown (a location is missing)"))
    return reasons


def _codes_reason(system: str, wanted: tuple[str, ...], offered: tuple[str, ...], score: float) -> Message:
    """'HS codes 848071 vs 8480: 0.67': the code system's name is not translated."""
    return Message(
        "{system} {wanted} vs {offered}: {score:.2f}",
        system=system,
        wanted=", ".join(wanted),
        offered=", ".join(offered),
        score=score,
    )
