"""Queries behind a record's history, withdrawals and reverts (docs/adr/0010-edits-history-and-revert.md).

A write is tied to the statements it stored through its import (`detail.import_id`; entries written before that
key existed match their import by kind and time, which the import and its log entry share) and to the
statements it withdrew through `withdrawals.write_id`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from corridor.registry.history import LoggedChange
from corridor.storage import tables as t
from corridor.storage.write_log import LoggedWrite, logged_write

__all__ = [
    "insert_withdrawals",
    "record_changes",
    "reverting_write",
    "statement_records",
    "withdrawn_among",
    "write_entry",
    "write_statement_ids",
]


def record_changes(conn: sa.Connection, kind: str, record_id: str) -> list[LoggedChange]:
    """Every logged write that touched the record, oldest first, with the record's statements it added or
    withdrew."""
    w, r = t.write_log, t.write_log_records
    query = (
        sa.select(w)
        .join(r, r.c.write_id == w.c.id)
        .where(r.c.kind == kind, r.c.record_id == record_id)
        .order_by(w.c.id)
    )
    writes = [logged_write(row) for row in conn.execute(query).mappings()]
    by_import, withdrawn_by_write = _record_statements(conn, kind, record_id)
    import_ids = _import_ids(conn, writes)
    return [
        LoggedChange(
            write.id,
            write.at,
            write.actor,
            write.action,
            write.detail,
            tuple(by_import.get(import_ids.get(write.id, -1), ())),
            tuple(withdrawn_by_write.get(write.id, ())),
        )
        for write in writes
    ]


def _record_statements(
    conn: sa.Connection, kind: str, record_id: str
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """The record's statement IDs by the import that stored them, and by the write that withdrew them."""
    o, wd = t.observations, t.withdrawals
    query = (
        sa.select(o.c.id, o.c.import_id, wd.c.write_id)
        .outerjoin(wd, wd.c.observation_id == o.c.id)
        .where(o.c.kind == kind, o.c.record_id == record_id)
        .order_by(o.c.id)
    )
    by_import: dict[int, list[int]] = defaultdict(list)
    by_withdrawal: dict[int, list[int]] = defaultdict(list)
    for observation_id, import_id, write_id in conn.execute(query):
        by_import[import_id].append(observation_id)
        if write_id is not None:
            by_withdrawal[write_id].append(observation_id)
    return by_import, by_withdrawal


def _import_ids(conn: sa.Connection, writes: Sequence[LoggedWrite]) -> dict[int, int]:
    """The import behind each import or edit write."""
    found = {w.id: int(w.detail["import_id"]) for w in writes if "import_id" in w.detail}
    older = [w for w in writes if w.action == "import" and w.id not in found]
    for write in older:
        matched = _import_at(conn, write.kind, write.at)
        if matched is not None:
            found[write.id] = matched
    return found


def _import_at(conn: sa.Connection, kind: str, at: dt.datetime) -> int | None:
    i = t.imports
    rows = conn.execute(sa.select(i.c.id, i.c.loaded_at).where(i.c.kind == kind)).all()
    # Compared in Python: SQLite keeps these times as naive text, PostgreSQL as aware timestamps.
    return next((row.id for row in rows if _utc(row.loaded_at) == at), None)


def write_entry(conn: sa.Connection, write_id: int) -> LoggedWrite | None:
    row = conn.execute(sa.select(t.write_log).where(t.write_log.c.id == write_id)).mappings().first()
    return logged_write(row) if row else None


def write_statement_ids(conn: sa.Connection, write: LoggedWrite) -> list[int]:
    """The statements an import or edit write stored."""
    import_id = _import_ids(conn, [write]).get(write.id)
    if import_id is None:
        return []
    o = t.observations
    return [row[0] for row in conn.execute(sa.select(o.c.id).where(o.c.import_id == import_id).order_by(o.c.id))]


def reverting_write(conn: sa.Connection, write_id: int) -> int | None:
    """The revert that already undid `write_id`, if any (reverts are few: read them all)."""
    w = t.write_log
    for revert_id, detail in conn.execute(sa.select(w.c.id, w.c.detail).where(w.c.action == "revert")):
        if dict(detail).get("reverted_write") == write_id:
            return int(revert_id)
    return None


def statement_records(conn: sa.Connection, observation_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(kind, record ID) of each stored statement."""
    o = t.observations
    query = sa.select(o.c.id, o.c.kind, o.c.record_id).where(o.c.id.in_(observation_ids))
    return {row.id: (row.kind, row.record_id) for row in conn.execute(query)}


def withdrawn_among(conn: sa.Connection, observation_ids: Sequence[int]) -> set[int]:
    wd = t.withdrawals
    query = sa.select(wd.c.observation_id).where(wd.c.observation_id.in_(observation_ids))
    return {row[0] for row in conn.execute(query)}


def insert_withdrawals(
    conn: sa.Connection, observation_ids: Sequence[int], write_id: int, actor: str, reason: str, at: dt.datetime
) -> None:
    rows: list[dict[str, Any]] = [
        {"observation_id": i, "withdrawn_at": at, "withdrawn_by": actor, "reason": reason, "write_id": write_id}
        for i in observation_ids
    ]
    if rows:
        conn.execute(t.withdrawals.insert(), rows)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
