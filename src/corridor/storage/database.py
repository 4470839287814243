"""Opening a database by URL: SQLite (embedded default) or PostgreSQL with PostGIS."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from corridor.errors import Busy
from corridor.i18n import mark
from corridor.reference.names import compare_vietnamese

__all__ = ["begin_write", "make_engine", "vietnamese_order"]

# SQLite gets Python's Vietnamese order on every connection; PostgreSQL has ICU's (Debian builds with ICU).
SQLITE_COLLATION = "vietnamese"
POSTGRES_COLLATION = '"vi-x-icu"'


class vietnamese_order(FunctionElement[str]):  # noqa: N801 - used like an SQL function
    """`column COLLATE <Vietnamese>`: names in the order of a Vietnamese dictionary (ADR 0006)."""

    type = sa.String()
    inherit_cache = True


@compiles(vietnamese_order, "sqlite")
def _sqlite_vietnamese(element: vietnamese_order, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{compiler.process(element.clauses, **kw)} COLLATE {SQLITE_COLLATION}"


@compiles(vietnamese_order, "postgresql")
def _postgres_vietnamese(element: vietnamese_order, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{compiler.process(element.clauses, **kw)} COLLATE {POSTGRES_COLLATION}"


# How long a transaction waits for another connection's write to finish before giving up (SQLite): a reader
# waits only for a checkpoint, a writer for a whole import by someone else.
READ_WAIT_MS = 5_000
WRITE_WAIT_MS = 60_000
# Execution options: this connection is about to write (set by `begin_write`); how long it waits for the lock.
WRITES = "corridor_writes"
WRITE_WAIT = "corridor_write_wait_ms"


def make_engine(url: str, write_wait_ms: int = WRITE_WAIT_MS) -> sa.Engine:
    """An engine for `url`; SQLite gets foreign keys enforced, a write-ahead log (readers never wait for a writer)
    and writes that wait up to `write_wait_ms` for another write to finish (see `begin_write`)."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # A web server answers many requests at once, each holding a connection for a few milliseconds.
    pooled = {} if url.startswith("sqlite:///:memory:") else {"pool_size": 10, "max_overflow": 40}
    engine = sa.create_engine(url, **pooled)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine.execution_options(**{WRITE_WAIT: write_wait_ms})


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy own transactions (pysqlite's implicit BEGIN would break all-or-nothing imports).
    dbapi_connection.isolation_level = None
    dbapi_connection.create_collation(SQLITE_COLLATION, compare_vietnamese)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
    cursor.close()


def _sqlite_begin_immediate(connection: sa.Connection) -> None:
    """Readers begin deferred (in WAL mode they never wait for a writer); writers take the write lock at BEGIN.

    A deferred writer reads first and asks for the lock at its first write: if another import committed in
    between, SQLite refuses at once (its snapshot is stale) instead of waiting. BEGIN IMMEDIATE waits up to
    `write_wait_ms` (make_engine) for the other writer, so two imports at once run one after the other."""
    options = connection.get_execution_options()
    if options.get(WRITES):
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(options.get(WRITE_WAIT, WRITE_WAIT_MS))}")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
    else:
        connection.exec_driver_sql("BEGIN")


@contextmanager
def begin_write(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that writes: committed at the end of the block, rolled back on any error.

    On SQLite it holds the write lock from its first statement; when another write holds it longer than the
    engine's `write_wait_ms`, the error says the database is busy (try again), not a driver's traceback."""
    try:
        with engine.execution_options(**{WRITES: True}).begin() as conn:
            yield conn
    except sa.exc.OperationalError as error:
        if _is_sqlite_busy(error):
            raise Busy(DATABASE_BUSY) from error
        raise


def _is_sqlite_busy(error: sa.exc.OperationalError) -> bool:
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text


DATABASE_BUSY = mark("The database is busy with another write; try again when it has finished")
