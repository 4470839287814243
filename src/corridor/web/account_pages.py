"""Signing in and out: the /login form (e-mail and password -> a session cookie) and POST /logout."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from corridor.errors import Forbidden, Unauthenticated
from corridor.http.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    FormCsrf,
    clear_session_cookie,
    current_session,
    secure_cookies,
    set_session_cookie,
)
from corridor.http.deps import CorridorApp
from corridor.http.lang import request_lang
from corridor.i18n import mark
from corridor.web.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
BAD_LOGIN_FORM = mark("This form has expired or did not come from this site; reload the page and try again")


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a full URL), so the form cannot send people elsewhere."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _login_page(
    request: Request, corridor: CorridorApp, status: int, *, next_url: str | None, email: str = "", error: str = ""
) -> Response:
    token = secrets.token_urlsafe(24)
    page = render(
        request,
        "login.html",
        status_code=status,
        login_csrf=token,
        email=email,
        error=error,
        next_url=_safe_next(next_url),
    )
    page.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=secure_cookies(request, corridor), path="/login"
    )
    return page


@router.get("/login")
def login_form(request: Request, corridor: CorridorApp) -> Response:
    return _login_page(request, corridor, 200, next_url=request.query_params.get("next"))


@router.post("/login")
def login(
    request: Request,
    corridor: CorridorApp,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next_url: Annotated[str, Form(alias="next")] = "/",
) -> Response:
    """A session for the right password, then back to `next`; the same answer for a wrong password or address."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        raise Forbidden(BAD_LOGIN_FORM)
    remote = request.client.host if request.client else ""
    try:
        session = corridor.accounts.sign_in(email, password, remote)
    except Unauthenticated as error:
        page = _login_page(
            request, corridor, 401, next_url=next_url, email=email, error=error.render(request_lang(request))
        )
        return page
    response = RedirectResponse(_safe_next(next_url), status_code=303)
    set_session_cookie(response, request, corridor, session)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", dependencies=[FormCsrf])
def logout(request: Request, corridor: CorridorApp) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and current_session(request, corridor) is not None:
        corridor.accounts.sign_out(cookie)
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(response, request, corridor)
    return response
