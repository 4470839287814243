"""Editing one record: a person's changes become one statement, checked by the same rules as an import row.

An edit is written like an imported row from its own source, so the views, the history and revert treat both
alike. Columns the import requires (a zone's name) are taken from the record's current view for the check only;
the statement holds just the changed fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corridor.errors import EditRejected, InvalidInput, RowError
from corridor.registry.kinds import record_kind
from corridor.registry.labels import kind_name
from corridor.registry.models import SourceRef, Statement
from corridor.registry.validation import RawTable, References, validate_table

__all__ = ["SOURCE_KEYS", "FieldChange", "changed_fields", "edit_statement"]

SOURCE_KEYS = ("source_title", "source_url", "source_date")
_EDIT_FILE = "edit"
# Fields checked together with another (validation.py: _check_row_rules); given with the edit when only one changes.
_PARTNERS = {"lat": ("lon",), "lon": ("lat",), "leasable_ha": ("area_ha",)}
# Fields a row rule of the kind always reads (a need or offer states its text in Vietnamese or English).
_ROW_RULE_CONTEXT = {"needs": ("text_vi", "text_en"), "offers": ("text_vi", "text_en")}


@dataclass(frozen=True)
class FieldChange:
    """One field of a record's view before and after a write (None: not stated)."""

    field: str
    old: Any
    new: Any


def edit_statement(
    kind: str,
    record_id: str,
    changes: dict[str, str],
    source: SourceRef,
    current: dict[str, Any],
    refs: References,
) -> Statement:
    """The statement an edit writes, or EditRejected naming every bad field (and writing nothing)."""
    _check_field_names(kind, changes)
    errors = _missing_source(kind, record_id, source) + _empty_values(kind, record_id, changes)
    if errors:
        raise EditRejected(kind_name(kind), record_id, errors)
    row = {**_context_values(kind, changes, current), **changes, "id": record_id}
    row.update(source_title=source.title, source_url=source.url, source_date=source.as_of)
    statements, errors = validate_table(kind, RawTable(_EDIT_FILE, list(row), [(1, row)]), refs)
    if errors:
        raise EditRejected(kind_name(kind), record_id, errors)
    statement = statements[0]
    kept = {key: value for key, value in statement.fields.items() if key in changes}
    return Statement(statement.row_number, record_id, kept, statement.source)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Fields whose value differs, in a stable order."""
    return [
        FieldChange(key, before.get(key), after.get(key))
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


def _editable(kind: str) -> list[str]:
    return [c.key for c in record_kind(kind, records_only=True).columns if c.key != "id" and c.key not in SOURCE_KEYS]


def _check_field_names(kind: str, changes: dict[str, str]) -> None:
    if not changes:
        raise InvalidInput("Nothing to change: give at least one field=value")
    editable = _editable(kind)
    for name in changes:
        if name not in editable:
            raise InvalidInput(
                "Unknown field '{field}' for {kind}; expected one of: {known}",
                field=name,
                kind=kind,
                known=", ".join(editable),
            )


def _missing_source(kind: str, record_id: str, source: SourceRef) -> list[RowError]:
    """An edit names its source in full: title, address and a known as-of date (not 'unknown')."""
    given = {"source_title": source.title, "source_url": source.url, "source_date": source.as_of}
    return [
        RowError(_EDIT_FILE, 1, key, value, "a value (this column is required)")
        for key, value in given.items()
        if not value.strip() or (key == "source_date" and value.strip() == "unknown")
    ]


def _empty_values(kind: str, record_id: str, changes: dict[str, str]) -> list[RowError]:
    # An empty value states nothing; a statement is taken back by withdrawing it.
    return [
        RowError(_EDIT_FILE, 1, key, value, "a value (this column is required)")
        for key, value in changes.items()
        if not value.strip()
    ]


def _context_values(kind: str, changes: dict[str, str], current: dict[str, Any]) -> dict[str, str]:
    """The current values the checks of the changed fields need: required columns and checked partners."""
    needed = {c.key for c in record_kind(kind).columns if c.required} | set(_ROW_RULE_CONTEXT.get(kind, ()))
    needed |= {partner for name in changes for partner in _PARTNERS.get(name, ())}
    return {key: _as_text(current[key]) for key in needed if key not in changes and current.get(key) not in (None, "")}


def _as_text(value: Any) -> str:
    """A stored value written back as a cell the validator reads as the same value."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
