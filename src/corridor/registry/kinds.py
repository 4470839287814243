"""One description per record kind: what every layer needs to know about zones, firms, nodes, needs and offers.

A new kind (users, inquiries, events...) is one `RecordKind` here, instead of an entry in a dozen parallel
per-kind tables: its import columns, how a row without an ID gets one, how merged observations become its view
row, its public JSON, the flat columns of its CSV answers and CLI tables, and the filters that apply to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from corridor.errors import InvalidInput
from corridor.reference.admin import AdminIndex
from corridor.reference.names import fold_name, slugify
from corridor.registry import public, records
from corridor.registry.columns import (
    FIRM_COLUMNS,
    INDICATOR_COLUMNS,
    NODE_COLUMNS,
    ZONE_COLUMNS,
    Column,
    exchange_columns,
)
from corridor.registry.views import MergedRecord

__all__ = ["KINDS", "RECORD_KINDS", "RecordKind", "flat_record", "header_lookup", "record_kind"]

ViewBuilder = Callable[[str, MergedRecord, AdminIndex], dict[str, Any]]
PublicShape = Callable[[dict[str, Any], dict[str, str], dt.date], dict[str, Any]]


@dataclass(frozen=True)
class RecordKind:
    """Everything kind-specific; `view` and `public` are None for kinds that are facts, not records (indicators)."""

    name: str  # "zones": its key in URLs, file imports and the CLI
    columns: tuple[Column, ...]  # importable columns: the validator, templates and exports
    derive_id: Callable[[dict[str, Any]], str]  # the ID of an imported row that has none
    view: ViewBuilder | None = None  # merged observations -> the row of the current view
    public: PublicShape | None = None  # view row -> public JSON (docs/json.md)
    flat_columns: tuple[str, ...] = ()  # CSV answers of the API: keys of the public JSON, flattened
    table_columns: tuple[str, ...] = ()  # the CLI's table of a list
    filters: frozenset[str] = frozenset()  # ListFilters fields that narrow a list of this kind (others: 422)
    sort_keys: Mapping[str, str] = field(default_factory=dict)  # public sort key -> column of the view

    @property
    def is_record(self) -> bool:
        return self.view is not None


def _zone_id(fields: dict[str, Any]) -> str:
    return slugify(str(fields["name_vi"]))


def _firm_id(fields: dict[str, Any]) -> str:
    return f"mst-{fields['tax_code']}" if fields.get("tax_code") else slugify(str(fields["name"]))


def _node_id(fields: dict[str, Any]) -> str:
    return slugify(str(fields["name"]))


def _exchange_id(fields: dict[str, Any]) -> str:
    return f"{fields['firm']}.{slugify(str(fields.get('text_vi') or fields.get('text_en')))[:60]}"


def _no_id(fields: dict[str, Any]) -> str:
    return ""


_COMMON_SORT_KEYS = {"id": "id", "as_of": "as_of", "updated_at": "updated_at"}
_EXCHANGE_SORT_KEYS = {**_COMMON_SORT_KEYS, "firm": "firm_id", "category": "category", "quantity": "quantity"}
_EXCHANGE = {
    "derive_id": _exchange_id,
    "view": records.exchange_view,
    "public": public.exchange_json,
    "flat_columns": ("id", "firm", "text_vi", "text_en", "category", "quantity", "unit", "place", "as_of"),
    "filters": frozenset({"industry"}),
}

KINDS: dict[str, RecordKind] = {
    kind.name: kind
    for kind in (
        RecordKind(
            "zones",
            ZONE_COLUMNS,
            _zone_id,
            records.zone_view,
            public.zone_json,
            flat_columns=(
                "id",
                "name",
                "name_en",
                "type",
                "province",
                "status",
                "area_ha",
                "industrial_area_ha",
                "leasable_ha",
                "occupancy_pct",
                "leased_ha",
                "available_ha",
                "available_basis",
                "developer",
                "lat",
                "lon",
                "precision",
                "as_of",
            ),
            table_columns=(
                "id",
                "name",
                "type",
                "province",
                "status",
                "area_ha",
                "leasable_ha",
                "occupancy_pct",
                "available_ha",
                "precision",
            ),
            filters=frozenset(
                {
                    "province",
                    "corridor",
                    "bbox",
                    "zone_type",
                    "status",
                    "industry",
                    "min_leasable_ha",
                    "min_available_ha",
                }
            ),
            sort_keys={
                **_COMMON_SORT_KEYS,
                **{key: key for key in ("name_en", "status", "developer", "established", "occupancy_pct")},
                **{key: key for key in ("area_ha", "area_ha_max", "industrial_area_ha", "leasable_ha")},
                **{key: key for key in ("leased_ha", "available_ha")},
                "name": "name_vi",
                "name_vi": "name_vi",
                "type": "zone_type",
                "zone_type": "zone_type",
            },
        ),
        RecordKind(
            "firms",
            FIRM_COLUMNS,
            _firm_id,
            records.firm_view,
            public.firm_json,
            flat_columns=(
                "id",
                "name",
                "tax_code",
                "origin_country",
                "province",
                "zone",
                "role",
                "sector",
                "products_vi",
                "products_en",
                "lat",
                "lon",
                "as_of",
            ),
            table_columns=("id", "name", "role", "origin_country", "province", "zone", "sector"),
            filters=frozenset({"province", "corridor", "bbox", "role", "zone", "industry"}),
            sort_keys={
                **_COMMON_SORT_KEYS,
                **{key: key for key in ("name", "tax_code", "origin_country", "role", "sector")},
                **{key: key for key in ("employees", "investment_usd", "year")},
                "zone": "zone_id",
            },
        ),
        RecordKind(
            "nodes",
            NODE_COLUMNS,
            _node_id,
            records.node_view,
            public.node_json,
            flat_columns=("id", "name", "type", "status", "province", "lat", "lon", "precision", "as_of"),
            table_columns=("id", "name", "type", "status", "province", "precision"),
            filters=frozenset({"province", "corridor", "bbox", "node_type", "status"}),
            sort_keys={
                **_COMMON_SORT_KEYS,
                "name": "name",
                "type": "node_type",
                "node_type": "node_type",
                "status": "status",
            },
        ),
        RecordKind(
            "needs",
            exchange_columns(offer=False),
            sort_keys={**_EXCHANGE_SORT_KEYS, "unit": "unit", "deadline": "deadline"},
            **_EXCHANGE,  # type: ignore[arg-type]
        ),
        RecordKind(
            "offers",
            exchange_columns(offer=True),
            sort_keys={
                **_EXCHANGE_SORT_KEYS,
                "unit": "unit",
                "capacity": "capacity",
                "lead_time_days": "lead_time_days",
            },
            **_EXCHANGE,  # type: ignore[arg-type]
        ),
        RecordKind("indicators", INDICATOR_COLUMNS, _no_id),
    )
}
RECORD_KINDS = tuple(name for name, kind in KINDS.items() if kind.is_record)


def record_kind(name: str, *, records_only: bool = False) -> RecordKind:
    """The kind called `name`; a clear error naming the kinds there are."""
    kind = KINDS.get(name)
    if kind is None or (records_only and not kind.is_record):
        known = RECORD_KINDS if records_only else tuple(KINDS)
        raise InvalidInput("Unknown kind '{kind}'; choose one of {kinds}", kind=name, kinds=", ".join(known))
    return kind


def header_lookup(kind: str) -> dict[str, Column]:
    """Folded English key or Vietnamese header -> column."""
    lookup: dict[str, Column] = {}
    for column in record_kind(kind).columns:
        lookup[fold_name(column.key)] = column
        lookup[fold_name(column.header_vi)] = column
    return lookup


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """A public record with its nested province and location spread into flat cells (CSV, tables)."""
    location = record.get("location") or {}
    province = record.get("province")
    place = record.get("place")
    return {
        **record,
        "province": province.get("name") if isinstance(province, dict) else province,
        "place": place.get("name") if isinstance(place, dict) else place,
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "precision": location.get("precision"),
    }
