"""Creating and upgrading the schema with Alembic, on SQLite or PostGIS; checking it is current without Alembic.

Opening a database only compares the stored revision with the newest migration file, so that a command does not pay
for importing Alembic (and a web worker does not migrate behind its operator's back): `corridor db upgrade` migrates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSIONS = MIGRATIONS / "versions"


def alembic_config(connection: sa.Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (all migrations by default)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def known_revisions() -> list[str]:
    """Every migration's revision, oldest first: each file in versions/ is named `<revision>_<what>.py`
    (a test keeps the names equal to the revisions inside and the newest equal to Alembic's head)."""
    return sorted(path.name.split("_", 1)[0] for path in VERSIONS.glob("[0-9]*_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(engine: sa.Engine) -> str | None:
    """The revision stored in the database, or None when it has no schema yet."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
