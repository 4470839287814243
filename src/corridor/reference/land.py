"""Which recorded points fall off Vietnam's land (in the sea): a data problem for maintainers to fix.

The land is the union of the 34 provinces' polygons (2025). Their coastline is simplified and older than
recent reclamation (Đình Vũ, Lạch Huyện, Nam Đồ Sơn), so a point counts as off land only beyond a
tolerance, and infrastructure that belongs on the water (ports, berths, bridges) is not checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from corridor.geo.land import Area, area, km_off_land
from corridor.reference.loading import DATA

__all__ = ["TOLERANCE_KM", "WATERSIDE_TYPES", "OffLand", "Point", "land", "points_off_land", "provinces_2025"]

TOLERANCE_KM = 3.0
WATERSIDE_TYPES = frozenset({"seaport", "seaport_terminal", "berth", "port_zone", "river_port", "bridge"})


@dataclass(frozen=True)
class Point:
    kind: str  # zones or nodes
    id: str
    type: str
    province_id: str | None
    lon: float
    lat: float


@dataclass(frozen=True)
class OffLand:
    point: Point
    km_off: float | None  # None: no land within 50 km


@cache
def provinces_2025() -> dict[str, Any]:
    """The bundled GeoJSON of the 34 provinces of 2025 (read once; callers must not change it)."""
    loaded: dict[str, Any] = json.loads((DATA / "admin" / "provinces_2025_34.geojson").read_text(encoding="utf-8"))
    return loaded


@cache
def land() -> tuple[Area, ...]:
    """Every polygon of the 2025 provinces."""
    shapes = []
    for feature in provinces_2025()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        shapes += [area(rings) for rings in polygons]
    return tuple(shapes)


def _checked(point: Point) -> bool:
    """Only points said to be in a Vietnamese province (others lie outside the polygons by right)."""
    in_vietnam = bool(point.province_id and point.province_id.startswith("VN"))
    return in_vietnam and point.type not in WATERSIDE_TYPES


def points_off_land(points: Iterable[Point], tolerance_km: float = TOLERANCE_KM) -> list[OffLand]:
    """The checked points farther than `tolerance_km` from land."""
    found = []
    for point in filter(_checked, points):
        km = km_off_land(land(), point.lon, point.lat)
        if km is None or km > tolerance_km:
            found.append(OffLand(point, km))
    return found
