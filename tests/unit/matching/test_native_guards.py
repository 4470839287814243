"""The guards in front of FAISS and HiGHS: bad shapes, values or limits are an error with a message."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.errors import InvalidInput
from corridor.matching.index import VectorIndex
from corridor.matching.scheduling import event_from_dict, solve


def _unit_rows(count: int, dim: int = 8) -> np.ndarray:
    vectors = np.random.default_rng(3).normal(size=(count, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def index() -> VectorIndex:
    return VectorIndex(_unit_rows(50))


@pytest.mark.parametrize("vectors", [np.zeros((0, 8)), np.zeros((5, 0)), np.zeros(8)])
def test_an_index_needs_vectors(vectors: np.ndarray) -> None:
    with pytest.raises(InvalidInput, match="vector"):
        VectorIndex(vectors)


def test_an_index_refuses_numbers_that_are_not_finite() -> None:
    vectors = _unit_rows(10)
    vectors[0, 0] = np.nan
    with pytest.raises(InvalidInput, match="finite numbers"):
        VectorIndex(vectors)


@pytest.mark.parametrize("count", [1, 3])
def test_fewer_vectors_than_lists_still_make_an_index(count: int) -> None:
    vectors = _unit_rows(count)
    _, rows = VectorIndex(vectors, lists=16).search(vectors[:1], 2)
    assert rows[0, 0] == 0


@pytest.mark.parametrize(
    ("queries", "k", "message"),
    [
        (_unit_rows(2, dim=4), 3, "The queries have 4 dimensions; the index has 8"),
        (_unit_rows(2), 0, "from 1 to"),
        (_unit_rows(2), -1, "from 1 to"),
        (_unit_rows(2)[0], 3, "one row per query"),
        (np.full((1, 8), np.inf), 3, "finite numbers"),
    ],
)
def test_a_search_refuses_bad_queries(index: VectorIndex, queries: np.ndarray, k: int, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        index.search(queries, k)


def test_k_beyond_the_index_size_pads_with_minus_one(index: VectorIndex) -> None:
    _, rows = index.search(_unit_rows(1), 60)
    assert rows.shape == (1, 60) and (rows[0, index.size :] == -1).all()


def test_no_queries_give_no_results(index: VectorIndex) -> None:
    scores, rows = index.search(np.zeros((0, 8)), 3)
    assert scores.shape == rows.shape == (0, 3)


@pytest.mark.parametrize("limit_s", [0.0, -1.0, float("nan"), float("inf")])
def test_the_solver_needs_a_positive_finite_time_limit(limit_s: float) -> None:
    event = event_from_dict(
        {
            "name": "Forum",
            "date": "2026-12-10",
            "tables": 1,
            "slots": [{"id": "S1", "start": "09:00", "end": "09:20"}],
            "participants": [{"id": "a", "name": "A", "firm": "A"}, {"id": "b", "name": "B", "firm": "B"}],
            "requests": [{"a": "a", "b": "b"}],
        },
        "forum.toml",
    )
    with pytest.raises(InvalidInput, match="The time limit must be a positive number of seconds"):
        solve(event, time_limit_s=limit_s)
    assert len(solve(event, time_limit_s=5).meetings) == 1
