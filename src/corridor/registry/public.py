"""The public JSON shape of zones, firms and nodes (a contract: see docs/json.md). null means unknown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from corridor.reference.admin import MERGER_DATE
from corridor.registry.certifications import unverified_certifications
from corridor.registry.curation import public_note, public_status_note, public_value

__all__ = ["exchange_json", "firm_json", "node_json", "zone_json"]


def _unit(unit_id: str | None, names: dict[str, str]) -> dict[str, str] | None:
    return {"id": unit_id, "name": names.get(unit_id, unit_id)} if unit_id else None


def _codes(text: str | None) -> list[str]:
    return [c for c in (text or "").split(";") if c]


def _location(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "lat": row.get("lat"),
        "lon": row.get("lon"),
        "precision": row["precision"],
        "note": public_note(row.get("location_note")),
    }


def _provenance(row: dict[str, Any]) -> dict[str, Any]:
    return {"as_of": row["as_of"], "updated_at": _iso(row["updated_at"]), "updated_by": row["updated_by"]}


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else str(value)


def zone_json(row: dict[str, Any], names: dict[str, str], as_of: dt.date) -> dict[str, Any]:
    current = _unit(row["province_id"], names)
    former = _unit(row["province_pre2025_id"], names)
    return {
        "id": row["id"],
        "name": row["name_vi"],
        "name_en": row["name_en"],
        "type": row["zone_type"],
        "kkt_kind": row["kkt_kind"],
        "flags": {
            "high_tech": row["is_high_tech"],
            "specialised": row["is_specialised"],
            "eco": row["is_eco"],
        },
        "parent_zone": row["parent_id"],
        "province": former if as_of < MERGER_DATE else current,
        "province_2025": current,
        "province_pre2025": former,
        "address": public_value(row["address"]),
        "status": row["status"],
        "status_note": public_status_note(row["status_note"], row["status"]),
        "developer": row["developer"],
        "established": row["established"],
        "target_industries": row["target_industries"],
        "target_vsic": _codes(row["target_vsic"]),
        "area_ha": row["area_ha"],
        "area_ha_max": row["area_ha_max"],
        "industrial_area_ha": row["industrial_area_ha"],
        "leasable_ha": row["leasable_ha"],
        "occupancy_pct": row["occupancy_pct"],
        "leased_ha": row["leased_ha"],
        "available_ha": row["available_ha"],
        "available_basis": row["available_basis"],
        "available_derivation": row["available_derivation"],
        "utilities": {
            "power": row["power_supply"],
            "water": row["water_supply"],
            "wastewater": row["wastewater"],
        },
        "board_contact": row["board_contact"],
        "location": _location(row),
        "notes": public_note(row["notes"]),
        **_provenance(row),
    }


def firm_json(row: dict[str, Any], names: dict[str, str], as_of: dt.date) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "tax_code": row["tax_code"],
        "origin_country": row["origin_country"],
        "province": _unit(row["province_id"], names),
        "zone": row["zone_id"],
        "address": public_value(row["address"]),
        "role": row["role"],
        "sector": public_value(row["sector"]),
        "vsic": _codes(row["vsic"]),
        "products_vi": row["products_vi"],
        "products_en": row["products_en"],
        "hs_codes": _codes(row["hs_codes"]),
        "certifications": _codes(row["certifications"]),
        "certifications_unverified": unverified_certifications(_codes(row["certifications"])),
        "employees": row["employees"],
        "investment_usd": row["investment_usd"],
        "year": row["year"],
        "location": {"lat": row["lat"], "lon": row["lon"]},
        "notes": public_note(row["notes"]),
        **_provenance(row),
    }


def node_json(row: dict[str, Any], names: dict[str, str], as_of: dt.date) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["node_type"],
        "status": row["status"],
        "province": _unit(row["province_id"], names),
        "location": _location(row),
        "attributes": row["attributes"],
        "notes": public_note(row["notes"]),
        **_provenance(row),
    }


def exchange_json(row: dict[str, Any], names: dict[str, str], as_of: dt.date) -> dict[str, Any]:
    """A need or an offer."""
    shape = {
        "id": row["id"],
        "firm": row["firm_id"],
        "text_vi": row["text_vi"],
        "text_en": row["text_en"],
        "category": row["category"],
        "hs_codes": _codes(row["hs_codes"]),
        "vsic": _codes(row["vsic"]),
        "quantity": row["quantity"],
        "unit": row["unit"],
        "certifications": _codes(row["certifications"]),
        "certifications_unverified": unverified_certifications(_codes(row["certifications"])),
        "place": _unit(row["place_id"], names),
        "notes": row["notes"],  # the firm's own words, not curation
        **_provenance(row),
    }
    for key in ("deadline", "capacity", "lead_time_days"):
        if key in row:
            shape[key] = row[key]
    return shape
