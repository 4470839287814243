"""Composition root: settings -> database -> services. Entry points (CLI, web) call only this."""

from __future__ import annotations

from dataclasses import dataclass

from corridor.errors import CorridorError
from corridor.registry.service import Registry
from corridor.settings import Settings
from corridor.storage.database import make_engine
from corridor.storage.registry_store import SqlRegistry
from corridor.storage.schema import current_revision, upgrade

__all__ = ["App", "init_database", "open_app"]


@dataclass
class App:
    settings: Settings
    registry: Registry
    store: SqlRegistry


def _store(settings: Settings) -> SqlRegistry:
    try:
        return SqlRegistry(make_engine(settings.db_url))
    except Exception as error:
        raise CorridorError("Cannot open database {url}: {reason}", url=settings.db_url, reason=str(error)) from error


def open_app(settings: Settings) -> App:
    """Open an initialised database; a clear error if `corridor init` has not been run on it."""
    store = _store(settings)
    try:
        revision = current_revision(store.engine)
    except Exception as error:
        raise CorridorError(
            "Cannot open database {url}: {reason}", url=settings.db_url, reason=str(error).splitlines()[0]
        ) from error
    if revision is None or not store.is_initialised():
        raise CorridorError("The database {url} is not initialised; run 'corridor init' first", url=settings.db_url)
    upgrade(store.engine)
    return App(settings, Registry(store), store)


def init_database(settings: Settings, *, empty: bool = False) -> App:
    """Create or upgrade the schema, load reference data and (unless `empty`) the bundled dataset."""
    store = _store(settings)
    try:
        upgrade(store.engine)
    except Exception as error:
        raise CorridorError(
            "Cannot open database {url}: {reason}", url=settings.db_url, reason=str(error).splitlines()[0]
        ) from error
    store.load_reference_data(settings.user)
    app = App(settings, Registry(store), store)
    if not empty:
        app.registry.load_bundled(settings.user)
    return app
