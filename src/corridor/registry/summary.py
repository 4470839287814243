"""Figures for the corridor at a glance: zones per locality by type and status, and land, from the views."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LocalitySummary", "summarize_zones"]


@dataclass
class LocalitySummary:
    locality: str
    zones: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    area_ha: float = 0.0
    leasable_ha: float = 0.0
    zones_without_area: int = 0  # so a total is never mistaken for complete

    def add(self, zone: dict[str, Any]) -> None:
        self.zones += 1
        self.by_type[zone["type"]] += 1
        self.by_status[zone["status"]] += 1
        # Economic zones contain parks and sea; adding them would count land twice.
        if zone["type"] == "KKT":
            return
        if zone["area_ha"] is None:
            self.zones_without_area += 1
        else:
            self.area_ha += zone["area_ha"]
        self.leasable_ha += zone["leasable_ha"] or 0.0


def summarize_zones(zones: list[dict[str, Any]], unknown_label: str) -> list[LocalitySummary]:
    """One summary per locality (as named in each zone's `province`), largest first, then a total."""
    per_locality: dict[str, LocalitySummary] = defaultdict(lambda: LocalitySummary(""))
    total = LocalitySummary("total")
    for zone in zones:
        name = (zone.get("province") or {}).get("name") or unknown_label
        summary = per_locality[name]
        summary.locality = name
        summary.add(zone)
        total.add(zone)
    return [*sorted(per_locality.values(), key=lambda s: -s.zones), total]
