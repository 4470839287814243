"""Migration 0005: zones written before it get their free land derived where leasable land and occupancy are known."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from corridor.storage.database import make_engine
from corridor.storage.schema import upgrade
from tests.conftest import Backend

_INSERT = (
    "INSERT INTO zones (id, name_vi, name_folded, zone_type, status, precision, leasable_ha, occupancy_pct,"
    " updated_at, updated_by) VALUES (:id, :id, :id, 'KCN', 'unknown', 'unknown', :leasable, :occupancy, :at, 'a')"
)


def test_upgrade_derives_available_land_and_leaves_unknown_unknown(backend: Backend) -> None:
    engine = make_engine(backend.databases.create(f"m5{backend.counter}"))
    backend.counter += 1
    at = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    try:
        upgrade(engine, "0004")
        with engine.begin() as conn:
            for zone_id, leasable, occupancy in (("full", 120.0, 100.0), ("half", 102.89, 87.86), ("open", 50.0, None)):
                conn.execute(sa.text(_INSERT), {"id": zone_id, "leasable": leasable, "occupancy": occupancy, "at": at})
        upgrade(engine)
        with engine.connect() as conn:
            query = "SELECT id, available_ha, available_basis FROM zones ORDER BY id"
            rows = {r[0]: (r[1], r[2]) for r in conn.execute(sa.text(query))}
        assert rows == {"full": (0.0, "derived"), "half": (12.49, "derived"), "open": (None, None)}
    finally:
        engine.dispose()
