"""Backup and restore: every table, row for row, on SQLite and PostGIS and across them; damaged files refused."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from corridor.bootstrap import App, backup_database, check_backup_file, open_app, restore_database
from corridor.errors import BackupRefused, InvalidInput
from corridor.logistics.scenarios import scenario_from_dict
from corridor.settings import Settings
from corridor.storage import tables as t
from corridor.storage.backup import _canonical_line, table_digests
from corridor.storage.database import make_engine
from tests.conftest import TEST_USER, Backend
from tests.factories import make_firm_row, write_csv

# Tables that are not data: Alembic's revision (kept in the manifest), PostGIS's and SQLite's own.
ADDED_BY_0006 = """users grants sessions api_tokens password_resets login_attempts proposals claims withdrawals
merges contact_consents"""
ADDED_AFTER_0006 = """inquiries inquiry_recipients
events event_registrations event_requests event_meetings event_papers event_reviews"""  # migrations 0008, 0009
NOT_DATA = {"alembic_version", "spatial_ref_sys", "sqlite_sequence"}


def _settings(url: str) -> Settings:
    return Settings(db_url=url, lang="en", user=TEST_USER)


def _blank(backend: Backend) -> str:
    """A database without a schema (a new SQLite file, or CREATE DATABASE on PostgreSQL)."""
    backend.counter += 1
    return backend.databases.create(f"blank{backend.counter}")


def _rows(url: str) -> dict[str, list[str]]:
    """Every table's rows as sorted canonical text, to compare two databases row for row."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted(map(_text, conn.execute(sa.select(table)).mappings()))
                for table in t.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def _text(row: Any) -> str:
    return _canonical_line(row)


def _write_more(app: App, tmp_path: Path) -> None:
    """An import and a scenario on top of the bundled data, so the write log has entries of several kinds."""
    path = write_csv(tmp_path / "more_firms.csv", [make_firm_row(), make_firm_row(name="Công ty Hai", tax_code="")])
    app.registry.import_file(path, "firms", "importer")
    closed = scenario_from_dict({"name": "CT.04 closed", "changes": [{"kind": "close", "link": "E02"}]}, "test")
    app.logistics().save_scenario(closed, "planner")


@pytest.fixture
def written(loaded_url: str, tmp_path: Path) -> tuple[str, Path]:
    """A loaded database with more writes, and its backup."""
    app = open_app(_settings(loaded_url))
    _write_more(app, tmp_path)
    app.store.engine.dispose()
    out = tmp_path / "corridor-backup.zip"
    backup_database(_settings(loaded_url), out)
    return loaded_url, out


def test_a_restore_reproduces_every_table_row_for_row(backend: Backend, written: tuple[str, Path]) -> None:
    source, backup = written
    target = _blank(backend)
    manifest = restore_database(_settings(target), backup)
    assert _rows(target) == _rows(source)
    assert {d.table for d in manifest.tables} == set(t.metadata.tables)
    assert sum(d.rows for d in manifest.tables if d.table == "write_log") >= 7  # reference, 4 bundled, import, scenario


def test_new_ids_continue_after_the_restored_ones(backend: Backend, written: tuple[str, Path], tmp_path: Path) -> None:
    _, backup = written
    target = _blank(backend)
    restore_database(_settings(target), backup)
    app = open_app(_settings(target))
    restored_version = app.store.data_version()
    path = write_csv(tmp_path / "after.csv", [make_firm_row(name="Công ty Sau", tax_code="")])
    app.registry.import_file(path, "firms", "importer")
    assert app.store.data_version() == restored_version + 1
    with app.store.engine.connect() as conn:
        imports = conn.execute(sa.select(sa.func.count(), sa.func.max(t.imports.c.id))).one()
    assert imports[0] == imports[1]  # the new import's ID follows the restored ones
    app.store.engine.dispose()


