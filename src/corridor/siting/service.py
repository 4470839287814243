"""Site selection use case: a brief in, every zone out, ranked and explained or set aside with its reason."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from corridor.errors import InvalidInput
from corridor.i18n import mark
from corridor.logistics import LogisticsService
from corridor.matching.encoder import TextEncoder
from corridor.matching.gaps import sector_inputs
from corridor.matching.relatedness import firm_sector, sector_proximity
from corridor.reference.names import fold_name
from corridor.registry.service import ListFilters, Registry
from corridor.siting.brief import Brief
from corridor.siting.criteria import CRITERIA, Criterion, weights_for
from corridor.siting.explain import Ranking, build_ranking
from corridor.siting.facts import ZoneFacts, rent_for
from corridor.siting.filters import filter_reason
from corridor.siting.incentives import TIER_SCORE, location_tier
from corridor.siting.scoring import METHODS, normalise, scores_and_contributions, unknown_shares
from corridor.siting.sector import SectorMatch, SectorResolver

__all__ = ["SitingService", "sector_label"]

_ASIDE = re.compile(r"\s*\([^)]*\)")


def sector_label(sector_text: str | None) -> str | None:
    """A firm's sector as siting compares it: matching's label without remarks in brackets
    ('electronic components (LG vendor)' -> 'electronic components')."""
    label = firm_sector(sector_text)
    return (_ASIDE.sub("", label).strip() or None) if label else None


UNKNOWN_LOCALITY = mark("No province or locality '{name}' (brief field '{field}')")
UNKNOWN_METHOD = mark("Unknown method '{name}'; choose weighted or spotis")
HUB_OF = {"port_time_h": "deep_sea_port", "airport_time_h": "airport", "border_time_h": "border_gate"}


class SitingService:
    def __init__(
        self, registry: Registry, logistics: LogisticsService, encoder_factory: Callable[[], TextEncoder]
    ) -> None:
        self.registry = registry
        self.logistics = logistics
        self._encoder_factory = encoder_factory
        self._resolver: SectorResolver | None = None

    # -- inputs ---------------------------------------------------------------------------------------------

    def _firms(self) -> list[dict[str, Any]]:
        return self.registry.list_records("firms", ListFilters()).items

    def resolver(self) -> SectorResolver:
        if self._resolver is None:
            sectors = [s for s in (sector_label(f["sector"]) for f in self._firms()) if s]
            self._resolver = SectorResolver(self._encoder_factory(), sectors)
        return self._resolver

    def _unit_ids(self, names: Sequence[str], field: str, today: dt.date) -> frozenset[str]:
        index, ids = self.registry.admin_index(), set()
        for name in names:
            found = index.resolve(name, today)
            if found is None:
                raise InvalidInput(UNKNOWN_LOCALITY, name=name, field=field)
            ids.add(found.unit.id)
        return frozenset(ids)

    # -- facts ----------------------------------------------------------------------------------------------

    def zone_facts(self, brief: Brief, sector: SectorMatch, preferred: frozenset[str]) -> list[ZoneFacts]:
        zones = self.registry.list_records("zones", ListFilters()).items
        firms = self._firms()
        facts = [_facts_of(z, {z2["id"] for z2 in zones if z2["type"] == "KKT"}) for z in zones]
        self._add_travel_times(facts)
        _add_sector_fit(facts, firms, sector)
        offers = self.registry.list_records("offers", ListFilters()).items
        self._add_supply_times(facts, _supply_targets(brief, firms, offers, sector))
        for zone in facts:
            zone.values["preferred_locality"] = 1.0 if zone.localities & preferred else 0.0
        return facts

    def _add_travel_times(self, facts: list[ZoneFacts]) -> None:
        hubs = self.logistics.nearest_hubs([z.id for z in facts])
        for zone in facts:
            found = hubs.get(zone.id, {})
            for criterion, hub_class in HUB_OF.items():
                hub = found.get(hub_class)
                zone.values[criterion] = hub["duration_h"] if hub else None
                zone.evidence[criterion] = hub

    def _add_supply_times(self, facts: list[ZoneFacts], targets: Mapping[str, list[str]]) -> None:
        """Mean network travel time to the zones of the target firms (named ones, or makers of its inputs)."""
        target_zones = sorted({z for zs in targets.values() for z in zs} & set(self.logistics.base.nodes))
        placed = [z.id for z in facts if z.id in self.logistics.base.nodes]
        times = self.logistics.matrix(placed, target_zones).values if placed and target_zones else None
        row_of = {zone_id: i for i, zone_id in enumerate(placed)}
        for zone in facts:
            value = None
            if times is not None and zone.id in row_of:
                row = times[row_of[zone.id]]
                value = float(np.nanmean(row)) if np.isfinite(row).any() else None
            zone.values["supply_time_h"] = value
            zone.evidence["supply_time_h"] = {"firms": sorted(targets)[:10], "count": len(targets)} if targets else None

    # -- ranking --------------------------------------------------------------------------------------------

    def rank(
        self,
        brief: Brief,
        *,
        method: str = "weighted",
        weights: Mapping[str, Any] | None = None,
        top: int = 10,
        today: dt.date | None = None,
        draws: int = 1000,
    ) -> Ranking:
        if method not in METHODS:
            raise InvalidInput(UNKNOWN_METHOD, name=method)
        today = today or dt.date.today()
        sector = self.resolver().resolve(brief.sector)
        excluded = self._unit_ids(brief.excluded_localities, "excluded_localities", today)
        preferred = self._unit_ids(brief.preferred_localities, "preferred_localities", today)
        facts = self.zone_facts(brief, sector, preferred)
        likely = sector.likely_divisions
        reasons = {z.id: filter_reason(brief, z, divisions=likely, excluded=excluded, today=today) for z in facts}
        chosen = weights_for(brief, weights)
        return rank_facts(brief, facts, reasons, chosen, method=method, top=top, draws=draws, sector=sector)


def rank_facts(
    brief: Brief,
    facts: Sequence[ZoneFacts],
    reasons: Mapping[str, Any],
    weights: Mapping[str, float],
    *,
    method: str,
    top: int,
    draws: int = 1000,
    sector: SectorMatch | None = None,
    criteria: tuple[Criterion, ...] = CRITERIA,
) -> Ranking:
    """Score the zones that passed the filters and explain every one (pure: no registry, no network)."""
    ids = [c.id for c in criteria]
    feasible = [z for z in facts if reasons.get(z.id) is None]
    values = np.array([[z.values.get(c) for c in ids] for z in feasible], dtype=float)  # None -> NaN (unknown)
    values = values.reshape(len(feasible), len(criteria))
    weight_points = np.array([weights[c] for c in ids], dtype=float)
    normalised = normalise(values, criteria, method) if feasible else values
    scores, contributions = scores_and_contributions(normalised, weight_points)
    unknown = np.isnan(values)
    return build_ranking(
        brief,
        feasible=feasible,
        filtered=[(z, reasons[z.id]) for z in facts if reasons.get(z.id) is not None],
        normalised=normalised,
        scores=scores,
        contributions=contributions,
        unknown=unknown,
        unknown_share=unknown_shares(contributions, unknown, scores),
        weights=weight_points,
        method=method,
        top=top,
        draws=draws,
        sector=sector,
        criteria=criteria,
    )


def _facts_of(zone: Mapping[str, Any], ez_ids: set[str]) -> ZoneFacts:
    current, former = zone["province_2025"] or {}, zone["province_pre2025"] or {}
    location = zone["location"] or {}
    facts = ZoneFacts(
        id=zone["id"],
        name=zone["name"],
        zone_type=zone["type"],
        status=zone["status"],
        province=current.get("name"),
        province_pre2025=former.get("name"),
        localities=frozenset(u for u in (current.get("id"), former.get("id")) if u),
        lat=location.get("lat"),
        lon=location.get("lon"),
        available_ha=zone["available_ha"],
        available_basis=zone["available_basis"],
        target_vsic=tuple(zone["target_vsic"] or ()),
        utilities=zone["utilities"] or {},
        eco=zone["flags"]["eco"],
        locality_names={u["id"]: u["name"] for u in (current, former) if u.get("id")},
    )
    rent, others = rent_for(facts.id, facts.province, facts.province_pre2025)
    tier = location_tier(zone["type"], zone["flags"]["high_tech"], zone["parent_zone"] in ez_ids)
    facts.values |= {
        "available_ha": zone["available_ha"],
        "rent_usd_m2": rent.mid_usd_m2 if rent else None,
        "occupancy_pct": zone["occupancy_pct"],
        "green": None if facts.eco is None else float(facts.eco),
        "incentives": TIER_SCORE[tier],
    }
    rent_evidence = rent.as_dict() | {"other_figures": [o.as_dict() for o in others]} if rent else None
    facts.evidence |= {
        "available_ha": {"basis": zone["available_basis"], "derivation": zone["available_derivation"]},
        "rent_usd_m2": rent_evidence,
        "rent": rent,
        "incentive_tier": tier,
    }
    return facts


def _add_sector_fit(facts: list[ZoneFacts], firms: list[dict[str, Any]], sector: SectorMatch) -> None:
    """1 - prod(1 - p) over the zone's tenants, p = 1 for the brief's own sector, else the sectors' proximity
    (how often they share zones, matching.relatedness). Unknown for a zone with no tenant on record."""
    proximity = sector_proximity([{"sector": sector_label(f["sector"]), "zone": f["zone"]} for f in firms])
    own = sector.firm_sector
    tenants: dict[str, list[tuple[str, str]]] = {}
    for firm in firms:
        label = sector_label(firm["sector"])
        if firm["zone"] and label:
            tenants.setdefault(firm["zone"], []).append((firm["name"], label))
    for zone in facts:
        here = tenants.get(zone.id, [])
        related = [(name, 1.0 if label == own else proximity.get((own or "", label), 0.0)) for name, label in here]
        zone.values["sector_fit"] = 1.0 - float(np.prod([1.0 - p for _, p in related])) if here else None
        zone.evidence["sector_fit"] = [name for name, p in sorted(related, key=lambda x: -x[1]) if p > 0][:5]


def _input_hs(sector: SectorMatch) -> tuple[str, ...]:
    """HS headings of the typical inputs of the brief's sector (matching's sector_inputs.toml, DERIVED)."""
    folded = fold_name(sector.firm_sector or sector.text)
    for keys, inputs in sector_inputs():
        if any(key in folded for key in keys):
            return tuple(str(i["hs"]) for i in inputs if i.get("hs"))
    return ()


def _supply_targets(
    brief: Brief, firms: list[dict[str, Any]], offers: list[dict[str, Any]], sector: SectorMatch
) -> dict[str, list[str]]:
    """Firm name -> its zone, for the firms the brief names (or whose sector it names), the suppliers of the
    brief's own sector, and the firms that make its typical inputs (their products' or offers' HS codes)."""
    wanted = {fold_name(n) for n in brief.near}
    inputs = _input_hs(sector)
    makers = {o["firm"] for o in offers if any(str(h).startswith(inputs) for h in o["hs_codes"])} if inputs else set()
    targets: dict[str, list[str]] = {}
    for firm in firms:
        label = sector_label(firm["sector"]) or ""
        named = fold_name(firm["name"]) in wanted or fold_name(label) in wanted
        supplies_it = firm["role"] == "supplier" and sector.firm_sector is not None and label == sector.firm_sector
        makes_inputs = firm["id"] in makers or any(str(h).startswith(inputs) for h in firm["hs_codes"] if inputs)
        if (named or supplies_it or makes_inputs) and firm["zone"]:
            targets.setdefault(firm["name"], []).append(firm["zone"])
    return targets
