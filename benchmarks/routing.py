"""Benchmark: routes and a matrix on a synthetic national-scale road graph, against networkx and scipy.

The graph is SYNTHETIC and never shipped: a 1000 x 1000 grid of junctions (1,000,000 nodes) with about 63 % of the
grid's streets kept (about 2.5 million directed arcs), lengths of 50-500 m. Targets (issue 3): one route in under
50 ms median (100 random pairs), a 100 x 300 matrix in under 5 s, at least 20x faster than networkx; every
answer equal to an exact reference (networkx Dijkstra for the routes, scipy.sparse.csgraph Dijkstra for the matrix).

    python benchmarks/routing.py [--side 1000] [--pairs 100] [--baseline-sources 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corridor.logistics.shortest_paths import ShortestPaths


def synthetic_road_graph(
    side: int, seed: int = 7
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    ids = np.arange(side * side).reshape(side, side)
    horizontal = np.stack([ids[:, :-1].ravel(), ids[:, 1:].ravel()], 1)
    vertical = np.stack([ids[:-1, :].ravel(), ids[1:, :].ravel()], 1)
    streets = np.concatenate([horizontal, vertical])
    streets = streets[rng.random(len(streets)) < 0.63]
    tail = np.concatenate([streets[:, 0], streets[:, 1]])
    head = np.concatenate([streets[:, 1], streets[:, 0]])
    metres = rng.integers(50, 500, len(streets))
    weights = np.concatenate([metres, metres]).astype(np.int64)
    lat = (ids // side).ravel() * 0.004 + 8.5
    lon = (ids % side).ravel() * 0.004 + 102.0
    return side * side, tail, head, weights, lat, lon


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--targets", type=int, default=300)
    parser.add_argument("--baseline-sources", type=int, default=5, help="networkx matrix rows timed (extrapolated)")
    args = parser.parse_args()
    rng = np.random.default_rng(11)

    start = time.perf_counter()
    n, tail, head, weights, lat, lon = synthetic_road_graph(args.side)
    print(f"synthetic graph: {n:,} nodes, {len(tail):,} directed arcs ({time.perf_counter() - start:.1f} s)")
    memory_before = rss_mb()
    start = time.perf_counter()
    engine = ShortestPaths(n, tail, head, lat, lon)
    order_s = time.perf_counter() - start
    start = time.perf_counter()
    engine.set_weights("distance", weights)
    customise_s = time.perf_counter() - start
    print(
        f"build: contraction order + hierarchy {order_s:.1f} s, customisation {customise_s:.2f} s, "
        f"peak memory {rss_mb():,.0f} MB (+{rss_mb() - memory_before:,.0f} MB)"
    )

    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip(tail.tolist(), head.tolist(), weights.tolist(), strict=True))
    route_ok = time_routes(engine, graph, rng.integers(0, n, (args.pairs, 2)))
    matrix_ok = time_matrix(engine, graph, (n, tail, head, weights), rng, args)
    if not (route_ok and matrix_ok):
        raise SystemExit("an answer differs from the exact reference")


def time_routes(engine: ShortestPaths, graph: nx.DiGraph, pairs: np.ndarray) -> bool:
    route_s, ours = [], []
    for source, target in pairs:
        begin = time.perf_counter()
        found = engine.path("distance", int(source), int(target))
        route_s.append(time.perf_counter() - begin)
        ours.append(None if found is None else found[0])
    reference, nx_s = [], []
    for source, target in pairs:
        begin = time.perf_counter()
        try:
            reference.append(nx.bidirectional_dijkstra(graph, int(source), int(target))[0])
        except nx.NetworkXNoPath:
            reference.append(None)
        nx_s.append(time.perf_counter() - begin)
    route_ok = ours == reference
    ours_median, nx_median = statistics.median(route_s) * 1000, statistics.median(nx_s) * 1000
    print(
        f"route ({len(pairs)} random pairs): median {ours_median:.2f} ms (target < 50 ms); networkx bidirectional "
        f"Dijkstra median {nx_median:.0f} ms; ratio {nx_median / ours_median:,.0f}x (target >= 20x); "
        f"all equal to networkx: {route_ok}"
    )
    return route_ok


def time_matrix(
    engine: ShortestPaths,
    graph: nx.DiGraph,
    arcs: tuple[int, np.ndarray, np.ndarray, np.ndarray],
    rng: np.random.Generator,
    args: argparse.Namespace,
) -> bool:
    n, tail, head, weights = arcs
    sources = rng.integers(0, n, args.sources)
    targets = rng.integers(0, n, args.targets)
    begin = time.perf_counter()
    matrix = engine.distances("distance", sources.tolist(), targets.tolist())
    matrix_s = time.perf_counter() - begin
    sparse = csr_matrix((weights, (tail, head)), shape=(n, n))
    begin = time.perf_counter()
    exact = dijkstra(sparse, directed=True, indices=sources)[:, targets]
    scipy_s = time.perf_counter() - begin
    exact = np.where(np.isinf(exact), -1, exact).astype(np.int64)
    matrix_ok = bool(np.array_equal(matrix, exact))
    begin = time.perf_counter()
    for source in sources[: args.baseline_sources]:
        lengths = nx.single_source_dijkstra_path_length(graph, int(source))
        _ = [lengths.get(int(t)) for t in targets]
    nx_matrix_s = (time.perf_counter() - begin) / args.baseline_sources * args.sources
    print(
        f"matrix {args.sources} x {args.targets}: {matrix_s:.2f} s (target < 5 s); scipy csgraph Dijkstra "
        f"{scipy_s:.1f} s ({scipy_s / matrix_s:.0f}x); networkx {nx_matrix_s:.0f} s (from {args.baseline_sources} "
        f"rows; {nx_matrix_s / matrix_s:,.0f}x); all equal to scipy: {matrix_ok}"
    )
    return matrix_ok


if __name__ == "__main__":
    main()