def test_every_table_of_the_schema_is_in_the_backup(backend: Backend, written: tuple[str, Path]) -> None:
    source, backup = written
    engine = make_engine(source)
    in_database = set(sa.inspect(engine).get_table_names()) - NOT_DATA
    engine.dispose()
    with zipfile.ZipFile(backup) as archive:
        files = {
            name.removeprefix("tables/").removesuffix(".jsonl")
            for name in archive.namelist()
            if name.startswith("tables/")
        }
    assert files == in_database == set(t.metadata.tables)


@pytest.mark.postgis
def test_a_sqlite_backup_restores_into_postgis_and_back(
    sqlite_backend: Backend, postgis_backend: Backend, tmp_path: Path
) -> None:
    source = sqlite_backend.clone("loaded")
    app = open_app(_settings(source))
    _write_more(app, tmp_path)
    app.store.engine.dispose()
    backup_database(_settings(source), tmp_path / "from-sqlite.zip")
    postgis = _blank(postgis_backend)
    restore_database(_settings(postgis), tmp_path / "from-sqlite.zip")
    assert _rows(postgis) == _rows(source)
    backup_database(_settings(postgis), tmp_path / "from-postgis.zip")
    back = _blank(sqlite_backend)
    restore_database(_settings(back), tmp_path / "from-postgis.zip")
    assert _rows(back) == _rows(source)


def _tampered(backup: Path, out: Path, table: str, change: Any) -> Path:
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            copy.writestr(item, change(data) if item.filename == f"tables/{table}.jsonl" else data)
    return out


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda data: data.replace(b'"KCN', b'"KCX', 1), id="one value changed"),
        pytest.param(lambda data: data[: len(data) // 2], id="rows cut off"),
    ],
)
def test_a_damaged_backup_is_refused_naming_file_and_table_and_nothing_is_written(
    backend: Backend, written: tuple[str, Path], tmp_path: Path, change: Any
) -> None:
    _, backup = written
    bad = _tampered(backup, tmp_path / "bad.zip", "zones", change)
    target = _blank(backend)
    with pytest.raises(BackupRefused, match=r"bad\.zip: table zones does not match its checksum"):
        check_backup_file(bad)
    with pytest.raises(BackupRefused, match="table zones"):
        restore_database(_settings(target), bad)
    engine = make_engine(target)
    assert sa.inspect(engine).get_table_names() == []  # not even the schema
    engine.dispose()


def test_a_truncated_file_is_refused(written: tuple[str, Path], tmp_path: Path) -> None:
    _, backup = written
    cut = tmp_path / "cut.zip"
    cut.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    with pytest.raises(BackupRefused, match=r"cut\.zip is not a Corridor backup"):
        check_backup_file(cut)


def test_a_restore_into_a_database_with_data_is_refused(backend: Backend, written: tuple[str, Path]) -> None:
    _, backup = written
    target = backend.clone("loaded")
    before = _rows(target)
    with pytest.raises(BackupRefused, match="restore needs an empty database; this one has 162 rows in table zones"):
        restore_database(_settings(target), backup)
    assert _rows(target) == before


def test_a_backup_of_a_newer_schema_is_refused(written: tuple[str, Path], tmp_path: Path) -> None:
    _, backup = written
    newer = _with_manifest(backup, tmp_path / "newer.zip", lambda m: {**m, "schema_revision": "9999"})
    with pytest.raises(BackupRefused, match="schema revision 9999, newer than this program knows"):
        check_backup_file(newer)


