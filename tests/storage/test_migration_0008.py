"""Migration 0008: the inquiry tables appear on upgrade from 0006 and go on downgrade; nothing else changes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from corridor.storage.database import make_engine
from corridor.storage.schema import alembic_config, upgrade
from tests.conftest import Backend

NEW = {"inquiries", "inquiry_recipients"}


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def _previous() -> str:
    """The revision 0008 follows (0006 as written; whatever the migrations are chained after at merge)."""
    previous = ScriptDirectory.from_config(alembic_config()).get_revision("0008").down_revision
    assert isinstance(previous, str)
    return previous


def test_upgrade_adds_the_inquiry_tables_and_downgrade_removes_them(backend: Backend) -> None:
    engine = make_engine(backend.databases.create(f"m8{backend.counter}"))
    backend.counter += 1
    try:
        upgrade(engine, _previous())
        before = _tables(engine)
        assert not NEW & before
        upgrade(engine, "0008")
        assert _tables(engine) == before | NEW
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), _previous())
        assert _tables(engine) == before
    finally:
        engine.dispose()
