"""Backups of every table in one portable file, restored into SQLite or PostgreSQL (docs/adr/0008).

A backup is a zip file: `manifest.json` (format, schema revision, when, and each table's row count and sha256)
and `tables/<table>.jsonl`, one canonical JSON object per row, lines sorted. The same rows give the same bytes on
either backend, so a table's sha256 is also how two databases are compared (`table_digests`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from corridor.errors import BackupRefused, InvalidInput
from corridor.i18n import mark
from corridor.storage import tables as t
from corridor.storage.database import begin_write
from corridor.storage.schema import alembic_config, head_revision, known_revisions

__all__ = [
    "BACKUP_FORMAT",
    "Manifest",
    "TableDigest",
    "check_backup",
    "restore_backup",
    "table_digests",
    "write_backup",
]

BACKUP_FORMAT = "corridor-backup/1"
MANIFEST = "manifest.json"
INSERT_CHUNK_ROWS = 1_000

CANNOT_WRITE = mark("Cannot write the backup to {path}: {reason}")
NOT_A_BACKUP = mark("{file} is not a Corridor backup ({reason}); nothing was restored")
UNKNOWN_FORMAT = mark("{file} has backup format '{found}'; this program reads '{supported}'")
NEWER_SCHEMA = mark(
    "{file} was made with schema revision {revision}, newer than this program knows ({head}); update Corridor"
)
TABLE_DAMAGED = mark(
    "{file}: table {table} does not match its checksum ({reason}); the file is damaged or was changed, "
    "nothing was restored"
)
TABLES_DIFFER = mark("{file}: the backup's tables differ from this schema's (missing: {missing}; unknown: {unknown})")
NOT_EMPTY = mark("restore needs an empty database; this one has {count} rows in table {table}")
OTHER_REVISION = mark(
    "the empty database has schema revision {target} but the backup has {revision}; "
    "restore into a database without a schema"
)
RESTORED_DIFFERS = mark("after restoring, table {table} differs from the backup ({reason}); nothing was restored")


@dataclass(frozen=True)
class TableDigest:
    """One table's content in short: its row count and the sha256 of its canonical lines."""

    table: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds; `tables` in the order they are restored (parents before children)."""

    format: str
    schema_revision: str
    created_at: str
    backend: str
    tables: tuple[TableDigest, ...]

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def to_json(self) -> str:
        data = asdict(self)
        data["tables"] = [asdict(table) for table in self.tables]
        return json.dumps(data, indent=2, ensure_ascii=False)


# -- canonical rows --------------------------------------------------------------------------------------


def _canonical_value(value: Any) -> Any:
    """A value as JSON, the same on both backends: times in UTC (SQLite keeps them without a zone, as UTC)."""
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # files kept in the database (papers' PDFs), as base64 text
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _canonical_line(row: Mapping[Any, Any]) -> str:
    values = {name: _canonical_value(value) for name, value in row.items()}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _table_lines(conn: sa.Connection, table: sa.Table) -> list[str]:
    """Every row of `table` as a canonical line, sorted by the line itself (backend collations differ)."""
    return sorted(_canonical_line(row) for row in conn.execute(sa.select(table)).mappings())


def _digest(table: str, lines: list[str]) -> TableDigest:
    return TableDigest(table, len(lines), hashlib.sha256(_jsonl(lines)).hexdigest())


def _jsonl(lines: list[str]) -> bytes:
    return "".join(f"{line}\n" for line in lines).encode()


def _backed_up_tables() -> list[sa.Table]:
    """Every table of the schema, parents before children: a table added to `tables.metadata` is included."""
    return list(t.metadata.sorted_tables)


def table_digests(engine: sa.Engine) -> dict[str, TableDigest]:
    """Row count and checksum of every table, read in one consistent snapshot."""
    with _snapshot(engine) as conn:
        return {table.name: _digest(table.name, _table_lines(conn, table)) for table in _backed_up_tables()}


# -- writing a backup ------------------------------------------------------------------------------------


@contextmanager
def _snapshot(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One read transaction for the whole backup (REPEATABLE READ on PostgreSQL; SQLite's WAL gives every read
    transaction a snapshot), so that a backup taken during an import holds all of it or none of it."""
    options: dict[str, Any] = {}
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with engine.connect().execution_options(**options) as conn, conn.begin() as transaction:
        yield conn
        transaction.rollback()  # it only read


def write_backup(engine: sa.Engine, out_path: Path) -> Manifest:
    """Write every table to `out_path` (replaced only once the whole file is written)."""
    try:
        return _write_backup_file(engine, out_path)
    except OSError as error:
        raise InvalidInput(CANNOT_WRITE, path=str(out_path), reason=error.strerror or str(error)) from error


