"""Approximate nearest-neighbour search over many embeddings (FAISS inverted-file index, inner product).

For a few thousand candidates an exact scan is fast enough and is what the ranking does; past that the index
shortlists the nearest candidates and only those are scored in full. `benchmarks/matching.py` measures it on
1,000,000 vectors against exact search.
"""

from __future__ import annotations

import math

import faiss
import numpy as np

__all__ = ["VectorIndex"]


class VectorIndex:
    """Unit vectors (rows), searched by inner product (= cosine)."""

    def __init__(self, vectors: np.ndarray, *, lists: int | None = None, probes: int = 32, seed: int = 7) -> None:
        data = np.ascontiguousarray(vectors, dtype=np.float32)
        count, dim = data.shape
        self.lists = lists or max(1, min(4096, int(4 * math.sqrt(count))))
        quantizer = faiss.IndexFlatIP(dim)
        self._index = faiss.IndexIVFFlat(quantizer, dim, self.lists, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(seed).choice(count, size=min(count, self.lists * 40), replace=False)
        self._index.train(data[np.sort(sample)])
        self._index.add(data)
        self._quantizer = quantizer  # FAISS needs it kept alive
        self.probes = probes

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, row numbers) of the k nearest rows for each query; -1 where fewer exist."""
        self._index.nprobe = self.probes
        scores, rows = self._index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return scores, rows

    @property
    def size(self) -> int:
        return int(self._index.ntotal)
