"""Scores of zones over criteria: the weighted sum (min-max over the zones ranked) and SPOTIS (fixed bounds).

Both give score = sum_j w_j * n_ij with weights summing to 1 and n_ij in [0, 1] (1 = best), so the contribution of
criterion j to zone i is w_j * n_ij and the contributions add up to the score exactly.

- Weighted sum: n_ij = (x_ij - min_j) / (max_j - min_j) for a benefit, (max_j - x_ij) / (max_j - min_j) for a
  cost, min and max over the zones being ranked (all equal: 1). Adding or removing a zone can move min or max and
  so reorder two other zones (rank reversal).
- SPOTIS (Dezert et al. 2020): distance d_i = sum_j w_j |x_ij - s_j| / (high_j - low_j) to the ideal point s_j
  (high_j for a benefit, low_j for a cost) of bounds fixed in advance (corridor.siting.criteria); values are
  clipped to the bounds. The score shown is 1 - d_i, so n_ij = 1 - |x_ij - s_j| / (high_j - low_j). No zone's
  score depends on another zone, so no rank ever reverses. tests/unit/siting checks it against pymcdm's SPOTIS.
- Unknown values (NaN) are scored at the neutral n = 0.5 in both methods, never as 0 or as the worst; the share
  of a zone's score resting on such imputed values is its `unknown_share`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corridor.siting.criteria import Criterion

__all__ = ["METHODS", "NEUTRAL", "normalise", "scores_and_contributions", "unknown_shares"]

METHODS = ("weighted", "spotis")
NEUTRAL = 0.5


def _minmax(values: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    known = ~np.isnan(values)
    low = np.nanmin(np.where(known, values, np.inf), axis=0)
    high = np.nanmax(np.where(known, values, -np.inf), axis=0)
    span = high - low
    flat = ~(span > 0)  # all zones equal (or none known): every known value is as good as the best
    scaled = (values - low) / np.where(flat, 1.0, span)
    scaled = np.where(benefit, scaled, 1.0 - scaled)
    return np.where(flat, 1.0, scaled)


def _spotis(values: np.ndarray, criteria: Sequence[Criterion]) -> np.ndarray:
    low = np.array([c.low for c in criteria])
    high = np.array([c.high for c in criteria])
    ideal = np.where([c.benefit for c in criteria], high, low)
    clipped = np.clip(values, low, high)
    distance: np.ndarray = np.abs(clipped - ideal) / (high - low)
    return 1.0 - distance


def normalise(values: np.ndarray, criteria: Sequence[Criterion], method: str) -> np.ndarray:
    """zones x criteria values (NaN = unknown) -> n in [0, 1], 1 best; unknown -> NEUTRAL."""
    if method not in METHODS:
        raise ValueError(method)
    benefit = np.array([c.benefit for c in criteria])
    with np.errstate(invalid="ignore"):
        scaled = _minmax(values, benefit) if method == "weighted" else _spotis(values, criteria)
    return np.where(np.isnan(values), NEUTRAL, scaled)


def scores_and_contributions(normalised: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores (zones) and contributions (zones x criteria) that sum to them; weights are normalised to sum 1."""
    share = weights / weights.sum()
    contributions = normalised * share
    return contributions.sum(axis=1), contributions


def unknown_shares(contributions: np.ndarray, unknown: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The share of each score that rests on imputed (unknown) values: 0 to 1."""
    resting = np.where(unknown, contributions, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(scores > 0, resting / scores, 0.0)
    return np.clip(share, 0.0, 1.0)
