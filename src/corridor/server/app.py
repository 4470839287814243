"""The portal's FastAPI application: pages, REST API (/api/v1), OGC API - Features (/ogc), static assets."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from corridor import __version__
from corridor.api import contributing, events, ogc, rest, schemas, siting
from corridor.api.openapi import install_openapi
from corridor.bootstrap import App
from corridor.server.cache import ResponseCache
from corridor.server.errors import install_error_handlers
from corridor.server.guards import MULTIPART_ENVELOPE_BYTES, BodySizeLimit, SecurityHeaders
from corridor.web import (
    account_pages,
    contact_pages,
    edit_pages,
    event_admin_pages,
    event_pages,
    indicator_page,
    pages,
    route_page,
    sites_pages,
)

API_DESCRIPTION = """Zones, firms, infrastructure and indicators of Vietnam's northern economic corridors.
Every record carries its sources and as-of dates; `null` means unknown. Field reference: docs/json.md.
Errors are JSON: `{"error": {"status": ..., "message": ...}}`; add `?lang=en` or `?lang=vi` for the language."""


# FastAPI's own Swagger page starts the UI from an inline script, which the Content-Security-Policy forbids
SWAGGER_UI_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg">
<title>Corridor API</title>
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/js/swagger-init.js"></script>
</body>
</html>
"""

# answers that routes write themselves (several content types), so FastAPI does not collect their models
_MODELS_OF_OTHER_CONTENT_TYPES = (
    schemas.ZonePage,
    schemas.FirmPage,
    schemas.NodePage,
    schemas.FeatureCollection,
    schemas.Network,
    schemas.HubMatrix,
    schemas.OgcFeatureCollection,
    schemas.OgcFeature,
)


def create_app(corridor: App, *, cache_check_s: float | None = 1.0) -> FastAPI:
    """The portal. API answers are cached until the data changes, checked every `cache_check_s` seconds
    (None, or the setting CORRIDOR_API_CACHE=0: no cache); see corridor.server.cache."""
    app = FastAPI(
        title="Corridor API",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.corridor = corridor
    app.mount("/static", StaticFiles(packages=[("corridor.web", "static")]), name="static")
    app.include_router(rest.router)
    app.include_router(contributing.router)
    app.include_router(siting.router)
    app.include_router(events.router)
    app.include_router(ogc.router)
    # before the pages and edit pages: /events/new is neither the event 'new' nor edit_pages' /{kind}/new
    app.include_router(event_admin_pages.router)
    app.include_router(edit_pages.router)  # before the pages: /zones/new is not the zone 'new'
    app.include_router(pages.router)
    app.include_router(route_page.router)
    app.include_router(indicator_page.router)
    app.include_router(sites_pages.router)
    app.include_router(account_pages.router)
    app.include_router(contact_pages.router)
    app.include_router(event_pages.router)
    install_error_handlers(app, pages.html_error_page)
    install_openapi(app, *_MODELS_OF_OTHER_CONTENT_TYPES)
    max_body_bytes = corridor.registry.limits.max_bytes + MULTIPART_ENVELOPE_BYTES
    app.add_middleware(BodySizeLimit, max_body_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)  # every answer carries the headers, refusals included
    if cache_check_s is not None and corridor.settings.api_cache:
        # outermost: a hit is answered before any other middleware runs; it stores the answer with its headers
        app.add_middleware(ResponseCache, data_version=corridor.store.data_version, check_every_s=cache_check_s)

    @app.get("/api/v1/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(SWAGGER_UI_PAGE)

    return app
