"""Figures for the corridor at a glance: zones per locality by type and status, and land, from the views."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LocalitySummary", "park_count_indicators", "summarize_zones"]


@dataclass
class LocalitySummary:
    locality: str
    zones: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    area_ha: float = 0.0
    zones_without_area: int = 0  # so a total is never mistaken for complete
    land_zones: int = 0  # parks and clusters: the zones whose land is summed
    leasable_ha: float | None = None  # None: no zone's figure is known (never shown as 0)
    leasable_known: int = 0
    available_ha: float | None = None  # land still free, sourced or derived
    available_known: int = 0
    park_counts: list[dict[str, Any]] = field(default_factory=list)  # the locality's own counts, with sources

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
        self.land_zones += 1
        if zone["leasable_ha"] is not None:
            self.leasable_ha = (self.leasable_ha or 0.0) + zone["leasable_ha"]
            self.leasable_known += 1
        if zone.get("available_ha") is not None:
            self.available_ha = (self.available_ha or 0.0) + zone["available_ha"]
            self.available_known += 1


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


# Indicators that count a locality's parks or clusters: shown beside the registry's own count, because the
# registry holds only the zones some source named, and a reader must see both figures and where each comes from.
_COUNT_INDICATORS = ("operating industrial parks", "industrial parks (count)", "industrial clusters (count)")


def park_count_indicators(summaries: list[LocalitySummary], indicators: list[dict[str, Any]]) -> None:
    """Attach to each locality the indicators counting its parks (matched by locality name)."""
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for indicator in indicators:
        if str(indicator["indicator"]).lower() in _COUNT_INDICATORS:
            by_name[indicator["locality"]["name"]].append(indicator)
    for summary in summaries:
        summary.park_counts = sorted(by_name.get(summary.locality, []), key=lambda i: -(i["year"] or 0))
