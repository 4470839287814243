"""The registry's located zones and nodes that fall in the sea: listed for maintainers, not shown as facts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from corridor.reference.land import OffLand, Point, points_off_land
from corridor.registry.service import ListFilters, Registry

__all__ = ["located_points", "off_land"]


def located_points(kind: str, records: Iterable[dict[str, Any]]) -> list[Point]:
    """A Point for each record that has coordinates."""
    return [
        Point(
            kind,
            record["id"],
            record["type"],
            (record.get("province") or {}).get("id"),
            record["location"]["lon"],
            record["location"]["lat"],
        )
        for record in records
        if record["location"]["lat"] is not None
    ]


def off_land(registry: Registry) -> list[OffLand]:
    """Every zone and node of the registry whose point lies off the land."""
    points = [
        point
        for kind in ("zones", "nodes")
        for point in located_points(kind, registry.list_records(kind, ListFilters()).items)
    ]
    return points_off_land(points)
