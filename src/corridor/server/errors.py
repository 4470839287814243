"""Every error answered with a clear message in the caller's language, never a stack trace.

API paths (/api, /ogc) get JSON `{"error": {"status", "message"}}`; pages get the portal's error page.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from corridor.errors import CorridorError, TooManyRequests
from corridor.http.lang import request_lang
from corridor.i18n import mark, translate
from corridor.server.headers import add_security_headers

log = logging.getLogger("corridor.api")
API_PREFIXES = ("/api/", "/ogc")

HtmlErrorPage = Callable[[Request, int, str], Response]

# Pydantic's English messages for the checks FastAPI runs on parameters and bodies, as messages of our catalogs;
# the parameters come from the error's `ctx`. A kind not listed here reads "is not valid" (never pydantic's English).
_VALIDATION_MESSAGES = {
    "missing": mark("required"),
    "missing_argument": mark("required"),
    "extra_forbidden": mark("is not an accepted field"),
    "int_type": mark("must be a whole number"),
    "int_parsing_size": mark("is too large a number"),
    "float_type": mark("must be a number"),
    "bool_type": mark("must be true or false"),
    "string_type": mark("must be text"),
    "string_unicode": mark("must be text"),
    "date_type": mark("must be a date YYYY-MM-DD"),
    "datetime_type": mark("must be a date and time"),
    "datetime_parsing": mark("must be a date and time"),
    "list_type": mark("must be a list"),
    "dict_type": mark("must be an object"),
    "model_type": mark("must be an object"),
    "model_attributes_type": mark("must be an object"),
    "json_invalid": mark("is not valid JSON"),
    "json_type": mark("is not valid JSON"),
    "enum": mark("must be one of {expected}"),
    "too_short": mark("must have at least {min_length} items"),
    "too_long": mark("must have at most {max_length} items"),
    "multiple_of": mark("must be a multiple of {multiple_of}"),
    "decimal_parsing": mark("must be a number"),
    "url_parsing": mark("must be a web address"),
    "uuid_parsing": mark("must be a UUID"),
    "int_parsing": mark("must be a whole number"),
    "int_from_float": mark("must be a whole number"),
    "float_parsing": mark("must be a number"),
    "finite_number": mark("must be a finite number"),
    "bool_parsing": mark("must be true or false"),
    "date_parsing": mark("must be a date YYYY-MM-DD"),
    "date_from_datetime_parsing": mark("must be a date YYYY-MM-DD"),
    "date_from_datetime_inexact": mark("must be a date YYYY-MM-DD"),
    "greater_than": mark("must be greater than {gt}"),
    "greater_than_equal": mark("must be at least {ge}"),
    "less_than": mark("must be less than {lt}"),
    "less_than_equal": mark("must be at most {le}"),
    "string_too_short": mark("must have at least {min_length} characters"),
    "string_too_long": mark("must have at most {max_length} characters"),
    "string_pattern_mismatch": mark("must match {pattern}"),
    "literal_error": mark("must be one of {expected}"),
}


# What the framework's own refusals say, as messages of our catalogs (FastAPI's `detail` texts are English).
_HTTP_MESSAGES = {
    400: mark("The request could not be read"),
    404: mark("Not found"),
    405: mark("This method is not allowed here"),
    406: mark("This answer is not available in the requested format"),
    413: mark("The request is too large"),
    415: mark("This content type is not accepted here"),
}


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _status_and_message(request: Request, error: Exception) -> tuple[int, str]:
    lang = request_lang(request)
    if isinstance(error, CorridorError):
        return error.http_status, error.render(lang)
    if isinstance(error, RequestValidationError):
        problems = "; ".join(_validation_problem(e, lang) for e in error.errors())
        return 400, translate("Invalid request: {problems}", lang).format(problems=problems)
    if isinstance(error, HTTPException):
        # never the exception's own detail: it is English, and may quote what the parser choked on
        message = _HTTP_MESSAGES.get(error.status_code, mark("The request was refused ({status})"))
        return error.status_code, translate(message, lang).format(status=error.status_code)
    if isinstance(error, OperationalError):  # the database is down, locked or unreachable
        log.error("database error on %s: %s", request.url.path, type(error).__name__, exc_info=error)
        return 503, translate("The database cannot answer now; try again later", lang)
    log.exception("internal error on %s", request.url.path, exc_info=error)
    return 500, translate("Internal error; it has been logged", lang)


def _validation_problem(problem: dict[str, Any], lang: str) -> str:
    """'where: what is wrong', e.g. 'limit: must be at least 1', in the caller's language."""
    where = ".".join(str(p) for p in problem["loc"][1:]) or str(problem["loc"][0])
    return f"{where}: {validation_message(problem, lang)}"


def validation_message(problem: dict[str, Any], lang: str) -> str:
    """What is wrong with one value, from pydantic's error kind and its `ctx`; never pydantic's English text."""
    message = _VALIDATION_MESSAGES.get(problem["type"], mark("is not valid"))
    try:
        return translate(message, lang).format(**problem.get("ctx", {}))
    except (KeyError, IndexError):
        return translate("is not valid", lang)


def _error_answer(request: Request, status: int, message: str, html_error_page: HtmlErrorPage) -> Response:
    if request.url.path.startswith(API_PREFIXES):
        return error_response(status, message)
    try:
        return html_error_page(request, status, message)
    except Exception:  # the error page itself failed (its template, the database): a bare page, logged
        log.exception("the error page failed on %s", request.url.path)
        return HTMLResponse(f"<!DOCTYPE html><title>{status}</title><p>{html.escape(message)}</p>", status)


def install_error_handlers(app: FastAPI, html_error_page: HtmlErrorPage) -> None:
    async def handle(request: Request, error: Exception) -> Response:
        status, message = _status_and_message(request, error)
        response = _error_answer(request, status, message, html_error_page)
        if isinstance(error, TooManyRequests):
            response.headers["Retry-After"] = str(error.retry_after_s)
        # an unexpected error is answered by Starlette outside every middleware: it gets its headers here
        return add_security_headers(response)

    for kind in (CorridorError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(kind, handle)
