"""Which list filters and sort keys each record kind has, checked before any query is built.

A filter the kind does not have (a firm's `role` asked of zones) is refused with the kinds it applies to,
rather than ignored or sent to the database as a column that does not exist. Paging is bounded so that an
offset cannot overflow the database's 64-bit integers.
"""

from __future__ import annotations

from collections.abc import Iterable

from corridor.errors import InvalidInput, NotApplicable
from corridor.i18n import mark

__all__ = ["FILTER_KINDS", "MAX_OFFSET", "SORT_KEYS", "check_filters", "check_paging", "sort_column"]

# ListFilters field -> (the filter's public name in the API and CLI, kinds it applies to)
FILTER_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "province": ("province", ("zones", "firms", "nodes")),
    "corridor": ("corridor", ("zones", "firms", "nodes")),
    "bbox": ("bbox", ("zones", "firms", "nodes")),
    "zone_type": ("type", ("zones",)),
    "node_type": ("type", ("nodes",)),
    "status": ("status", ("zones", "nodes")),
    "industry": ("industry", ("zones", "firms", "needs", "offers")),
    "min_leasable_ha": ("min_leasable_ha", ("zones",)),
    "role": ("role", ("firms",)),
    "zone": ("zone", ("firms",)),
}

_COMMON_SORT_KEYS = {"id": "id", "as_of": "as_of", "updated_at": "updated_at"}
_EXCHANGE_SORT_KEYS = {"firm": "firm_id", "category": "category", "quantity": "quantity", "unit": "unit"}
# sort key (public field name; the view's own column name where it differs) -> column of the kind's view
SORT_KEYS: dict[str, dict[str, str]] = {
    "zones": {
        **_COMMON_SORT_KEYS,
        **{key: key for key in ("name_en", "status", "developer", "established", "occupancy_pct")},
        **{key: key for key in ("area_ha", "area_ha_max", "industrial_area_ha", "leasable_ha")},
        "name": "name_vi",
        "name_vi": "name_vi",
        "type": "zone_type",
        "zone_type": "zone_type",
    },
    "firms": {
        **_COMMON_SORT_KEYS,
        **{key: key for key in ("name", "tax_code", "origin_country", "role", "sector")},
        **{key: key for key in ("employees", "investment_usd", "year")},
        "zone": "zone_id",
    },
    "nodes": {**_COMMON_SORT_KEYS, "name": "name", "type": "node_type", "node_type": "node_type", "status": "status"},
    "needs": {**_COMMON_SORT_KEYS, **_EXCHANGE_SORT_KEYS, "deadline": "deadline"},
    "offers": {**_COMMON_SORT_KEYS, **_EXCHANGE_SORT_KEYS, "capacity": "capacity", "lead_time_days": "lead_time_days"},
}

# Far beyond any real page, far below 2**63: SQLite stores LIMIT and OFFSET as signed 64-bit integers.
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 1_000_000_000


def check_filters(kind: str, given: Iterable[str]) -> None:
    """Refuse the first given filter (a ListFilters field name) that `kind` does not have."""
    for field_name in given:
        name, kinds = FILTER_KINDS[field_name]
        if kind not in kinds:
            applies_to = sorted({k for public, ks in FILTER_KINDS.values() if public == name for k in ks})
            raise NotApplicable(
                mark("The filter '{filter}' does not apply to {kind}; it applies to {kinds}"),
                filter=name,
                kind=kind,
                kinds=", ".join(applies_to),
            )


def sort_column(kind: str, sort: str | None) -> str | None:
    """The view column (with '-' for descending) a sort key names, or an error listing the keys `kind` has."""
    if not sort:
        return None
    descending, key = sort.startswith("-"), sort.removeprefix("-")
    column = SORT_KEYS[kind].get(key)
    if column is None:
        raise NotApplicable(
            mark("{kind} cannot be sorted by '{key}'; sort by one of {keys}"),
            kind=kind,
            key=key,
            keys=", ".join(sorted(SORT_KEYS[kind])),
        )
    return f"-{column}" if descending else column


def check_paging(limit: int | None, offset: int) -> None:
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(mark("limit must be between 1 and {max}"), max=MAX_LIMIT)
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(mark("offset must be between 0 and {max}"), max=MAX_OFFSET)
