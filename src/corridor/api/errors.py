"""Every error answered with a clear message in the caller's language, never a stack trace.

API paths (/api, /ogc) get JSON `{"error": {"status", "message"}}`; pages get the portal's error page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from corridor.errors import CorridorError
from corridor.i18n import translate
from corridor.web.lang import request_lang

log = logging.getLogger("corridor.api")
API_PREFIXES = ("/api/", "/ogc")

HtmlErrorPage = Callable[[Request, int, str], Response]


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _status_and_message(request: Request, error: Exception) -> tuple[int, str]:
    lang = request_lang(request)
    if isinstance(error, CorridorError):
        return error.http_status, error.render(lang)
    if isinstance(error, RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in error.errors()
        )
        return 400, translate("Invalid request: {problems}", lang).format(problems=problems)
    if isinstance(error, HTTPException):
        if error.status_code == 404:
            return 404, translate("Not found", lang)
        return error.status_code, str(error.detail)
    log.exception("internal error on %s", request.url.path, exc_info=error)
    return 500, translate("Internal error; it has been logged", lang)


def install_error_handlers(app: FastAPI, html_error_page: HtmlErrorPage) -> None:
    async def handle(request: Request, error: Exception) -> Response:
        status, message = _status_and_message(request, error)
        if request.url.path.startswith(API_PREFIXES):
            return error_response(status, message)
        return html_error_page(request, status, message)

    for kind in (CorridorError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(kind, handle)
