"""A response cache for the read-only APIs, as ASGI middleware, invalidated when the data changes.

Every write (imports, scenarios, reference data) appends to the write log in its own transaction, so the log's
newest ID is the data version (docs/adr/0004-write-log.md). The cache keeps successful GET answers of /api/v1
and /ogc keyed by path, query, language (the lang cookie and Accept-Language) and host, and at most once per
`check_every_s` seconds asks the database for the version; a new version empties the cache. An answer can
therefore be stale for at most that long after another process writes; after a request of this process that
may write (any method but GET, HEAD, OPTIONS) the next GET checks at once.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PREFIXES = ("/api/v1/", "/ogc")
# The matrix answers If-None-Match itself (ETag). Inquiries are private (a token in the path, or an answer that
# depends on who asks) and forums answer per caller (organisers see registrations and outcomes): never kept.
UNCACHED = ("/api/v1/docs", "/api/v1/network/matrix", "/api/v1/inquiries", "/api/v1/events")


_KEY_HEADERS = (b"cookie", b"accept-language", b"host")


@dataclass(frozen=True)
class _Entry:
    """The two ASGI messages of a stored answer, built once and sent as they are on every hit."""

    start: Message
    body: Message


class ResponseCache:
    def __init__(
        self, app: ASGIApp, data_version: Callable[[], int], *, check_every_s: float = 1.0, max_entries: int = 4096
    ) -> None:
        self.app = app
        self.data_version = data_version
        self.check_every_s = check_every_s
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[bytes, ...], _Entry] = OrderedDict()
        self.version: int | None = None
        self.checked_at = 0.0
        self.hits = 0
        self.misses = 0

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        path: str = scope["path"]
        if not path.startswith(CACHED_PREFIXES) or path.startswith(UNCACHED):
            return False
        # An answer to a token holder may hold what only that token may read: never stored, never served from store.
        return not any(name == b"authorization" for name, _ in scope["headers"])

    def _refresh_version(self) -> None:
        now = time.monotonic()
        if now - self.checked_at < self.check_every_s:
            return
        self.checked_at = now
        version = self.data_version()
        if version != self.version:
            self.entries.clear()
            self.version = version

    @staticmethod
    def _key(scope: Scope) -> tuple[bytes, ...]:
        # one pass over the few request headers, without building a dict of them on every hit
        found = {name: value for name, value in scope["headers"] if name in _KEY_HEADERS}
        return (scope["path"].encode(), scope["query_string"], *(found.get(name, b"") for name in _KEY_HEADERS))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            if scope["type"] == "http" and scope["method"] not in {"GET", "HEAD", "OPTIONS"}:
                self.checked_at = float("-inf")  # it may have written: check the version at the next GET
            return
        self._refresh_version()
        key = self._key(scope)
        entry = self.entries.get(key)
        if entry is not None:
            self.hits += 1
            await send(entry.start)
            await send(entry.body)
            return
        self.misses += 1
        await self._call_and_store(scope, receive, send, key)

    async def _call_and_store(self, scope: Scope, receive: Receive, send: Send, key: tuple[bytes, ...]) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if start is not None and start["status"] == 200:
            headers = list(start.get("headers", []))
            body = {"type": "http.response.body", "body": b"".join(chunks)}
            self.entries[key] = _Entry({"type": "http.response.start", "status": 200, "headers": headers}, body)
            if len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
