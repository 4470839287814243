"""The merges table: which records are folded into which, recorded and undone (never deleted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from corridor.storage import tables as t
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["active_merges", "find_merge", "insert_merge", "list_merges", "mark_undone", "members", "record_merge"]


def active_merges(conn: sa.Connection, kind: str) -> dict[str, str]:
    """Merged ID -> kept ID of the merges not undone (a record is merged at most once at a time)."""
    m = t.merges
    query = sa.select(m.c.merged_id, m.c.kept_id).where(m.c.kind == kind, m.c.undone_at.is_(None))
    return {str(row[0]): str(row[1]) for row in conn.execute(query)}


def members(kept_ids: Sequence[str], merged_into: dict[str, str]) -> dict[str, list[str]]:
    """Each kept ID with the IDs folded into it, itself first."""
    grouped: dict[str, list[str]] = {kept: [kept] for kept in kept_ids}
    for merged, kept in sorted(merged_into.items()):
        if kept in grouped:
            grouped[kept].append(merged)
    return grouped


def insert_merge(conn: sa.Connection, values: dict[str, Any]) -> int:
    inserted = conn.execute(t.merges.insert().values(**values))
    return int(inserted.inserted_primary_key[0])  # type: ignore[index]


def find_merge(conn: sa.Connection, merge_id: int) -> dict[str, Any] | None:
    row = conn.execute(sa.select(t.merges).where(t.merges.c.id == merge_id)).mappings().first()
    return dict(row) if row else None


def mark_undone(conn: sa.Connection, merge_id: int, actor: str, at: dt.datetime, write_id: int) -> None:
    conn.execute(
        t.merges.update().where(t.merges.c.id == merge_id).values(undone_at=at, undone_by=actor, undo_write_id=write_id)
    )


def list_merges(conn: sa.Connection, kind: str | None) -> list[dict[str, Any]]:
    query = sa.select(t.merges).order_by(t.merges.c.id)
    if kind:
        query = query.where(t.merges.c.kind == kind)
    return [dict(row) for row in conn.execute(query).mappings()]


def record_merge(
    conn: sa.Connection,
    kind: str,
    kept_id: str,
    merged_id: str,
    actor: str,
    score: float | None,
    method: str,
    now: dt.datetime,
) -> int:
    """One merges row and one write-log entry, in the caller's transaction; the caller rebuilds the views."""
    detail = {"kept": kept_id, "merged": merged_id, "score": score, "method": method}
    write_id = append_write(conn, WriteEntry("merge", kind, actor, (kept_id, merged_id), detail), now)
    return insert_merge(
        conn,
        {
            "kind": kind,
            "kept_id": kept_id,
            "merged_id": merged_id,
            "score": score,
            "method": method,
            "merged_at": now,
            "merged_by": actor,
            "write_id": write_id,
        },
    )
