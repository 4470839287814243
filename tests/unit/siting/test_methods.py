"""Rank reversal: shown for the weighted sum (min-max over the zones ranked), absent for SPOTIS; SPOTIS agrees
with pymcdm's; robustness figures and the weight changes that reorder the top three."""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm.methods import SPOTIS

from corridor.siting.criteria import CRITERIA
from corridor.siting.robustness import _draw_weights, reorders_of_top_three, stability
from corridor.siting.scoring import normalise, scores_and_contributions

PORT, LAND = 0, 3  # criterion columns: port_time_h (cost), available_ha (benefit)


def table(rows: list[tuple[float, float]]) -> np.ndarray:
    values = np.full((len(rows), len(CRITERIA)), np.nan)
    for i, (port_h, land_ha) in enumerate(rows):
        values[i, PORT], values[i, LAND] = port_h, land_ha
    return values


def weights() -> np.ndarray:
    w = np.zeros(len(CRITERIA))
    w[PORT] = w[LAND] = 1.0
    return w


def order(values: np.ndarray, method: str) -> list[int]:
    scores, _ = scores_and_contributions(normalise(values, CRITERIA, method), weights())
    return [int(i) for i in np.argsort(-scores, kind="stable")]


# A: 2 h to the port, 100 ha; B: 4 h, 150 ha; D: 5 h, 90 ha. Min-max: A 1 + 10/60, B 1/3 + 1: B first.
# C, added later (6 h, no land), widens the land range to 0-150 ha: A 1 + 2/3, B 1/2 + 1: A first.
A_B = [(2.0, 100.0), (4.0, 150.0), (5.0, 90.0)]
C = (6.0, 0.0)


def test_adding_a_zone_reverses_a_and_b_in_the_weighted_sum() -> None:
    assert order(table(A_B), "weighted")[:2] == [1, 0]  # B first: its land lead outweighs its port lag
    with_c = order(table([*A_B, C]), "weighted")
    assert with_c.index(0) < with_c.index(1)  # A now ahead of B: only C was added


def test_spotis_keeps_the_order_of_a_and_b_whatever_is_added() -> None:
    before = order(table(A_B), "spotis")
    after = order(table([*A_B, C]), "spotis")
    assert (before.index(0) < before.index(1)) == (after.index(0) < after.index(1))
    rng = np.random.default_rng(7)
    extra = [(float(rng.uniform(0, 30)), float(rng.uniform(0, 400))) for _ in range(50)]
    scores_two, _ = scores_and_contributions(normalise(table(A_B), CRITERIA, "spotis"), weights())
    scores_many, _ = scores_and_contributions(normalise(table([*A_B, *extra]), CRITERIA, "spotis"), weights())
    assert np.allclose(scores_two, scores_many[:3])  # a zone's score never depends on the others


def test_spotis_agrees_with_pymcdm() -> None:
    rng = np.random.default_rng(1)
    values = np.column_stack([rng.uniform(c.low, c.high, 20) for c in CRITERIA])
    w = rng.uniform(0.1, 1, len(CRITERIA))
    bounds = np.array([[c.low, c.high] for c in CRITERIA])
    types = np.array([1 if c.benefit else -1 for c in CRITERIA])
    distance = SPOTIS(bounds)(values, w / w.sum(), types)
    ours, _ = scores_and_contributions(normalise(values, CRITERIA, "spotis"), w)
    assert np.allclose(ours, 1 - distance)


def test_robustness_of_a_clear_leader_and_of_a_tie() -> None:
    values = table([(1.0, 300.0), (10.0, 50.0), (12.0, 40.0), (20.0, 10.0)])
    n = normalise(values, CRITERIA, "spotis")
    found = stability(n, weights(), np.array([0, 1, 2]), draws=1000)
    assert found.same_rank_share[0] == 1.0 and found.top_three_share[0] == 1.0
    tie = normalise(table([(2.0, 100.0), (2.0, 100.0 + 1e-9), (30.0, 0.0)]), CRITERIA, "spotis")
    assert stability(tie, weights(), np.array([1, 0, 2]), draws=1000).same_rank_share[0] == 1.0


def test_the_weight_change_that_reorders_the_top_three_is_exact() -> None:
    values = table([(2.0, 100.0), (4.0, 150.0), (10.0, 20.0), (20.0, 0.0)])
    n = normalise(values, CRITERIA, "spotis")
    w = weights()
    scores, _ = scores_and_contributions(n, w)
    ranking = np.argsort(-scores, kind="stable")
    found = {r.criterion: r for r in reorders_of_top_three(n, w, ranking)}
    port = found[PORT]
    assert port.increase is not None and port.increase_pair is not None
    # At exactly that weight the swapped pair ties.
    changed = w.copy()
    changed[PORT] += port.increase
    a, b = port.increase_pair
    assert n[a] @ changed == pytest.approx(n[b] @ changed)
    assert found[1].increase is None and found[1].decrease is None  # an all-unknown criterion reorders nothing


def test_stability_counts_ranks_exactly_as_a_full_sort_would() -> None:
    rng = np.random.default_rng(11)
    n = rng.random((300, len(CRITERIA)))
    w = rng.uniform(0.5, 2, len(CRITERIA))
    scores, _ = scores_and_contributions(n, w)
    shown = np.argsort(-scores, kind="stable")[:8]
    found = stability(n, w, shown, draws=400, seed=5)
    drawn = _draw_weights(w, 400, 0.5, 5)
    every = (n.astype(np.float32) @ drawn.T.astype(np.float32)).T  # draws x zones
    ranks = np.array([[1 + int((row > row[k]).sum()) for row in every] for k in shown])
    assert np.array_equal(found.same_rank_share, (ranks == np.arange(1, 9)[:, None]).mean(axis=1))
    assert np.array_equal(found.top_three_share, (ranks <= 3).mean(axis=1))
    assert np.array_equal(found.rank_p95, np.percentile(ranks, 95, axis=1))
