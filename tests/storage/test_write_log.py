"""The write log: one append-only entry per write, in the write's own transaction, on SQLite and PostGIS."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from corridor.bootstrap import App
from corridor.logistics.scenarios import scenario_from_dict
from corridor.reference.loading import DATA
from corridor.storage import registry_store
from corridor.storage import tables as t
from corridor.storage.database import make_engine
from corridor.storage.reference_store import load_reference_data
from corridor.storage.registry_store import SqlRegistry
from corridor.storage.schema import upgrade
from corridor.storage.write_log import SqlWriteLog
from tests.conftest import Backend
from tests.factories import FIRM_HEADER, make_firm_row, snapshot, write_csv

NEW_FIRM = "mst-0100109106"  # firms with a tax code are named by it


def _log(app: App) -> SqlWriteLog:
    return SqlWriteLog(app.store.engine)


def _import_firm(app: App, tmp_path: Path, *, dry_run: bool = False) -> None:
    path = write_csv(tmp_path / "new_firms.csv", [make_firm_row()], FIRM_HEADER)
    app.registry.import_file(path, "firms", "importer", dry_run=dry_run)


def test_an_import_is_logged_with_who_what_and_which_records(loaded_app: App, tmp_path: Path) -> None:
    before = loaded_app.store.data_version()
    _import_firm(loaded_app, tmp_path)
    (entry,) = _log(loaded_app).entries(after_id=before)
    assert (entry.id, entry.actor, entry.action, entry.kind, entry.record_count) == (
        before + 1,
        "importer",
        "import",
        "firms",
        1,
    )
    assert entry.detail == {"file": "new_firms.csv", "rows": 1, "added": 1, "import_id": entry.detail["import_id"]}
    assert dt.datetime.now(dt.UTC) - entry.at < dt.timedelta(minutes=5)
    assert _log(loaded_app).records(entry.id) == [("firms", NEW_FIRM)]
    assert [e.id for e in _log(loaded_app).history("firms", NEW_FIRM)] == [entry.id]
    assert loaded_app.store.data_version() == entry.id


def test_the_bundled_data_is_in_the_log(loaded_app: App) -> None:
    actions = [(e.action, e.kind) for e in _log(loaded_app).entries()]
    assert actions[0] == ("reference_load", "reference")
    assert actions[1:] == [("import", k) for k in ("zones", "firms", "nodes", "indicators")]
    (zone_import,) = _log(loaded_app).history("zones", "kcn-pho-noi-a")
    assert zone_import.detail["file"] == "zones.csv" and zone_import.record_count == 162
    with (DATA / "registry" / "indicators.csv").open(encoding="utf-8") as handle:
        bundled_facts = len(list(csv.DictReader(handle)))
    assert len(_log(loaded_app).records(actions.index(("import", "indicators")) + 1)) == bundled_facts


def test_scenario_writes_are_logged_and_move_the_data_version(loaded_app: App) -> None:
    store = loaded_app.logistics().scenarios
    assert store is not None
    start = loaded_app.store.data_version()
    closed = scenario_from_dict({"name": "CT.04 closed", "changes": [{"kind": "close", "link": "E02"}]}, "test")
    loaded_app.logistics().save_scenario(closed, "planner")
    saved = loaded_app.store.data_version()
    assert store.delete_scenario("CT.04 closed", "reviewer")
    assert not store.delete_scenario("CT.04 closed")  # nothing to delete: nothing logged
    assert start < saved < loaded_app.store.data_version()
    history = _log(loaded_app).history("scenarios", "CT.04 closed")
    assert [(e.action, e.actor) for e in history] == [("scenario_save", "planner"), ("scenario_delete", "reviewer")]
    assert history[0].detail == {"replaced": False, "changes": 1}


def test_a_failed_write_leaves_no_log_entry(loaded_app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before, version = snapshot(loaded_app), loaded_app.store.data_version()

    def fail(*args: object) -> None:
        raise RuntimeError("disk full")

    # Observations are already inserted when the views are rebuilt: the failure must take them and the entry.
    monkeypatch.setattr(registry_store, "rebuild_views", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        _import_firm(loaded_app, tmp_path)
    monkeypatch.undo()
    _import_firm(loaded_app, tmp_path, dry_run=True)
    assert snapshot(loaded_app) == before and loaded_app.store.data_version() == version
    assert _log(loaded_app).entries(after_id=version) == []


def test_reimporting_changes_no_data_version(loaded_app: App, tmp_path: Path) -> None:
    _import_firm(loaded_app, tmp_path)
    version = loaded_app.store.data_version()
    _import_firm(loaded_app, tmp_path)
    assert loaded_app.store.data_version() == version


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE write_log SET actor = 'someone else'",
        "DELETE FROM write_log",
        "UPDATE write_log_records SET record_id = 'other'",
        "DELETE FROM write_log_records",
    ],
)
def test_the_log_refuses_changes(loaded_app: App, statement: str) -> None:
    entries = _log(loaded_app).entries()
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), loaded_app.store.engine.begin() as conn:
        conn.execute(sa.text(statement))
    assert _log(loaded_app).entries() == entries


def test_upgrading_fills_the_log_and_the_source_lists_from_earlier_writes(backend: Backend) -> None:
    """A database written before the log (revision 0003) gets its earlier writes listed, oldest first."""
    engine = make_engine(backend.databases.create(f"old{backend.counter}"))
    backend.counter += 1
    at = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    try:
        upgrade(engine, "0003")
        with engine.begin() as conn:
            load_reference_data(conn, "setup", at)
            _write_like_0003(conn, at)
        upgrade(engine)
        log = SqlWriteLog(engine)
        assert [(e.action, e.kind, e.actor) for e in log.entries()] == [
            ("reference_load", "reference", "setup"),
            ("import", "zones", "analyst"),
            ("scenario_save", "scenarios", "planner"),
        ]
        assert [e.action for e in log.history("zones", "kcn-cu")] == ["import"]
        detail = SqlRegistry(engine).detail("zones", "kcn-cu")
        assert detail is not None and detail.row["sources"][0]["states"] == {"name_vi": "KCN Cũ"}
    finally:
        engine.dispose()


def _write_like_0003(conn: sa.Connection, at: dt.datetime) -> None:
    """What an import and a scenario save left behind before the log existed."""
    source_id = conn.execute(sa.select(sa.func.min(t.sources.c.id))).scalar()
    later = at + dt.timedelta(hours=1)
    conn.execute(
        t.imports.insert().values(
            id=1, kind="zones", file_name="z.csv", row_count=1, added_count=1, loaded_at=later, loaded_by="analyst"
        )
    )
    fields = {"name_vi": "KCN Cũ"}
    conn.execute(
        t.observations.insert().values(
            kind="zones",
            record_id="kcn-cu",
            source_id=source_id,
            fields=fields,
            fields_hash="x",
            import_id=1,
            loaded_at=later,
            loaded_by="analyst",
        )
    )
    conn.execute(
        sa.text(
            "INSERT INTO zones (id, name_vi, name_folded, zone_type, status, precision, updated_at, updated_by) "
            "VALUES ('kcn-cu', 'KCN Cũ', 'kcn cu', 'KCN', 'unknown', 'unknown', :at, 'analyst')"
        ),
        {"at": later},
    )
    conn.execute(
        sa.text("INSERT INTO scenarios (name, definition, created_at, created_by) VALUES ('s', '{}', :at, 'planner')"),
        {"at": later + dt.timedelta(hours=1)},
    )