def _write_backup_file(engine: sa.Engine, out_path: Path) -> Manifest:
    with _snapshot(engine) as conn:
        revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        folder = out_path.resolve().parent
        handle, temporary = tempfile.mkstemp(prefix=f".{out_path.name}.", dir=folder)
        os.close(handle)
        try:
            manifest = _write_archive(conn, Path(temporary), revision)
            Path(temporary).replace(out_path)
        finally:
            Path(temporary).unlink(missing_ok=True)
    return manifest


def _write_archive(conn: sa.Connection, path: Path, revision: str) -> Manifest:
    digests: list[TableDigest] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in _backed_up_tables():
            lines = _table_lines(conn, table)
            archive.writestr(_member(table.name), _jsonl(lines))
            digests.append(_digest(table.name, lines))
        created_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        manifest = Manifest(BACKUP_FORMAT, revision, created_at, conn.dialect.name, tuple(digests))
        archive.writestr(MANIFEST, manifest.to_json())
    return manifest


def _member(table: str) -> str:
    return f"tables/{table}.jsonl"


# -- checking a backup -----------------------------------------------------------------------------------


def check_backup(path: Path) -> Manifest:
    """The manifest of an intact backup; BackupRefused naming the file and table when anything is wrong."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _read_manifest(archive, path)
            for digest in manifest.tables:
                _check_table(archive, path, digest)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise BackupRefused(NOT_A_BACKUP, file=str(path), reason=str(error)) from error
    return manifest


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    data = json.loads(archive.read(MANIFEST))
    if data.get("format") != BACKUP_FORMAT:
        raise BackupRefused(UNKNOWN_FORMAT, file=str(path), found=data.get("format"), supported=BACKUP_FORMAT)
    tables = tuple(TableDigest(str(d["table"]), int(d["rows"]), str(d["sha256"])) for d in data["tables"])
    manifest = Manifest(data["format"], str(data["schema_revision"]), data["created_at"], data["backend"], tables)
    if manifest.schema_revision not in known_revisions():
        raise BackupRefused(NEWER_SCHEMA, file=str(path), revision=manifest.schema_revision, head=head_revision())
    if manifest.schema_revision == head_revision():
        _check_table_names(manifest, path)
    return manifest


def _check_table_names(manifest: Manifest, path: Path) -> None:
    """A backup of this program's schema holds exactly its tables."""
    expected = {table.name for table in _backed_up_tables()}
    found = {digest.table for digest in manifest.tables}
    if expected != found:
        missing, unknown = ", ".join(sorted(expected - found)) or "-", ", ".join(sorted(found - expected)) or "-"
        raise BackupRefused(TABLES_DIFFER, file=str(path), missing=missing, unknown=unknown)


def _check_table(archive: zipfile.ZipFile, path: Path, expected: TableDigest) -> None:
    try:
        content = archive.read(_member(expected.table))
    except (KeyError, zipfile.BadZipFile) as error:  # missing, or its compressed data fails zip's own CRC
        raise BackupRefused(TABLE_DAMAGED, file=str(path), table=expected.table, reason=str(error)) from error
    rows = content.count(b"\n")
    sha256 = hashlib.sha256(content).hexdigest()
    if rows != expected.rows or sha256 != expected.sha256:
        reason = f"{rows} rows, sha256 {sha256[:12]}; manifest: {expected.rows} rows, sha256 {expected.sha256[:12]}"
        raise BackupRefused(TABLE_DAMAGED, file=str(path), table=expected.table, reason=reason)


# -- restoring -------------------------------------------------------------------------------------------


def restore_backup(engine: sa.Engine, path: Path) -> Manifest:
    """Restore `path` into an empty database in one transaction, then upgrade it to this program's schema.

    The file is checked whole before anything is written; the target must have no schema, or one at the
    backup's revision with no rows. IDs handed out later continue after the restored ones."""
    manifest = check_backup(path)
    with begin_write(engine) as conn, zipfile.ZipFile(path) as archive:
        _prepare_schema(conn, manifest.schema_revision)
        for digest in manifest.tables:
            _insert_table(conn, digest.table, _read_rows(archive, digest.table))
        _verify_restored(conn, manifest)
        if manifest.schema_revision != head_revision():
            _upgrade_in_transaction(conn, "head")
        _continue_ids_after_restored(conn)
    return manifest


