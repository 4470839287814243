"""The registry on SQL: writing observations all-or-nothing, rebuilding the views, and querying them."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from corridor.errors import InvalidInput, NotFound
from corridor.reference.admin import AdminIndex
from corridor.reference.names import fold_name
from corridor.registry.history import LoggedChange, RevertTarget
from corridor.registry.kinds import ViewBuilder, record_kind
from corridor.registry.models import (
    AutoMerge,
    ImportResult,
    Observation,
    RecordDetail,
    SourceRef,
    Statement,
    Withdrawal,
)
from corridor.registry.queries import RecordQuery
from corridor.registry.validation import References
from corridor.registry.views import merge_observations, source_list
from corridor.storage import history_store, merge_store, reference_store, write_log
from corridor.storage import tables as t
from corridor.storage.database import begin_write, vietnamese_order
from corridor.storage.reference_store import ensure_source, insert_chunked
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlRegistry", "rebuild_views", "refresh_source_lists"]

VIEW_TABLES = {"zones": t.zones, "firms": t.firms, "nodes": t.nodes, "needs": t.needs, "offers": t.offers}
UNIT_COLUMNS = ("province_id", "province_pre2025_id", "place_id")
ID_CHUNK = 500


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def fields_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class SqlRegistry:
    """Registry storage over one SQLAlchemy engine (SQLite or PostgreSQL/PostGIS)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- reading reference data -------------------------------------------------------------------------

    def admin_index(self) -> AdminIndex:
        with self.engine.connect() as conn:
            return reference_store.admin_index(conn)

    def references(self) -> References:
        with self.engine.connect() as conn:
            hs, vsic = reference_store.code_sets(conn)
            zone_rows = conn.execute(
                sa.select(t.zones.c.id, t.zones.c.name_vi, t.zones.c.name_en, t.zones.c.established)
            ).all()
            firm_rows = conn.execute(sa.select(t.firms.c.id, t.firms.c.name)).all()
            admin = reference_store.admin_index(conn)
            merged_firms = merge_store.active_merges(conn, "firms")
        zone_ids: dict[str, str] = {}
        established = {zone_id: text for zone_id, _, _, text in zone_rows if text}
        for zone_id, name_vi, name_en, _ in zone_rows:
            for key in (zone_id, name_vi, name_en):
                if key:
                    zone_ids[fold_name(key)] = zone_id
        firm_ids = {fold_name(key): firm_id for firm_id, name in firm_rows for key in (firm_id, name)}
        # a need or offer may still name a firm merged into another: it refers to the kept firm
        firm_ids |= {fold_name(merged): kept for merged, kept in merged_firms.items() if kept in firm_ids.values()}
        return References(
            admin=admin,
            zone_ids=zone_ids,
            firm_ids=firm_ids,
            hs_codes=hs,
            vsic_codes=vsic,
            zone_established=established,
        )

    def is_initialised(self) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.execute(sa.select(sa.func.count()).select_from(t.admin_units)).scalar())

    def load_reference_data(self, user: str) -> None:
        with begin_write(self.engine) as conn:
            loaded = reference_store.load_reference_data(conn, user, _now())
            if loaded:
                append_write(conn, WriteEntry("reference_load", "reference", user, detail=loaded))

    # -- writing ------------------------------------------------------------------------------------------

    def write_statements(
        self,
        kind: str,
        file_name: str,
        statements: Sequence[Statement],
        user: str,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
        merges: Sequence[AutoMerge] = (),
    ) -> ImportResult:
        """Store every statement in one transaction (or none, on any failure or a dry run); `merges` fold new
        records into stored ones in the same transaction (automatic merges of entity resolution)."""
        result = ImportResult(kind, file_name, len(statements), 0, 0, dry_run)
        try:
            with begin_write(self.engine) as conn:
                added = self._write(conn, kind, file_name, statements, user, progress, merges=merges)
                result.added, result.unchanged = added, len(statements) - added
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return result

    def _write(
        self,
        conn: sa.Connection,
        kind: str,
        file_name: str,
        statements: Sequence[Statement],
        user: str,
        progress: Callable[[int], None] | None,
        action: str = "import",
        merges: Sequence[AutoMerge] = (),
    ) -> int:
        now = _now()
        source_ids = self._source_ids(conn, {s.source for s in statements}, user, now)
        import_id = conn.execute(
            t.imports.insert().values(
                kind=kind,
                file_name=file_name,
                row_count=len(statements),
                added_count=0,
                loaded_at=now,
                loaded_by=user,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        if kind == "indicators":
            touched = self._write_indicators(conn, statements, source_ids, user, now)
            added = len(touched)
        else:
            changed = self._write_observations(conn, kind, statements, source_ids, import_id, user, now)
            added, touched = len(changed), sorted({row["record_id"] for row in changed})
            for merge in merges:
                merge_store.record_merge(
                    conn, kind, merge.kept_id, merge.merged_id, user, merge.score, "automatic", now
                )
            touched = sorted({*touched, *(merge.kept_id for merge in merges)})
            # Only records with a new statement can have a different view.
            rebuild_views(conn, kind, touched, progress)
        conn.execute(t.imports.update().where(t.imports.c.id == import_id).values(added_count=added))
        if added:  # a file that adds nothing changes nothing that readers see, so it moves no data version
            detail = {"file": file_name, "rows": len(statements), "added": added, "import_id": import_id}
            append_write(conn, WriteEntry(action, kind, user, touched, detail), now)
        return added

    def write_edit(self, kind: str, statement: Statement, actor: str) -> tuple[int, int]:
        """Store one person's statement about one record and rebuild its view, all or nothing; returns the IDs of
        the write and of the statement."""
        with begin_write(self.engine) as conn:
            return self.write_edit_in(conn, kind, statement, actor)

    def write_edit_in(self, conn: sa.Connection, kind: str, statement: Statement, actor: str) -> tuple[int, int]:
        """`write_edit` inside the caller's transaction (publishing a proposal decides it in the same one)."""
        if self._write(conn, kind, "edit", [statement], actor, None, action="edit"):
            o = t.observations
            newest = sa.select(sa.func.max(o.c.id)).where(o.c.kind == kind, o.c.record_id == statement.record_id)
            return write_log.data_version(conn), int(conn.execute(newest).scalar_one())
        raise InvalidInput(
            "Nothing to change: this source already states these values for {record}", record=statement.record_id
        )

    def write_new_record_in(
        self, conn: sa.Connection, kind: str, file_name: str, statement: Statement, actor: str
    ) -> int:
        """A new record's first statement as a one-row import inside the caller's transaction; the write's ID."""
        if not self._write(conn, kind, file_name, [statement], actor, None):
            raise InvalidInput(
                "{record} exists already; propose a correction on its page instead", record=statement.record_id
            )
        return write_log.data_version(conn)

    def withdraw_statements(
        self, observation_ids: Sequence[int], actor: str, action: str, detail: dict[str, Any]
    ) -> int:
        """Take statements of one kind out of the views in one transaction, logging one write; returns its ID."""
        with begin_write(self.engine) as conn:
            records = history_store.statement_records(conn, observation_ids)
            missing = sorted(set(observation_ids) - set(records))
            if missing:
                raise NotFound("No statement {id}", id=missing[0])
            kind = next(iter(records.values()))[0]
            record_ids = sorted({record_id for _, record_id in records.values()})
            now = _now()
            # Appended before the check: on PostgreSQL the log's lock makes a concurrent withdrawal of the same
            # statement wait for this one and then see it withdrawn, instead of failing on the key.
            write_id = append_write(conn, WriteEntry(action, kind, actor, record_ids, detail), now)
            already = sorted(history_store.withdrawn_among(conn, observation_ids))
            if already:
                raise InvalidInput("Statement {id} is already withdrawn", id=already[0])
            history_store.insert_withdrawals(conn, observation_ids, write_id, actor, str(detail.get("reason", "")), now)
            rebuild_views(conn, kind, record_ids)
            return write_id

    def write_to_revert(self, write_id: int) -> RevertTarget:
        """The write, the statements it stored, those already withdrawn, and the revert that undid it (if any)."""
        with self.engine.connect() as conn:
            write = history_store.write_entry(conn, write_id)
            if write is None:
                raise NotFound("No write {id} in the write log", id=write_id)
            stored = history_store.write_statement_ids(conn, write)
            return RevertTarget(
                write.id,
                write.action,
                write.kind,
                stored,
                history_store.withdrawn_among(conn, stored),
                history_store.reverting_write(conn, write_id),
            )

    def record_changes(self, kind: str, record_id: str) -> tuple[list[LoggedChange], list[Observation]]:
        """The writes that touched a record and all its statements, withdrawn ones marked."""
        with self.engine.connect() as conn:
            changes = history_store.record_changes(conn, kind, record_id)
            observations = _observations_by_record(conn, kind, [record_id], withdrawn="mark").get(record_id, [])
        return changes, observations

    def _source_ids(
        self, conn: sa.Connection, sources: set[SourceRef], user: str, now: dt.datetime
    ) -> dict[SourceRef, int]:
        existing = {
            SourceRef(row.title, row.url, row.as_of): row.id
            for row in conn.execute(sa.select(t.sources.c.id, t.sources.c.title, t.sources.c.url, t.sources.c.as_of))
        }
        for source in sorted(sources, key=lambda s: (s.title, s.url, s.as_of)):
            if source not in existing:
                existing[source] = ensure_source(conn, source.title, source.url, source.as_of, user, now)
        return existing

    def _write_observations(
        self,
        conn: sa.Connection,
        kind: str,
        statements: Sequence[Statement],
        source_ids: dict[SourceRef, int],
        import_id: int,
        user: str,
        now: dt.datetime,
    ) -> list[dict[str, Any]]:
        """Insert the statements not stored yet; returns the inserted rows."""
        o = t.observations
        known = {
            tuple(row)
            for row in conn.execute(sa.select(o.c.record_id, o.c.source_id, o.c.fields_hash).where(o.c.kind == kind))
        }
        new_rows = []
        for statement in statements:
            digest = fields_hash(statement.fields)
            key = (statement.record_id, source_ids[statement.source], digest)
            if key not in known:
                known.add(key)
                new_rows.append(
                    {
                        "kind": kind,
                        "record_id": statement.record_id,
                        "source_id": key[1],
                        "fields": statement.fields,
                        "fields_hash": digest,
                        "import_id": import_id,
                        "loaded_at": now,
                        "loaded_by": user,
                    }
                )
        insert_chunked(conn, o, new_rows)
        return new_rows

    def _write_indicators(
        self,
        conn: sa.Connection,
        statements: Sequence[Statement],
        source_ids: dict[SourceRef, int],
        user: str,
        now: dt.datetime,
    ) -> list[str]:
        """Insert the facts not stored yet; returns their IDs."""
        i = t.indicators
        known = {
            tuple(row)
            for row in conn.execute(sa.select(i.c.locality_id, i.c.year, i.c.indicator, i.c.source_id, i.c.value))
        }
        rows = []
        for statement in statements:
            f = statement.fields
            row = {
                "locality_id": f["locality"],
                "year": f.get("year"),
                "indicator": f["indicator"],
                "source_id": source_ids[statement.source],
                "value": f["value"],
            }
            if tuple(row.values()) not in known:
                known.add(tuple(row.values()))
                rows.append(
                    {
                        **row,
                        "locality_label": f.get("locality_label", f["locality"]),
                        "unit": f["unit"],
                        "note": f.get("note"),
                        "status": f.get("status"),
                        "loaded_at": now,
                        "loaded_by": user,
                    }
                )
        return [str(row.id) for row in _insert_returning_ids(conn, i, rows)]

    # -- reading records ---------------------------------------------------------------------------------

    def observations(self, kind: str, record_id: str) -> list[Observation]:
        with self.engine.connect() as conn:
            return _observations_by_record(conn, kind, [record_id]).get(record_id, [])

    def all_observations(self, kind: str, *, withdrawn: bool = False) -> Iterator[Observation]:
        """Every statement of a kind, by record; withdrawn ones only with `withdrawn`, marked."""
        mode = "mark" if withdrawn else "leave_out"
        with self.engine.connect() as conn:
            ids = [
                row[0]
                for row in conn.execute(
                    sa.select(t.observations.c.record_id).where(t.observations.c.kind == kind).distinct()
                )
            ]
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start : start + ID_CHUNK]
                for group in _observations_by_record(conn, kind, chunk, withdrawn=mode).values():
                    yield from sorted(group, key=lambda o: o.order)

    def indicator_rows(self) -> list[dict[str, Any]]:
        i, s = t.indicators, t.sources
        query = (
            sa.select(
                i,
                s.c.title.label("source_title"),
                s.c.url.label("source_url"),
                s.c.as_of.label("source_date"),
            )
            .join(s, s.c.id == i.c.source_id)
            .order_by(i.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def find(self, kind: str, query: RecordQuery) -> list[dict[str, Any]]:
        """View rows without their source lists (lists show no sources; `detail` reads them)."""
        with self.engine.connect() as conn:
            return _found_rows(conn, kind, query)

    def count(self, kind: str, query: RecordQuery) -> int:
        with self.engine.connect() as conn:
            return _count(conn, kind, query)

    def page(self, kind: str, query: RecordQuery) -> tuple[list[dict[str, Any]], int, dict[str, str]]:
        """`find`'s rows, how many rows match in all, and the names of the rows' units, over one connection
        (a connection per read cost a list request as much as its rows). The count is left out when the page
        itself shows the total: a first or middle page that is not full ends the matches."""
        with self.engine.connect() as conn:
            rows = _found_rows(conn, kind, query)
            if query.limit is None:  # no paging: every match is here
                total = len(rows)
            elif 0 < len(rows) < query.limit or (not rows and query.offset == 0):
                total = query.offset + len(rows)
            else:
                total = _count(conn, kind, query)
            ids = [row[column] for row in rows for column in UNIT_COLUMNS if row.get(column)]
            return rows, total, reference_store.unit_names(conn, ids)

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        table = VIEW_TABLES[kind]
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == record_id)).mappings().first()
        return dict(row) if row else None

    def detail(self, kind: str, record_id: str) -> RecordDetail | None:
        """The view row with its stored source list and unit names in one indexed query; a zone's firms in a
        second."""
        with self.engine.connect() as conn:
            found = conn.execute(_detail_query(kind), {"record_id": record_id}).mappings().first()
            if found is None:
                return None
            row = dict(found)
            names = _pop_unit_names(row)
            firms = _zone_firms(conn, record_id) if kind == "zones" else []
        return RecordDetail(row, names, firms)

    def unit_names(self, ids: list[str]) -> dict[str, str]:
        with self.engine.connect() as conn:
            return reference_store.unit_names(conn, ids)

    def corridor_units(self, corridor_id: str, on: dt.date) -> list[str]:
        with self.engine.connect() as conn:
            return reference_store.corridor_units(conn, corridor_id, on)

    def data_version(self) -> int:
        """Changes with every write of any kind, scenarios included: the newest entry of the write log."""
        with self.engine.connect() as conn:
            return write_log.data_version(conn)

    def table_counts(self) -> dict[str, int]:
        counted = {
            "zones": t.zones,
            "firms": t.firms,
            "nodes": t.nodes,
            "indicators": t.indicators,
            "sources": t.sources,
            "observations": t.observations,
            "admin_units": t.admin_units,
            "write_log": t.write_log,
        }
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
                for name, table in counted.items()
            }

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn


