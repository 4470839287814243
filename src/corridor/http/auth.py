"""Who is asking: a Bearer API token or the session cookie, as FastAPI dependencies; CSRF checks; cookies.

The X-Corridor-User header is not trusted (anyone can send it). A request with neither a token nor a live
session is anonymous, and `corridor.accounts.authorize` refuses it every write (401).

Cookies are HttpOnly, SameSite=Lax, and Secure unless the request is plain http to this machine's loopback
(127.0.0.1, localhost, ::1: `make run`, the tests) or the setting CORRIDOR_INSECURE_COOKIES=1 says the server
is reached over plain http on purpose. Behind a TLS proxy, run uvicorn with --proxy-headers so https is seen.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request, Response

from corridor.accounts import Principal, SessionInfo
from corridor.bootstrap import App
from corridor.errors import Forbidden
from corridor.http.deps import CorridorApp
from corridor.i18n import mark

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "LOGIN_CSRF_COOKIE",
    "SESSION_COOKIE",
    "Actor",
    "FormCsrf",
    "check_csrf",
    "clear_session_cookie",
    "current_principal",
    "current_session",
    "require_form_csrf",
    "secure_cookies",
    "set_session_cookie",
]

SESSION_COOKIE = "corridor_session"
CSRF_FIELD = "csrf_token"  # hidden field of every POST form
CSRF_HEADER = "X-CSRF-Token"  # what cookie-authenticated API calls send instead
LOGIN_CSRF_COOKIE = "corridor_login_csrf"  # double-submit token of the sign-in form (no session yet)
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

BAD_CSRF = mark("This form has expired or did not come from this site; reload the page and try again")


def current_session(request: Request, corridor: CorridorApp) -> SessionInfo | None:
    """The live session of the request's cookie (looked up once per request), or None."""
    if hasattr(request.state, "corridor_session"):
        found: SessionInfo | None = request.state.corridor_session
        return found
    cookie = request.cookies.get(SESSION_COOKIE)
    found = corridor.accounts.session(cookie) if cookie else None
    request.state.corridor_session = found
    return found


def _bearer(request: Request) -> str | None:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" and secret.strip() else None


def current_principal(request: Request, corridor: CorridorApp) -> Principal:
    """Bearer token first (a bad one is refused with 401, never read as anonymous), then the session cookie."""
    secret = _bearer(request)
    if secret is not None:
        return corridor.accounts.principal_from_token(secret)
    session = current_session(request, corridor)
    return Principal.of_user(session.user) if session else Principal.anonymous()


Actor = Annotated[Principal, Depends(current_principal)]


def check_csrf(request: Request, corridor: App, submitted: str | None) -> None:
    """Refuse (403) a state-changing request that rides on the session cookie without its session's CSRF token.

    Requests with a Bearer token are exempt: browsers never add one on their own. Anonymous requests carry no
    session to protect (the policy refuses them their writes anyway)."""
    if _bearer(request) is not None:
        return
    session = current_session(request, corridor)
    if session is None:
        return
    given = submitted or request.headers.get(CSRF_HEADER) or ""
    if not hmac.compare_digest(given.encode(), session.csrf_token.encode()):
        raise Forbidden(BAD_CSRF)


def secure_cookies(request: Request, corridor: App) -> bool:
    plain_local = request.url.scheme == "http" and (request.url.hostname or "") in _LOOPBACK
    return not (plain_local or corridor.settings.insecure_cookies)


def set_session_cookie(response: Response, request: Request, corridor: App, session: SessionInfo) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session.cookie_value,
        max_age=int((session.expires_at - corridor.accounts.clock()).total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request, corridor),
        path="/",
    )


def clear_session_cookie(response: Response, request: Request, corridor: App) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookies(request, corridor)
    )


async def require_form_csrf(request: Request, corridor: CorridorApp) -> None:
    """Dependency of every state-changing form POST: the hidden `csrf_token` field must be the session's."""
    form = await request.form()
    submitted = form.get(CSRF_FIELD)
    check_csrf(request, corridor, submitted if isinstance(submitted, str) else "")


FormCsrf = Depends(require_form_csrf)
