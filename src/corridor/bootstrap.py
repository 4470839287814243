"""Composition root: settings -> database -> services. Entry points (CLI, web) call only this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from corridor.errors import Unavailable
from corridor.i18n import mark
from corridor.registry.limits import UploadLimits
from corridor.registry.service import ListFilters, Registry
from corridor.settings import Settings
from corridor.storage.database import make_engine
from corridor.storage.duplicate_store import SqlDuplicates
from corridor.storage.registry_store import SqlRegistry
from corridor.storage.schema import current_revision, head_revision, known_revisions, upgrade

# The freight network and the matching model are imported when first used, so that a command that lists zones
# does not pay for NumPy, SciPy and the text encoder (see benchmarks/cli.py).
# Accounts (sign-in, policy, mail) are built on first use too: a command that reads the registry needs none of it.
if TYPE_CHECKING:
    import sqlalchemy as sa

    from corridor.accounts.claims import Claims
    from corridor.accounts.contacts import Contacts
    from corridor.accounts.lockout import SignInRules
    from corridor.accounts.mail import SmtpMailer
    from corridor.accounts.moderation import Moderation
    from corridor.accounts.service import Accounts
    from corridor.events import Events
    from corridor.logistics import LogisticsService, Node
    from corridor.matching.encoder import TextEncoder
    from corridor.matching.service import MatchingService
    from corridor.reports.service import IndicatorService
    from corridor.siting.inquiries import Inquiries
    from corridor.siting.service import SitingService
    from corridor.storage.backup import Manifest

__all__ = [
    "App",
    "SchemaChange",
    "backup_database",
    "check_backup_file",
    "init_database",
    "init_database_reporting",
    "open_app",
    "restore_database",
    "upgrade_database",
    "upload_limits",
]


@dataclass
class App:
    settings: Settings
    registry: Registry
    store: SqlRegistry
    _logistics: LogisticsService | None = None
    _logistics_version: int | None = None
    _matching: MatchingService | None = None
    _siting: SitingService | None = None

    @cached_property
    def accounts(self) -> Accounts:
        """Users, grants, sessions and tokens, and the access policy (built once, on first use)."""
        return build_accounts(self.settings, self.store, self.registry)

    @cached_property
    def moderation(self) -> Moderation:
        """Proposals by contributors and their publication or rejection."""
        from corridor.accounts.moderation import Moderation
        from corridor.storage.moderation_store import SqlModerationStore

        return Moderation(SqlModerationStore(self.store.engine, self.store), self.registry)

    @cached_property
    def claims(self) -> Claims:
        """Firms' claims of their profiles."""
        from corridor.accounts.claims import Claims
        from corridor.storage.moderation_store import SqlClaimStore

        return Claims(SqlClaimStore(self.store.engine), self.registry, self.accounts)

    @cached_property
    def contacts(self) -> Contacts:
        """Contact details shown once both firms of a match accept."""
        from corridor.accounts.contacts import Contacts
        from corridor.storage.contact_store import SqlContactStore

        return Contacts(SqlContactStore(self.store.engine), self.registry, self.accounts.users)

    @cached_property
    def indicators(self) -> IndicatorService:
        """Indicator series on 2025 or pre-2025 boundaries."""
        from corridor.reports.service import IndicatorService

        return IndicatorService(self.registry)

    @cached_property
    def events(self) -> Events:
        """The corridor's forums: events, registrations, meetings, papers, outcomes."""
        from corridor.events import Events
        from corridor.storage.event_store import SqlEventStore

        return Events(SqlEventStore(self.store.engine), self.registry, self.moderation)

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
        from corridor.matching.service import MatchingService

        logistics = self.logistics()
        if self._matching is None:
            self._matching = MatchingService(self.registry, self.text_encoder, logistics)
        return self._matching

    @cached_property
    def text_encoder(self) -> TextEncoder:
        """The multilingual model, loaded once and shared by matching and siting (it is the slow part)."""
        from corridor.matching.encoder import E5Encoder

        return E5Encoder()

    def siting(self) -> SitingService:
        """Investor site selection over the registry, the freight network and the multilingual encoder."""
        from corridor.siting.service import SitingService

        logistics = self.logistics()
        if self._siting is None:
            self._siting = SitingService(self.registry, logistics, lambda: self.text_encoder)
        self._siting.logistics = logistics
        return self._siting

    @cached_property
    def inquiries(self) -> Inquiries:
        """Investors' inquiries to the management boards of a shortlist, with each board's status."""
        from corridor.siting.inquiries import Inquiries
        from corridor.storage.inquiry_store import SqlInquiryStore

        return Inquiries(
            SqlInquiryStore(self.store.engine), self.registry, _mailer(self.settings), self.settings.public_url
        )


