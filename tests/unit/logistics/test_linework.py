"""The junction network from line geometry: snapping, splitting at shared vertices, contracting chains, and
keeping the railway's through lines (hand-checkable lines a few kilometres long)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from corridor.geo import haversine_km
from corridor.logistics.linework import Line, build_junction_network, junction_names

# About 0.001 degree of latitude is 111 m; of longitude at 21 N, 104 m.


def _road(*coords: tuple[float, float], ref: str = "QL5", kind: str = "national") -> Line:
    return Line(tuple(coords), f"Quốc lộ {ref[2:]}", ref, kind)


def _km(coords: tuple[tuple[float, float], ...]) -> float:
    return sum(haversine_km(a[1], a[0], b[1], b[0]) for a, b in pairwise(coords))


def test_two_roads_sharing_a_vertex_meet_at_a_junction_and_keep_their_lengths() -> None:
    east_west = _road((106.0, 21.0), (106.02, 21.0), (106.04, 21.0))
    north_south = _road((106.02, 20.98), (106.02, 21.0), (106.02, 21.02), ref="QL10")
    arcs, junctions = build_junction_network([east_west, north_south])
    assert len(arcs) == 4 and (106.02, 21.0) in junctions
    assert sum(arc.length_km for arc in arcs) == pytest.approx(_km(east_west.coords) + _km(north_south.coords))
    names = {j.point: j.name for j in junction_names(arcs, junctions)}
    assert names[(106.02, 21.0)] == "QL10 / QL5"


def test_a_line_end_within_30_m_of_another_line_is_snapped_onto_it_and_one_50_m_away_is_not() -> None:
    main = _road((106.0, 21.0), (106.04, 21.0))
    near = _road((106.02, 21.00018), (106.02, 21.02), ref="QL10")  # 20 m north of the main road's segment
    far = _road((106.03, 21.00045), (106.03, 21.02), ref="QL18")  # 50 m north
    arcs, junctions = build_junction_network([main, near, far])
    assert (106.02, 21.0) in junctions  # the segment got a vertex where the end was moved
    assert len([arc for arc in arcs if arc.ref == "QL5"]) == 2
    assert len([arc for arc in arcs if arc.ref == "QL18"]) == 1  # stays apart: no junction at 106.03
    assert (106.03, 21.0) not in junctions


def test_chains_of_one_road_become_one_arc_and_a_change_of_road_stays_a_junction() -> None:
    first = _road((106.0, 21.0), (106.01, 21.0))
    second = _road((106.01, 21.0), (106.02, 21.0))
    third = _road((106.02, 21.0), (106.03, 21.0), ref="QL18")
    arcs, junctions = build_junction_network([first, second, third])
    refs = sorted(arc.ref for arc in arcs)
    assert refs == ["QL18", "QL5"]
    assert (106.01, 21.0) not in junctions and (106.02, 21.0) in junctions
    ql5 = next(arc for arc in arcs if arc.ref == "QL5")
    assert ql5.coords[0] in {(106.0, 21.0), (106.02, 21.0)} and len(ql5.coords) == 3
    assert ql5.length_km == pytest.approx(_km(((106.0, 21.0), (106.01, 21.0), (106.02, 21.0))))


def test_a_ring_without_junctions_is_one_arc() -> None:
    ring = _road((106.0, 21.0), (106.01, 21.0), (106.01, 21.01), (106.0, 21.0))
    arcs, junctions = build_junction_network([ring])
    assert len(arcs) == 1 and junctions == [(106.0, 21.0)]


def _rail(name: str, *coords: tuple[float, float]) -> Line:
    return Line(tuple(coords), name, "", "railway")


def test_railway_through_lines_keep_the_short_unnamed_link_between_named_lines_and_drop_sidings() -> None:
    west = _rail("Đường sắt A", (106.0, 21.0), (106.02, 21.0))
    east = _rail("Đường sắt A", (106.03, 21.0), (106.05, 21.0))
    throat = _rail("", (106.02, 21.0), (106.03, 21.0))  # 1 km of unnamed station track joining them
    siding = _rail("", (106.01, 21.0), (106.01, 21.005))  # a dead-end siding off the main line
    arcs, _ = build_junction_network([west, east, throat, siding], through_only=True)
    kept = sorted((arc.name, round(arc.length_km, 2)) for arc in arcs)
    assert ("", round(_km(throat.coords), 2)) in kept
    assert not any(arc.coords[-1] == (106.01, 21.005) or arc.coords[0] == (106.01, 21.005) for arc in arcs)
    everything, _ = build_junction_network([west, east, throat, siding])
    assert len(everything) > len(arcs)


def test_unnamed_track_longer_than_the_bridge_limit_does_not_join_named_lines() -> None:
    west = _rail("Đường sắt A", (106.0, 21.0), (106.02, 21.0))
    east = _rail("Đường sắt B", (106.06, 21.0), (106.08, 21.0))
    long_spur = _rail("", (106.02, 21.0), (106.06, 21.0))  # 4.2 km, beyond 3 km
    arcs, _ = build_junction_network([west, east, long_spur], through_only=True)
    assert all(arc.name for arc in arcs)
