"""A killed import loses nothing and leaves nothing; imports at once never lose rows; reads go on during imports.

Imports run as real `corridor import` processes on SYNTHETIC firm files. The tests wait for states they can
see (a write transaction that holds rows on the server or in SQLite's write-ahead log), polling with deadlines;
no sleep is an assertion.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from corridor.bootstrap import open_app
from corridor.settings import Settings
from corridor.storage import tables as t
from corridor.storage.backup import table_digests
from corridor.storage.database import make_engine
from tests.conftest import TEST_USER, Backend
from tests.factories import make_firm_row, write_csv, write_synthetic_firms

BIG_IMPORT_ROWS = 50_000
DEADLINE_S = 120.0
ROOT = Path(__file__).resolve().parents[2]


def _corridor(url: str, *args: str, wait_s: float = 60) -> subprocess.Popen[str]:
    """`corridor --db URL ARGS` in a new process (the installed program's entry point, this checkout's code)."""
    env = {
        **os.environ,
        "CORRIDOR_LANG": "en",
        "CORRIDOR_USER": TEST_USER,
        "CORRIDOR_WRITE_WAIT_S": str(wait_s),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-c", "from corridor.cli.main import app; app()", "--db", url, *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _import(url: str, path: Path, wait_s: float = 60) -> subprocess.Popen[str]:
    return _corridor(url, "import", str(path), "--kind", "firms", wait_s=wait_s)


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if process.poll() is not None:
            _, stderr = process.communicate()
            pytest.fail(f"the import ended (exit {process.returncode}) before {what}: {stderr[-2000:]}")
        assert time.monotonic() < deadline, f"no sign of {what} within {DEADLINE_S} s"
        time.sleep(0.05)


# -- seeing an import in the middle of its transaction --------------------------------------------------


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _sqlite_write_locked(url: str) -> bool:
    """True while another connection holds SQLite's write lock (it has begun a write transaction)."""
    connection = sqlite3.connect(_sqlite_path(url), timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error) or "busy" in str(error), error
        return True
    finally:
        connection.close()


def _sqlite_writing(url: str, wal_bytes_before: int) -> Callable[[], bool]:
    """The import holds the write lock and its uncommitted rows have spilled into the write-ahead log."""
    wal = _sqlite_path(url).with_name(_sqlite_path(url).name + "-wal")
    return lambda: _sqlite_write_locked(url) and wal.exists() and wal.stat().st_size > wal_bytes_before


def _postgres_writing(url: str) -> Callable[[], bool]:
    """A session on the database has written rows not yet committed (PostgreSQL gave it a transaction ID)."""
    database = url.rsplit("/", 1)[1]
    query = (
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = %s AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )

    def writing() -> bool:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
            row = conn.execute(query, (database,)).fetchone()
        return bool(row and row[0])

    return writing


def _writing(url: str) -> Callable[[], bool]:
    if url.startswith("sqlite"):
        wal = _sqlite_path(url).with_name(_sqlite_path(url).name + "-wal")
        return _sqlite_writing(url, wal.stat().st_size if wal.exists() else 0)
    return _postgres_writing(url)


@contextmanager
def _engine(url: str) -> Iterator[sa.Engine]:
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _firm_count(url: str) -> int:
    with _engine(url) as engine, engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(t.firms)).scalar_one())


# -- the tests ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_firms(tmp_path_factory.mktemp("big") / "synthetic_firms.csv", BIG_IMPORT_ROWS)


def test_a_killed_import_leaves_every_table_as_it_was(loaded_url: str, big_file: Path, tmp_path: Path) -> None:
    with _engine(loaded_url) as engine:
        before = table_digests(engine)
    writing = _writing(loaded_url)
    importing = _import(loaded_url, big_file)
    _wait_until(writing, importing, "the import wrote rows")
    importing.send_signal(signal.SIGKILL)
    importing.communicate()
    assert importing.returncode == -signal.SIGKILL
    with _engine(loaded_url) as engine:
        assert table_digests(engine) == before
    small = write_csv(tmp_path / "after.csv", [make_firm_row(name="Công ty Sau", tax_code="")])
    after = _import(loaded_url, small)
    _, stderr = after.communicate(timeout=DEADLINE_S)
    assert after.returncode == 0, stderr
    assert _firm_count(loaded_url) == before["firms"].rows + 1


def test_two_imports_at_once_on_sqlite_run_one_after_the_other(sqlite_loaded_url: str, tmp_path: Path) -> None:
    url = sqlite_loaded_url
    before = _firm_count(url)
    writing = _writing(url)
    first = _import(url, write_synthetic_firms(tmp_path / "a.csv", 20_000, label="SYNTHETIC firm A"))
    _wait_until(writing, first, "the first import wrote rows")
    second = _import(url, write_synthetic_firms(tmp_path / "b.csv", 5_000, label="SYNTHETIC firm B"))
    results = [process.communicate(timeout=DEADLINE_S) for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    assert _firm_count(url) == before + 25_000


def test_a_write_that_waits_too_long_says_the_database_is_busy(sqlite_loaded_url: str, tmp_path: Path) -> None:
    url = sqlite_loaded_url
    before = _firm_count(url)
    holder = sqlite3.connect(_sqlite_path(url), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for as long as this test wants
    try:
        waiting = _import(url, write_csv(tmp_path / "one.csv", [make_firm_row()]), wait_s=0.2)
        _, stderr = waiting.communicate(timeout=DEADLINE_S)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert waiting.returncode == 6
    assert "The database is busy with another write; try again" in stderr
    assert "Traceback" not in stderr
    assert _firm_count(url) == before


def test_reads_are_served_during_an_import(backend: Backend, big_file: Path) -> None:
    from fastapi.testclient import TestClient

    from corridor.server.app import create_app

    url = backend.clone("loaded")
    writing = _writing(url)
    app = open_app(Settings(db_url=url, lang="en", user=TEST_USER, api_cache=False))
    importing = _import(url, big_file)
    try:
        _wait_until(writing, importing, "the import wrote rows")
        with TestClient(create_app(app)) as client:
            answered_during_import = 0
            while importing.poll() is None and answered_during_import < 5:
                response = client.get("/api/v1/zones", params={"limit": 500})
                assert response.status_code == 200, response.text
                assert response.json()["total"] == 162
                answered_during_import += writing()  # still writing once answered: the read did not wait for it
        assert answered_during_import == 5
    finally:
        importing.send_signal(signal.SIGKILL)
        importing.communicate()
        app.store.engine.dispose()
