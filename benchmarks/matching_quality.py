"""Matching quality on the labelled evaluation set (tests/data/matching_eval.csv): precision@5 and nDCG@10.

Every need is matched against the whole pool of judged offers (the other needs' offers act as distractors), with
the production ranking and model. Relevance 2 = what was asked, 1 = partly, 0 = near miss; precision@5 counts
relevance >= 1. Target (issue 5): precision@5 >= 0.8.

    python benchmarks/matching_quality.py
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

from corridor.matching.encoder import E5Encoder
from corridor.matching.ranking import Candidate, Request, load_weights, rank

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "matching_eval.csv"


def load(path: Path = EVAL) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, int]]]:
    needs, offers, judged = {}, {}, defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            needs[row["need_id"]] = row["need_text"]
            offers[row["offer_id"]] = row["offer_text"]
            judged[row["need_id"]][row["offer_id"]] = int(row["relevance"])
    return needs, offers, judged


def ndcg(ranked: list[str], relevance: dict[str, int], k: int) -> float:
    gains = [(2 ** relevance.get(o, 0) - 1) / math.log2(i + 2) for i, o in enumerate(ranked[:k])]
    ideal = sorted(relevance.values(), reverse=True)[:k]
    best = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return sum(gains) / best if best else 0.0


def evaluate() -> tuple[float, float, int]:
    needs, offers, judged = load()
    encoder, weights = E5Encoder(), load_weights()
    # Each offer stands for its own firm here, so the ranking is of offers.
    pool = [Candidate(offer_id, offer_id, offer_id, text) for offer_id, text in sorted(offers.items())]
    precisions, ndcgs = [], []
    for need_id, text in sorted(needs.items()):
        ranked = [m.item_id for m in rank(Request(text), pool, encoder, weights, top=10)]
        relevance = judged[need_id]
        precisions.append(sum(1 for o in ranked[:5] if relevance.get(o, 0) >= 1) / 5)
        ndcgs.append(ndcg(ranked, relevance, 10))
    return sum(precisions) / len(precisions), sum(ndcgs) / len(ndcgs), sum(len(j) for j in judged.values())


def main() -> None:
    precision, gain, judgements = evaluate()
    print(f"evaluation set: {judgements} judgements; model: {E5Encoder.name}; weights {load_weights().version}")
    print(f"precision@5 = {precision:.3f} (target >= 0.8); nDCG@10 = {gain:.3f}")
    if precision < 0.8:
        sys.exit(1)


if __name__ == "__main__":
    main()
