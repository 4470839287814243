"""What is known about each zone for siting: raw criterion values (None = unknown), with where each comes from."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from corridor.siting.bundled import Rent, land_rents

__all__ = ["ZoneFacts", "capacity", "rent_for"]

# "2 x 63 MVA" counts as 126; "5,000 m³/ngày" as 5000.
_POWER = re.compile(r"(?:(\d+)\s*[x×]\s*)?(\d+(?:\.\d+)?)\s*(?:MW|MVA)\b", re.IGNORECASE)
_WATER = re.compile(r"(?:(\d+)\s*[x×]\s*)?(\d[\d,]*(?:\.\d+)?)\s*m[3³]\s*/\s*(?:day|ngày|ngđ|d)\b", re.IGNORECASE)


@dataclass
class ZoneFacts:
    """One zone as the ranking sees it. `values` maps criterion id -> raw value or None (unknown)."""

    id: str
    name: str
    zone_type: str
    status: str | None
    province: str | None
    province_pre2025: str | None
    localities: frozenset[str]  # folded names of its 2025 and pre-2025 provinces
    lat: float | None
    lon: float | None
    available_ha: float | None
    available_basis: str | None
    target_vsic: tuple[str, ...]
    utilities: Mapping[str, str | None]
    eco: bool | None
    values: dict[str, float | None] = field(default_factory=dict)
    locality_names: dict[str, str] = field(default_factory=dict)  # unit ID -> name, for messages
    evidence: dict[str, Any] = field(default_factory=dict)  # criterion -> what the value rests on


def capacity(text: str | None, kind: str) -> float | None:
    """The largest capacity a utilities text states (MW or MVA for power, m³/day for water); None if none."""
    if not text:
        return None
    pattern = _POWER if kind == "power" else _WATER
    numbers = [int(times or 1) * float(value.replace(",", "")) for times, value in pattern.findall(text)]
    return max(numbers) if numbers else None


def _newest(rents: Sequence[Rent]) -> Rent | None:
    # Undated figures rank below dated ones; among equals the higher figure is shown (the cautious one for a
    # budget), and the others stay listed as conflicting figures.
    return max(rents, key=lambda r: (r.as_of != "unknown", r.as_of, r.mid_usd_m2), default=None)


def rent_for(zone_id: str, province: str | None, province_pre2025: str | None) -> tuple[Rent | None, list[Rent]]:
    """The zone's own newest land rent, else its (pre-2025, then 2025) province's; and every other figure."""
    rents = land_rents()
    own = [r for r in rents if r.scope == "zone" and r.zone_id == zone_id]
    if not own:
        former = [r for r in rents if r.scope == "province" and r.province_pre2025 == province_pre2025]
        own = former or [r for r in rents if r.scope == "province" and r.province_pre2025 == province]
    chosen = _newest(own)
    return chosen, [r for r in own if r is not chosen]
