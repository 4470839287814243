"""Which language a request wants: ?lang=, then the cookie, then Accept-Language; Vietnamese by default."""

from __future__ import annotations

from starlette.requests import Request

from corridor.i18n import LANGUAGES

DEFAULT_LANG = "vi"
COOKIE = "corridor_lang"


def request_lang(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(COOKIE)
    if asked in LANGUAGES:
        return asked
    accept = request.headers.get("accept-language", "")
    for part in accept.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANG
