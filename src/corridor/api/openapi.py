"""What the OpenAPI document declares beyond the routes' own models: error answers and other content types.

FastAPI declares a 422 `HTTPValidationError` for every operation with parameters, but Corridor answers an
invalid request with 400 and its own error JSON (corridor.server.errors); `openapi_document` drops those
defaults so that the document lists only the answers the server really gives.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from pydantic import TypeAdapter
from pydantic_core import to_json

from corridor.api import schemas

__all__ = [
    "CSV",
    "GEOJSON",
    "JSON",
    "answers",
    "content",
    "install_openapi",
    "lang_param",
    "trusted_json",
    "typed_json",
]

JSON = "application/json"
GEOJSON = "application/geo+json"
CSV = "text/csv"

_ERROR_MEANINGS = {
    400: "invalid request: a malformed or out-of-range parameter",
    401: "not signed in: send an API token (Authorization: Bearer ...) or a session cookie",
    403: "signed in, but the policy gives none of your roles this action on these records (or no CSRF token)",
    404: "no such record, locality or path",
    409: "already done: the proposal or claim was decided meanwhile",
    413: "the file is over an upload limit (bytes, rows, columns, or an archive that expands too far)",
    415: "the file's declared type or content does not match its name",
    422: "well-formed, but not applicable: a filter the kind lacks, no route, a refused file",
    503: "the database cannot answer now",
}
_DEFAULT_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def lang_param(
    lang: Annotated[
        str | None, Query(description="language of messages: vi or en (default: the cookie, Accept-Language, vi)")
    ] = None,
) -> None:
    """Declares `lang`, which corridor.http.lang.request_lang reads (an unknown one falls back, as on pages)."""


def answers(*statuses: int, ok: dict[str, Any] | None = None) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route: the error statuses it can answer (each with the error JSON), and optionally
    its 200 answer in several content types."""
    declared: dict[int | str, dict[str, Any]] = {
        status: {"model": schemas.Error, "description": _ERROR_MEANINGS[status]} for status in statuses
    }
    if ok is not None:
        declared[200] = ok
    return declared


def content(by_media_type: dict[str, Any], description: str) -> dict[str, Any]:
    """A 200 answer in several content types: media type -> its model, or None for text (CSV).

    The models must also be passed to `install_openapi`, which puts them among the document's schemas."""
    schemas_by_type = {media_type: {"schema": _ref(model)} for media_type, model in by_media_type.items()}
    return {"description": description, "content": schemas_by_type}


def _ref(model: Any) -> dict[str, Any]:
    if model is None:
        return {"type": "string"}
    return {"$ref": f"#/components/schemas/{model.__name__}"}


@cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def typed_json(model: Any, body: Any, media_type: str = JSON) -> Response:
    """`body` checked against its model and written as JSON, for routes that answer several content types
    (so FastAPI's own response_model check does not run)."""
    adapter = _adapter(model)
    return Response(adapter.dump_json(adapter.validate_python(body), by_alias=True), media_type=media_type)


def trusted_json(body: Any, media_type: str = JSON) -> Response:
    """`body` written as JSON without checking it against its model again, for the hot read paths (lists,
    details, indicators): checking a page cost as much as reading it from the database. The records are built by
    corridor.registry.public, whose output tests/api/test_trusted_json.py checks against the declared models byte
    for byte, on every record of the bundled data; the route still declares its model for the OpenAPI document."""
    return Response(to_json(body), media_type=media_type)


def install_openapi(app: FastAPI, *extra_models: type[schemas.Public]) -> None:
    """Generate the document once, with `extra_models` (referenced from `content(...)`) among its schemas."""

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _without_default_validation_errors(_generate(app, extra_models))
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]


def _generate(app: FastAPI, extra_models: tuple[type[schemas.Public], ...]) -> dict[str, Any]:
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes, servers=app.servers
    )
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for model in extra_models:
        definition = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
        for name, nested in definition.pop("$defs", {}).items():
            components.setdefault(name, nested)
        components.setdefault(model.__name__, definition)
    return document


def _without_default_validation_errors(document: dict[str, Any]) -> dict[str, Any]:
    for path in document.get("paths", {}).values():
        for operation in path.values():
            default = operation.get("responses", {}).get("422", {})
            if "HTTPValidationError" in str(default):
                del operation["responses"]["422"]
    for name in _DEFAULT_VALIDATION_SCHEMAS:
        document.get("components", {}).get("schemas", {}).pop(name, None)
    return document
