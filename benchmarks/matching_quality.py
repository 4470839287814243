"""Matching quality on the labelled sets, per language of the need: nDCG@5 and precision@5.

Sets: tests/data/matching_eval.csv (12 needs in Vietnamese and English) and tests/data/matching_eval_cjk.csv (60
needs in Korean, Japanese and Chinese, simplified and traditional, and judgements of the first set's needs against
the bundled firms and the offers added with it); see tests/data/README.md. Every need is matched against one pool:
every judged offer of both sets and the products of every bundled firm that can supply (as the matching service
builds them), with the production ranking and model. Offers not judged for a need count as relevance 0.
Relevance 2 = what was asked, 1 = partly, 0 = near miss; precision@5 counts relevance >= 1.
Goal (issue 16): nDCG@5 >= 0.90 in every language; tests/unit/matching fails a language under 0.85.

    python benchmarks/matching_quality.py
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from corridor.matching.encoder import E5Encoder
from corridor.matching.ranking import Candidate, Request, load_weights, rank
from corridor.matching.service import NOT_SUPPLIERS

ROOT = Path(__file__).resolve().parents[1]
SETS = (ROOT / "tests" / "data" / "matching_eval.csv", ROOT / "tests" / "data" / "matching_eval_cjk.csv")
FIRMS = ROOT / "src" / "corridor" / "data" / "registry" / "firms.csv"
LANGUAGES = ("vi", "en", "ko", "ja", "zh")
GOAL_NDCG = 0.90


@dataclass
class LabelledSet:
    needs: dict[str, tuple[str, str]]  # need ID -> (language: vi, en, ko, ja, zh; text)
    offers: dict[str, str]  # offer ID -> text
    judged: dict[str, dict[str, int]]  # need ID -> offer ID -> relevance


def load(paths: tuple[Path, ...] = SETS) -> LabelledSet:
    labelled = LabelledSet({}, bundled_offers(), defaultdict(dict))
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                labelled.needs[row["need_id"]] = (row["need_lang"][:2], row["need_text"])
                labelled.offers[row["offer_id"]] = row["offer_text"]
                labelled.judged[row["need_id"]][row["offer_id"]] = int(row["relevance"])
    return labelled


def bundled_offers() -> dict[str, str]:
    """'firm:ID' -> the firm's products, Vietnamese / English, for every bundled firm that can supply."""
    with FIRMS.open(encoding="utf-8", newline="") as handle:
        firms = [f for f in csv.DictReader(handle) if f["role"] not in NOT_SUPPLIERS]
    texts = {f"firm:{f['id']}": " / ".join(t for t in (f["products_vi"], f["products_en"]) if t) for f in firms}
    return {offer_id: text for offer_id, text in texts.items() if text}


def ndcg(ranked: list[str], relevance: dict[str, int], k: int) -> float:
    gains = [(2 ** relevance.get(o, 0) - 1) / math.log2(i + 2) for i, o in enumerate(ranked[:k])]
    ideal = sorted(relevance.values(), reverse=True)[:k]
    best = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return sum(gains) / best if best else 0.0


def evaluate_by_language() -> dict[str, tuple[float, float, int]]:
    """language -> (nDCG@5, precision@5, number of needs)."""
    labelled = load()
    encoder, weights = E5Encoder(), load_weights()
    # Each offer stands for its own firm here, so the ranking is of offers.
    pool = [Candidate(offer_id, offer_id, offer_id, text) for offer_id, text in sorted(labelled.offers.items())]
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for need_id, (lang, text) in sorted(labelled.needs.items()):
        ranked = [m.item_id for m in rank(Request(text), pool, encoder, weights, top=5)]
        relevance = labelled.judged[need_id]
        precision = sum(1 for o in ranked if relevance.get(o, 0) >= 1) / 5
        scores[lang].append((ndcg(ranked, relevance, 5), precision))
    return {
        lang: (sum(g for g, _ in found) / len(found), sum(p for _, p in found) / len(found), len(found))
        for lang in LANGUAGES
        if (found := scores[lang])
    }


def evaluate() -> tuple[float, float, int]:
    """Over every need: (precision@5, nDCG@5, number of judgements)."""
    by_language = evaluate_by_language()
    needs = sum(n for _, _, n in by_language.values())
    precision = sum(p * n for _, p, n in by_language.values()) / needs
    gain = sum(g * n for g, _, n in by_language.values()) / needs
    return precision, gain, sum(len(j) for j in load().judged.values())


def main() -> None:
    labelled = load()
    judgements = sum(len(j) for j in labelled.judged.values())
    print(f"labelled needs: {len(labelled.needs)}; judgements: {judgements}; pool: {len(labelled.offers)} offers")
    print(f"model: {E5Encoder.name}; weights {load_weights().version}")
    by_language = evaluate_by_language()
    for lang, (gain, precision, needs) in by_language.items():
        verdict = "PASS" if gain >= GOAL_NDCG else "FAIL"
        print(f"{lang}: {needs:2d} needs  nDCG@5 = {gain:.3f}  precision@5 = {precision:.3f}  {verdict}")
    if any(gain < GOAL_NDCG for gain, _, _ in by_language.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
