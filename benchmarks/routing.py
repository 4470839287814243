"""Benchmark: the corridor network (junction level, bundled), and routes and a matrix on a synthetic
national-scale road graph, against networkx and scipy.

Corridor network: its size (nodes, links, routing-graph vertices and arcs), the time to build it from the
bundled linework and to build the truck routing graph, one route (median of zone -> hub routes) and the full
zone x hub matrix (every located zone to every hub, travel time), with its ratio to one search per zone.

The graph is SYNTHETIC and never shipped: a 1000 x 1000 grid of junctions (1,000,000 nodes) with about 63 % of the
grid's streets kept (about 2.5 million directed arcs), lengths of 50-500 m. Targets (issue 3): one route in under
50 ms median (100 random pairs), a 100 x 300 matrix in under 5 s, at least 20x faster than networkx; every
answer equal to an exact reference (networkx Dijkstra for the routes, scipy.sparse.csgraph Dijkstra for the matrix).

    python benchmarks/routing.py [--side 1000] [--pairs 100] [--baseline-sources 5] [--corridor-only]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

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
    parser.add_argument("--corridor-only", action="store_true", help="only the corridor network's figures")
    args = parser.parse_args()
    corridor_figures()
    if args.corridor_only:
        return
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


def corridor_figures() -> None:
    """The bundled corridor network, loaded into a scratch SQLite database as `corridor init` does."""
    from corridor.bootstrap import init_database
    from corridor.logistics.bundled import read_linework
    from corridor.logistics.graph import RoutingGraph
    from corridor.logistics.service import LogisticsService
    from corridor.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db_url=f"sqlite:///{Path(folder) / 'bench.db'}", lang="en", user="benchmark")
        app = init_database(settings, empty=False)
        begin = time.perf_counter()
        linework = read_linework()
        read_s = time.perf_counter() - begin
        logistics: LogisticsService = app.logistics()
        network = logistics.base
        junctions = sum(1 for node in network.nodes.values() if node.kind == "junction")
        measured = sum(1 for link in network.links if link.length_basis == "measured")
        begin = time.perf_counter()
        graph = RoutingGraph(network, logistics.params, logistics.params.profile("truck"), 2026, 20.0)
        graph_s = time.perf_counter() - begin
        print(
            f"corridor network {network.fingerprint()}: {len(network.nodes):,} nodes ({junctions:,} junctions), "
            f"{len(network.links):,} links ({measured:,} measured arcs or pieces of the linework; bundled "
            f"{len(linework.junctions):,} junctions, {len(linework.arcs):,} arcs); truck graph "
            f"{graph.paths.node_count:,} vertices, {len(graph.arcs):,} arcs"
        )
        print(
            f"corridor build: read linework {read_s * 1000:.0f} ms, network (join places, split arcs, bridge gaps) "
            f"{logistics.build_s * 1000:.0f} ms, truck routing graph {graph_s * 1000:.0f} ms"
        )
        time_corridor_queries(logistics)
        app.store.engine.dispose()


def time_corridor_queries(logistics: object) -> None:
    from corridor.logistics.service import LogisticsService

    assert isinstance(logistics, LogisticsService)
    zones = sorted(n.id for n in logistics.base.nodes.values() if n.kind == "zone" and n.located)
    hubs = logistics.hub_ids()
    logistics.route(zones[0], hubs[0])  # builds and caches the truck graph
    route_s = []
    for zone in zones[:50]:
        begin = time.perf_counter()
        logistics.route(zone, hubs[len(route_s) % len(hubs)])
        route_s.append(time.perf_counter() - begin)
    begin = time.perf_counter()
    matrix = logistics.matrix(zones, hubs, metric="time")
    matrix_s = time.perf_counter() - begin
    begin = time.perf_counter()
    logistics.nearest_hubs(zones)
    nearest_s = time.perf_counter() - begin
    reached = int(np.isfinite(matrix.values).sum())
    print(
        f"corridor route (50 zone -> hub routes, legs and geometry included): median "
        f"{statistics.median(route_s) * 1000:.1f} ms; zone x hub matrix {len(zones)} x {len(hubs)} "
        f"({reached:,} pairs reached): {matrix_s * 1000:.0f} ms; nearest hubs of every zone (one search each): "
        f"{nearest_s * 1000:.0f} ms ({nearest_s / matrix_s:.1f}x the matrix)"
    )


if __name__ == "__main__":
    main()
