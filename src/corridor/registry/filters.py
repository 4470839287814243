"""Which list filters and sort keys each record kind has, checked before any query is built.

A filter the kind does not have (a firm's `role` asked of zones) is refused with the kinds it applies to,
rather than ignored or sent to the database as a column that does not exist. Paging is bounded so that an
offset cannot overflow the database's 64-bit integers.
"""

from __future__ import annotations

from collections.abc import Iterable

from corridor.errors import InvalidInput, NotApplicable
from corridor.i18n import mark
from corridor.registry.kinds import KINDS, record_kind
from corridor.registry.labels import kind_name

__all__ = ["FILTER_NAMES", "MAX_OFFSET", "check_filters", "check_paging", "sort_column"]

# The narrowing ListFilters fields and their public names in the API and CLI; which kinds have each is part of
# the kind's description (RecordKind.filters). Search, sort and paging apply to every kind.
FILTER_NAMES = {
    "province": "province",
    "corridor": "corridor",
    "bbox": "bbox",
    "zone_type": "type",
    "node_type": "type",
    "status": "status",
    "industry": "industry",
    "min_leasable_ha": "min_leasable_ha",
    "min_available_ha": "min_available_ha",
    "role": "role",
    "zone": "zone",
}

# Far beyond any real page, far below 2**63: SQLite stores LIMIT and OFFSET as signed 64-bit integers.
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 1_000_000_000


def check_filters(kind: str, given: Iterable[str]) -> None:
    """Refuse the first given filter (a ListFilters field name) that `kind` does not have."""
    for field_name in given:
        if field_name in record_kind(kind).filters:
            continue
        name = FILTER_NAMES[field_name]
        same_name = {f for f, public in FILTER_NAMES.items() if public == name}
        applies_to = sorted(k.name for k in KINDS.values() if k.filters & same_name)
        raise NotApplicable(
            mark("The filter '{filter}' does not apply to {kind}; it applies to {kinds}"),
            filter=name,
            kind=kind_name(kind, plural=True),
            kinds=[kind_name(k, plural=True) for k in applies_to],
        )


def sort_column(kind: str, sort: str | None) -> str | None:
    """The view column (with '-' for descending) a sort key names, or an error listing the keys `kind` has."""
    if not sort:
        return None
    descending, key = sort.startswith("-"), sort.removeprefix("-")
    sort_keys = record_kind(kind).sort_keys
    column = sort_keys.get(key)
    if column is None:
        raise NotApplicable(
            mark("{kind} cannot be sorted by '{key}'; sort by one of {keys}"),
            kind=kind_name(kind, plural=True),
            key=key,
            keys=", ".join(sorted(sort_keys)),
        )
    return f"-{column}" if descending else column


def check_paging(limit: int | None, offset: int) -> None:
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(mark("limit must be between 1 and {max}"), max=MAX_LIMIT)
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(mark("offset must be between 0 and {max}"), max=MAX_OFFSET)
