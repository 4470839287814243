"""ASGI entry point for multi-worker servers: `uvicorn corridor.server.asgi:app`.

The database comes from CORRIDOR_DB; CORRIDOR_API_CACHE=0 turns the API response cache off.
"""

from __future__ import annotations

from corridor.bootstrap import open_app
from corridor.server.app import create_app
from corridor.settings import Settings

app = create_app(open_app(Settings.from_env()))