def _network_nodes(registry: Registry) -> list[Node]:
    from corridor.logistics import Node

    everything = ListFilters()
    zones = registry.list_records("zones", everything).items
    nodes = registry.list_records("nodes", everything).items
    return [
        *(Node(z["id"], z["name"], "zone", z["location"]["lat"], z["location"]["lon"]) for z in zones),
        *(Node(n["id"], n["name"], n["type"], n["location"]["lat"], n["location"]["lon"]) for n in nodes),
    ]


def build_logistics(settings: Settings, registry: Registry, engine: sa.Engine) -> LogisticsService:
    from corridor.logistics import LogisticsService, load_parameters, read_link_rows
    from corridor.logistics.bundled import read_linework
    from corridor.storage.scenario_store import SqlScenarioStore

    params = load_parameters(settings.logistics_parameters)
    return LogisticsService(
        _network_nodes(registry),
        read_link_rows(),
        params,
        SqlScenarioStore(engine, default_actor=settings.user),
        cache_dir=settings.cache_dir,
        linework=read_linework(),
    )


def _shown(url: str) -> str:
    """The database URL as messages show it: never its password (messages reach terminals, logs and answers)."""
    import sqlalchemy as sa

    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:  # not a URL SQLAlchemy can parse: show only its scheme
        return url.split(":", 1)[0] + ":…"


def upload_limits(settings: Settings) -> UploadLimits:
    """The import limits the settings ask for; the zip checks keep their defaults."""
    return UploadLimits(
        max_bytes=int(settings.max_upload_mb * 1024 * 1024),
        max_rows=settings.max_import_rows,
        max_cell_chars=settings.max_cell_chars,
        max_columns=settings.max_import_columns,
    )


def _store(settings: Settings) -> SqlRegistry:
    try:
        return SqlRegistry(make_engine(settings.db_url, write_wait_ms=round(settings.write_wait_s * 1000)))
    except Exception as error:
        raise Unavailable(CANNOT_OPEN, url=_shown(settings.db_url), reason=str(error)) from error


def _stored_revision(store: SqlRegistry, url: str) -> str | None:
    try:
        return current_revision(store.engine)
    except Exception as error:
        reason = str(error).splitlines()[0]
        raise Unavailable(CANNOT_OPEN, url=_shown(url), reason=reason) from error


def _missing_sqlite_file(url: str) -> bool:
    """True for a SQLite URL whose file does not exist (opening it would create an empty file)."""
    prefix = "sqlite:///"
    return url.startswith(prefix) and not url.startswith(f"{prefix}:memory:") and not Path(url[len(prefix) :]).exists()


# Messages of Unavailable errors, marked for the catalog.
CANNOT_OPEN = mark("Cannot open database {url}: {reason}")
NOT_INITIALISED = mark("The database {url} is not initialised; run 'corridor init' first")
SCHEMA_BEHIND = mark(
    "The schema of {url} is behind (revision {stored}, this program needs {head}); "
    "run 'corridor db upgrade' (back the database up first)"
)
SCHEMA_AHEAD = mark(
    "The schema of {url} is newer than this program knows (revision {stored}, newest known {head}); update Corridor"
)


def _check_schema(store: SqlRegistry, url: str) -> None:
    """Refuse a database without a schema, or with an older or newer one than this program's (no migration here)."""
    revision = _stored_revision(store, url)
    if revision is None or not store.is_initialised():
        raise Unavailable(NOT_INITIALISED, url=_shown(url))
    head = head_revision()
    if revision == head:
        return
    if revision in known_revisions():
        raise Unavailable(SCHEMA_BEHIND, url=_shown(url), stored=revision, head=head)
    raise Unavailable(SCHEMA_AHEAD, url=_shown(url), stored=revision, head=head)


def open_app(settings: Settings) -> App:
    """Open an initialised database whose schema is current; a clear error saying what to run otherwise."""
    if _missing_sqlite_file(settings.db_url):
        raise Unavailable(NOT_INITIALISED, url=_shown(settings.db_url))
    store = _store(settings)
    _check_schema(store, settings.db_url)
    return _app(settings, store)


