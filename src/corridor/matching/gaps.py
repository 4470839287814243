"""Supply gaps: for each lead firm's needs, how many corridor suppliers can serve them within a truck time.

A lead firm's needs are its stored needs or, when it has none, the typical inputs of its sector
(`sector_inputs.toml`), marked `derived`. A supplier "can serve" a need when its match score reaches the
threshold and its zone is within `max_hours` by truck (suppliers without a known location are counted apart).
Inputs with no or too few suppliers, per locality, are the supporting-industry investment targets.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from corridor.matching.ranking import Request, encode_ahead
from corridor.matching.service import EXACT_LIMIT, MatchingService
from corridor.reference.names import fold_name
from corridor.registry.service import ListFilters, Registry

__all__ = ["Gap", "find_gaps", "sector_inputs", "select_lead_firms"]

SCORE_THRESHOLD = 0.5


@dataclass
class Gap:
    locality: str
    input_text: str
    hs: str | None
    derived: bool
    lead_firms: list[str]
    suppliers_within: int
    suppliers_location_unknown: int
    best_supplier: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def sector_inputs() -> list[tuple[list[str], list[dict[str, str]]]]:
    return [(list(keys), [dict(i) for i in inputs]) for keys, inputs in _sector_inputs()]


@cache  # package data: read once per process
def _sector_inputs() -> tuple[tuple[tuple[str, ...], tuple[dict[str, str], ...]], ...]:
    data = tomllib.loads((resources.files("corridor.matching") / "sector_inputs.toml").read_text(encoding="utf-8"))
    return tuple((tuple(fold_name(m) for m in s["match"]), tuple(s["inputs"])) for s in data["sectors"])


def _derived_needs(sector: str | None) -> list[dict[str, str]]:
    folded = fold_name(sector or "")
    for keys, inputs in _sector_inputs():
        if any(key in folded for key in keys):
            return [dict(i) for i in inputs]
    return []


def select_lead_firms(registry: Registry, province: str | None, sector: str | None) -> list[dict[str, Any]]:
    """The lead firms whose inputs `find_gaps` checks: in `province`, with `sector` in their sector's name."""
    leads = registry.list_records("firms", ListFilters(province=province, role="lead_firm")).items
    if sector:
        leads = [f for f in leads if fold_name(sector) in fold_name(f["sector"] or "")]
    return leads


def find_gaps(
    service: MatchingService,
    *,
    province: str | None = None,
    sector: str | None = None,
    max_hours: float = 3.0,
    min_suppliers: int = 3,
) -> list[Gap]:
    """Inputs of lead firms with fewer than `min_suppliers` corridor suppliers within `max_hours`, fewest first."""
    registry = service.registry
    leads = select_lead_firms(registry, province, sector)
    stored = defaultdict(list)
    for need in registry.list_records("needs", ListFilters()).items:
        stored[need["firm"]].append(need)
    suppliers = [c for c in service.supplier_candidates_all() if c.firm_id not in {f["id"] for f in leads}]
    needs = {firm["id"]: _needs_of(firm, stored[firm["id"]]) for firm in leads}
    # Every need is ranked against the same suppliers: encode them all up front, in one batch (beyond EXACT_LIMIT
    # the ranking shortlists by an index and encodes only the shortlist's translations, so only needs go ahead).
    passages = [c.text for c in suppliers] if len(suppliers) <= EXACT_LIMIT else []
    encode_ahead(service.encoder, [text for found in needs.values() for text, _, _ in found], passages)
    gaps: dict[tuple[str, str], Gap] = {}
    for firm in leads:
        locality = (firm["province"] or {}).get("name", "unknown")
        for text, hs, derived in needs[firm["id"]]:
            key = (locality, fold_name(text))
            if key not in gaps:
                gaps[key] = _count(
                    service,
                    Request(text, (hs,) if hs else (), node_id=firm["zone"]),
                    suppliers,
                    locality,
                    hs,
                    derived,
                    max_hours,
                )
            gaps[key].lead_firms.append(firm["name"])
    return sorted(
        (g for g in gaps.values() if g.suppliers_within < min_suppliers),
        key=lambda g: (g.suppliers_within, -len(g.lead_firms), g.locality, g.input_text),
    )


def _needs_of(firm: dict[str, Any], stored: list[dict[str, Any]]) -> list[tuple[str, str | None, bool]]:
    if stored:
        return [
            (" / ".join(t for t in (n["text_vi"], n["text_en"]) if t), (n["hs_codes"] or [None])[0], False)
            for n in stored
        ]
    return [(f"{i['vi']} / {i['en']}", i.get("hs"), True) for i in _derived_needs(firm["sector"])]


def _count(
    service: MatchingService,
    request: Request,
    suppliers: list[Any],
    locality: str,
    hs: str | None,
    derived: bool,
    max_hours: float,
) -> Gap:
    matches = service.rank_all(request, suppliers)
    able = [m for m in matches if m.score >= SCORE_THRESHOLD]
    within = [m for m in able if m.travel_h is not None and m.travel_h <= max_hours]
    unknown = [m for m in able if m.travel_h is None]
    return Gap(
        locality, request.text, hs, derived, [], len(within), len(unknown), within[0].firm_name if within else None
    )
