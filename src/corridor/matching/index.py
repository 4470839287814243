"""Approximate nearest-neighbour search over many embeddings (FAISS inverted-file index, inner product).

For a few thousand candidates an exact scan is fast enough and is what the ranking does; past that the index
shortlists the nearest candidates and only those are scored in full. `benchmarks/matching.py` measures it on
1,000,000 vectors against exact search.

FAISS is native code: its own checks are Python `assert`s (gone under `python -O`, after which a wrong
dimension reads past the end of a buffer) and C++ exceptions. So the shapes, values and k are checked here
first, and a bad one is a CorridorError.
"""

from __future__ import annotations

import math

import faiss
import numpy as np

from corridor.errors import InvalidInput
from corridor.i18n import mark

__all__ = ["VectorIndex"]

MAX_K = 2**20  # FAISS allocates k results per query up front


class VectorIndex:
    """Unit vectors (rows), searched by inner product (= cosine)."""

    def __init__(self, vectors: np.ndarray, *, lists: int | None = None, probes: int = 32, seed: int = 7) -> None:
        data = _checked_matrix(vectors, mark("The vectors must be a table of finite numbers, one row per vector"))
        count, dim = data.shape
        if count == 0 or dim == 0:
            raise InvalidInput(mark("A vector index needs at least one vector of at least one dimension"))
        if probes < 1 or (lists is not None and lists < 1):
            raise InvalidInput(mark("A vector index needs at least 1 list and 1 probe"))
        # k-means needs at least one training point per list
        self.lists = min(count, lists or max(1, min(4096, int(4 * math.sqrt(count)))))
        quantizer = faiss.IndexFlatIP(dim)
        self._index = faiss.IndexIVFFlat(quantizer, dim, self.lists, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(seed).choice(count, size=min(count, self.lists * 40), replace=False)
        self._index.train(data[np.sort(sample)])
        self._index.add(data)
        self._quantizer = quantizer  # FAISS needs it kept alive
        self.probes = probes

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, row numbers) of the k nearest rows for each query; -1 where fewer exist."""
        data = _checked_matrix(queries, mark("The queries must be a table of finite numbers, one row per query"))
        if data.shape[1] != self._index.d:
            raise InvalidInput(
                mark("The queries have {got} dimensions; the index has {expected}"),
                got=data.shape[1],
                expected=self._index.d,
            )
        if not 1 <= k <= MAX_K:
            raise InvalidInput(
                mark("The number of neighbours must be from 1 to {maximum}, got {k}"), maximum=MAX_K, k=k
            )
        if len(data) == 0:
            return np.empty((0, k), dtype=np.float32), np.empty((0, k), dtype=np.int64)
        self._index.nprobe = self.probes
        scores, rows = self._index.search(data, k)
        return scores, rows

    @property
    def size(self) -> int:
        return int(self._index.ntotal)


def _checked_matrix(values: np.ndarray, message_id: str) -> np.ndarray:
    """A C-contiguous float32 matrix of finite numbers (FAISS trains and searches nothing else safely)."""
    data = np.ascontiguousarray(values, dtype=np.float32)
    if data.ndim != 2 or not np.isfinite(data).all():
        raise InvalidInput(message_id)
    return data