def _app(settings: Settings, store: SqlRegistry) -> App:
    registry = Registry(store, SqlDuplicates(store.engine), upload_limits(settings))
    return App(settings, registry, store)


def build_accounts(settings: Settings, store: SqlRegistry, registry: Registry) -> Accounts:
    from corridor.accounts.service import Accounts
    from corridor.storage.account_store import SqlAccountStore

    return Accounts(
        SqlAccountStore(store.engine),
        registry,
        rules=sign_in_rules(settings),
        mailer=_mailer(settings),
        public_url=settings.public_url,
    )


def sign_in_rules(settings: Settings) -> SignInRules:
    from corridor.accounts.lockout import SignInRules

    minutes = dt.timedelta(minutes=1)
    return SignInRules(
        max_failures=settings.login_max_failures,
        failure_window=settings.login_window_min * minutes,
        first_lock=settings.login_lock_min * minutes,
        attempts_per_minute_per_client=settings.login_per_minute,
        session_idle=settings.session_idle_min * minutes,
        session_longest=dt.timedelta(days=settings.session_max_days),
        reset_token_life=settings.reset_token_min * minutes,
    )


def _mailer(settings: Settings) -> SmtpMailer | None:
    """The SMTP mailer, or None when no mail server is set (resets by mail are then off)."""
    from corridor.accounts.mail import SmtpMailer, SmtpSettings

    if not settings.smtp_host:
        return None
    return SmtpMailer(
        SmtpSettings(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_from,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
        )
    )


@dataclass(frozen=True)
class SchemaChange:
    """What an upgrade did: the revision before (None: no schema yet) and after."""

    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _migrate(store: SqlRegistry, url: str) -> SchemaChange:
    before = _stored_revision(store, url)
    if before != head_revision():
        try:
            upgrade(store.engine)
        except Exception as error:
            reason = str(error).splitlines()[0]
            raise Unavailable(CANNOT_OPEN, url=_shown(url), reason=reason) from error
    return SchemaChange(before, head_revision())


def upgrade_database(settings: Settings) -> SchemaChange:
    """Migrate an initialised database to this program's schema (`corridor db upgrade`)."""
    if _missing_sqlite_file(settings.db_url):
        raise Unavailable(NOT_INITIALISED, url=_shown(settings.db_url))
    store = _store(settings)
    try:
        if _stored_revision(store, settings.db_url) is None:
            raise Unavailable(NOT_INITIALISED, url=_shown(settings.db_url))
        return _migrate(store, settings.db_url)
    finally:
        store.engine.dispose()


def init_database(settings: Settings, *, empty: bool = False) -> App:
    """Create or upgrade the schema, load reference data and (unless `empty`) the bundled dataset."""
    return init_database_reporting(settings, empty=empty)[0]


def init_database_reporting(settings: Settings, *, empty: bool = False) -> tuple[App, SchemaChange]:
    """`init_database`, also telling what happened to the schema (created, upgraded or already current)."""
    store = _store(settings)
    change = _migrate(store, settings.db_url)
    store.load_reference_data(settings.user)
    app = _app(settings, store)
    if not empty:
        app.registry.load_bundled(settings.user)
    return app, change


def backup_database(settings: Settings, out_path: Path) -> Manifest:
    """Write every table of an initialised, current database to one backup file (`corridor backup`)."""
    from corridor.storage.backup import write_backup

    app = open_app(settings)
    try:
        return write_backup(app.store.engine, out_path)
    finally:
        app.store.engine.dispose()


def check_backup_file(path: Path) -> Manifest:
    """The manifest of an intact backup file; an error naming the damaged table otherwise."""
    from corridor.storage.backup import check_backup

    return check_backup(path)


def restore_database(settings: Settings, path: Path) -> Manifest:
    """Restore a backup file into an empty database (no schema, or a schema without rows) and upgrade it."""
    import sqlalchemy as sa

    from corridor.storage.backup import restore_backup

    store = _store(settings)
    try:
        return restore_backup(store.engine, path)
    except sa.exc.OperationalError as error:  # not reachable, no such database: said as for every command
        raise Unavailable(CANNOT_OPEN, url=settings.db_url, reason=str(error.orig).splitlines()[0]) from error
    finally:
        store.engine.dispose()
