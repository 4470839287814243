"""Plain records of accounts: users and their grants, who is acting, what a write touches, tokens, sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ApiToken",
    "Grant",
    "NewToken",
    "Principal",
    "ResetState",
    "SessionInfo",
    "StoredSession",
    "Target",
    "User",
]

ResetState = Literal["live", "used", "expired", "unknown"]  # of a password reset token


@dataclass(frozen=True)
class Grant:
    """A role held over a scope: '*' (the whole corridor), 'locality:<admin unit ID>', 'zone:<ID>' or 'firm:<ID>'."""

    role: str
    scope: str = "*"


@dataclass(frozen=True)
class User:
    id: int
    email: str
    display_name: str
    grants: tuple[Grant, ...] = ()
    created_at: dt.datetime | None = None
    disabled: bool = False
    has_password: bool = False


@dataclass(frozen=True)
class Principal:
    """Who is acting: a signed-in user (with her grants), a machine with a token, or nobody (anonymous).

    A token narrows its user's rights: `token_actions` (None: not a token) and `token_localities` (empty: the
    user's own scope)."""

    user_id: int | None = None
    email: str = ""
    display_name: str = ""
    grants: tuple[Grant, ...] = ()
    token_actions: frozenset[str] | None = None
    token_localities: frozenset[str] = frozenset()

    @classmethod
    def anonymous(cls) -> Principal:
        return cls()

    @classmethod
    def of_user(cls, user: User) -> Principal:
        return cls(user.id, user.email, user.display_name, user.grants)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def actor(self) -> str:
        """What the write log records as the author of a write: the e-mail address."""
        return self.email


@dataclass(frozen=True)
class Target:
    """What a record belongs to, for deciding scopes: its own ID among `zones` or `firms`, and its localities.

    `localities` holds both the 2025 province and the pre-2025 one (and the successors of a pre-2025 unit), so a
    scope on the former Hải Dương (VN-30) covers exactly the records whose pre-2025 province is VN-30, while a
    scope on today's Hải Phòng (VN-31-2025) covers them all."""

    zones: frozenset[str] = frozenset()
    firms: frozenset[str] = frozenset()
    localities: frozenset[str] = frozenset()
    label: str = ""  # how a refusal names it: "zones kcn-a"

    @classmethod
    def everything(cls) -> Target:
        """A target outside any zone, firm or locality: only corridor-wide grants cover it."""
        return cls(label="*")


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_email: str
    name: str
    actions: tuple[str, ...]
    localities: tuple[str, ...]
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None
    last_used_at: dt.datetime | None = None


@dataclass(frozen=True)
class NewToken:
    """A token just created: `secret` is shown once and never stored (only its sha256)."""

    token: ApiToken
    secret: str


@dataclass(frozen=True)
class SessionInfo:
    """A signed-in browser session: the cookie value is shown once (to the browser); its CSRF token."""

    user: User
    csrf_token: str
    expires_at: dt.datetime
    cookie_value: str = field(default="", repr=False)


@dataclass(frozen=True)
class StoredSession:
    """A session as stored: whether it is still alive is for the rules (corridor.accounts.lockout) to say."""

    user: User
    csrf_token: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    expires_at: dt.datetime
