"""Shared fixtures: every storage test runs on SQLite and on PostgreSQL/PostGIS.

Each test gets its own database, cloned from a template built once per session (a file copy for SQLite,
CREATE DATABASE ... TEMPLATE for PostgreSQL), so tests can write freely and still run fast.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import psycopg
import pytest

from corridor.accounts.mail import SmtpMailer, SmtpSettings
from corridor.bootstrap import App, init_database
from corridor.settings import Settings

POSTGIS_ADMIN_URL = os.environ.get("CORRIDOR_TEST_POSTGIS_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_POSTGIS = os.environ.get("CORRIDOR_REQUIRE_POSTGIS") == "1"
TEST_USER = "test-user"


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _postgis_available() -> str | None:
    """None when a PostgreSQL server with the PostGIS extension answers; else why not."""
    try:
        with psycopg.connect(_libpq(POSTGIS_ADMIN_URL), connect_timeout=3) as conn:
            found = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
    except psycopg.Error as error:
        return f"no PostgreSQL server at {POSTGIS_ADMIN_URL} ({str(error).splitlines()[0]})"
    return None if found else "the PostgreSQL server has no PostGIS extension"


_POSTGIS_PROBLEM = _postgis_available()


def pytest_report_header() -> str:
    if _POSTGIS_PROBLEM is None:
        return f"PostGIS tests: on ({POSTGIS_ADMIN_URL})"
    return f"PostGIS tests: DESELECTED because {_POSTGIS_PROBLEM}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _POSTGIS_PROBLEM is None:
        return
    if REQUIRE_POSTGIS:
        raise pytest.UsageError(f"CORRIDOR_REQUIRE_POSTGIS=1 but {_POSTGIS_PROBLEM}")
    deselected = [item for item in items if item.get_closest_marker("postgis")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgis")]


# -- databases -------------------------------------------------------------------------------------------


class _SqliteDatabases:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def create(self, name: str, template: str | None = None) -> str:
        path = self.folder / f"{name}.db"
        if template is not None:
            shutil.copyfile(self.folder / f"{template}.db", path)
        return f"sqlite:///{path}"

    def drop_all(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class _PostgisDatabases:
    def __init__(self) -> None:
        self.prefix = f"corridor_test_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(_libpq(POSTGIS_ADMIN_URL), autocommit=True)

    def create(self, name: str, template: str | None = None) -> str:
        database = f"{self.prefix}_{name}"
        with self._admin() as conn:
            clause = f" TEMPLATE {self.prefix}_{template}" if template else ""
            conn.execute(f"CREATE DATABASE {database}{clause}")
        self.created.append(database)
        base = POSTGIS_ADMIN_URL.rsplit("/", 1)[0]
        return f"{base}/{database}"

    def drop_all(self) -> None:
        with self._admin() as conn:
            for database in reversed(self.created):
                conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


@dataclass
class Backend:
    name: str
    databases: _SqliteDatabases | _PostgisDatabases
    counter: int = 0

    def clone(self, template: str) -> str:
        self.counter += 1
        return self.databases.create(f"t{self.counter}", template)


def _build_templates(databases: _SqliteDatabases | _PostgisDatabases) -> None:
    for name, empty in (("empty", True), ("loaded", False)):
        app = init_database(Settings(db_url=databases.create(name), lang="en", user=TEST_USER), empty=empty)
        app.store.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    databases = _SqliteDatabases(tmp_path_factory.mktemp("sqlite"))
    _build_templates(databases)
    yield Backend("sqlite", databases)
    databases.drop_all()


@pytest.fixture(scope="session")
def postgis_backend() -> Iterator[Backend]:
    databases = _PostgisDatabases()
    try:
        _build_templates(databases)
        yield Backend("postgis", databases)
    finally:
        databases.drop_all()


@pytest.fixture(params=["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)])
def backend(request: pytest.FixtureRequest) -> Backend:
    return request.getfixturevalue(f"{request.param}_backend")  # type: ignore[no-any-return]


def _open(url: str) -> Iterator[App]:
    from corridor.bootstrap import open_app

    app = open_app(Settings(db_url=url, lang="en", user=TEST_USER))
    yield app
    app.store.engine.dispose()


@pytest.fixture
def empty_app(backend: Backend) -> Iterator[App]:
    """Schema and reference data (units, codes), no zones/firms/nodes."""
    yield from _open(backend.clone("empty"))


@pytest.fixture
def loaded_app(backend: Backend) -> Iterator[App]:
    """The bundled corridor dataset."""
    yield from _open(backend.clone("loaded"))


@pytest.fixture
def loaded_url(backend: Backend) -> str:
    return backend.clone("loaded")


@pytest.fixture
def sqlite_loaded_url(sqlite_backend: Backend) -> str:
    return sqlite_backend.clone("loaded")


# -- the portal -----------------------------------------------------------------------------------------


@pytest.fixture
def client(loaded_app: App) -> Iterator[object]:
    """An HTTP client for the portal on the bundled data (every backend)."""
    from fastapi.testclient import TestClient

    from corridor.server.app import create_app

    with TestClient(create_app(loaded_app), raise_server_exceptions=False) as test_client:
        yield test_client


@dataclass
class LiveServer:
    url: str
    app: App


@contextmanager
def serve_portal(app: App) -> Iterator[str]:
    """The portal of `app` on a real socket (uvicorn in a thread, no Server header); yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from corridor.server.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(app), host="127.0.0.1", port=port, log_level="warning", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the portal did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(sqlite_backend: Backend) -> Iterator[LiveServer]:
    """The portal on a real socket (uvicorn in a thread), for the browser and GDAL tests."""
    from corridor.bootstrap import open_app

    app = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="en", user=TEST_USER))
    with serve_portal(app) as url:
        yield LiveServer(url, app)
    app.store.engine.dispose()


# -- mail -----------------------------------------------------------------------------------------------------


@dataclass
class MailSink:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every mail it receives."""

    host: str
    port: int
    mails: list[EmailMessage]

    def only_mail_to(self, address: str) -> EmailMessage:
        found = [mail for mail in self.mails if mail["To"] == address]
        assert len(found) == 1, [mail["To"] for mail in self.mails]
        return found[0]


class _KeepMails:
    def __init__(self, mails: list[EmailMessage]) -> None:
        self.mails = mails

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        parsed = message_from_bytes(envelope.content, policy=email_policy.default)
        assert isinstance(parsed, EmailMessage)
        self.mails.append(parsed)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink() -> Iterator[MailSink]:
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mails: list[EmailMessage] = []
    controller = Controller(_KeepMails(mails), hostname="127.0.0.1", port=port)
    controller.start()
    yield MailSink("127.0.0.1", port, mails)
    controller.stop()


def mailer_for(sink: MailSink) -> SmtpMailer:
    """Corridor's own SMTP mailer, pointed at the sink (plain SMTP on loopback: no STARTTLS)."""
    return SmtpMailer(SmtpSettings(host=sink.host, port=sink.port, sender="corridor@example.vn", starttls=False))
