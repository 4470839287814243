"""Settings from the environment (CORRIDOR_*); read by the entry points and bootstrap only."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from corridor.errors import InvalidInput

__all__ = ["DEFAULT_DB_URL", "Settings"]

DEFAULT_DB_URL = "sqlite:///corridor.db"


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB_URL  # CORRIDOR_DB: SQLAlchemy URL; sqlite:///file or postgresql+psycopg://...
    lang: str = "vi"  # CORRIDOR_LANG: vi or en, for messages shown to people
    user: str = "unknown"  # CORRIDOR_USER: recorded on every write (defaults to the login name)
    logistics_parameters: Path | None = None  # CORRIDOR_LOGISTICS_PARAMETERS: a TOML file (default: bundled)
    cache_dir: Path | None = None  # CORRIDOR_CACHE_DIR: where travel-time matrices are cached (None: not kept)
    api_cache: bool = True  # CORRIDOR_API_CACHE: 0 or off keeps no API answers (each request reads the database)
    write_wait_s: float = 60.0  # CORRIDOR_WRITE_WAIT_S: how long a write waits for another one (SQLite) before "busy"
    insecure_cookies: bool = False  # CORRIDOR_INSECURE_COOKIES: 1 sends the sign-in cookie over plain http too
    max_upload_mb: float = 20.0  # CORRIDOR_MAX_UPLOAD_MB: the largest import file, command line or API
    max_import_rows: int = 200_000  # CORRIDOR_MAX_IMPORT_ROWS: rows in one import file
    max_cell_chars: int = 10_000  # CORRIDOR_MAX_CELL_CHARS: characters in one cell of an import file
    max_import_columns: int = 200  # CORRIDOR_MAX_IMPORT_COLUMNS: columns in one import file
    public_url: str = "http://127.0.0.1:8000"  # CORRIDOR_PUBLIC_URL: the portal's address, for links in mails
    smtp_host: str = ""  # CORRIDOR_SMTP_HOST: mail server for reset links ("": resets by mail are off)
    smtp_port: int = 587  # CORRIDOR_SMTP_PORT
    smtp_from: str = "corridor@localhost"  # CORRIDOR_SMTP_FROM: sender address
    smtp_user: str = ""  # CORRIDOR_SMTP_USER ("": no SMTP login)
    smtp_password: str = field(default="", repr=False)  # CORRIDOR_SMTP_PASSWORD
    smtp_starttls: bool = True  # CORRIDOR_SMTP_STARTTLS: 0 for a server without STARTTLS (a local relay)
    login_max_failures: int = 5  # CORRIDOR_LOGIN_MAX_FAILURES: failed sign-ins within the window that lock
    login_window_min: float = 15  # CORRIDOR_LOGIN_WINDOW_MIN
    login_lock_min: float = 15  # CORRIDOR_LOGIN_LOCK_MIN: first lock; doubles with each further one (24 h at most)
    login_per_minute: int = 20  # CORRIDOR_LOGIN_PER_MINUTE: attempts a minute from one client address, then 429
    session_idle_min: float = 480  # CORRIDOR_SESSION_IDLE_MIN: a session unused this long ends
    session_max_days: float = 14  # CORRIDOR_SESSION_MAX_DAYS: a session ends this long after sign-in
    reset_token_min: float = 60  # CORRIDOR_RESET_TOKEN_MIN: how long a reset link works

    @classmethod
    def from_env(cls, db_url: str | None = None, lang: str | None = None) -> Settings:
        return cls(
            db_url=db_url or os.environ.get("CORRIDOR_DB") or DEFAULT_DB_URL,
            lang=lang or os.environ.get("CORRIDOR_LANG") or "vi",
            user=os.environ.get("CORRIDOR_USER") or _login_name(),
            logistics_parameters=_path(os.environ.get("CORRIDOR_LOGISTICS_PARAMETERS")),
            cache_dir=_path(os.environ.get("CORRIDOR_CACHE_DIR")) or Path.home() / ".cache" / "corridor",
            write_wait_s=float(os.environ.get("CORRIDOR_WRITE_WAIT_S") or 60.0),
            api_cache=_flag(os.environ.get("CORRIDOR_API_CACHE", "1")),
            insecure_cookies=_flag(os.environ.get("CORRIDOR_INSECURE_COOKIES", "0")),
            max_upload_mb=_number("CORRIDOR_MAX_UPLOAD_MB", 20.0),
            max_import_rows=int(_number("CORRIDOR_MAX_IMPORT_ROWS", 200_000)),
            max_cell_chars=int(_number("CORRIDOR_MAX_CELL_CHARS", 10_000)),
            max_import_columns=int(_number("CORRIDOR_MAX_IMPORT_COLUMNS", 200)),
            public_url=os.environ.get("CORRIDOR_PUBLIC_URL") or cls.public_url,
            smtp_host=os.environ.get("CORRIDOR_SMTP_HOST", ""),
            smtp_port=int(_number("CORRIDOR_SMTP_PORT", 587)),
            smtp_from=os.environ.get("CORRIDOR_SMTP_FROM") or cls.smtp_from,
            smtp_user=os.environ.get("CORRIDOR_SMTP_USER", ""),
            smtp_password=os.environ.get("CORRIDOR_SMTP_PASSWORD", ""),
            smtp_starttls=_flag(os.environ.get("CORRIDOR_SMTP_STARTTLS", "1")),
            login_max_failures=int(_number("CORRIDOR_LOGIN_MAX_FAILURES", 5)),
            login_window_min=_number("CORRIDOR_LOGIN_WINDOW_MIN", 15),
            login_lock_min=_number("CORRIDOR_LOGIN_LOCK_MIN", 15),
            login_per_minute=int(_number("CORRIDOR_LOGIN_PER_MINUTE", 20)),
            session_idle_min=_number("CORRIDOR_SESSION_IDLE_MIN", 480),
            session_max_days=_number("CORRIDOR_SESSION_MAX_DAYS", 14),
            reset_token_min=_number("CORRIDOR_RESET_TOKEN_MIN", 60),
        )


def _flag(text: str) -> bool:
    return text.strip().lower() not in {"0", "off", "false", "no"}


def _number(name: str, default: float) -> float:
    """A positive number from the environment; a bad value stops the program at start with the setting's name."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise InvalidInput("Setting {name}={value}: expected a positive number", name=name, value=text)
    return value


def _path(text: str | None) -> Path | None:
    return Path(text) if text else None


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
