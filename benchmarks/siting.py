"""Site ranking speed: 2,000 zones x 30 criteria, ranked with explanations and 1,000 weight draws.

The zones and their values are SYNTHETIC (random, seeded): nothing here is data about a real zone. About 10 % of
the values are unknown, as in the bundled data. The same pure pipeline as `corridor sites` runs
(corridor.siting.service.rank_facts: normalise, score, contributions, unknown shares, robustness over 1,000 draws
for the 10 zones shown, the weight changes that reorder the top three, and the explanation of the zones shown),
once with the weighted sum and once with SPOTIS. Target: under 100 ms each. It prints the median of 7 runs, and,
as a baseline in the same run, the time of a plain loop that ranks every draw with a full sort (what a
straightforward implementation would do).

    python benchmarks/siting.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from corridor.siting.brief import brief_from_dict
from corridor.siting.criteria import Criterion
from corridor.siting.facts import ZoneFacts
from corridor.siting.service import rank_facts

ZONES, CRITERIA_COUNT, DRAWS, SHOWN, RUNS = 2000, 30, 1000, 10, 7
TARGET_MS = 100.0


def synthetic_criteria() -> tuple[Criterion, ...]:
    return tuple(Criterion(f"c{j:02d}", f"criterion {j}", "-", j % 3 != 0, 0.0, 100.0) for j in range(CRITERIA_COUNT))


def synthetic_zones(criteria: tuple[Criterion, ...], rng: np.random.Generator) -> list[ZoneFacts]:
    values = rng.uniform(0, 100, size=(ZONES, len(criteria)))
    values[rng.random(values.shape) < 0.1] = np.nan
    zones = []
    for i in range(ZONES):
        zone = ZoneFacts(
            f"synthetic-{i}",
            f"SYNTHETIC zone {i}",
            "KCN",
            "operating",
            None,
            None,
            frozenset(),
            None,
            None,
            None,
            None,
            (),
            {},
            None,
        )
        zone.values = {c.id: (None if np.isnan(v) else float(v)) for c, v in zip(criteria, values[i], strict=True)}
        zones.append(zone)
    return zones


def timed_ms(run: object) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def full_sort_baseline(normalised: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> None:
    """Every draw scored and fully ranked one by one: the obvious way."""
    for _ in range(DRAWS):
        drawn = weights * rng.uniform(0.5, 1.5, weights.size)
        np.argsort(-(normalised @ (drawn / drawn.sum())))


def main() -> None:
    rng = np.random.default_rng(2026)
    criteria = synthetic_criteria()
    zones = synthetic_zones(criteria, rng)
    weights = {c.id: float(w) for c, w in zip(criteria, rng.uniform(1, 10, len(criteria)), strict=True)}
    brief = brief_from_dict({"sector": "26", "land_ha": 10})
    reasons: dict[str, object] = {}
    print(f"SYNTHETIC: {ZONES} zones x {CRITERIA_COUNT} criteria, {DRAWS} weight draws, {SHOWN} zones explained")
    for method in ("weighted", "spotis"):

        def run(method: str = method) -> object:
            ranking = rank_facts(
                brief, zones, reasons, weights, method=method, top=SHOWN, draws=DRAWS, criteria=criteria
            )
            return ranking.as_dict("en")

        result = run()
        assert isinstance(result, dict) and len(result["results"]) == SHOWN
        for zone in result["results"]:
            assert abs(sum(zone["contributions"].values()) - zone["score"]) < 1e-4
        ms = timed_ms(run)
        verdict = "PASS" if ms < TARGET_MS else "FAIL"
        print(f"{method}: {ms:.1f} ms (median of {RUNS}; target < {TARGET_MS:.0f} ms) {verdict}")
    values = np.array([[np.nan if z.values[c.id] is None else z.values[c.id] for c in criteria] for z in zones])
    normalised = np.nan_to_num(values / 100, nan=0.5)
    w = np.array(list(weights.values()))
    baseline = timed_ms(lambda: full_sort_baseline(normalised, w, rng))
    print(f"baseline (a full sort per draw, robustness only): {baseline:.1f} ms")


if __name__ == "__main__":
    main()
