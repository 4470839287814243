"""Migration 0008: the inquiry tables appear on upgrade from 0006 and go on downgrade; nothing else changes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from corridor.storage.database import make_engine
from corridor.storage.schema import alembic_config, upgrade
from tests.conftest import Backend

NEW = {"inquiries", "inquiry_recipients"}


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_upgrade_adds_the_inquiry_tables_and_downgrade_removes_them(backend: Backend) -> None:
    engine = make_engine(backend.databases.create(f"m8{backend.counter}"))
    backend.counter += 1
    try:
        upgrade(engine, "0006")
        before = _tables(engine)
        assert not NEW & before
        upgrade(engine, "0008")
        assert _tables(engine) == before | NEW
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0006")
        assert _tables(engine) == before
    finally:
        engine.dispose()
