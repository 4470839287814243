"""How much a ranking depends on its weights: random draws of the weights, and the changes that reorder the top.

- Stability: `draws` weight vectors, each weight multiplied by a factor drawn uniformly in [1 - spread, 1 + spread]
  (default +-50 %), renormalised. For each zone shown: the share of draws in which it keeps its rank, the share in
  which it is in the top three, and its 5th-95th percentile rank. One matrix product scores every zone under every
  draw; ranks are counted only for the zones shown, against the zones that beat the lowest shown score in at least
  one draw (no other zone can outrank a shown one), so 2,000 zones cost no full sort.
- Reordering the top three: the score difference of two zones a, b is D = sum_j w_j (n_aj - n_bj) (the common
  normalising sum of the weights does not change the order). Changing w_j alone by delta changes D by
  delta * (n_aj - n_bj), so the pair swaps at delta = -D / (n_aj - n_bj). Over the pairs (1st, 2nd), (2nd, 3rd)
  and (3rd, every zone below), the smallest increase and the smallest decrease of each weight that swap a pair
  are exact, not sampled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Reorder", "Stability", "reorders_of_top_three", "stability"]


@dataclass(frozen=True)
class Stability:
    same_rank_share: np.ndarray  # per shown zone
    top_three_share: np.ndarray
    rank_p5: np.ndarray
    rank_p95: np.ndarray
    draws: int


@dataclass(frozen=True)
class Reorder:
    """The smallest change of one weight (in its points, relative to the current weight) that swaps a pair."""

    criterion: int
    increase: float | None  # weight points to add; None: no increase reorders the top three
    increase_pair: tuple[int, int] | None
    decrease: float | None  # weight points to remove (positive number); None: no decrease does
    decrease_pair: tuple[int, int] | None


def _draw_weights(weights: np.ndarray, draws: int, spread: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, weights.size))
    drawn = weights * factors
    shares: np.ndarray = drawn / drawn.sum(axis=1, keepdims=True)
    return shares


def stability(
    normalised: np.ndarray,
    weights: np.ndarray,
    shown: np.ndarray,
    *,
    draws: int = 1000,
    spread: float = 0.5,
    seed: int = 0,
) -> Stability:
    """Rank stability of the `shown` zones (indices, best first) under random weight draws."""
    drawn = _draw_weights(weights, draws, spread, seed)
    # float32: a tenth of the time of float64 for this product (benchmarks/siting.py); scores are in [0, 1], so
    # only zones within ~1e-7 of each other could swap places, which no draw of +-50 % would keep apart anyway.
    scores = normalised.astype(np.float32) @ drawn.T.astype(np.float32)  # zones x draws
    shown_scores = scores[shown]  # shown x draws
    # Only zones whose best draw beats the lowest score of a shown zone can ever rank above one: count those.
    contenders = scores[scores.max(axis=1) > shown_scores.min()]
    ranks = 1 + (contenders[None, :, :] > shown_scores[:, None, :]).sum(axis=1)  # shown x draws
    current = np.arange(1, shown.size + 1)[:, None]
    return Stability(
        same_rank_share=(ranks == current).mean(axis=1),
        top_three_share=(ranks <= 3).mean(axis=1),
        rank_p5=np.percentile(ranks, 5, axis=1),
        rank_p95=np.percentile(ranks, 95, axis=1),
        draws=draws,
    )


def _pairs(order: np.ndarray) -> np.ndarray:
    """(ahead, behind) zone index pairs whose swap changes the top three."""
    top = order[:3]
    pairs = [(top[0], top[1]), (top[1], top[2])] if top.size >= 3 else [(top[0], top[1])] if top.size == 2 else []
    if top.size >= 3:
        pairs += [(top[2], other) for other in order[3:]]
    return np.array(pairs, dtype=int).reshape(-1, 2)


def reorders_of_top_three(normalised: np.ndarray, weights: np.ndarray, order: np.ndarray) -> list[Reorder]:
    """For each criterion, the smallest weight increase and decrease that reorder the top three (or None)."""
    pairs = _pairs(order)
    if pairs.size == 0:
        return [Reorder(j, None, None, None, None) for j in range(weights.size)]
    gap = normalised[pairs[:, 0]] @ weights - normalised[pairs[:, 1]] @ weights  # >= 0: ahead stays ahead
    delta_n = normalised[pairs[:, 0]] - normalised[pairs[:, 1]]  # pairs x criteria
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = -gap[:, None] / delta_n  # change of w_j that makes the pair tie
    finite = np.isfinite(delta)
    up = np.where(finite & (delta > 0), delta, np.inf)
    down = np.where(finite & (delta < 0) & (weights + delta >= 0), -delta, np.inf)
    result = []
    for j in range(weights.size):
        i_up, i_down = int(np.argmin(up[:, j])), int(np.argmin(down[:, j]))
        has_up, has_down = np.isfinite(up[i_up, j]), np.isfinite(down[i_down, j])
        result.append(
            Reorder(
                j,
                float(up[i_up, j]) if has_up else None,
                (int(pairs[i_up, 0]), int(pairs[i_up, 1])) if has_up else None,
                float(down[i_down, j]) if has_down else None,
                (int(pairs[i_down, 0]), int(pairs[i_down, 1])) if has_down else None,
            )
        )
    return result
