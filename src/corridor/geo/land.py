"""Is a point on land? Point-in-polygon and distance to a polygon's edge, without I/O or libraries."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

Ring = Sequence[Sequence[float]]  # [(lon, lat), ...], first point repeated last as in GeoJSON
KM_PER_DEGREE_LAT = 110.574


@dataclass(frozen=True)
class Area:
    """One polygon: its outer ring, its holes and its bounding box (to skip it quickly)."""

    outer: Ring
    holes: tuple[Ring, ...]
    box: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def area(rings: Sequence[Ring]) -> Area:
    lons = [p[0] for p in rings[0]]
    lats = [p[1] for p in rings[0]]
    return Area(rings[0], tuple(rings[1:]), (min(lons), min(lats), max(lons), max(lats)))


def _in_ring(ring: Ring, lon: float, lat: float) -> bool:
    """Even-odd rule: a ray to the east crosses the ring an odd number of times from inside."""
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def contains(shape: Area, lon: float, lat: float) -> bool:
    west, south, east, north = shape.box
    if not (west <= lon <= east and south <= lat <= north):
        return False
    return _in_ring(shape.outer, lon, lat) and not any(_in_ring(hole, lon, lat) for hole in shape.holes)


def _segment_km(lon: float, lat: float, a: Sequence[float], b: Sequence[float]) -> float:
    """Distance to segment ab on a plane tangent at the point (exact enough within tens of km)."""
    kx, ky = math.cos(math.radians(lat)) * 111.320, KM_PER_DEGREE_LAT
    ax, ay, bx, by = (a[0] - lon) * kx, (a[1] - lat) * ky, (b[0] - lon) * kx, (b[1] - lat) * ky
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)


def _box_km(shape: Area, lon: float, lat: float) -> float:
    west, south, east, north = shape.box
    dlon = max(west - lon, 0.0, lon - east) * math.cos(math.radians(lat)) * 111.320
    dlat = max(south - lat, 0.0, lat - north) * KM_PER_DEGREE_LAT
    return math.hypot(dlon, dlat)


def km_off_land(shapes: Sequence[Area], lon: float, lat: float, search_km: float = 50.0) -> float | None:
    """0 on land; else the distance to the nearest shore, or None when no land lies within `search_km`."""
    if any(contains(shape, lon, lat) for shape in shapes):
        return 0.0
    near = [shape for shape in shapes if _box_km(shape, lon, lat) <= search_km]
    distances = [
        _segment_km(lon, lat, a, b)
        for shape in near
        for ring in (shape.outer, *shape.holes)
        for a, b in itertools.pairwise(ring)
    ]
    nearest = min(distances, default=math.inf)
    return nearest if nearest <= search_km else None
