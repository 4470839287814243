"""What a write touches, as policy targets: for each imported row, the zone, firm and localities it belongs to.

A row is checked against its record as it is now and as the row would make it, so that nobody moves a record
out of (or into) a scope that is not theirs. Localities of a pre-2025 unit include its 2025 successors, so a scope
on today's Hải Phòng covers rows that only name the former Hải Dương.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from corridor.accounts.models import Target
from corridor.reference.admin import AdminIndex
from corridor.registry.models import Statement

__all__ = ["RecordLookup", "import_targets", "record_target"]


class RecordLookup(Protocol):
    """What the targets need from the registry: current view rows and the administrative units."""

    def view_row(self, kind: str, record_id: str) -> dict[str, Any] | None: ...
    def admin_index(self) -> AdminIndex: ...


# Where each kind keeps its localities, in an import row's fields and in the view row.
_ROW_LOCALITIES = {
    "zones": ("province", "province_pre2025"),
    "firms": ("province",),
    "nodes": ("province",),
    "indicators": ("locality",),
}
_VIEW_LOCALITIES = {
    "zones": ("province_id", "province_pre2025_id"),
    "firms": ("province_id",),
    "nodes": ("province_id",),
}


def import_targets(kind: str, statements: Sequence[Statement], lookup: RecordLookup) -> list[Target]:
    """One target per row and per existing record it changes; each must be authorized before anything is written."""
    admin = lookup.admin_index()
    targets = []
    for statement in statements:
        existing = lookup.view_row(kind, statement.record_id) if kind in _VIEW_LOCALITIES else None
        targets.append(_row_target(kind, statement, existing, lookup, admin))
        if existing is not None:
            targets.append(_view_target(kind, statement.record_id, existing, lookup, admin))
    return targets


def record_target(kind: str, record_id: str, lookup: RecordLookup) -> Target:
    """What an existing zone, firm, need or offer belongs to as it is now (an edit form's or a proposal's target)."""
    admin = lookup.admin_index()
    if kind in {"needs", "offers"}:
        row = lookup.view_row(kind, record_id) or {}
        return _firm_target(str(row.get("firm_id") or row.get("firm") or ""), lookup, admin, f"{kind} {record_id}")
    return _view_target(kind, record_id, lookup.view_row(kind, record_id) or {}, lookup, admin)


def _row_target(
    kind: str, statement: Statement, existing: dict[str, Any] | None, lookup: RecordLookup, admin: AdminIndex
) -> Target:
    fields = statement.fields
    label = f"{kind} {statement.record_id} (row {statement.row_number})"
    if kind in {"needs", "offers"}:
        return _firm_target(str(fields.get("firm") or ""), lookup, admin, label)
    # a column the row leaves empty keeps the record's current value
    current = existing or {}
    row_keys = _ROW_LOCALITIES.get(kind, ())
    view_keys = _VIEW_LOCALITIES.get(kind, (None,) * len(row_keys))
    localities = [fields.get(key) or current.get(str(view)) for key, view in zip(row_keys, view_keys, strict=True)]
    if kind == "zones":
        return _target(admin, label, zones=[statement.record_id], localities=localities)
    if kind == "firms":
        zone = fields.get("zone") or current.get("zone_id")
        zone_localities = _zone_localities(str(zone), lookup) if zone else []
        return _target(
            admin, label, zones=[zone], firms=[statement.record_id], localities=[*localities, *zone_localities]
        )
    return _target(admin, label, localities=localities)


def _view_target(kind: str, record_id: str, row: dict[str, Any], lookup: RecordLookup, admin: AdminIndex) -> Target:
    label = f"{kind} {record_id}"
    localities = [row.get(key) for key in _VIEW_LOCALITIES[kind]]
    if kind == "zones":
        return _target(admin, label, zones=[record_id], localities=localities)
    if kind == "firms":
        return _firm_target(record_id, lookup, admin, label)
    return _target(admin, label, localities=localities)


def _firm_target(firm_id: str, lookup: RecordLookup, admin: AdminIndex, label: str) -> Target:
    firm = lookup.view_row("firms", firm_id) or {}
    zone = firm.get("zone_id")
    zone_localities = _zone_localities(str(zone), lookup) if zone else []
    return _target(admin, label, zones=[zone], firms=[firm_id], localities=[firm.get("province_id"), *zone_localities])


def _zone_localities(zone_id: str, lookup: RecordLookup) -> list[Any]:
    zone = lookup.view_row("zones", zone_id) or {}
    return [zone.get("province_id"), zone.get("province_pre2025_id")]


def _target(
    admin: AdminIndex, label: str, *, zones: Iterable[Any] = (), firms: Iterable[Any] = (), localities: Iterable[Any]
) -> Target:
    units = {str(unit) for unit in localities if unit}
    successors = {new for unit in units for new in admin.successors.get(unit, [])}
    return Target(
        zones=frozenset(str(z) for z in zones if z),
        firms=frozenset(str(f) for f in firms if f),
        localities=frozenset(units | successors),
        label=label,
    )
