"""Exact shortest paths on large directed graphs with Customizable Contraction Hierarchies (RoutingKit).

The contraction order is computed once per graph shape (inertial flow when coordinates are known); each
weighting (time, cost, CO2e, distance) is a cheap "customisation" on top, and scenarios that change weights
re-customise without rebuilding. Queries are exact, like Dijkstra's. See docs/adr/0003-routing-engine.md.

The engine is native code that does not check what it is given: a graph without nodes stops the process with
SIGFPE, an inertial order without nodes with SIGSEGV, and out-of-range ids or weights raise a Rust panic (a
BaseException that slips past `except Exception`). So every input is checked here first, and a bad one is a
CorridorError; an empty graph is answered without the engine (it has no paths).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import routingkit_cch as rk
from numpy.typing import NDArray

from corridor.errors import InvalidInput
from corridor.i18n import mark

__all__ = ["ENGINE_INFINITY", "MAX_ARC_WEIGHT", "UNREACHABLE", "ShortestPaths"]

UNREACHABLE = -1
# RoutingKit's weights are 32-bit; 2^31 - 1 means "no arc", and a path that adds up to it or more reads as
# unreachable (it saturates rather than wraps; checked in tests/unit/logistics/test_shortest_paths.py).
ENGINE_INFINITY = 2**31 - 1
MAX_ARC_WEIGHT = ENGINE_INFINITY - 1
_HOPS = "__hops__"  # one per arc: tells an unreachable target from a path too long for the engine to count


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
        self.tail, self.head = _checked_arcs(node_count, tail, head)
        self._metrics: dict[str, rk.CCHMetric] = {}
        self._cch: rk.CCH | None = None
        if node_count == 0:
            return  # the engine divides by the node count: an empty graph is answered here
        if lat is not None and lon is not None:
            _check_coordinates(node_count, lat, lon)
            order = rk.compute_order_inertial(node_count, self.tail, self.head, lat.tolist(), lon.tolist())
        else:
            order = rk.compute_order_degree(node_count, self.tail, self.head)
        self._cch = rk.CCH(order, self.tail, self.head, False)
        self._metrics[_HOPS] = rk.CCHMetric(self._cch, [1] * len(self.tail))

    def set_weights(self, metric: str, weights: NDArray[np.int64]) -> None:
        """Customise the hierarchy for a weighting (one whole number per arc, 0 to MAX_ARC_WEIGHT)."""
        checked = _checked_weights(metric, weights, len(self.tail))
        self._metrics.pop(metric, None)
        if self._cch is not None:
            self._metrics[metric] = rk.CCHMetric(self._cch, checked)

    def path(self, metric: str, source: int, target: int) -> tuple[int, list[int]] | None:
        """(distance, arc indices) of a shortest path, or None when the target cannot be reached."""
        self._check_nodes([source, target])
        if self._cch is None:
            return None
        found = _query(self._metric(metric), source, target)
        if found is None and _query(self._metrics[_HOPS], source, target) is not None:
            raise _too_long(metric)
        return found

    def distances(self, metric: str, sources: Sequence[int], targets: Sequence[int]) -> NDArray[np.int64]:
        """Shortest distances from each source to each target (UNREACHABLE where there is no path)."""
        self._check_nodes([*sources, *targets])
        matrix = np.full((len(sources), len(targets)), UNREACHABLE, dtype=np.int64)
        if self._cch is None or not len(sources) or not len(targets):
            return matrix  # the engine panics on an empty target list
        matrix[:] = _one_to_many(self._metric(metric), sources, targets)
        if (matrix == UNREACHABLE).any():
            hops = _one_to_many(self._metrics[_HOPS], sources, targets)
            if ((matrix == UNREACHABLE) & (hops != UNREACHABLE)).any():
                raise _too_long(metric)
        return matrix

    def _metric(self, metric: str) -> rk.CCHMetric:
        if metric == _HOPS or (metric not in self._metrics):
            raise InvalidInput(mark("The routing graph has no weighting '{metric}'"), metric=metric)
        return self._metrics[metric]

    def _check_nodes(self, nodes: Sequence[int]) -> None:
        outside = [int(n) for n in nodes if not 0 <= int(n) < self.node_count]
        if outside:
            raise InvalidInput(
                mark("Node {node} is not in the routing graph of {count} nodes"), node=outside[0], count=self.node_count
            )


def _checked_arcs(node_count: int, tail: NDArray[np.int64], head: NDArray[np.int64]) -> tuple[list[int], list[int]]:
    """The arcs as plain lists, once their ends are known to be nodes of the graph."""
    tails, heads = [int(x) for x in tail], [int(x) for x in head]
    if node_count < 0 or len(tails) != len(heads):
        raise InvalidInput(mark("A routing graph needs a node count of at least 0 and one head per arc tail"))
    outside = [n for n in (*tails, *heads) if not 0 <= n < node_count]
    if outside:
        raise InvalidInput(
            mark("An arc of the routing graph touches node {node}, outside its {count} nodes"),
            node=outside[0],
            count=node_count,
        )
    return tails, heads


def _check_coordinates(node_count: int, lat: NDArray[np.float64], lon: NDArray[np.float64]) -> None:
    if len(lat) != node_count or len(lon) != node_count or not (np.isfinite(lat).all() and np.isfinite(lon).all()):
        raise InvalidInput(
            mark("A routing graph ordered by coordinates needs a finite latitude and longitude per node")
        )


def _checked_weights(metric: str, weights: NDArray[np.int64], arc_count: int) -> list[int]:
    values = np.asarray(weights)
    if values.ndim != 1 or len(values) != arc_count or not _whole_and_in_range(values):
        raise InvalidInput(
            mark("The weights of '{metric}' must be {count} whole numbers from 0 to {maximum}, one per arc"),
            metric=metric,
            count=arc_count,
            maximum=MAX_ARC_WEIGHT,
        )
    return [int(w) for w in values]


def _whole_and_in_range(values: NDArray[np.generic]) -> bool:
    """Whole numbers the engine takes as they are (larger ones overflow its 32-bit weights)."""
    if values.size == 0:
        return True
    if values.dtype.kind == "f" and not (np.isfinite(values).all() and (values == np.floor(values)).all()):
        return False
    return values.dtype.kind in "iuf" and bool(values.min() >= 0) and bool(values.max() <= MAX_ARC_WEIGHT)


def _query(metric: rk.CCHMetric, source: int, target: int) -> tuple[int, list[int]] | None:
    query = rk.CCHQuery(metric)
    result = query.run(int(source), int(target))
    distance, arcs = result.distance, list(result.arc_path)
    del result  # the binding requires the result to go before the query is reused or dropped
    return None if distance is None else (int(distance), arcs)


def _one_to_many(metric: rk.CCHMetric, sources: Sequence[int], targets: Sequence[int]) -> NDArray[np.int64]:
    matrix = np.full((len(sources), len(targets)), UNREACHABLE, dtype=np.int64)
    one_to_many = rk.CCHOneToMany(metric, [int(t) for t in targets])
    for row, source in enumerate(sources):
        found = one_to_many.distances_from(int(source))
        matrix[row] = [UNREACHABLE if d is None else d for d in found]
    del one_to_many
    return matrix


def _too_long(metric: str) -> InvalidInput:
    return InvalidInput(
        mark(
            "The {metric} of this route adds up to more than the routing engine can count ({maximum} units); "
            "use a lighter cargo or smaller values in the parameter file"
        ),
        metric=metric,
        maximum=ENGINE_INFINITY - 1,
    )
