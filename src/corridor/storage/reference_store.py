"""Loading reference data (units, successions, corridors, code lists) and reading it back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from corridor.reference import loading
from corridor.reference.admin import AdminIndex, AdminUnit
from corridor.storage import tables as t

__all__ = ["admin_index", "ensure_source", "insert_chunked", "load_reference_data"]

CHUNK = 5000


def insert_chunked(conn: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(table.insert(), list(rows[start : start + CHUNK]))


def ensure_source(conn: sa.Connection, title: str, url: str, as_of: str, user: str, now: dt.datetime) -> int:
    """The ID of the source (title, url, as_of), adding it when new."""
    query = sa.select(t.sources.c.id).where(
        t.sources.c.title == title, t.sources.c.url == url, t.sources.c.as_of == as_of
    )
    found = conn.execute(query).scalar()
    if found is not None:
        return int(found)
    inserted = conn.execute(
        t.sources.insert().values(title=title, url=url, as_of=as_of, first_loaded_at=now, loaded_by=user)
    )
    return int(inserted.inserted_primary_key[0])  # type: ignore[index]


def load_reference_data(conn: sa.Connection, user: str, now: dt.datetime) -> dict[str, int]:
    """Units (with the 2025 merger), corridors, HS and VSIC codes; skipped when already loaded.

    Returns how many units and codes were loaded (empty when skipped), for the write log."""
    if conn.execute(sa.select(sa.func.count()).select_from(t.admin_units)).scalar():
        return {}
    admin_source = ensure_source(conn, *loading.ADMIN_SOURCE, user, now)
    yunnan_source = ensure_source(conn, *loading.YUNNAN_SOURCE, user, now)
    provinces = loading.read_provinces()
    units = [*provinces, *loading.read_wards()]
    insert_chunked(
        conn,
        t.admin_units,
        [{**unit.__dict__, "source_id": yunnan_source if unit.country == "CN" else admin_source} for unit in units],
    )
    insert_chunked(
        conn,
        t.admin_successions,
        [
            {
                "old_id": old,
                "new_id": new,
                "effective": loading.MERGER_DATE,
                "whole": whole,
                "source_id": admin_source,
            }
            for old, new, whole in loading.read_successions()
        ],
    )
    _load_corridors(conn, user, now)
    hs_codes, vsic_codes = loading.read_hs_codes(), loading.read_vsic_codes()
    insert_chunked(conn, t.hs_codes, hs_codes)
    insert_chunked(conn, t.vsic_codes, vsic_codes)
    return {"admin_units": len(units), "hs_codes": len(hs_codes), "vsic_codes": len(vsic_codes)}


def _load_corridors(conn: sa.Connection, user: str, now: dt.datetime) -> None:
    source_id = ensure_source(conn, *loading.CORRIDOR_SOURCE, user, now)
    conn.execute(
        t.corridors.insert(),
        [
            {"id": cid, "name_vi": vi, "name_en": en, "source_id": source_id}
            for cid, (vi, en, _, _) in loading.CORRIDORS.items()
        ],
    )
    conn.execute(
        t.corridor_members.insert(),
        [
            {"corridor_id": cid, "unit_id": unit, "valid_from": start, "valid_to": end}
            for cid, unit, start, end in loading.corridor_memberships()
        ],
    )


def admin_index(conn: sa.Connection) -> AdminIndex:
    """Provinces (old, new, foreign) and their successions, for name resolution in memory."""
    units = conn.execute(sa.select(t.admin_units).where(t.admin_units.c.level == "province")).mappings()
    admin_units = [_unit(row) for row in units]
    ids = {u.id for u in admin_units}
    pairs = conn.execute(sa.select(t.admin_successions.c.old_id, t.admin_successions.c.new_id)).all()
    return AdminIndex(admin_units, [(old, new) for old, new in pairs if old in ids])


def _unit(row: Any) -> AdminUnit:
    return AdminUnit(
        row["id"],
        row["code"],
        row["name"],
        row["official_name"],
        row["name_en"],
        row["level"],
        row["country"],
        row["valid_from"],
        row["valid_to"],
    )


def corridor_units(conn: sa.Connection, corridor_id: str, on: dt.date) -> list[str]:
    m = t.corridor_members
    query = sa.select(m.c.unit_id).where(
        m.c.corridor_id == corridor_id,
        sa.or_(m.c.valid_from.is_(None), m.c.valid_from <= on),
        sa.or_(m.c.valid_to.is_(None), m.c.valid_to >= on),
    )
    return [row[0] for row in conn.execute(query)]


def code_sets(conn: sa.Connection) -> tuple[frozenset[str], frozenset[str]]:
    hs = frozenset(row[0] for row in conn.execute(sa.select(t.hs_codes.c.code)))
    vsic = frozenset(row[0] for row in conn.execute(sa.select(t.vsic_codes.c.code)))
    return hs, vsic


def unit_names(conn: sa.Connection, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = sa.select(t.admin_units.c.id, t.admin_units.c.name).where(t.admin_units.c.id.in_(wanted))
    return {row[0]: row[1] for row in conn.execute(query)}
