"""Turning merged observations into the rows of the current views (zones, firms, nodes)."""

from __future__ import annotations

from typing import Any

from corridor.reference.admin import AdminIndex
from corridor.reference.names import fold_name
from corridor.registry.views import MergedRecord, as_of_sort_key

__all__ = ["DERIVED_AVAILABLE", "available_land", "exchange_view", "firm_view", "node_view", "zone_view"]

_ZONE_COPIED = (
    "name_vi",
    "name_en",
    "zone_type",
    "kkt_kind",
    "is_high_tech",
    "is_specialised",
    "is_eco",
    "address",
    "status_note",
    "developer",
    "established",
    "target_industries",
    "target_vsic",
    "area_ha",
    "area_ha_max",
    "industrial_area_ha",
    "leasable_ha",
    "leased_ha",
    "occupancy_pct",
    "power_supply",
    "water_supply",
    "wastewater",
    "board_contact",
    "lat",
    "lon",
    "polygon_geojson",
    "location_note",
    "notes",
)
_FIRM_COPIED = (
    "name",
    "tax_code",
    "origin_country",
    "address",
    "sector",
    "vsic",
    "products_vi",
    "products_en",
    "hs_codes",
    "certifications",
    "employees",
    "investment_usd",
    "year",
    "lat",
    "lon",
    "notes",
)
_NODE_COPIED = ("name", "node_type", "lat", "lon", "attributes", "notes")


def _provinces(fields: dict[str, Any], admin: AdminIndex) -> tuple[str | None, str | None]:
    """(2025 province, pre-2025 province) from what the sources named."""
    current, former = None, None
    named = fields.get("province")
    if named and named in admin.units:
        current, former = admin.current_and_former(admin.units[named])
    explicit_former = fields.get("province_pre2025")
    if explicit_former and explicit_former in admin.units:
        former_unit = admin.units[explicit_former]
        former = former_unit.id if former_unit.is_pre2025 else admin.current_and_former(former_unit)[1]
        current = current or admin.current_and_former(former_unit)[0]
    return current, former


def _precision(fields: dict[str, Any]) -> str:
    if fields.get("precision"):
        return str(fields["precision"])
    if fields.get("lat") is not None:
        return "unknown"
    return "province" if fields.get("province") else "unknown"


def zone_view(record_id: str, merged: MergedRecord, admin: AdminIndex) -> dict[str, Any]:
    fields = merged.fields
    current, former = _provinces(fields, admin)
    row = {key: fields.get(key) for key in _ZONE_COPIED}
    row.update(
        id=record_id,
        name_folded=fold_name(f"{fields['name_vi']} {fields.get('name_en') or ''}"),
        zone_type=fields.get("zone_type") or _zone_type_from_name(str(fields["name_vi"])),
        parent_id=fields.get("parent_zone"),
        province_id=current,
        province_pre2025_id=former,
        status=fields.get("status") or "unknown",
        precision=_precision(fields),
        **available_land(fields, _stated_later(merged, "occupancy_pct", "available_ha")),
    )
    return row


# Said in the view and the public JSON whenever available land was computed rather than read from a source.
DERIVED_AVAILABLE = "leasable_ha × (1 − occupancy_pct / 100)"


def _stated_later(merged: MergedRecord, field: str, than: str) -> bool:
    """Whether `field` comes from a source dated after the one `than` comes from."""
    first, second = merged.field_sources.get(field), merged.field_sources.get(than)
    if first is None or second is None:
        return False
    return as_of_sort_key(first.source.as_of) > as_of_sort_key(second.source.as_of)


def available_land(fields: dict[str, Any], occupancy_is_newer: bool = False) -> dict[str, Any]:
    """Land still free to lease: a source's own figure, else leasable × (1 − occupancy), else unknown (None).

    Leasable area alone is not free land: a park can be 100 % leased. Unknown stays None, never 0.
    """
    stated = fields.get("available_ha")
    # A newer occupancy (say 100 % in 2024) outdates an older free-land figure (say 40 ha in 2021).
    if stated is not None and not (occupancy_is_newer and fields.get("leasable_ha") is not None):
        # A file may give a figure it computed itself (leasable − leased); it says how, and stays "derived".
        how = fields.get("available_derivation")
        return {"available_ha": stated, "available_basis": "derived" if how else "sourced", "available_derivation": how}
    leasable, occupancy = fields.get("leasable_ha"), fields.get("occupancy_pct")
    if leasable is None or occupancy is None:
        return {"available_ha": None, "available_basis": None, "available_derivation": None}
    free_ha = round(float(leasable) * (1 - float(occupancy) / 100), 2)
    return {"available_ha": max(free_ha, 0.0), "available_basis": "derived", "available_derivation": DERIVED_AVAILABLE}


def _zone_type_from_name(name: str) -> str:
    prefix = fold_name(name).split(" ")[0].upper()
    return prefix if prefix in {"KCN", "KKT", "CCN"} else "KCN"


def firm_view(record_id: str, merged: MergedRecord, admin: AdminIndex) -> dict[str, Any]:
    fields = merged.fields
    row = {key: fields.get(key) for key in _FIRM_COPIED}
    current, _ = _provinces(fields, admin)
    row.update(
        id=record_id,
        name_folded=fold_name(str(fields["name"])),
        province_id=current,
        zone_id=fields.get("zone"),
        role=fields.get("role") or "unknown",
    )
    return row


def node_view(record_id: str, merged: MergedRecord, admin: AdminIndex) -> dict[str, Any]:
    fields = merged.fields
    row = {key: fields.get(key) for key in _NODE_COPIED}
    current, _ = _provinces(fields, admin)
    row.update(
        id=record_id,
        name_folded=fold_name(str(fields["name"])),
        status=fields.get("status") or "unknown",
        province_id=current,
        precision=fields.get("precision") or ("unknown" if fields.get("lat") is None else "site"),
    )
    return row


_EXCHANGE_COPIED = ("text_vi", "text_en", "category", "hs_codes", "vsic", "quantity", "unit", "certifications", "notes")


def exchange_view(record_id: str, merged: MergedRecord, admin: AdminIndex) -> dict[str, Any]:
    """A need or an offer (their extra fields, deadline or capacity and lead time, are copied too)."""
    fields = merged.fields
    row = {key: fields.get(key) for key in (*_EXCHANGE_COPIED, "deadline", "capacity", "lead_time_days")}
    row.update(
        id=record_id,
        firm_id=fields["firm"],
        text_folded=fold_name(f"{fields.get('text_vi') or ''} {fields.get('text_en') or ''}"),
        place_id=_provinces({"province": fields.get("place")}, admin)[0] if fields.get("place") else None,
    )
    return row
