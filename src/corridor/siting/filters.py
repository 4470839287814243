"""Hard filters: a zone that cannot host the project is set aside with its reason, before any scoring.

An unknown fact never filters a zone out: the zone stays, and what is unknown is listed with it.
"""

from __future__ import annotations

import datetime as dt

from corridor.i18n import Message, mark
from corridor.siting.brief import Brief
from corridor.siting.facts import ZoneFacts, capacity

__all__ = ["filter_reason", "months_needed"]

EXCLUDED = mark("In an excluded locality ({locality})")
TOO_LITTLE_LAND = mark("{available_ha} ha still available; the project needs {needed_ha} ha at the start")
PLANNED = mark("Only planned: not expected to lease land within {months} months of the project's start")
BUILDING = mark("Under construction: the project starts in less than {months} months")
SECTOR_NOT_ALLOWED = mark("Sector {division} is not among the zone's target sectors ({allowed})")
POWER_SHORT = mark("Power supply of {have} MW stated; the project needs {need} MW")
WATER_SHORT = mark("Water supply of {have} m³/day stated; the project needs {need} m³/day")
WASTEWATER_SHORT = mark("Wastewater treatment of {have} m³/day stated; the project needs {need} m³/day")
RENT_OVER = mark("Land rent from {low} USD/m² ({scope}), over the budget of {budget} USD/m²")
# Whose figure the rent is (words of ours, in the reader's language): the zone's own, or its province's.
RENT_SCOPES = {"zone": mark("zone figure"), "province": mark("province figure")}
NOT_GREEN = mark("Not an eco-industrial park, and the brief requires one")

# How long before the project's start a zone must be at least this far: under construction 12 months
# (infrastructure usually finishes within a year), planned 36 months (land clearance and approval).
months_needed = {"under_construction": 12, "planned": 36}


def _months_until(start: dt.date | None, today: dt.date) -> int:
    start = start or today
    return (start.year - today.year) * 12 + start.month - today.month


def _locality(brief: Brief, zone: ZoneFacts, excluded: frozenset[str]) -> Message | None:
    hit = sorted(zone.locality_names.get(unit, unit) for unit in zone.localities & excluded)
    return Message(EXCLUDED, locality=", ".join(hit)) if hit else None


def _land(brief: Brief, zone: ZoneFacts) -> Message | None:
    if zone.available_ha is None or zone.available_ha >= brief.first_phase_ha:
        return None
    return Message(TOO_LITTLE_LAND, available_ha=round(zone.available_ha, 1), needed_ha=brief.first_phase_ha)


def _timing(brief: Brief, zone: ZoneFacts, today: dt.date) -> Message | None:
    needed = months_needed.get(zone.status or "")
    if needed is None or _months_until(brief.start_date, today) >= needed:
        return None
    return Message(PLANNED if zone.status == "planned" else BUILDING, months=needed)


def _sector(divisions: tuple[str, ...], zone: ZoneFacts) -> Message | None:
    """Set aside only when none of the brief's likely divisions is a target (text matching is not certain)."""
    if not zone.target_vsic or any(code[:2] in divisions for code in zone.target_vsic):
        return None
    return Message(SECTOR_NOT_ALLOWED, division="/".join(divisions), allowed=", ".join(zone.target_vsic))


def _utilities(brief: Brief, zone: ZoneFacts) -> Message | None:
    checks = (
        ("power", "power", brief.power_mw, POWER_SHORT),
        ("water", "water", brief.water_m3_day, WATER_SHORT),
        ("wastewater", "water", brief.wastewater_m3_day, WASTEWATER_SHORT),
    )
    for key, kind, need, message in checks:
        have = capacity(zone.utilities.get(key), kind)
        if need is not None and have is not None and have < need:
            return Message(message, have=have, need=need)
    return None


def _rent(brief: Brief, zone: ZoneFacts) -> Message | None:
    rent = zone.evidence.get("rent")
    if brief.rent_budget_usd_m2 is None or rent is None or rent.low_usd_m2 <= brief.rent_budget_usd_m2:
        return None
    scope = Message(RENT_SCOPES[rent.scope]) if rent.scope in RENT_SCOPES else rent.scope
    return Message(RENT_OVER, low=rent.low_usd_m2, scope=scope, budget=brief.rent_budget_usd_m2)


def _green(brief: Brief, zone: ZoneFacts) -> Message | None:
    return Message(NOT_GREEN) if brief.green_required and zone.eco is False else None


def filter_reason(
    brief: Brief, zone: ZoneFacts, *, divisions: tuple[str, ...], excluded: frozenset[str], today: dt.date
) -> Message | None:
    """The first reason the zone cannot host the project, or None when it passes every hard filter."""
    return (
        _locality(brief, zone, excluded)
        or _land(brief, zone)
        or _timing(brief, zone, today)
        or _sector(divisions, zone)
        or _utilities(brief, zone)
        or _rent(brief, zone)
        or _green(brief, zone)
    )