def test_a_backup_of_an_older_schema_is_restored_then_upgraded(
    backend: Backend, written: tuple[str, Path], tmp_path: Path
) -> None:
    """A backup from revision 0005 (before the accounts tables) restores at 0005 and is upgraded to the head."""
    source, backup = written
    added_by_0006 = frozenset(ADDED_BY_0006.split()) | frozenset(ADDED_AFTER_0006.split())

    def at_0005(manifest: dict[str, Any]) -> dict[str, Any]:
        tables = [d for d in manifest["tables"] if d["table"] not in added_by_0006]
        return {**manifest, "schema_revision": "0005", "tables": tables}

    status = {"indicators": frozenset({"status"})}  # added by 0007
    older = _with_manifest(backup, tmp_path / "older.zip", at_0005, drop=added_by_0006, columns_left_out=status)
    target = _blank(backend)
    restore_database(_settings(target), older)
    expected = _rows(source)
    expected["indicators"] = sorted(
        _canonical_line({**json.loads(line), "status": None}) for line in expected["indicators"]
    )
    assert _rows(target) == expected
    open_app(_settings(target)).store.engine.dispose()  # the schema is current


def _with_manifest(
    backup: Path,
    out: Path,
    edit: Any,
    drop: frozenset[str] = frozenset(),
    columns_left_out: Mapping[str, frozenset[str]] | None = None,
) -> Path:
    """A copy of `backup` with its manifest edited, tables dropped, and columns left out of some tables' rows (as a
    backup made before those columns existed), their digests written anew."""
    left_out = columns_left_out or {}
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(out, "w") as copy:
        tables = {}
        for item in source.infolist():
            table = item.filename.removeprefix("tables/").removesuffix(".jsonl")
            if item.filename != "manifest.json" and table not in drop:
                tables[item.filename] = _without_columns(source.read(item), left_out.get(table, frozenset()))
        manifest = edit(json.loads(source.read("manifest.json")))
        for digest in manifest["tables"]:
            data = tables[f"tables/{digest['table']}.jsonl"]
            digest["rows"], digest["sha256"] = data.count(b"\n"), hashlib.sha256(data).hexdigest()
        copy.writestr("manifest.json", json.dumps(manifest))
        for name, data in tables.items():
            copy.writestr(name, data)
    return out


def _without_columns(jsonl: bytes, columns: frozenset[str]) -> bytes:
    if not columns:
        return jsonl
    rows = [json.loads(line) for line in jsonl.decode().splitlines()]
    lines = sorted(_canonical_line({k: v for k, v in row.items() if k not in columns}) for row in rows)
    return "".join(f"{line}\n" for line in lines).encode()


def test_digests_see_any_change(loaded_url: str, tmp_path: Path) -> None:
    engine = make_engine(loaded_url)
    before = table_digests(engine)
    app = open_app(_settings(loaded_url))
    _write_more(app, tmp_path)
    app.store.engine.dispose()
    after = table_digests(engine)
    engine.dispose()
    changed = {name for name in before if before[name] != after[name]}
    assert {"firms", "observations", "write_log", "write_log_records", "imports", "scenarios"} <= changed
    assert "zones" not in changed


def test_a_backup_into_a_missing_folder_is_a_clear_error(loaded_url: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"Cannot write the backup to .*no-such-folder.*No such file or directory"):
        backup_database(_settings(loaded_url), tmp_path / "no-such-folder" / "backup.zip")


def test_a_backup_reads_one_snapshot_even_when_a_write_commits_meanwhile(loaded_url: str, tmp_path: Path) -> None:
    """What `corridor backup` reads all comes from the moment it began: a write committed halfway is not in it."""
    from corridor.storage.backup import _snapshot

    app = open_app(_settings(loaded_url))
    try:
        with _snapshot(app.store.engine) as conn:
            firms_before = conn.execute(sa.select(sa.func.count()).select_from(t.firms)).scalar_one()
            _write_more(app, tmp_path)  # commits on another connection while the backup is reading
            firms_seen = conn.execute(sa.select(sa.func.count()).select_from(t.firms)).scalar_one()
            version_seen = conn.execute(sa.select(sa.func.max(t.write_log.c.id))).scalar_one()
        assert firms_seen == firms_before
        assert version_seen < app.store.data_version()
    finally:
        app.store.engine.dispose()
