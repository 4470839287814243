"""The maintainers' check of locations: a zone or node placed in the sea is listed, and the maps hear of it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from corridor.bootstrap import App
from corridor.geo.land import area, contains, km_off_land
from corridor.reference.land import Point, points_off_land
from corridor.registry.offshore import off_land
from corridor.server.app import create_app
from tests.factories import write_csv

GULF_OF_TONKIN = (107.30, 20.40)  # open sea south-east of Cát Bà
HA_NOI = (105.85, 21.03)
SQUARE_WITH_HOLE = area([[(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], [(4, 4), (6, 4), (6, 6), (4, 6), (4, 4)]])


def test_a_point_in_a_hole_is_not_inside() -> None:
    assert contains(SQUARE_WITH_HOLE, 2, 2)
    assert not contains(SQUARE_WITH_HOLE, 5, 5)
    assert not contains(SQUARE_WITH_HOLE, 12, 5)


def test_distance_off_land_is_zero_on_land_and_grows_at_sea() -> None:
    assert km_off_land([SQUARE_WITH_HOLE], 2, 2) == 0.0
    assert 100 < (km_off_land([SQUARE_WITH_HOLE], 11, 5, search_km=500) or 0) < 115  # a degree of longitude


def test_the_bundled_points_lie_on_land(loaded_app: App) -> None:
    found = off_land(loaded_app.registry)
    assert found == [], "points in the sea: " + ", ".join(f"{f.point.kind}/{f.point.id} ({f.km_off} km)" for f in found)


def test_a_zone_in_the_sea_is_listed_and_the_maps_told(loaded_app: App, tmp_path: Path) -> None:
    lon, lat = GULF_OF_TONKIN
    zone = {"name_vi": "KCN Ngoài Biển", "zone_type": "KCN", "province": "Hải Phòng", "lat": str(lat), "lon": str(lon)}
    loaded_app.registry.import_file(write_csv(tmp_path / "z.csv", [zone | {"precision": "site"}]), "zones", "u")
    assert [f.point.id for f in off_land(loaded_app.registry)] == ["kcn-ngoai-bien"]
    with TestClient(create_app(loaded_app)) as client:
        assert client.get("/map/doubtful.json").json() == {"ids": ["kcn-ngoai-bien"]}
        assert "Location doubtful" in client.get("/zones/kcn-ngoai-bien?lang=en").text
        assert "Location doubtful" not in client.get("/zones/kcn-trang-due?lang=en").text


def test_waterside_and_foreign_points_are_not_checked() -> None:
    lon, lat = GULF_OF_TONKIN
    berth = Point("nodes", "berth", "berth", "VN-31", lon, lat)
    abroad = Point("zones", "mengzi", "KCN", "CN-YN", 103.38, 23.37)
    at_sea = Point("zones", "at-sea", "KCN", "VN-31", lon, lat)
    on_land = Point("zones", "ha-noi", "KCN", "VN-01", *HA_NOI)
    assert [f.point.id for f in points_off_land([berth, abroad, at_sea, on_land])] == ["at-sea"]