def rebuild_views(
    conn: sa.Connection,
    kind: str,
    record_ids: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> None:
    """Rebuild the view rows of `record_ids` from their statements that are not withdrawn; a record with none left
    goes. A record merged into another has no row of its own: its statements join the kept record's (merges table),
    so undoing the merge restores both rows."""
    admin = reference_store.admin_index(conn)
    table, build = VIEW_TABLES[kind], record_kind(kind, records_only=True).view
    assert build is not None
    merged_into = merge_store.active_merges(conn, kind)
    folded = [record_id for record_id in record_ids if record_id in merged_into]
    if folded:
        conn.execute(table.delete().where(table.c.id.in_(folded)))
    kept_ids = sorted({merged_into.get(record_id, record_id) for record_id in record_ids})
    members = merge_store.members(kept_ids, merged_into)
    for start in range(0, len(kept_ids), ID_CHUNK):
        chunk = kept_ids[start : start + ID_CHUNK]
        grouped = _observations_by_record(conn, kind, [m for kept in chunk for m in members[kept]])
        rows = []
        for record_id in chunk:
            observations = sorted((o for m in members[record_id] for o in grouped.get(m, [])), key=lambda o: o.order)
            if observations:
                rows.append(_view_row(table, build, record_id, observations, admin))
        conn.execute(table.delete().where(table.c.id.in_(chunk)))
        insert_chunked(conn, table, rows)
        if progress:
            progress(len(chunk))


def _view_row(
    table: sa.Table, build: ViewBuilder, record_id: str, observations: list[Observation], admin: AdminIndex
) -> dict[str, Any]:
    merged = merge_observations(observations)
    row = build(record_id, merged, admin)
    newest = max(observations, key=lambda o: (o.loaded_at, o.order))
    row.update(
        source_id=merged.headline.source_id,
        as_of=merged.headline.source.as_of,
        # The newest stored statement's time and author, not the rebuild's: after a withdrawal or a revert the
        # view reads exactly as it did before the withdrawn statement came.
        updated_at=newest.loaded_at,
        updated_by=newest.loaded_by,
        # Listed now, so that showing the record reads one row and merges nothing.
        sources=source_list(merged),
    )
    return {key: value for key, value in row.items() if key in table.c}


def refresh_source_lists(conn: sa.Connection) -> None:
    """List every record's sources in its view row (for databases written before the views kept them)."""
    # Migration 0004 runs this before 0006 creates `withdrawals`; then nothing can be withdrawn yet.
    withdrawn = "leave_out" if sa.inspect(conn).has_table("withdrawals") else "no_table"
    for kind, table in VIEW_TABLES.items():
        ids = [row[0] for row in conn.execute(sa.select(table.c.id))]
        statement = (
            table.update()
            .where(table.c.id == sa.bindparam("record"))
            .values(sources=sa.bindparam("listed", type_=sa.JSON))
        )
        for start in range(0, len(ids), ID_CHUNK):
            grouped = _observations_by_record(conn, kind, ids[start : start + ID_CHUNK], withdrawn=withdrawn)
            updates = [
                {"record": record_id, "listed": source_list(merge_observations(observations))}
                for record_id, observations in grouped.items()
            ]
            if updates:
                conn.execute(statement, updates)


def _observations_by_record(
    conn: sa.Connection, kind: str, record_ids: list[str], *, withdrawn: str = "leave_out"
) -> dict[str, list[Observation]]:
    """The records' statements in storage order. Withdrawn ones are left out (views), or kept and marked
    (`withdrawn="mark"`: history); "no_table" while migrating a database from before `withdrawals` existed."""
    o, s, w = t.observations, t.sources, t.withdrawals
    query = (
        sa.select(o, s.c.title, s.c.url, s.c.as_of)
        .join(s, s.c.id == o.c.source_id)
        .where(o.c.kind == kind, o.c.record_id.in_(record_ids))
        .order_by(o.c.id)
    )
    if withdrawn == "mark":
        query = query.outerjoin(w, w.c.observation_id == o.c.id).add_columns(
            w.c.write_id.label("withdrawn_write"), w.c.withdrawn_at, w.c.withdrawn_by, w.c.reason
        )
    elif withdrawn == "leave_out":
        query = query.where(~sa.exists().where(w.c.observation_id == o.c.id))
    grouped: dict[str, list[Observation]] = defaultdict(list)
    for row in conn.execute(query).mappings():
        grouped[row["record_id"]].append(_observation(row))
    return grouped


def _observation(row: Any) -> Observation:
    withdrawal = None
    if row.get("withdrawn_write") is not None:
        withdrawal = Withdrawal(row["withdrawn_write"], _utc(row["withdrawn_at"]), row["withdrawn_by"], row["reason"])
    return Observation(
        row["record_id"],
        dict(row["fields"]),
        SourceRef(row["title"], row["url"], row["as_of"]),
        row["source_id"],
        _utc(row["loaded_at"]),
        row["loaded_by"],
        row["id"],
        withdrawal,
    )


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@functools.cache
def _detail_query(kind: str) -> sa.Select[Any]:
    """The row joined to the names of the units it refers to (each unit column an outer join on a key); built
    once per kind, since building the aliases costs more than running the query."""
    table = VIEW_TABLES[kind]
    columns: list[Any] = list(table.c)
    joined: sa.FromClause = table
    for column in UNIT_COLUMNS:
        if column in table.c:
            unit = t.admin_units.alias(f"{column}_unit")
            joined = joined.outerjoin(unit, unit.c.id == table.c[column])
            columns.append(unit.c.name.label(f"{column}_name"))
    return sa.select(*columns).select_from(joined).where(table.c.id == sa.bindparam("record_id"))


def _pop_unit_names(row: dict[str, Any]) -> dict[str, str]:
    names = {}
    for column in UNIT_COLUMNS:
        name = row.pop(f"{column}_name", None)
        if row.get(column) and name:
            names[row[column]] = name
    return names


_ZONE_FIRMS = (
    sa.select(t.firms.c.id, t.firms.c.name, t.firms.c.role)
    .where(t.firms.c.zone_id == sa.bindparam("zone_id"))
    .order_by(vietnamese_order(t.firms.c.name), t.firms.c.id)
)


def _zone_firms(conn: sa.Connection, zone_id: str) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.execute(_ZONE_FIRMS, {"zone_id": zone_id}).mappings()]


