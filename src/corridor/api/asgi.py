"""ASGI entry point for multi-worker servers: `uvicorn corridor.api.asgi:app` (database from CORRIDOR_DB)."""

from __future__ import annotations

from corridor.api.app import create_app
from corridor.bootstrap import open_app
from corridor.settings import Settings

app = create_app(open_app(Settings.from_env()))
