"""Accounts use cases: users and grants, API tokens, sign-in sessions, and the authorization of imports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import NoReturn, Protocol

from corridor.accounts.lockout import SignInRules, address_retry_after_s, lock_end, minutes_left, session_alive
from corridor.accounts.mail import Mailer, reset_mail
from corridor.accounts.models import (
    ApiToken,
    Grant,
    NewToken,
    Principal,
    ResetState,
    SessionInfo,
    StoredSession,
    User,
)
from corridor.accounts.passwords import (
    check_password_strength,
    hash_password,
    hash_secret,
    needs_rehash,
    new_password,
    new_secret,
    verify_password,
)
from corridor.accounts.policy import ACTIONS, authorize, check_role, parse_scope
from corridor.accounts.targets import RecordLookup, import_targets
from corridor.errors import InvalidInput, NotFound, TooManyRequests, Unauthenticated, Unavailable
from corridor.i18n import mark
from corridor.registry.models import Statement

__all__ = ["AccountStore", "Accounts", "utc_now"]

MAX_TOKEN_DAYS = 366
ADMIN_EMAIL = "admin@localhost"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")

BAD_EMAIL = mark("'{email}' is not an e-mail address")
BAD_ACTION = mark("'{action}' is not an action; use one of {actions}")
BAD_DAYS = mark("A token lasts from 1 to {max} days, not {days}")
NO_SUCH_SCOPE = mark("The scope {scope} names no {kind} in the registry")
WRONG_SIGN_IN = mark("Wrong e-mail address or password")
LOCKED = mark("Wrong e-mail address or password, or too many attempts: try again in {minutes} minutes")
TOO_MANY_FROM_CLIENT = mark("Too many sign-in attempts from your address: try again in {seconds} seconds")
RESETS_UNAVAILABLE = mark(
    "Password resets by mail are not available on this server; ask an administrator for a reset link"
)
RESET_UNKNOWN = mark("This password reset link is not valid; ask for a new one")
RESET_USED = mark("This password reset link has been used already; ask for a new one")
RESET_EXPIRED = mark("This password reset link has expired; ask for a new one")
PASSWORDS_DIFFER = mark("The two passwords differ")
_RESET_REFUSALS = {"unknown": RESET_UNKNOWN, "used": RESET_USED, "expired": RESET_EXPIRED}
ATTEMPTS_KEPT = dt.timedelta(days=30)  # sign-in attempts older than this are purged
# A session's last use is written at most once per 1/16 of the idle time (30 minutes by default): a page view
# rarely writes (on SQLite a write waits for a running import), and idle expiry stays within 1/16 of its setting.
SEEN_EVERY_PART_OF_IDLE = 16
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
    def record_login_attempt(self, email: str, remote: str, succeeded: bool, at: dt.datetime | None = None) -> None: ...
    def failures_since_reset(self, email: str, since: dt.datetime) -> list[dt.datetime]: ...
    def attempts_from(self, remote: str, since: dt.datetime) -> list[dt.datetime]: ...
    def set_locked_until(self, email: str, until: dt.datetime | None) -> None: ...
    def lock_state(self, email: str) -> tuple[int, dt.datetime | None]: ...
    def unlock(self, email: str, actor: str) -> None: ...
    def add_password_reset(self, token_hash: str, user_id: int, at: dt.datetime, expires_at: dt.datetime) -> None: ...
    def password_reset_state(self, token_hash: str, now: dt.datetime) -> ResetState: ...
    def redeem_password_reset(self, token_hash: str, password_hash: str, now: dt.datetime) -> ResetState: ...
    def change_password(self, email: str, password_hash: str, keep_session: str | None, actor: str) -> None: ...
    def add_session(
        self, id_hash: str, user_id: int, csrf_token: str, expires_at: dt.datetime, at: dt.datetime | None = None
    ) -> None: ...
    def session(self, id_hash: str) -> StoredSession | None: ...
    def touch_session(self, id_hash: str, at: dt.datetime) -> None: ...
    def delete_session(self, id_hash: str) -> None: ...
    def purge_expired(self, now: dt.datetime, idle_since: dt.datetime, attempts_before: dt.datetime) -> int: ...
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


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def normal_email(email: str) -> str:
    """The sign-in name: trimmed and lower-cased; InvalidInput when it is not an address."""
    text = email.strip().lower()
    if not _EMAIL.match(text):
        raise InvalidInput(BAD_EMAIL, email=email)
    return text


class Accounts:
    """Users, grants, tokens and sessions over a store; `lookup` (the registry) checks that scopes exist."""

    def __init__(
        self,
        store: AccountStore,
        lookup: RecordLookup,
        *,
        rules: SignInRules | None = None,
        mailer: Mailer | None = None,
        public_url: str = "http://127.0.0.1:8000",
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self._store = store
        self._lookup = lookup
        self.rules = rules or SignInRules()
        self.mailer = mailer  # None: no SMTP configured, resets only through `corridor users reset-password`
        self.public_url = public_url.rstrip("/")
        self.clock = clock or utc_now  # tests set another to move time

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

    # -- signing in ---------------------------------------------------------------------------------------

    def sign_in(self, email: str, password: str, remote: str = "") -> SessionInfo:
        """A new session for the right password of an account that is not locked.

        A client address over its attempts a minute is refused first (TooManyRequests, nothing recorded). Then
        a wrong password, an unknown address and a locked account are refused alike (Unauthenticated): the password
        is checked against a hash either way (the same time), and an unknown address locks just as an account does,
        so the answer never tells whether the address has an account. Every attempt is recorded."""
        now = self.clock()
        self._check_client_rate(remote, now)
        address = email.strip().lower()
        found = self._store.user_by_email(address)
        failures = self._store.failures_since_reset(address, now - self.rules.longest_lock - self.rules.failure_window)
        locked_until = lock_end(failures, self.rules)
        password_hash = found[1] if found else None
        matches = verify_password(password_hash, password)  # checked even for an unknown address (same time)
        locked = locked_until is not None and locked_until > now
        succeeded = found is not None and not found[0].disabled and matches and not locked
        self._store.record_login_attempt(address, remote, succeeded, now)
        if not succeeded or found is None or password_hash is None:
            self._refuse(address, found is not None, [*failures, now], now)
        if needs_rehash(password_hash):
            self._store.set_password_hash(address, hash_password(password))
        self.purge_expired()
        return self._open_session(found[0])

    def _check_client_rate(self, remote: str, now: dt.datetime) -> None:
        if not remote:
            return
        attempts = self._store.attempts_from(remote, now - dt.timedelta(minutes=1))
        wait_s = address_retry_after_s(attempts, now, self.rules)
        if wait_s is not None:
            raise TooManyRequests(TOO_MANY_FROM_CLIENT, retry_after_s=wait_s, seconds=wait_s)

    def _refuse(self, address: str, has_account: bool, failures: list[dt.datetime], now: dt.datetime) -> NoReturn:
        until = lock_end(failures, self.rules)
        if has_account:
            self._store.set_locked_until(address, until)
        if until is not None and until > now:
            raise Unauthenticated(LOCKED, minutes=minutes_left(until, now))
        raise Unauthenticated(WRONG_SIGN_IN)

    def unlock(self, email: str, actor: str) -> None:
        """Let a locked account sign in again at once (an administrator, `corridor users unlock`)."""
        self._store.unlock(normal_email(email), actor)

    def lock_state(self, email: str) -> tuple[int, dt.datetime | None]:
        """(failed sign-ins since the last success, locked until or None)."""
        return self._store.lock_state(normal_email(email))

    # -- password resets ----------------------------------------------------------------------------------

    @property
    def resets_by_mail(self) -> bool:
        return self.mailer is not None

    def request_password_reset(self, email: str) -> None:
        """Mail a one-time reset link when the address has an active account; the same (silent) outcome when
        not, so the answer does not tell. Unavailable when no mail server is configured."""
        if self.mailer is None:
            raise Unavailable(RESETS_UNAVAILABLE)
        address = normal_email(email)
        found = self._store.user_by_email(address)
        if found is None or found[0].disabled:
            return
        link = self._new_reset_link(found[0])
        minutes = int(self.rules.reset_token_life.total_seconds() // 60)
        self.mailer.send(reset_mail(address, link, minutes))

    def reset_link(self, email: str) -> str:
        """A one-time reset link for an operator to pass on (`corridor users reset-password`); NotFound if unknown."""
        return self._new_reset_link(self.user(email))

    def _new_reset_link(self, user: User) -> str:
        token, now = new_secret(), self.clock()
        self._store.add_password_reset(hash_secret(token), user.id, now, now + self.rules.reset_token_life)
        return f"{self.public_url}/password/reset?token={token}"

    def check_reset_token(self, token: str) -> None:
        """Nothing when the token is live; InvalidInput saying whether it is unknown, used or expired."""
        self._refuse_reset(self._store.password_reset_state(hash_secret(token.strip()), self.clock()))

    def reset_password(self, token: str, password: str, repeated: str) -> None:
        """Set the new password with a live token, once; the account's failures and lock are cleared and all its
        sessions end. InvalidInput (nothing written) for a weak or mistyped password or a dead token."""
        if password != repeated:
            raise InvalidInput(PASSWORDS_DIFFER)
        password_hash = hash_password(check_password_strength(password))
        self._refuse_reset(self._store.redeem_password_reset(hash_secret(token.strip()), password_hash, self.clock()))

    @staticmethod
    def _refuse_reset(state: ResetState) -> None:
        if state != "live":
            raise InvalidInput(_RESET_REFUSALS[state])

    def change_password(self, email: str, password: str, actor: str, keep_cookie: str | None = None) -> None:
        """A new password; every session of the user ends but the one of `keep_cookie` (the device changing it)."""
        keep = hash_secret(keep_cookie) if keep_cookie else None
        self._store.change_password(normal_email(email), hash_password(password), keep, actor)

    # -- sessions -----------------------------------------------------------------------------------------

    def _open_session(self, user: User) -> SessionInfo:
        cookie_value, csrf_token, now = new_secret(), new_secret(), self.clock()
        expires_at = now + self.rules.session_longest
        self._store.add_session(hash_secret(cookie_value), user.id, csrf_token, expires_at, now)
        return SessionInfo(user, csrf_token, expires_at, cookie_value)

    def session(self, cookie_value: str) -> SessionInfo | None:
        """The live session of that cookie, or None (unknown, idle too long, too old, or its user disabled).

        A session found dead is deleted; a live one records its use (now and then: SEEN_EVERY_PART_OF_IDLE)."""
        id_hash = hash_secret(cookie_value)
        found = self._store.session(id_hash)
        if found is None:
            return None
        now = self.clock()
        if not self._alive(found, now):
            self._store.delete_session(id_hash)
            return None
        if now - found.last_seen_at >= self.rules.session_idle / SEEN_EVERY_PART_OF_IDLE:
            self._store.touch_session(id_hash, now)
        return SessionInfo(found.user, found.csrf_token, found.expires_at)

    def _alive(self, found: StoredSession, now: dt.datetime) -> bool:
        return found.expires_at > now and session_alive(found.created_at, found.last_seen_at, now, self.rules)

    def sign_out(self, cookie_value: str) -> None:
        self._store.delete_session(hash_secret(cookie_value))

    def purge_expired(self) -> int:
        """Delete dead sessions and reset tokens, and sign-in attempts older than 30 days (run at each sign-in)."""
        now = self.clock()
        return self._store.purge_expired(now, now - self.rules.session_idle, now - ATTEMPTS_KEPT)

    # -- authorization of writes --------------------------------------------------------------------------

    def authorize_import(self, principal: Principal, kind: str, statements: Sequence[Statement]) -> None:
        """Every row of an import checked before anything is written: all rows allowed, or Forbidden."""
        if principal.is_anonymous:
            authorize(principal, "records.import")
        for target in import_targets(kind, statements, self._lookup):
            authorize(principal, "records.import", target)
