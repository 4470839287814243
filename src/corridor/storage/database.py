"""Opening a database by URL: SQLite (embedded default) or PostgreSQL with PostGIS."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from corridor.reference.names import compare_vietnamese

__all__ = ["make_engine", "vietnamese_order"]

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


def make_engine(url: str) -> sa.Engine:
    """An engine for `url`; SQLite gets foreign keys enforced and a write-ahead log."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # A web server answers many requests at once, each holding a connection for a few milliseconds.
    pooled = {} if url.startswith("sqlite:///:memory:") else {"pool_size": 10, "max_overflow": 40}
    engine = sa.create_engine(url, **pooled)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy own transactions (pysqlite's implicit BEGIN would break all-or-nothing imports).
    dbapi_connection.isolation_level = None
    dbapi_connection.create_collation(SQLITE_COLLATION, compare_vietnamese)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _sqlite_begin_immediate(connection: sa.Connection) -> None:
    connection.exec_driver_sql("BEGIN")
