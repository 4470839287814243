"""write log; source lists stored with the views

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Adds the append-only `write_log` (with `write_log_records`), guarded by triggers on both backends, and fills it
from what earlier writes left behind (reference data, `imports`, `scenarios`), oldest first. Adds `sources` to
the views (zones, firms, nodes, needs, offers) and lists every existing record's sources there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

from corridor.storage import tables as t
from corridor.storage.registry_store import refresh_source_lists
from corridor.storage.write_log import WriteEntry, append_write

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

VIEWS = ("zones", "firms", "nodes", "needs", "offers")
GUARDED = ("write_log", "write_log_records")


def upgrade() -> None:
    _create_tables()
    _refuse_changes()
    for view in VIEWS:
        op.add_column(
            view,
            sa.Column(
                "sources",
                sa.JSON(),
                server_default="[]",
                nullable=False,
                comment="every source's statement and the fields it supplies now, listed when the view is rebuilt",
            ),
        )
    connection = op.get_bind()
    refresh_source_lists(connection)
    _fill_log(connection)


def _create_tables() -> None:
    op.create_table(
        "write_log",
        sa.Column(
            "id", sa.Integer(), nullable=False, comment="grows with every write; the largest is the data version"
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, comment="when the write happened (UTC)"),
        sa.Column("actor", sa.Text(), nullable=False, comment="who wrote: CORRIDOR_USER or the X-Corridor-User header"),
        sa.Column(
            "action", sa.Text(), nullable=False, comment="import, scenario_save, scenario_delete or reference_load"
        ),
        sa.Column(
            "kind", sa.Text(), nullable=False, comment="what was written: zones, firms, ..., scenarios, reference"
        ),
        sa.Column("record_count", sa.Integer(), nullable=False, comment="records touched, listed in write_log_records"),
        sa.Column("detail", sa.JSON(), nullable=False, comment="short facts: file name, rows read, statements added"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
        comment="Append-only log of every write, written in the write's own transaction; triggers refuse changes",
    )
    op.create_table(
        "write_log_records",
        sa.Column("write_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False, comment="kind of the record touched"),
        sa.Column("record_id", sa.Text(), nullable=False, comment="public ID of the record (a scenario's name)"),
        sa.ForeignKeyConstraint(["write_id"], ["write_log.id"]),
        sa.PrimaryKeyConstraint("write_id", "kind", "record_id"),
        comment="Which records each write touched, indexed for a record's history; append-only too",
    )
    op.create_index("ix_write_log_records_record", "write_log_records", ["kind", "record_id"], unique=False)


def _refuse_changes() -> None:
    """Triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the log tables."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION refuse_write_log_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        for table in GUARDED:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION refuse_write_log_change()"
            )
        return
    for table in GUARDED:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def _fill_log(connection: sa.Connection) -> None:
    """One entry per earlier write, oldest first, from the tables those writes left behind."""
    entries = [*_reference_entry(connection), *_import_entries(connection), *_scenario_entries(connection)]
    for at, entry in sorted(entries, key=lambda pair: pair[0]):
        append_write(connection, entry, at)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _reference_entry(connection: sa.Connection) -> list[tuple[dt.datetime, WriteEntry]]:
    s = t.sources
    first = connection.execute(sa.select(s.c.first_loaded_at, s.c.loaded_by).order_by(s.c.first_loaded_at)).first()
    units = connection.execute(sa.select(sa.func.count()).select_from(t.admin_units)).scalar()
    if first is None or not units:
        return []
    detail = {"admin_units": units, "filled_in": True}
    return [(_utc(first.first_loaded_at), WriteEntry("reference_load", "reference", first.loaded_by, detail=detail))]


def _import_entries(connection: sa.Connection) -> list[tuple[dt.datetime, WriteEntry]]:
    entries = []
    for row in connection.execute(sa.select(t.imports).order_by(t.imports.c.id)).mappings():
        detail = {"file": row["file_name"], "rows": row["row_count"], "added": row["added_count"], "filled_in": True}
        records = _imported_records(connection, row)
        entries.append((_utc(row["loaded_at"]), WriteEntry("import", row["kind"], row["loaded_by"], records, detail)))
    return entries


def _imported_records(connection: sa.Connection, row: Any) -> list[str]:
    if row["kind"] == "indicators":  # facts carry their import's time and user, not its ID
        i = t.indicators
        query = sa.select(i.c.id).where(i.c.loaded_at == row["loaded_at"], i.c.loaded_by == row["loaded_by"])
        return [str(fact_id) for (fact_id,) in connection.execute(query)]
    o = t.observations
    query = sa.select(o.c.record_id).where(o.c.import_id == row["id"]).distinct()
    return [record_id for (record_id,) in connection.execute(query)]


def _scenario_entries(connection: sa.Connection) -> list[tuple[dt.datetime, WriteEntry]]:
    s = t.scenarios
    query = sa.select(s.c.name, s.c.created_at, s.c.created_by)
    return [
        (_utc(at), WriteEntry("scenario_save", "scenarios", by, [name], {"filled_in": True}))
        for name, at, by in connection.execute(query)
    ]


def downgrade() -> None:
    for view in VIEWS:
        with op.batch_alter_table(view) as batch_op:
            batch_op.drop_column("sources")
    if op.get_bind().dialect.name == "postgresql":
        for table in GUARDED:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute("DROP FUNCTION refuse_write_log_change()")
    op.drop_index("ix_write_log_records_record", table_name="write_log_records")
    op.drop_table("write_log_records")
    op.drop_table("write_log")
