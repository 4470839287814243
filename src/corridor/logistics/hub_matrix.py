"""The zone x hub matrix: travel time and distance from every located zone to every hub, one search per zone.

It depends only on the network, the parameters, the profile and the year, so it is computed once per network
version and served as versioned, cacheable data (its `version` is the ETag of the API)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corridor.logistics.graph import Reached, RoutingGraph

__all__ = ["MATRIX_CSV_COLUMNS", "HubMatrix", "hub_matrix_from_graph"]

MATRIX_CSV_COLUMNS = (
    "zone",
    "zone_name",
    "hub",
    "hub_name",
    "hub_class",
    "duration_h",
    "distance_km",
    "estimated",
    "nearest_of_class",
)


@dataclass(frozen=True)
class HubMatrix:
    version: str  # network version . parameters version . profile . year
    network_version: str
    parameters_version: str
    profile: str
    year: int
    rows: tuple[dict[str, Any], ...]  # one per (zone, hub) pair that has a path

    def nearest(self, zone_id: str, hub_class: str) -> dict[str, Any] | None:
        """The nearest hub of a class by time from a zone (what siting and reports read)."""
        for row in self.rows:
            if row["zone"] == zone_id and row["hub_class"] == hub_class and row["nearest_of_class"]:
                return row
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "network_version": self.network_version,
            "parameters_version": self.parameters_version,
            "profile": self.profile,
            "year": self.year,
            "rows": list(self.rows),
        }


def hub_matrix_from_graph(
    graph: RoutingGraph,
    zones: Mapping[str, str],
    hubs: Mapping[str, tuple[str, str]],
    versions: tuple[str, str],
) -> HubMatrix:
    """`zones`: id -> name; `hubs`: id -> (name, class). One time-optimal search per zone reaches every hub."""
    rows: list[dict[str, Any]] = []
    for zone_id, zone_name in zones.items():
        reached = graph.reach(zone_id, list(hubs), "time")
        rows += _zone_rows(zone_id, zone_name, reached, hubs)
    network_version, parameters_version = versions
    version = f"{network_version}.{parameters_version}.{graph.profile.name}.{graph.year}"
    return HubMatrix(version, network_version, parameters_version, graph.profile.name, graph.year, tuple(rows))


def _zone_rows(
    zone_id: str, zone_name: str, reached: Mapping[str, Reached], hubs: Mapping[str, tuple[str, str]]
) -> list[dict[str, Any]]:
    best: dict[str, str] = {}
    for hub_id, (_, hub_class) in hubs.items():
        if hub_id in reached and (hub_class not in best or reached[hub_id].value < reached[best[hub_class]].value):
            best[hub_class] = hub_id
    return [
        {
            "zone": zone_id,
            "zone_name": zone_name,
            "hub": hub_id,
            "hub_name": name,
            "hub_class": hub_class,
            "duration_h": round(reached[hub_id].value, 3),
            "distance_km": round(reached[hub_id].distance_km, 2),
            "estimated": reached[hub_id].estimated,
            "nearest_of_class": best.get(hub_class) == hub_id,
        }
        for hub_id, (name, hub_class) in hubs.items()
        if hub_id in reached
    ]
