"""Related sectors a locality lacks, after the product-space idea of the Atlas of Economic Complexity.

Two sectors are *related* when they tend to share industrial zones in the corridor: the proximity of i and j is
the number of zones holding both, divided by the larger number of zones holding either (Hidalgo et al. 2007 use
the same minimum-of-conditional-probabilities form over countries' exports). A locality is *strong* in a sector
when its share of the sector's firms is at least its share of all firms (revealed comparative advantage >= 1).
For every sector a locality is absent from or weak in, the *density* is the share of that sector's proximity
that falls on sectors the locality is strong in: high density means the locality already has the neighbours.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["RelatedSector", "firm_sector", "related_sectors", "sector_proximity"]


@dataclass
class RelatedSector:
    locality: str
    sector: str
    density: float
    firms_here: int
    rca: float
    related_strong: list[tuple[str, float]] = field(default_factory=list)  # (strong sector, proximity)

    def as_dict(self) -> dict[str, Any]:
        return {
            "locality": self.locality,
            "sector": self.sector,
            "density": round(self.density, 3),
            "firms_here": self.firms_here,
            "rca": round(self.rca, 2),
            "because_strong_in": [{"sector": s, "proximity": round(p, 3)} for s, p in self.related_strong],
        }


def firm_sector(sector_text: str | None) -> str | None:
    """'electronics / components' -> 'electronics' (the first part names the sector)."""
    if not sector_text:
        return None
    return sector_text.split("/")[0].strip().lower() or None


def _proximity(zone_sectors: Mapping[str, set[str]]) -> dict[tuple[str, str], float]:
    zones_with: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for sectors in zone_sectors.values():
        zones_with.update(sectors)
        for a in sectors:
            for b in sectors:
                if a < b:
                    together[(a, b)] += 1
    proximity = {}
    for (a, b), both in together.items():
        value = both / max(zones_with[a], zones_with[b])
        proximity[(a, b)] = proximity[(b, a)] = value
    return proximity


def sector_proximity(firms: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], float]:
    """(sector, other sector) -> proximity in [0, 1] from the zones firms share (`sector` and `zone` needed)."""
    zone_sectors: dict[str, set[str]] = defaultdict(set)
    for firm in firms:
        sector = firm_sector(firm.get("sector"))
        if sector and firm.get("zone"):
            zone_sectors[str(firm["zone"])].add(sector)
    return _proximity(zone_sectors)


def related_sectors(firms: Iterable[Mapping[str, Any]], locality: str | None = None) -> list[RelatedSector]:
    """Absent or weak sectors per locality with their density and the strong related sectors, densest first.

    `firms` need `sector`, `zone` and `locality` (names); firms without a sector are ignored.
    """
    rows: list[tuple[str, str | None, str]] = []
    for firm in firms:
        sector, place = firm_sector(firm.get("sector")), firm.get("locality")
        if sector and place:
            rows.append((sector, firm.get("zone"), str(place)))
    zone_sectors: dict[str, set[str]] = defaultdict(set)
    for sector, zone, _ in rows:
        if zone:
            zone_sectors[zone].add(sector)
    proximity = _proximity(zone_sectors)
    sectors = sorted({s for s, _, _ in rows})
    total = len(rows)
    per_sector = Counter(s for s, _, _ in rows)
    per_locality = Counter(loc for _, _, loc in rows)
    per_pair = Counter((loc, s) for s, _, loc in rows)
    results = []
    for place in sorted(per_locality):
        if locality and place != locality:
            continue
        rca = {s: (per_pair[(place, s)] / per_locality[place]) / (per_sector[s] / total) for s in sectors}
        strong = {s for s in sectors if rca[s] >= 1}
        for sector in sectors:
            if sector in strong:
                continue
            neighbours = {other: proximity.get((sector, other), 0.0) for other in sectors if other != sector}
            reach = sum(neighbours.values())
            if reach == 0:
                continue
            density = sum(v for other, v in neighbours.items() if other in strong) / reach
            related = sorted(((o, v) for o, v in neighbours.items() if o in strong and v > 0), key=lambda x: -x[1])
            results.append(RelatedSector(place, sector, density, per_pair[(place, sector)], rca[sector], related[:3]))
    return sorted(results, key=lambda r: (-r.density, r.locality, r.sector))
