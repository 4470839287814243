"""`corridor serve`: the portal and its APIs on uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.i18n import translate


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="worker processes", min=1, max=64)] = 1,
) -> None:
    """Serve the portal (pages, REST API, OGC API - Features) on the database."""
    import os

    import uvicorn

    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        open_app(current.settings)  # a clear error here if the database is missing or behind
    out.console().print(
        translate(
            "Corridor portal: http://{host}:{port}/  (API: /api/v1/docs, OGC: /ogc)", current.settings.lang
        ).format(host=host, port=port)
    )
    # The server is named by its import path, so the CLI stays apart from the server package (and workers > 1
    # need the path anyway); the settings travel in the environment, as for any `uvicorn corridor.server.asgi:app`.
    os.environ["CORRIDOR_DB"] = current.settings.db_url
    uvicorn.run(
        "corridor.server.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,  # do not tell the world which server and version answers
    )
