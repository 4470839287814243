"""The zone x hub matrix on the bundled corridor network: one search per zone against one route per zone and hub.

Run `python benchmarks/hub_matrix.py`. Prints the network's size, the graph build, one route, the whole matrix
(cold and memoized) and, as the baseline in the same run, the matrix made of one route per (zone, hub) pair.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from corridor.bootstrap import init_database, open_app
from corridor.settings import Settings


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'corridor.db'}"
        init_database(Settings(db_url=url, lang="en", user="benchmark")).store.engine.dispose()
        app = open_app(Settings(db_url=url, lang="en"))
        logistics = app.logistics()
        network = logistics.base
        print(f"network: {len(network.nodes):,} nodes, {len(network.links):,} links (access links included)")
        start = time.perf_counter()
        graph = logistics.graph("truck", 2026, None, 20.0)
        print(f"truck graph 2026: {len(graph.arcs):,} arcs, built in {time.perf_counter() - start:.3f} s")
        start = time.perf_counter()
        logistics.route("KCN Đình Vũ", "AP_HAN", profile="truck", year=2026)
        print(f"one route (Đình Vũ -> Nội Bài): {(time.perf_counter() - start) * 1000:.1f} ms")
        start = time.perf_counter()
        matrix = logistics.hub_matrix(year=2026)
        cold_s = time.perf_counter() - start
        zones = len({row["zone"] for row in matrix.rows})
        print(f"zone x hub matrix: {zones} zones, {len(matrix.rows):,} pairs, {cold_s:.3f} s (one search per zone)")
        start = time.perf_counter()
        logistics.hub_matrix(year=2026)
        print(f"memoized for the network version: {(time.perf_counter() - start) * 1e6:.1f} µs")
        pairs = [(row["zone"], row["hub"]) for row in matrix.rows][:200]
        start = time.perf_counter()
        for zone, hub in pairs:
            graph.path(zone, hub, "time")
        paths_s = (time.perf_counter() - start) / len(pairs) * len(matrix.rows)
        start = time.perf_counter()
        for zone, hub in pairs:
            logistics.route(zone, hub, profile="truck", year=2026)
        routes_s = (time.perf_counter() - start) / len(pairs) * len(matrix.rows)
        print(f"baseline, one CCH path query per pair (no legs): {paths_s:.3f} s (extrapolated from 200 pairs)")
        print(f"baseline, one full route per pair (legs, notes): {routes_s:.3f} s (extrapolated from 200 pairs)")
        print(f"ratio full routes / matrix: {routes_s / cold_s:.1f}x; CCH paths / matrix: {paths_s / cold_s:.2f}x")
        app.store.engine.dispose()


if __name__ == "__main__":
    main()
