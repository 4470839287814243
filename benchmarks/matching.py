"""Benchmark: matching at scale. Top-20 search over 1,000,000 offer vectors (FAISS IVF) against exact search,
and encoding throughput of the real model on real texts.

The vectors are SYNTHETIC (never shipped): real embeddings of the corridor's firm products and the evaluation
offers serve as centres, and each synthetic offer is a centre plus noise, normalised, so the data has the
clustered shape of real offers. Targets (issue 5): top-20 in under 20 ms median on 2 cores with recall@20 >= 0.95
against exact search; encoding throughput reported.

    python benchmarks/matching.py [--vectors 1000000] [--queries 100]
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import time
from pathlib import Path

import numpy as np

from corridor.matching.encoder import E5Encoder
from corridor.matching.index import VectorIndex

ROOT = Path(__file__).resolve().parents[1]


def real_texts() -> list[str]:
    texts = []
    with (ROOT / "src/corridor/data/registry/firms.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts += [t for t in (row["products_vi"], row["products_en"]) if t]
    with (ROOT / "tests/data/matching_eval.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts += [row["offer_text"], row["need_text"]]
    return sorted(set(texts))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--k", type=int, default=20)
    args = parser.parse_args()
    encoder, texts = E5Encoder(), real_texts()
    start = time.perf_counter()
    centres = encoder.passages(texts)
    encode_s = time.perf_counter() - start
    print(
        f"encoding: {len(texts)} real texts in {encode_s:.2f} s = {len(texts) / encode_s:.0f} texts/s ({encoder.name})"
    )

    rng = np.random.default_rng(5)
    vectors = centres[rng.integers(0, len(centres), args.vectors)] + 0.045 * rng.standard_normal(
        (args.vectors, centres.shape[1]), dtype=np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = encoder.queries(texts[: args.queries]) if args.queries <= len(texts) else None
    if queries is None:
        queries = vectors[rng.integers(0, args.vectors, args.queries)]

    memory = rss_mb()
    start = time.perf_counter()
    index = VectorIndex(vectors)
    build_s = time.perf_counter() - start
    print(
        f"index: {args.vectors:,} synthetic vectors, {index.lists} lists; built in {build_s:.1f} s; "
        f"the index holds the vectors ({vectors.nbytes / 2**20:,.0f} MB); peak process memory {rss_mb():,.0f} MB "
        f"({memory:,.0f} MB before the build)"
    )

    exact_s, exact = [], []
    for query in queries:
        begin = time.perf_counter()
        scores = vectors @ query
        top = np.argpartition(-scores, args.k)[: args.k]
        exact.append(set(top[np.argsort(-scores[top])].tolist()))
        exact_s.append(time.perf_counter() - begin)
    for probes in (8, 16, 32, 64):
        index.probes = probes
        found_s, recall = [], []
        for query, truth in zip(queries, exact, strict=True):
            begin = time.perf_counter()
            _, rows = index.search(query[None, :], args.k)
            found_s.append(time.perf_counter() - begin)
            recall.append(len(truth & set(rows[0].tolist())) / args.k)
        median_ms = statistics.median(found_s) * 1000
        verdict = "ok" if median_ms < 20 and statistics.mean(recall) >= 0.95 else "-"
        print(
            f"  probes {probes:>3}: top-{args.k} median {median_ms:.2f} ms, recall@{args.k} "
            f"{statistics.mean(recall):.3f} (targets < 20 ms, >= 0.95: {verdict})"
        )
    print(f"exact search (numpy scan of all vectors): median {statistics.median(exact_s) * 1000:.1f} ms per query")


if __name__ == "__main__":
    main()
