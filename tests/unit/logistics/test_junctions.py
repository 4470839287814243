"""Places on the junction network: a zone beside a road enters it at the nearest point (the arc is split there),
hand-made links join the linework through their end nodes, legs follow the real geometry, and the network
version changes with the network."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import pytest

from corridor.errors import CorridorError
from corridor.geo import haversine_km
from corridor.logistics import LogisticsService, Node, load_parameters
from corridor.logistics.bundled import Linework
from corridor.logistics.network import Link
from corridor.logistics.scenarios import apply_scenario, scenario_from_dict

PARAMS = load_parameters()
# A 20.8 km road along 21 N from junction J1 (106.0 E) to J2 (106.2 E), with a bend north at 106.1 E.
ROAD = ((106.0, 21.0), (106.05, 21.0), (106.1, 21.005), (106.15, 21.0), (106.2, 21.0))


def _road_km(coords: tuple[tuple[float, float], ...]) -> float:
    return sum(haversine_km(a[1], a[0], b[1], b[0]) for a, b in pairwise(coords))


def _linework(road: tuple[tuple[float, float], ...] = ROAD) -> Linework:
    junctions = (Node("J1", "QL5", "junction", 21.0, 106.0), Node("J2", "QL5 / QL10", "junction", 21.0, 106.2))
    arc = Link("RA1", "J1", "J2", "road", "national road", _road_km(road), "measured", "Quốc lộ 5", coordinates=road)
    return Linework(junctions, (arc,), "roads: test linework")


def _service(linework: Linework | None = None) -> LogisticsService:
    nodes = [
        Node("Z", "KCN Z", "zone", 21.02, 106.1),
        Node("E", "E", "city", 21.0, 106.2),
        Node("F", "F", "city", 21.0, 106.6),
    ]
    link = {"id": "X1", "from_node": "E", "to_node": "F", "name": "CT.99", "mode": "road"}
    link |= {"link_class": "expressway", "length_km": "45", "status": "open", "routing": "yes"}
    return LogisticsService(nodes, [link], PARAMS, linework=linework or _linework())


def test_a_zone_beside_the_middle_of_a_road_enters_it_at_the_nearest_point_not_at_an_end() -> None:
    route = _service().route("Z", "E")
    access, on_road = route.legs[0], route.legs[1]
    assert access.kind == "access" and access.basis == "estimated"
    assert access.to_id == "RA1@Z"  # the arc was split where the zone meets it
    straight = haversine_km(21.02, 106.1, 21.005, 106.1)
    assert access.distance_km == pytest.approx(straight * PARAMS.detour["road"])
    assert on_road.basis == "measured" and on_road.to_id == "J2"
    assert on_road.distance_km == pytest.approx(_road_km(ROAD[2:]))
    assert route.total("distance_km") >= haversine_km(21.02, 106.1, 21.0, 106.2)


def test_split_pieces_add_up_to_the_arc_and_are_never_shorter_than_their_straight_line() -> None:
    network = _service().base
    pieces = [link for link in network.links if link.id.startswith("RA1.")]
    assert len(pieces) == 2
    assert sum(p.length_km for p in pieces) == pytest.approx(_road_km(ROAD), rel=1e-6)
    for piece in pieces:
        a, b = network.nodes[piece.a], network.nodes[piece.b]
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        assert piece.length_km >= haversine_km(a.lat, a.lon, b.lat, b.lon)


def test_a_hand_made_link_joins_the_linework_through_its_end_node() -> None:
    route = _service().route("Z", "F")
    assert [leg.link_name for leg in route.legs][-1] == "CT.99"
    joined = [leg for leg in route.legs if leg.from_id == "J2" and leg.to_id == "E"]
    assert joined and joined[0].kind == "access"  # estimated straight line x detour, counted in the route
    network = _service().base
    assert {link.serves for link in network.links if link.a == "E" and link.b == "J2"} == {None}  # a connector
    assert {link.serves for link in network.links if link.a == "Z" and link.mode == "road"} == {"road"}  # access


def test_legs_on_the_linework_follow_its_geometry_in_travel_order() -> None:
    service = _service()
    forward = service.route("Z", "E")
    backward = service.route("E", "Z")
    leg = forward.legs[1]
    assert leg.geometry == "linework" and leg.coordinates is not None
    assert leg.coordinates[-1] == (106.2, 21.0) and (106.15, 21.0) in leg.coordinates
    back = next(leg for leg in backward.legs if leg.basis == "measured")
    assert back.coordinates is not None and back.coordinates[0] == (106.2, 21.0)
    collection = service.route_geojson(forward)
    lines = [f["geometry"]["coordinates"] for f in collection["features"]]
    assert [106.15, 21.0] in lines[1] and len(lines[0]) == 2  # the access leg stays a straight line
    assert collection["attribution"] == "roads: test linework"
    assert forward.as_dict()["attribution"] == "roads: test linework"
    assert forward.as_dict()["legs"][0]["geometry"] == "schematic"


def test_consecutive_pieces_of_one_road_read_as_one_leg() -> None:
    route = _service().route("F", "21.0,105.99")  # along the whole road, past the point where the zone joins it
    (named,) = [leg for leg in route.legs if leg.link_name == "Quốc lộ 5"]
    assert named.link_id == "RA1.2+RA1.1" and (named.from_id, named.to_id) == ("J2", "J1")
    assert named.distance_km == pytest.approx(_road_km(ROAD), rel=1e-6)
    assert named.coordinates is not None and named.coordinates[0] == (106.2, 21.0)
    assert named.coordinates[-1] == (106.0, 21.0) and len(named.coordinates) == len(ROAD) + 1


def test_the_network_version_changes_when_the_linework_changes() -> None:
    bent = tuple((lon, lat + 0.001) if lon == 106.1 else (lon, lat) for lon, lat in ROAD)
    first, again, changed = _service(), _service(), _service(_linework(bent))
    assert first.base.fingerprint() == again.base.fingerprint()
    assert first.base.fingerprint() != changed.base.fingerprint()
    assert first.route("Z", "E").network_version == first.base.fingerprint()


def test_without_linework_the_network_is_the_schematic_one() -> None:
    nodes = [Node("E", "E", "city", 21.0, 106.2), Node("F", "F", "city", 21.0, 106.6)]
    link = {"id": "X1", "from_node": "E", "to_node": "F", "name": "CT.99", "mode": "road"}
    link |= {"link_class": "expressway", "length_km": "45", "status": "open", "routing": "yes"}
    service = LogisticsService(nodes, [link], dataclasses.replace(PARAMS))
    route = service.route("E", "F")
    assert route.as_dict()["attribution"] is None and route.legs[0].geometry == "schematic"


def test_a_scenario_closing_a_linework_arc_closes_every_piece_of_it() -> None:
    network = _service().base
    closed = apply_scenario(
        network, scenario_from_dict({"name": "QL5 works", "changes": [{"kind": "close", "link": "RA1"}]}, "t")
    )
    pieces = [link for link in closed.links if link.id.startswith("RA1.")]
    assert len(pieces) == 2 and all(not piece.open_in(2026) for piece in pieces)
    with pytest.raises(CorridorError, match="no link 'RA9'"):
        apply_scenario(network, scenario_from_dict({"name": "x", "changes": [{"kind": "close", "link": "RA9"}]}, "t"))


def test_a_scenario_may_name_a_road_and_changes_every_arc_of_it() -> None:
    network = _service().base
    slowed = apply_scenario(
        network,
        scenario_from_dict({"name": "jam", "changes": [{"kind": "speed", "name": "Quốc lộ 5", "kph": 20}]}, "t"),
    )
    assert {link.speed_kph for link in slowed.links if link.id.startswith("RA1.")} == {20.0}
    assert {link.speed_kph for link in slowed.links if not link.id.startswith("RA1.")} == {None}
    with pytest.raises(CorridorError, match="needs the 'link' ID or the 'name'"):
        scenario_from_dict({"name": "x", "changes": [{"kind": "close"}]}, "t")
