"""Exact shortest paths on large directed graphs with Customizable Contraction Hierarchies (RoutingKit).

The contraction order is computed once per graph shape (inertial flow when coordinates are known); each
weighting (time, cost, CO2e, distance) is a cheap "customisation" on top, and scenarios that change weights
re-customise without rebuilding. Queries are exact, like Dijkstra's. See docs/adr/0003-routing-engine.md.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import routingkit_cch as rk
from numpy.typing import NDArray

__all__ = ["ShortestPaths"]

UNREACHABLE = -1


class ShortestPaths:
    """A directed graph (arcs tail -> head) with integer weights per named metric."""

    def __init__(
        self,
        node_count: int,
        tail: NDArray[np.int64],
        head: NDArray[np.int64],
        lat: NDArray[np.float64] | None = None,
        lon: NDArray[np.float64] | None = None,
    ) -> None:
        self.node_count = node_count
        self.tail = [int(x) for x in tail]
        self.head = [int(x) for x in head]
        if lat is not None and lon is not None and node_count > 0:
            order = rk.compute_order_inertial(node_count, self.tail, self.head, lat.tolist(), lon.tolist())
        else:
            order = rk.compute_order_degree(node_count, self.tail, self.head)
        self._cch = rk.CCH(order, self.tail, self.head, False)
        self._metrics: dict[str, rk.CCHMetric] = {}

    def set_weights(self, metric: str, weights: NDArray[np.int64]) -> None:
        """Customise the hierarchy for a weighting (one integer per arc, >= 0)."""
        if len(weights) != len(self.tail) or (len(weights) and int(weights.min()) < 0):
            raise ValueError("one weight of at least 0 per arc is needed")
        self._metrics.pop(metric, None)
        self._metrics[metric] = rk.CCHMetric(self._cch, [int(w) for w in weights])

    def path(self, metric: str, source: int, target: int) -> tuple[int, list[int]] | None:
        """(distance, arc indices) of a shortest path, or None when the target cannot be reached."""
        query = rk.CCHQuery(self._metrics[metric])
        result = query.run(source, target)
        distance, arcs = result.distance, list(result.arc_path)
        del result  # the binding requires the result to go before the query is reused or dropped
        if distance is None:
            return None
        return int(distance), arcs

    def distances(self, metric: str, sources: Sequence[int], targets: Sequence[int]) -> NDArray[np.int64]:
        """Shortest distances from each source to each target (UNREACHABLE where there is no path)."""
        matrix = np.full((len(sources), len(targets)), UNREACHABLE, dtype=np.int64)
        if not len(sources) or not len(targets):
            return matrix
        one_to_many = rk.CCHOneToMany(self._metrics[metric], [int(t) for t in targets])
        for row, source in enumerate(sources):
            found = one_to_many.distances_from(int(source))
            matrix[row] = [UNREACHABLE if d is None else d for d in found]
        del one_to_many
        return matrix