def _prepare_schema(conn: sa.Connection, revision: str) -> None:
    inspector = sa.inspect(conn)
    if not inspector.has_table("alembic_version"):
        _upgrade_in_transaction(conn, revision)
        return
    target = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    _refuse_rows(conn, set(inspector.get_table_names()))
    if target != revision:
        raise BackupRefused(OTHER_REVISION, target=target, revision=revision)


def _refuse_rows(conn: sa.Connection, existing: set[str]) -> None:
    """Refuse a target with any row in any table (zones named first: the likeliest mistake)."""
    names = sorted(existing & {table.name for table in _backed_up_tables()}, key=lambda name: name != "zones")
    for name in names:
        count = conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
        if count:
            raise BackupRefused(NOT_EMPTY, count=count, table=name)


def _upgrade_in_transaction(conn: sa.Connection, revision: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(conn), revision)


def _read_rows(archive: zipfile.ZipFile, table: str) -> list[dict[str, Any]]:
    with archive.open(_member(table)) as handle:
        return [json.loads(line) for line in handle]


def _insert_table(conn: sa.Connection, name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    target = _insert_target(name, rows[0].keys())
    decoded = [_decoded_row(target, row) for row in _parents_first(name, rows)]
    for start in range(0, len(decoded), INSERT_CHUNK_ROWS):
        conn.execute(target.insert(), decoded[start : start + INSERT_CHUNK_ROWS])


def _insert_target(name: str, columns: Any) -> sa.TableClause:
    """The table as the backup's columns name it (an older revision's may differ from this program's)."""
    known = t.metadata.tables.get(name)
    typed = [known.c[c] if known is not None and c in known.c else sa.column(c) for c in columns]
    return sa.table(name, *(sa.column(c.name, c.type) for c in typed))


def _decoded_row(target: sa.TableClause, row: dict[str, Any]) -> dict[str, Any]:
    return {name: _decoded_value(target.c[name].type, value) for name, value in row.items()}


def _decoded_value(column_type: sa.types.TypeEngine[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, sa.DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, sa.Date):
        return dt.date.fromisoformat(value)
    if isinstance(column_type, sa.LargeBinary):
        return base64.b64decode(value)
    return value


def _parents_first(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a table that refers to itself (a commune's province), each after the row it refers to."""
    table = t.metadata.tables.get(name)
    links = [
        (fk.parent.name, fk.column.name)
        for fk in (table.foreign_keys if table is not None else ())
        if fk.column.table is table
    ]
    if not links:
        return rows
    return list(_in_dependency_order(rows, links))


def _in_dependency_order(rows: list[dict[str, Any]], links: list[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    placed: set[tuple[str, Any]] = set()
    waiting = rows
    while waiting:
        ready = [row for row in waiting if all(row.get(c) is None or (p, row[c]) in placed for c, p in links)]
        if not ready:  # a cycle or a dangling reference: let the database's own check report it
            ready = waiting
        for row in ready:
            placed.update((parent, row.get(parent)) for _, parent in links)
        yield from ready
        ready_ids = {id(row) for row in ready}
        waiting = [row for row in waiting if id(row) not in ready_ids]


def _verify_restored(conn: sa.Connection, manifest: Manifest) -> None:
    """Read every restored table back: a backup of this schema must give the same checksums, an older one the
    same counts (its rows are read through this program's columns only after the upgrade)."""
    same_schema = manifest.schema_revision == head_revision()
    for expected in manifest.tables:
        if same_schema:
            found = _digest(expected.table, _table_lines(conn, t.metadata.tables[expected.table]))
        else:
            count = conn.execute(sa.select(sa.func.count()).select_from(sa.table(expected.table))).scalar_one()
            found = TableDigest(expected.table, count, expected.sha256)
        if found != expected:
            reason = f"{found.rows} rows, sha256 {found.sha256[:12]}; backup: {expected.rows}, {expected.sha256[:12]}"
            raise BackupRefused(RESTORED_DIFFERS, table=expected.table, reason=reason)


def _continue_ids_after_restored(conn: sa.Connection) -> None:
    """Move PostgreSQL's sequences past the restored IDs (SQLite continues after the largest by itself, and its
    AUTOINCREMENT counter follows explicit IDs), so that the write log's data version keeps growing."""
    if conn.dialect.name != "postgresql":
        return
    for table in _backed_up_tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, sa.Integer):
            continue
        sequence = conn.execute(sa.select(sa.func.pg_get_serial_sequence(table.name, key[0].name))).scalar()
        if sequence:
            largest = conn.execute(sa.select(sa.func.max(key[0]))).scalar()
            conn.execute(sa.select(sa.func.setval(sequence, (largest or 0) + 1, False)))
