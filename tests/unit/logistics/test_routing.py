"""Routes on small hand-checkable networks: speeds, costs, CO2e, transfers, borders, years, scenarios."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest

from corridor.errors import CorridorError, NotFound
from corridor.logistics import LogisticsService, Node, load_parameters
from corridor.logistics.network import Link
from corridor.logistics.scenarios import apply_scenario, scenario_from_dict

PARAMS = load_parameters()
CARGO_T = 20.0


def _node(node_id: str, kind: str = "city", lat: float = 21.0, lon: float = 106.0) -> Node:
    return Node(node_id, node_id, kind, lat, lon)


def _link(
    link_id: str, a: str, b: str, km: float, mode: str = "road", link_class: str = "expressway", **extra: object
) -> dict[str, str]:
    row = {
        "id": link_id,
        "from_node": a,
        "to_node": b,
        "name": link_id,
        "mode": mode,
        "link_class": link_class,
        "length_km": str(km),
        "status": "open",
        "routing": "yes",
    }
    row.update({k: str(v) for k, v in extra.items()})
    return row


def _service(nodes: list[Node], links: list[dict[str, str]], **params: object) -> LogisticsService:
    return LogisticsService(nodes, links, dataclasses.replace(PARAMS, **params) if params else PARAMS)


def test_one_road_leg_is_hand_checkable() -> None:
    service = _service([_node("A"), _node("B", lon=106.9)], [_link("L1", "A", "B", 100)])
    route = service.route("A", "B", cargo_t=CARGO_T)
    (leg,) = route.legs
    assert leg.distance_km == 100 and leg.basis == "sourced"
    assert leg.duration_h == pytest.approx(100 / PARAMS.speed_kph["road/expressway"])
    assert leg.cost_vnd == pytest.approx(100 * CARGO_T * PARAMS.cost_vnd_per_tkm["road"])
    assert leg.co2e_kg == pytest.approx(100 * CARGO_T * PARAMS.co2e_g_per_tkm["road"] / 1000)
    assert "tolls unknown" in route.as_dict()["notes"][-1]


def _intermodal() -> LogisticsService:
    nodes = [
        _node("A", lon=106.0),
        _node("S1", "rail_station", lon=106.08),
        _node("S2", "rail_station", lon=108.82),
        _node("B", lon=108.9),
    ]
    links = [
        _link("direct", "A", "B", 320, link_class="national road"),
        _link("a-s1", "A", "S1", 10),
        _link("rail", "S1", "S2", 300, mode="rail", link_class="metre gauge"),
        _link("s2-b", "S2", "B", 10),
    ]
    return _service(nodes, links)


def test_transfers_at_stations_are_charged_and_the_cheapest_mix_wins() -> None:
    service = _intermodal()
    cheapest = service.route("A", "B", profile="multimodal", optimize="cost")
    assert [leg.kind for leg in cheapest.legs] == ["link", "transfer", "link", "transfer", "link"]
    transfers = [leg for leg in cheapest.legs if leg.kind == "transfer"]
    assert all(t.cost_vnd == PARAMS.transfer_cost_vnd and t.duration_h == PARAMS.transfer_time_h for t in transfers)
    expected = (
        20 * CARGO_T * PARAMS.cost_vnd_per_tkm["road"]
        + 300 * CARGO_T * PARAMS.cost_vnd_per_tkm["rail"]
        + 2 * PARAMS.transfer_cost_vnd
    )
    assert cheapest.total("cost_vnd") == pytest.approx(expected)
    truck = service.route("A", "B", profile="truck", optimize="cost")
    assert [leg.link_id for leg in truck.legs] == ["direct"]
    fastest = service.route("A", "B", profile="multimodal", optimize="time")
    assert fastest.total("duration_h") <= min(cheapest.total("duration_h"), truck.total("duration_h"))


def test_a_border_gate_adds_its_dwell() -> None:
    nodes = [_node("A"), _node("G", "border_gate", lon=106.4)]
    route = _service(nodes, [_link("L1", "A", "G", 50, link_class="national road")]).route("A", "G")
    border = [leg for leg in route.legs if leg.kind == "border"]
    assert len(border) == 1 and border[0].duration_h == PARAMS.border_dwell_h
    assert route.total("duration_h") == pytest.approx(50 / PARAMS.speed_kph["road/national road"] + 12)


def test_a_link_not_yet_open_is_used_only_from_its_year() -> None:
    nodes = [_node("A"), _node("B", lon=107.0)]
    links = [
        _link("old", "A", "B", 200, link_class="national road"),
        _link("new", "A", "B", 100, status="planned", planned_year=2030),
    ]
    service = _service(nodes, links)
    assert [leg.link_id for leg in service.route("A", "B", year=2029).legs] == ["old"]
    assert [leg.link_id for leg in service.route("A", "B", year=2030).legs] == ["new"]


def test_a_closed_link_is_avoided_and_no_path_is_a_clear_error() -> None:
    nodes = [_node("A"), _node("B", lon=107.0), _node("C", lat=22.0)]
    links = [_link("short", "A", "B", 100), _link("long1", "A", "C", 150), _link("long2", "C", "B", 150)]
    service = _service(nodes, links)
    closed = scenario_from_dict({"name": "x", "changes": [{"kind": "close", "link": "short"}]}, "test")
    detour = service.network(closed)
    assert not detour.link("short").open_in(2026)
    both_closed = apply_scenario(
        service.base,
        scenario_from_dict(
            {"name": "y", "changes": [{"kind": "close", "link": "short"}, {"kind": "close", "link": "long1"}]}, "test"
        ),
    )
    assert not both_closed.link("long1").open_in(2026)
    lonely = _service([_node("A"), _node("Z", lat=8.5, lon=104.0)], [_link("L", "A", "A", 1)])
    with pytest.raises(CorridorError, match="No container truck route"):
        lonely.route("A", "Z")


def test_zones_join_by_estimated_access_links() -> None:
    nodes = [_node("A"), _node("B", lon=107.0), _node("Z", "zone", lat=21.1, lon=106.0)]
    service = _service(nodes, [_link("L1", "A", "B", 100)])
    route = service.route("Z", "B")
    access = route.legs[0]
    assert access.mode == "road/access" and access.basis == "estimated"
    assert access.distance_km == pytest.approx(11.119 * PARAMS.detour["road"], rel=1e-3)
    point = service.route("21.05,106.0", "B")
    assert point.legs[0].basis == "estimated" and point.origin["kind"] == "point"


def test_places_are_resolved_with_or_without_diacritics_and_unknown_ones_are_explained() -> None:
    nodes = [Node("HAN", "Hà Nội", "city", 21.0, 105.8), Node("HPG", "Hải Phòng", "city", 20.86, 106.68)]
    service = _service(nodes, [_link("L1", "HAN", "HPG", 105.5)])
    assert service.route("ha noi", "HẢI PHÒNG").legs[0].distance_km == 105.5
    with pytest.raises(NotFound, match="close matches: Hải Phòng"):
        service.route("Hà Nội", "Hai Phongg")


def test_matrix_agrees_with_routes_and_is_cached(tmp_path: Path) -> None:
    service = _intermodal()
    service.cache_dir = tmp_path
    result = service.matrix(["A", "B"], ["A", "B", "S2"], metric="time", profile="multimodal")
    assert result.values[0, 1] == pytest.approx(
        service.route("A", "B", profile="multimodal").total("duration_h"), abs=1e-3
    )
    assert result.values[0, 0] == 0
    assert len(list(tmp_path.glob("matrix-*.npy"))) == 1
    again = service.matrix(["A", "B"], ["A", "B", "S2"], metric="time", profile="multimodal")
    assert np.array_equal(again.values, result.values)


def test_bad_parameter_files_are_refused_with_the_key(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[3] / "src/corridor/logistics/parameters.toml").read_text()
    bad = tmp_path / "p.toml"
    bad.write_text(text.replace('"road/expressway" = 70.0', '"road/expressway" = -70.0'))
    with pytest.raises(CorridorError, match=re.escape("'speed_kph.road/expressway' is -70.0")):
        load_parameters(bad)
    bad.write_text("version = ")
    with pytest.raises(CorridorError, match="not a valid TOML"):
        load_parameters(bad)


def test_bad_scenarios_are_refused() -> None:
    with pytest.raises(CorridorError, match="change 1: 'kind' must be one of"):
        scenario_from_dict({"name": "s", "changes": [{"kind": "teleport"}]}, "s.toml")
    with pytest.raises(CorridorError, match="'kph' must be a positive number"):
        scenario_from_dict({"name": "s", "changes": [{"kind": "speed", "link": "L1", "kph": -5}]}, "s.toml")


def test_links_without_a_sourced_length_are_estimated() -> None:
    links = [_link("L1", "A", "B", 0)]
    links[0]["length_km"] = ""
    service = _service([_node("A"), _node("B", lon=107.0)], links)
    link = next(x for x in service.base.links if x.id == "L1")
    assert isinstance(link, Link) and link.length_basis == "estimated"
    assert link.length_km == pytest.approx(103.8 * PARAMS.detour["road"], rel=1e-2)


def test_a_truck_may_drive_a_zone_s_access_link_to_a_station_on_the_road_network() -> None:
    """The zone's nearest road node X is a long way round; the rail station S, a little farther, is on the road too.
    Z's access link to S is road, so the truck must be able to use it (the multimodal profile could: cheaper)."""
    nodes = [
        _node("Z", "zone", lon=106.0),
        _node("X", lon=105.97),
        _node("S", "rail_station", lon=106.06),
        _node("R", "rail_station", lon=106.5),
        _node("B", lon=106.9),
    ]
    links = [
        _link("x-b", "X", "B", 200, link_class="national road"),
        _link("s-b", "S", "B", 95, link_class="national road"),
        _link("rail", "S", "R", 50, mode="rail", link_class="metre gauge"),
    ]
    service = _service(nodes, links)
    truck = service.route("Z", "B", profile="truck", optimize="cost")
    mixed = service.route("Z", "B", profile="multimodal", optimize="cost")
    assert truck.legs[0].kind == "access" and truck.legs[0].to_id == "S"
    assert truck.total("cost_vnd") <= mixed.total("cost_vnd")


def test_a_scenario_link_shorter_than_the_straight_line_is_lengthened_to_it() -> None:
    service = _service([_node("A"), _node("B", lon=106.9)], [_link("L1", "A", "B", 100)])
    change = {"kind": "add", "id": "X1", "from": "A", "to": "B", "mode": "road", "class": "expressway", "length_km": 10}
    added = apply_scenario(service.base, scenario_from_dict({"name": "x", "changes": [change]}, "test")).link("X1")
    assert added.length_km == pytest.approx(93.4, abs=0.5) and added.sourced_km == 10


def test_a_one_to_many_search_stops_early_with_the_same_answer() -> None:
    """reach() stops once its destinations are settled: each answer equals the route's, and the full search's."""
    nodes = [_node("A"), _node("B", lon=106.5), _node("C", lon=107.0), _node("D", lon=107.1), _node("E", lon=105.0)]
    links = [_link("AB", "A", "B", 100), _link("BC", "B", "C", 50), _link("AC", "A", "C", 200),
             _link("CD", "C", "D", 10), _link("AE", "A", "E", 400)]  # fmt: skip
    service = _service(nodes, links)
    graph = service.graph("truck", dt.date.today().year, None, CARGO_T)
    everything = graph.reach("A", ["B", "C", "D", "E"], "time")
    assert 150 <= everything["C"].distance_km < 200  # via B (plus the short legs joining the nodes to the road)
    for wanted in (["B"], ["C"], ["D", "B"]):
        assert graph.reach("A", wanted, "time") == {d: everything[d] for d in wanted}
    for destination in ("B", "C", "D", "E"):
        route = service.route("A", destination, cargo_t=CARGO_T, optimize="time")
        assert everything[destination].value == pytest.approx(route.total("duration_h"))
        assert everything[destination].distance_km == pytest.approx(route.total("distance_km"))
