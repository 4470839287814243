"""ASGI entry point for multi-worker servers: `uvicorn corridor.server.asgi:app`.

The database comes from CORRIDOR_DB; CORRIDOR_API_CACHE=0 turns the API response cache off.
"""

from __future__ import annotations

import gc

from corridor.bootstrap import open_app
from corridor.server.app import create_app
from corridor.settings import Settings

app = create_app(open_app(Settings.from_env()))

# What start-up built (the app, the reference tables, the encoder's vocabulary) lives as long as the process:
# moved out of the collector's generations, a full collection no longer walks it, which was the tail of the
# cached answers' latency under load (benchmarks/api.py).
gc.freeze()
