"""Duplicates on SQL: candidate rows for entity resolution, and audited merge and unmerge of two records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from corridor.errors import InvalidInput, NotFound
from corridor.i18n import mark
from corridor.registry.duplicates import BlockingKeys
from corridor.storage import merge_store
from corridor.storage.database import begin_write
from corridor.storage.registry_store import VIEW_TABLES, rebuild_views
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlDuplicates"]

# What resolution reads of a view row (registry.duplicates.fields_from_row).
_RESOLUTION_COLUMNS = {
    "firms": ("id", "name", "tax_code", "province_id", "zone_id", "address", "lat", "lon"),
    "zones": ("id", "name_vi", "name_en", "province_id", "lat", "lon"),
}


class SqlDuplicates:
    """Reading candidates and merging records over one engine."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def resolution_rows(self, kind: str, keys: BlockingKeys | None = None) -> list[dict[str, Any]]:
        """View rows sharing a name word or tax-code root with `keys` (every row when None)."""
        with self.engine.connect() as conn:
            return resolution_rows(conn, kind, keys)

    def merge(self, kind: str, kept_id: str, merged_id: str, actor: str, score: float | None, method: str) -> int:
        with begin_write(self.engine) as conn:
            _check_mergeable(conn, kind, kept_id, merged_id)
            now = dt.datetime.now(dt.UTC)
            merge_id = merge_store.record_merge(conn, kind, kept_id, merged_id, actor, score, method, now)
            rebuild_views(conn, kind, [kept_id, merged_id])
        return merge_id

    def unmerge(self, merge_id: int, actor: str) -> dict[str, Any]:
        """Undo a merge: both records get their own view rows back, as they were before."""
        with begin_write(self.engine) as conn:
            merge = merge_store.find_merge(conn, merge_id)
            if merge is None:
                raise NotFound(mark("No merge {merge_id}"), merge_id=merge_id)
            if merge["undone_at"] is not None:
                raise InvalidInput(mark("Merge {merge_id} was already undone"), merge_id=merge_id)
            now = dt.datetime.now(dt.UTC)
            records = (merge["kept_id"], merge["merged_id"])
            detail = {"merge_id": merge_id, "kept": records[0], "merged": records[1]}
            write_id = append_write(conn, WriteEntry("unmerge", merge["kind"], actor, records, detail), now)
            merge_store.mark_undone(conn, merge_id, actor, now, write_id)
            rebuild_views(conn, merge["kind"], list(records))
        return merge

    def merged_into(self, kind: str) -> dict[str, str]:
        """Merged ID -> kept ID of the merges in force."""
        with self.engine.connect() as conn:
            return merge_store.active_merges(conn, kind)

    def merges(self, kind: str | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return merge_store.list_merges(conn, kind)


def resolution_rows(conn: sa.Connection, kind: str, keys: BlockingKeys | None) -> list[dict[str, Any]]:
    table = VIEW_TABLES[kind]
    query = sa.select(*(table.c[name] for name in _RESOLUTION_COLUMNS[kind])).order_by(table.c.id)
    if keys is not None:
        query = query.where(sa.or_(sa.false(), *_blocking_conditions(table, keys)))
    return [dict(row) for row in conn.execute(query).mappings()]


def _blocking_conditions(table: sa.Table, keys: BlockingKeys) -> Iterable[sa.ColumnElement[bool]]:
    for word in sorted(keys.words):
        yield table.c.name_folded.contains(word, autoescape=True)
    if keys.tax_root and "tax_code" in table.c:
        yield table.c.tax_code.startswith(keys.tax_root, autoescape=True)


def _check_mergeable(conn: sa.Connection, kind: str, kept_id: str, merged_id: str) -> None:
    if kept_id == merged_id:
        raise InvalidInput(mark("A record cannot be merged into itself"))
    merged_into = merge_store.active_merges(conn, kind)
    table = VIEW_TABLES[kind]
    for record_id in (kept_id, merged_id):
        if record_id in merged_into:
            raise InvalidInput(
                mark("{record} is already merged into {kept}: unmerge it first"),
                record=record_id,
                kept=merged_into[record_id],
            )
        if conn.execute(sa.select(table.c.id).where(table.c.id == record_id)).first() is None:
            raise NotFound(mark("No record {record} of this kind"), record=record_id)
