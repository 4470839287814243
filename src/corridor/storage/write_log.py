"""The append-only log of every write: who, when, what and which records (docs/adr/0004-write-log.md).

Every store that writes appends one entry with `append_write` on the connection of its own transaction, so the
entry commits or rolls back with the write. The newest entry's ID is the data version that caches key on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from corridor.storage import tables as t
from corridor.storage.reference_store import insert_chunked

__all__ = ["LoggedWrite", "SqlWriteLog", "WriteEntry", "append_write", "data_version", "logged_write"]


@dataclass(frozen=True)
class WriteEntry:
    """What a write appends: `records` are the public IDs of the records of `kind` it touched."""

    action: str  # import, edit, withdraw, revert, scenario_save, scenario_delete, reference_load
    kind: str
    actor: str
    records: Iterable[str] = ()
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LoggedWrite:
    """One entry as read back."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    kind: str
    record_count: int
    detail: dict[str, Any]


def append_write(conn: sa.Connection, entry: WriteEntry, at: dt.datetime | None = None) -> int:
    """Append `entry` inside the caller's transaction; returns its ID."""
    records = sorted(set(entry.records))
    if conn.dialect.name == "postgresql":
        # Sequence values are handed out at insert, not at commit: without this lock a later ID could commit
        # first and a reader would see the largest ID before the smaller one exists, missing a write. The lock
        # (held to commit, taken last) makes IDs commit in order; plain reads are not blocked.
        conn.execute(sa.text("LOCK TABLE write_log IN EXCLUSIVE MODE"))
    inserted = conn.execute(
        t.write_log.insert().values(
            at=at or dt.datetime.now(dt.UTC),
            actor=entry.actor,
            action=entry.action,
            kind=entry.kind,
            record_count=len(records),
            detail=dict(entry.detail),
        )
    )
    write_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
    rows = [{"write_id": write_id, "kind": entry.kind, "record_id": record} for record in records]
    insert_chunked(conn, t.write_log_records, rows)
    return write_id


def data_version(conn: sa.Connection) -> int:
    """The newest write's ID: it changes with every committed write of any kind (0 before the first)."""
    return int(conn.execute(sa.select(sa.func.max(t.write_log.c.id))).scalar() or 0)


class SqlWriteLog:
    """Reading the log: the data version, a record's history, the newest entries."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def data_version(self) -> int:
        with self.engine.connect() as conn:
            return data_version(conn)

    def history(self, kind: str, record_id: str) -> list[LoggedWrite]:
        """Every write that touched the record, oldest first."""
        w, r = t.write_log, t.write_log_records
        query = (
            sa.select(w)
            .join(r, r.c.write_id == w.c.id)
            .where(r.c.kind == kind, r.c.record_id == record_id)
            .order_by(w.c.id)
        )
        with self.engine.connect() as conn:
            return [logged_write(row) for row in conn.execute(query).mappings()]

    def entries(self, after_id: int = 0, limit: int = 100) -> list[LoggedWrite]:
        """Entries with an ID above `after_id`, oldest first (page with the last ID seen)."""
        w = t.write_log
        query = sa.select(w).where(w.c.id > after_id).order_by(w.c.id).limit(limit)
        with self.engine.connect() as conn:
            return [logged_write(row) for row in conn.execute(query).mappings()]

    def records(self, write_id: int) -> list[tuple[str, str]]:
        """(kind, record ID) of every record one write touched."""
        r = t.write_log_records
        query = sa.select(r.c.kind, r.c.record_id).where(r.c.write_id == write_id).order_by(r.c.kind, r.c.record_id)
        with self.engine.connect() as conn:
            return [(kind, record_id) for kind, record_id in conn.execute(query)]


def logged_write(row: Any) -> LoggedWrite:
    at = row["at"] if row["at"].tzinfo else row["at"].replace(tzinfo=dt.UTC)
    return LoggedWrite(
        row["id"], at, row["actor"], row["action"], row["kind"], row["record_count"], dict(row["detail"])
    )
