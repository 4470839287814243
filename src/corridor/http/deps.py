"""The wired Corridor application of the running server, as a FastAPI dependency for pages and APIs."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from corridor.bootstrap import App


def get_corridor(request: Request) -> App:
    app = request.app.state.corridor
    assert isinstance(app, App)
    return app


CorridorApp = Annotated[App, Depends(get_corridor)]
