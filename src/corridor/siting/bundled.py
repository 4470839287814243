"""The siting data shipped with Corridor: land rents and management boards (research round 7, see SOURCES.md)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Board", "Rent", "boards", "land_rents"]


@dataclass(frozen=True)
class Rent:
    """A land-lease rent as one source states it (USD/m²; basis as stated). Conflicting figures are kept."""

    scope: str  # zone or province
    zone_id: str
    province: str  # 2025 province
    province_pre2025: str
    low_usd_m2: float
    high_usd_m2: float
    unit: str
    as_of: str  # ISO date or 'unknown'
    source_title: str
    source_url: str
    note: str

    @property
    def mid_usd_m2(self) -> float:
        return (self.low_usd_m2 + self.high_usd_m2) / 2

    def as_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "low_usd_m2": self.low_usd_m2,
            "high_usd_m2": self.high_usd_m2,
            "unit": self.unit,
            "as_of": self.as_of,
            "source_title": self.source_title,
            "source_url": self.source_url,
            "note": self.note or None,
        }


@dataclass(frozen=True)
class Board:
    id: str
    province: str
    focal_point: bool
    name_vi: str
    name_en: str
    address: str
    phone: str
    email: str
    website: str
    source_url: str

    def as_dict(self) -> dict[str, Any]:
        fields = ("id", "province", "name_vi", "name_en", "address", "phone", "email", "website", "source_url")
        return {f: getattr(self, f) or None for f in fields}


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("corridor").joinpath("data", "siting", name)
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def land_rents() -> tuple[Rent, ...]:
    """Land-lease rents per zone or province (region and national figures are context, not a zone's rent)."""
    return tuple(
        Rent(
            r["scope"],
            r["zone_id"],
            r["province"],
            r["province_pre2025"],
            float(r["value_low"]),
            float(r["value_high"]),
            r["unit"],
            r["as_of"],
            r["source_title"],
            r["source_url"],
            r["note"],
        )
        for r in _rows("rents.csv")
        if r["product"] == "land_lease" and r["scope"] in {"zone", "province"} and (r["zone_id"] or r["province"])
    )


@cache
def boards() -> tuple[Board, ...]:
    return tuple(
        Board(
            r["id"],
            r["province"],
            r["focal_point"] == "yes",
            r["name_vi"],
            r["name_en"],
            r["address"],
            r["phone"],
            r["email"],
            r["website"],
            r["source_url"],
        )
        for r in _rows("boards.csv")
    )