def _insert_returning_ids(conn: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> list[Any]:
    inserted: list[Any] = []
    for start in range(0, len(rows), reference_store.CHUNK):
        inserted += conn.execute(
            table.insert().returning(table.c.id), list(rows[start : start + reference_store.CHUNK])
        )
    return inserted


def _conditions(table: sa.Table, query: RecordQuery) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if query.ids is not None:
        conditions.append(table.c.id.in_(query.ids))
    if query.text:
        folded = table.c.name_folded if "name_folded" in table.c else table.c.text_folded
        searches = [fold_name(text).split() for text in (query.text, *query.text_alternatives)]
        matched = [sa.and_(*(folded.contains(word, autoescape=True) for word in words)) for words in searches if words]
        if matched:
            conditions.append(sa.or_(*matched))
    for column, values in query.equals.items():
        conditions.append(table.c[column].in_(values))
    for column, minimum in query.at_least.items():
        conditions.append(table.c[column] >= minimum)
    if query.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        conditions += [table.c.lon.between(min_lon, max_lon), table.c.lat.between(min_lat, max_lat)]
    for column, code in query.code_prefix.items():
        conditions.append(sa.or_(table.c[column].startswith(code), table.c[column].contains(";" + code)))
    return conditions


def _order(table: sa.Table, query: RecordQuery) -> list[sa.ColumnElement[Any]]:
    name = vietnamese_order(_name_column(table))
    if query.sort and query.sort.lstrip("-") in table.c:
        column: sa.ColumnElement[Any] = table.c[query.sort.lstrip("-")]
        if isinstance(column.type, sa.String):
            column = vietnamese_order(column)
        ordered = column.desc().nulls_last() if query.sort.startswith("-") else column.asc().nulls_last()
        return [ordered, name, table.c.id]  # the ID last: the same order whether a page or every row is read
    return [name, table.c.id]


def _name_column(table: sa.Table) -> sa.ColumnElement[Any]:
    for column in ("name_vi", "name", "text_folded"):
        if column in table.c:
            return table.c[column]
    raise KeyError(table.name)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _found_rows(conn: sa.Connection, kind: str, query: RecordQuery) -> list[dict[str, Any]]:
    table = VIEW_TABLES[kind]
    listed = [column for column in table.c if column.name != "sources"]
    statement = sa.select(*listed).where(*_conditions(table, query)).order_by(*_order(table, query))
    if query.limit is not None:
        statement = statement.limit(query.limit).offset(query.offset)
    result = conn.execute(statement)
    keys = list(result.keys())
    # zip on plain rows: a third of the cost of RowMapping -> dict on a page of 100 rows
    return [dict(zip(keys, row, strict=True)) for row in result]


def _count(conn: sa.Connection, kind: str, query: RecordQuery) -> int:
    table = VIEW_TABLES[kind]
    statement = sa.select(sa.func.count()).select_from(table).where(*_conditions(table, query))
    return int(conn.execute(statement).scalar() or 0)
