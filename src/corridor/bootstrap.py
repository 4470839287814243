"""Composition root: settings -> database -> services. Entry points (CLI, web) call only this."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from corridor.errors import CorridorError
from corridor.logistics import LogisticsService, Node, load_parameters, read_link_rows
from corridor.matching.encoder import E5Encoder
from corridor.matching.service import MatchingService
from corridor.registry.service import ListFilters, Registry
from corridor.settings import Settings
from corridor.storage.database import make_engine
from corridor.storage.registry_store import SqlRegistry
from corridor.storage.scenario_store import SqlScenarioStore
from corridor.storage.schema import current_revision, upgrade

__all__ = ["App", "init_database", "open_app"]


@dataclass
class App:
    settings: Settings
    registry: Registry
    store: SqlRegistry
    _logistics: LogisticsService | None = None
    _logistics_version: int | None = None
    _matching: MatchingService | None = None

    def logistics(self) -> LogisticsService:
        """The freight network of the registry's zones and nodes, rebuilt when the data has changed since.

        The data version is the newest entry of the write log, so it moves with every write of any kind."""
        version = self.store.data_version()
        if self._logistics is None or version != self._logistics_version:
            self._logistics = build_logistics(self.settings, self.registry, self.store.engine)
            self._logistics_version = version
            if self._matching is not None:
                self._matching.logistics = self._logistics
        return self._logistics

    def matching(self) -> MatchingService:
        """Supplier-buyer matching with the bundled multilingual model (loaded on first use, then kept)."""
        logistics = self.logistics()
        if self._matching is None:
            self._matching = MatchingService(self.registry, E5Encoder(), logistics)
        return self._matching


def _network_nodes(registry: Registry) -> list[Node]:
    everything = ListFilters()
    zones = registry.list_records("zones", everything).items
    nodes = registry.list_records("nodes", everything).items
    return [
        *(Node(z["id"], z["name"], "zone", z["location"]["lat"], z["location"]["lon"]) for z in zones),
        *(Node(n["id"], n["name"], n["type"], n["location"]["lat"], n["location"]["lon"]) for n in nodes),
    ]


def build_logistics(settings: Settings, registry: Registry, engine: sa.Engine) -> LogisticsService:
    params = load_parameters(settings.logistics_parameters)
    return LogisticsService(
        _network_nodes(registry),
        read_link_rows(),
        params,
        SqlScenarioStore(engine, default_actor=settings.user),
        cache_dir=settings.cache_dir,
    )


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
