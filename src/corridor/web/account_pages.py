"""Signing in and out (the /login form -> a session cookie; POST /logout) and resetting a forgotten password
(/password/forgot mails a one-time link to /password/reset).

The forms of people not signed in carry a double-submit CSRF token: a random value both in a cookie (HttpOnly,
SameSite=Lax, limited to the form's path) and in a hidden field, which must match on POST."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from corridor.accounts.passwords import MIN_PASSWORD_LENGTH
from corridor.errors import CorridorError, Forbidden, TooManyRequests, Unauthenticated
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
from corridor.i18n import mark, translate
from corridor.web.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
BAD_LOGIN_FORM = mark("This form has expired or did not come from this site; reload the page and try again")
RESET_MAIL_SENT = mark(
    "If an account has the address {email}, a mail with a link to choose a new password is on its way; "
    "the link works once, for {minutes} minutes"
)
PASSWORD_CHANGED = mark("Your password has been changed and your other sessions were signed out; sign in with it")
RESET_FORM_COOKIE = "corridor_reset_csrf"  # double-submit token of the password forms (no session either)


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a full URL), so the form cannot send people elsewhere."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _login_page(
    request: Request,
    corridor: CorridorApp,
    status: int,
    *,
    next_url: str | None,
    email: str = "",
    error: str = "",
    notice: str = "",
) -> Response:
    token = secrets.token_urlsafe(24)
    page = render(
        request,
        "login.html",
        status_code=status,
        login_csrf=token,
        email=email,
        error=error,
        notice=notice,
        next_url=_safe_next(next_url),
    )
    page.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=secure_cookies(request, corridor), path="/login"
    )
    return page


def _check_form_token(request: Request, cookie: str, submitted: str) -> None:
    expected = request.cookies.get(cookie, "")
    if not expected or not hmac.compare_digest(expected.encode(), submitted.encode()):
        raise Forbidden(BAD_LOGIN_FORM)


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
    """A session for the right password, then back to `next`; the same answer for a wrong password or address.

    The session of the cookie the browser came with (if any) ends: the new one has a new ID (no fixation)."""
    _check_form_token(request, LOGIN_CSRF_COOKIE, csrf_token)
    remote = request.client.host if request.client else ""
    try:
        session = corridor.accounts.sign_in(email, password, remote)
    except (Unauthenticated, TooManyRequests) as error:
        page = _login_page(
            request,
            corridor,
            error.http_status,
            next_url=next_url,
            email=email,
            error=error.render(request_lang(request)),
        )
        if isinstance(error, TooManyRequests):
            page.headers["Retry-After"] = str(error.retry_after_s)
        return page
    old_cookie = request.cookies.get(SESSION_COOKIE)
    if old_cookie:
        corridor.accounts.sign_out(old_cookie)
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


# -- forgotten passwords --------------------------------------------------------------------------------------


def _password_page(request: Request, corridor: CorridorApp, template: str, status: int, **context: object) -> Response:
    token = secrets.token_urlsafe(24)
    page = render(
        request,
        template,
        status_code=status,
        form_csrf=token,
        resets_by_mail=corridor.accounts.resets_by_mail,
        min_password_length=MIN_PASSWORD_LENGTH,
        **context,
    )
    page.set_cookie(
        RESET_FORM_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request, corridor),
        path="/password",
    )
    return page


@router.get("/password/forgot")
def forgot_form(request: Request, corridor: CorridorApp) -> Response:
    return _password_page(request, corridor, "password_forgot.html", 200, email="", notice="", error="")


@router.post("/password/forgot")
def forgot(
    request: Request,
    corridor: CorridorApp,
    email: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Mails a reset link when the address has an account; the same answer whether it has one or not."""
    _check_form_token(request, RESET_FORM_COOKIE, csrf_token)
    lang = request_lang(request)
    try:
        corridor.accounts.request_password_reset(email)
    except CorridorError as error:
        status, message = error.http_status, error.render(lang)
        return _password_page(request, corridor, "password_forgot.html", status, email=email, notice="", error=message)
    minutes = int(corridor.accounts.rules.reset_token_life.total_seconds() // 60)
    notice = translate(RESET_MAIL_SENT, lang).format(email=email.strip(), minutes=minutes)
    return _password_page(request, corridor, "password_forgot.html", 200, email="", notice=notice, error="")


@router.get("/password/reset")
def reset_form(request: Request, corridor: CorridorApp, token: str = "") -> Response:
    """The form for a new password, or why the link does not work (unknown, used or expired)."""
    try:
        corridor.accounts.check_reset_token(token)
    except CorridorError as error:
        page = _password_page(
            request, corridor, "password_reset.html", 400, token="", error=error.render(request_lang(request))
        )
        return page
    return _password_page(request, corridor, "password_reset.html", 200, token=token, error="")


def _token_live(corridor: CorridorApp, token: str) -> bool:
    try:
        corridor.accounts.check_reset_token(token)
    except CorridorError:
        return False
    return True


@router.post("/password/reset")
def reset(
    request: Request,
    corridor: CorridorApp,
    token: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    repeated: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Sets the new password (the token works once), signs the account out everywhere, then on to /login."""
    _check_form_token(request, RESET_FORM_COOKIE, csrf_token)
    try:
        corridor.accounts.reset_password(token, password, repeated)
    except CorridorError as error:
        still_live = token if _token_live(corridor, token) else ""  # a weak password: the form again, same link
        return _password_page(
            request, corridor, "password_reset.html", 400, token=still_live, error=error.render(request_lang(request))
        )
    notice = translate(PASSWORD_CHANGED, request_lang(request))
    response = _login_page(request, corridor, 200, next_url="/", notice=notice)
    clear_session_cookie(response, request, corridor)
    return response
