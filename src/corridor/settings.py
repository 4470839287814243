"""Settings from the environment (CORRIDOR_*); read by the entry points and bootstrap only."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

__all__ = ["DEFAULT_DB_URL", "Settings"]

DEFAULT_DB_URL = "sqlite:///corridor.db"


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB_URL  # CORRIDOR_DB: SQLAlchemy URL; sqlite:///file or postgresql+psycopg://...
    lang: str = "vi"  # CORRIDOR_LANG: vi or en, for messages shown to people
    user: str = "unknown"  # CORRIDOR_USER: recorded on every write (defaults to the login name)

    @classmethod
    def from_env(cls, db_url: str | None = None, lang: str | None = None) -> Settings:
        return cls(
            db_url=db_url or os.environ.get("CORRIDOR_DB") or DEFAULT_DB_URL,
            lang=lang or os.environ.get("CORRIDOR_LANG") or "vi",
            user=os.environ.get("CORRIDOR_USER") or _login_name(),
        )


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
