"""Accounts use cases: users and grants, API tokens, sign-in sessions, and the authorization of imports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

from corridor.accounts.models import ApiToken, Grant, NewToken, Principal, SessionInfo, User
from corridor.accounts.passwords import (
    hash_password,
    hash_secret,
    needs_rehash,
    new_password,
    new_secret,
    verify_password,
)
from corridor.accounts.policy import ACTIONS, authorize, check_role, parse_scope
from corridor.accounts.targets import RecordLookup, import_targets
from corridor.errors import InvalidInput, NotFound, Unauthenticated
from corridor.i18n import mark
from corridor.registry.models import Statement

__all__ = ["SESSION_DAYS", "AccountStore", "Accounts"]

SESSION_DAYS = 14
MAX_TOKEN_DAYS = 366
ADMIN_EMAIL = "admin@localhost"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")

BAD_EMAIL = mark("'{email}' is not an e-mail address")
BAD_ACTION = mark("'{action}' is not an action; use one of {actions}")
BAD_DAYS = mark("A token lasts from 1 to {max} days, not {days}")
NO_SUCH_SCOPE = mark("The scope {scope} names no {kind} in the registry")
WRONG_SIGN_IN = mark("Wrong e-mail address or password")
BAD_TOKEN = mark("The API token is unknown, expired or revoked")
NO_GRANT = mark("A user needs at least one role")


class AccountStore(Protocol):
    """What accounts need from storage (implemented by corridor.storage.account_store.SqlAccountStore)."""

    def add_user(
        self, email: str, display_name: str, password_hash: str | None, grants: Sequence[Grant], actor: str
    ) -> User: ...
    def add_grant(self, email: str, grant: Grant, actor: str) -> User: ...
    def remove_grant(self, email: str, grant: Grant, actor: str) -> bool: ...
    def user_by_email(self, email: str) -> tuple[User, str | None] | None: ...
    def users(self) -> list[User]: ...
    def count_with_role(self, role: str) -> int: ...
    def set_password_hash(self, email: str, password_hash: str) -> None: ...
    def record_login_attempt(self, email: str, remote: str, succeeded: bool) -> None: ...
    def add_session(self, id_hash: str, user_id: int, csrf_token: str, expires_at: dt.datetime) -> None: ...
    def session(self, id_hash: str) -> tuple[User, str, dt.datetime] | None: ...
    def delete_session(self, id_hash: str) -> None: ...
    def add_token(
        self,
        email: str,
        name: str,
        token_hash: str,
        actions: Sequence[str],
        localities: Sequence[str],
        expires_at: dt.datetime,
        actor: str,
    ) -> ApiToken: ...
    def tokens(self, email: str | None = None) -> list[ApiToken]: ...
    def revoke_token(self, token_id: int, actor: str) -> ApiToken: ...
    def use_token(self, token_hash: str) -> tuple[ApiToken, User] | None: ...


def normal_email(email: str) -> str:
    """The sign-in name: trimmed and lower-cased; InvalidInput when it is not an address."""
    text = email.strip().lower()
    if not _EMAIL.match(text):
        raise InvalidInput(BAD_EMAIL, email=email)
    return text


class Accounts:
    """Users, grants, tokens and sessions over a store; `lookup` (the registry) checks that scopes exist."""

    def __init__(self, store: AccountStore, lookup: RecordLookup) -> None:
        self._store = store
        self._lookup = lookup

    # -- users --------------------------------------------------------------------------------------------

    def add_user(
        self, email: str, grants: Sequence[Grant], actor: str, *, display_name: str = "", password: str | None = None
    ) -> tuple[User, str | None]:
        """A new user; without a password one is generated and returned (to be shown once), else None."""
        address = normal_email(email)
        if not grants:
            raise InvalidInput(NO_GRANT)
        checked = [self.check_grant(grant) for grant in grants]
        generated = None if password is not None else new_password()
        password_hash = hash_password(password if password is not None else str(generated))
        name = display_name.strip() or address.split("@")[0]
        return self._store.add_user(address, name, password_hash, checked, actor), generated

    def check_grant(self, grant: Grant) -> Grant:
        """The grant with its role and scope checked: a known role; a zone, firm or locality that exists."""
        role = check_role(grant.role.strip())
        kind, ident = parse_scope(grant.scope)
        if not self._scope_exists(kind, ident):
            raise NotFound(NO_SUCH_SCOPE, scope=grant.scope, kind=kind)
        return Grant(role, "*" if kind == "corridor" else f"{kind}:{ident}")

    def _scope_exists(self, kind: str, ident: str) -> bool:
        if kind == "locality":
            return ident in self._lookup.admin_index().units
        if kind in {"zone", "firm"}:
            return self._lookup.view_row(f"{kind}s", ident) is not None
        return True

    def grant(self, email: str, grant: Grant, actor: str) -> User:
        return self._store.add_grant(normal_email(email), self.check_grant(grant), actor)

    def revoke_grant(self, email: str, grant: Grant, actor: str) -> bool:
        return self._store.remove_grant(normal_email(email), grant, actor)

    def users(self) -> list[User]:
        return self._store.users()

    def display_names(self) -> dict[str, str]:
        """E-mail address -> the name shown beside the user's changes (the log records the address)."""
        return {user.email: user.display_name for user in self._store.users() if user.display_name}

    def user(self, email: str) -> User:
        found = self._store.user_by_email(normal_email(email))
        if found is None:
            raise NotFound(mark("No user has the e-mail address {email}"), email=email)
        return found[0]

    def ensure_admin(self, actor: str) -> tuple[User, str] | None:
        """The first administrator (admin@localhost, a generated password) when there is none; None otherwise."""
        if self._store.count_with_role("admin"):
            return None
        user, password = self.add_user(ADMIN_EMAIL, [Grant("admin", "*")], actor, display_name="Administrator")
        return user, str(password)

    # -- tokens -------------------------------------------------------------------------------------------

    def create_token(
        self,
        email: str,
        actions: Sequence[str],
        localities: Sequence[str],
        expires_days: int,
        actor: str,
        *,
        name: str = "",
    ) -> NewToken:
        """A token for the user, limited to `actions` and `localities` (admin unit IDs; empty: the user's own)."""
        for action in actions:
            if action not in ACTIONS:
                raise InvalidInput(BAD_ACTION, action=action, actions=", ".join(ACTIONS))
        for unit in localities:
            self.check_grant(Grant("agency", f"locality:{unit}"))
        if not 1 <= expires_days <= MAX_TOKEN_DAYS:
            raise InvalidInput(BAD_DAYS, max=MAX_TOKEN_DAYS, days=expires_days)
        secret = new_secret()
        expires_at = dt.datetime.now(dt.UTC) + dt.timedelta(days=expires_days)
        token = self._store.add_token(
            normal_email(email), name, hash_secret(secret), list(actions), list(localities), expires_at, actor
        )
        return NewToken(token, secret)

    def tokens(self, email: str | None = None) -> list[ApiToken]:
        return self._store.tokens(normal_email(email) if email else None)

    def revoke_token(self, token_id: int, actor: str) -> ApiToken:
        return self._store.revoke_token(token_id, actor)

    def principal_from_token(self, secret: str) -> Principal:
        """Who a Bearer token speaks for (its use is recorded); Unauthenticated when unknown, expired or revoked."""
        found = self._store.use_token(hash_secret(secret.strip()))
        if found is None:
            raise Unauthenticated(BAD_TOKEN)
        token, user = found
        return Principal(
            user.id,
            user.email,
            user.display_name,
            user.grants,
            token_actions=frozenset(token.actions),
            token_localities=frozenset(token.localities),
        )

    # -- sessions -----------------------------------------------------------------------------------------

    def sign_in(self, email: str, password: str, remote: str = "") -> SessionInfo:
        """A new session for the right password; one error for a wrong password and an unknown address alike.

        Every attempt is recorded (login_attempts), for the lockout to come."""
        address = email.strip().lower()
        found = self._store.user_by_email(address)
        password_hash = found[1] if found else None
        matches = verify_password(password_hash, password)  # checked even for an unknown address (same time)
        succeeded = found is not None and not found[0].disabled and matches
        self._store.record_login_attempt(address, remote, succeeded)
        if not succeeded or found is None or password_hash is None:
            raise Unauthenticated(WRONG_SIGN_IN)
        if needs_rehash(password_hash):
            self._store.set_password_hash(address, hash_password(password))
        return self._open_session(found[0])

    def _open_session(self, user: User) -> SessionInfo:
        cookie_value, csrf_token = new_secret(), new_secret()
        expires_at = dt.datetime.now(dt.UTC) + dt.timedelta(days=SESSION_DAYS)
        self._store.add_session(hash_secret(cookie_value), user.id, csrf_token, expires_at)
        return SessionInfo(user, csrf_token, expires_at, cookie_value)

    def session(self, cookie_value: str) -> SessionInfo | None:
        """The live session of that cookie, or None (unknown, expired, or its user disabled)."""
        found = self._store.session(hash_secret(cookie_value))
        return SessionInfo(*found) if found else None

    def sign_out(self, cookie_value: str) -> None:
        self._store.delete_session(hash_secret(cookie_value))

    # -- authorization of writes --------------------------------------------------------------------------

    def authorize_import(self, principal: Principal, kind: str, statements: Sequence[Statement]) -> None:
        """Every row of an import checked before anything is written: all rows allowed, or Forbidden."""
        if principal.is_anonymous:
            authorize(principal, "records.import")
        for target in import_targets(kind, statements, self._lookup):
            authorize(principal, "records.import", target)
