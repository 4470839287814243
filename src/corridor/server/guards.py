"""ASGI guards around the whole portal: a request body limit, and the security headers every answer carries.

The body limit stops reading an upload at the configured size (CORRIDOR_MAX_UPLOAD_MB plus room for the multipart
envelope) instead of letting the multipart parser spool an unbounded body to disk first; the import endpoint then
checks the file itself against the same limit (corridor.registry.limits).
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corridor.errors import UploadTooLarge
from corridor.http.lang import request_lang
from corridor.i18n import mark
from corridor.server.errors import error_response
from corridor.server.headers import CONTENT_SECURITY_POLICY, SECURITY_HEADERS

__all__ = ["CONTENT_SECURITY_POLICY", "BodySizeLimit", "SecurityHeaders"]

MULTIPART_ENVELOPE_BYTES = 64 * 1024  # boundaries, part headers and small form fields around the file
_BODYLESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_REPLACED_HEADERS = frozenset({b"server", *(name for name, _ in SECURITY_HEADERS)})


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP answer (pages, API, static files, errors), and drops `server`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _REPLACED_HEADERS]
                message = {**message, "headers": [*kept, *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass
class _BodyState:
    received: int = 0
    exceeded: bool = False
    started: bool = False


class BodySizeLimit:
    """Refuses a request body over `max_body_bytes` with 413, from its Content-Length or while it streams in."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _BODYLESS_METHODS:
            await self.app(scope, receive, send)
            return
        if self._declared_bytes(scope) > self.max_body_bytes:
            await self._refuse(scope, receive, send)
            return
        state = _BodyState()

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state.received += len(message.get("body", b""))
                if state.received > self.max_body_bytes:
                    state.exceeded = True
                    return {"type": "http.disconnect"}  # the app stops reading; its answer is replaced below
            return message

        async def guarded_send(message: Message) -> None:
            if state.exceeded and not state.started:
                return
            state.started = state.started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not state.exceeded:
                raise
        if state.exceeded and not state.started:
            await self._refuse(scope, receive, send)

    @staticmethod
    def _declared_bytes(scope: Scope) -> int:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                return int(value) if value.isdigit() else 0
        return 0

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = UploadTooLarge(
            mark("The request is larger than the limit of {max_mb} MB; split the file into smaller files"),
            max_mb=round((self.max_body_bytes - MULTIPART_ENVELOPE_BYTES) / (1024 * 1024), 1),
        )
        response = error_response(error.http_status, error.render(request_lang(Request(scope))))
        response.headers["connection"] = "close"
        await response(scope, receive, send)
