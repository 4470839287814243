"""Routes over the bundled network: access legs are counted, no route is shorter than the straight line,
and a truck's cheapest route is never dearer than an all-road route of another profile."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.bootstrap import open_app
from corridor.errors import NoRoute
from corridor.geo import haversine_km
from corridor.logistics import LogisticsService, read_link_rows
from corridor.logistics.graph import OBJECTIVES
from corridor.logistics.network import links_shorter_than_straight_line
from corridor.logistics.routing import Route
from corridor.settings import Settings
from tests.conftest import Backend

# Sourced lengths shorter than the straight line between their end points: the source measures only a section
# (the expressway between its junctions), not node to node. The router uses the straight line instead.
KNOWN_SHORT_LINKS = {"L031"}


@pytest.fixture(scope="module")
def logistics(sqlite_backend: Backend) -> Iterator[LogisticsService]:
    app = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="en"))
    yield app.logistics()
    app.store.engine.dispose()


def _places(logistics: LogisticsService) -> list[str]:
    located = [n for n in logistics.base.nodes.values() if n.located and n.kind not in {"berth", "junction"}]
    return sorted(n.id for n in located) + sorted(logistics.params.localities) + ["20.85,106.68", "21.30,105.60"]


def _end_km(logistics: LogisticsService, route: Route) -> float | None:
    ends = []
    for end in (route.origin, route.destination):
        place = logistics.places.resolve(end["id"] if end["kind"] != "point" else end["name"].replace(" ", ""))
        node = place.point or logistics.base.nodes[place.node_id]
        if node.lat is None or node.lon is None:
            return None
        ends.append((node.lat, node.lon))
    return haversine_km(*ends[0], *ends[1])


def test_links_shorter_than_their_straight_line_are_listed(logistics: LogisticsService) -> None:
    shorter = links_shorter_than_straight_line(read_link_rows(), logistics.base.nodes)
    assert {link.id for link in shorter} == KNOWN_SHORT_LINKS
    by_id = {link.id: link for link in logistics.base.links}
    for link in shorter:
        assert by_id[link.id].length_km == pytest.approx(link.length_km)
        assert by_id[link.id].sourced_km == link.sourced_km


def test_hai_phong_to_ha_long_is_not_shorter_than_the_straight_line(logistics: LogisticsService) -> None:
    route = logistics.route("Hải Phòng", "HLG", profile="truck")
    straight = _end_km(logistics, route)
    assert straight is not None and route.total("distance_km") >= straight > 40
    # Over the Bạch Đằng bridge (CT.06), whose sourced 24.6 km now runs between its own junctions.
    assert "E05" in [leg.link_id for leg in route.legs]


def test_a_point_off_the_network_gets_an_access_leg_counted_in_the_totals(logistics: LogisticsService) -> None:
    route = logistics.route("21.30,105.60", "Hà Nội", profile="truck", optimize="cost")
    first = route.legs[0]
    assert first.kind == "access" and first.basis == "estimated"
    text = route.as_dict("vi")["legs"][0]["note"]
    assert text and "straight line" not in text
    assert first.distance_km > 0 and first.cost_vnd > 0 and first.co2e_kg > 0
    assert route.total("distance_km") == pytest.approx(sum(leg.distance_km for leg in route.legs))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_route_is_shorter_than_the_straight_line(logistics: LogisticsService, data: st.DataObject) -> None:
    places = _places(logistics)
    origin, destination = data.draw(st.sampled_from(places)), data.draw(st.sampled_from(places))
    profile = data.draw(st.sampled_from(sorted(logistics.params.profiles)))
    optimize = data.draw(st.sampled_from(OBJECTIVES))
    try:
        route = logistics.route(origin, destination, profile=profile, optimize=optimize)
    except NoRoute:
        return
    straight = _end_km(logistics, route)
    if straight is not None:
        assert route.total("distance_km") >= straight - 1e-6, (origin, destination, profile, optimize)


def _all_road(route: Route) -> bool:
    return all(leg.mode.startswith("road/") for leg in route.legs if leg.kind in {"link", "access"}) and not any(
        leg.kind == "transfer" for leg in route.legs
    )


@pytest.mark.parametrize(
    ("origin", "destination"),
    [("KCN Tràng Duệ", "PT_LH34"), ("KCN Tằng Loỏng", "Hà Nội"), ("Bắc Ninh", "BG_HN"), ("21.30,105.60", "HPG")],
)
def test_the_truck_cheapest_route_is_never_dearer_than_another_all_road_route(
    logistics: LogisticsService, origin: str, destination: str
) -> None:
    cheapest = logistics.route(origin, destination, profile="truck", optimize="cost").total("cost_vnd")
    for profile, optimize in product(sorted(logistics.params.profiles), OBJECTIVES):
        try:
            other = logistics.route(origin, destination, profile=profile, optimize=optimize)
        except NoRoute:
            continue
        if _all_road(other):
            assert cheapest <= other.total("cost_vnd") + 1, (profile, optimize)


def test_nearest_hubs_from_one_search_agree_with_the_routes_to_them(logistics: LogisticsService) -> None:
    zones = [n.id for n in logistics.base.nodes.values() if n.kind == "zone" and n.located]
    nearest = logistics.nearest_hubs(zones)
    checked = 0
    for zone in zones[::5]:
        for hub in filter(None, nearest[zone].values()):
            route = logistics.route(zone, hub["id"], profile="truck", optimize="time")
            assert hub["duration_h"] == pytest.approx(route.total("duration_h"), abs=0.01)
            assert hub["distance_km"] == pytest.approx(route.total("distance_km"), abs=0.1)
            assert hub["estimated"] == any(leg.basis == "estimated" for leg in route.legs)
            checked += 1
    assert checked > 40
