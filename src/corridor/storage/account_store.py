"""Users, grants, API tokens, sessions and sign-in attempts (tables of migration 0006); every account write is logged.

Secrets never reach this module in the clear: it stores and looks up the sha256 of tokens and session IDs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from corridor.accounts.models import ApiToken, Grant, ResetState, StoredSession, User
from corridor.errors import Conflict, NotFound
from corridor.i18n import mark
from corridor.storage import tables as t
from corridor.storage.database import begin_write
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlAccountStore", "add_grant_in"]

EMAIL_TAKEN = mark("A user with the e-mail address {email} already exists")
NO_SUCH_USER = mark("No user has the e-mail address {email}")
NO_SUCH_TOKEN = mark("No API token has the ID {id}")


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes: they were written in UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class SqlAccountStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- users and grants --------------------------------------------------------------------------------

    def add_user(
        self, email: str, display_name: str, password_hash: str | None, grants: Sequence[Grant], actor: str
    ) -> User:
        """A new user with her grants, in one transaction; Conflict when the e-mail address is taken."""
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            if conn.execute(sa.select(t.users.c.id).where(t.users.c.email == email)).first():
                raise Conflict(EMAIL_TAKEN, email=email)
            user_id = conn.execute(
                t.users.insert().values(
                    email=email,
                    display_name=display_name,
                    password_hash=password_hash,
                    created_at=now,
                    created_by=actor,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            for grant in grants:
                _insert_grant(conn, int(user_id), grant, actor, now)
            detail = {"grants": [f"{g.role}@{g.scope}" for g in grants]}
            append_write(conn, WriteEntry("user_add", "users", actor, [email], detail), now)
            return _user(conn, int(user_id))

    def add_grant(self, email: str, grant: Grant, actor: str) -> User:
        """Give the user a role over a scope (nothing changes when she holds it already)."""
        with begin_write(self.engine) as conn:
            return add_grant_in(conn, email, grant, actor, dt.datetime.now(dt.UTC))

    def remove_grant(self, email: str, grant: Grant, actor: str) -> bool:
        """Take a role over a scope back; False (and nothing logged) when she did not hold it."""
        with begin_write(self.engine) as conn:
            user_id = _user_id(conn, email)
            removed = conn.execute(
                t.grants.delete().where(
                    t.grants.c.user_id == user_id, t.grants.c.role == grant.role, t.grants.c.scope == grant.scope
                )
            ).rowcount
            if removed:
                detail = {"grant": f"{grant.role}@{grant.scope}"}
                append_write(conn, WriteEntry("grant_remove", "users", actor, [email], detail))
            return bool(removed)

    def user_by_email(self, email: str) -> tuple[User, str | None] | None:
        """The user and her password hash, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.users.c.id, t.users.c.password_hash).where(t.users.c.email == email)).first()
            return (_user(conn, int(row[0])), row[1]) if row else None

    def users(self) -> list[User]:
        with self.engine.connect() as conn:
            ids = conn.execute(sa.select(t.users.c.id).order_by(t.users.c.email)).scalars().all()
            return [_user(conn, int(user_id)) for user_id in ids]

    def count_with_role(self, role: str) -> int:
        """Active users holding the role (any scope)."""
        query = (
            sa.select(sa.func.count(sa.distinct(t.grants.c.user_id)))
            .join(t.users, t.users.c.id == t.grants.c.user_id)
            .where(t.grants.c.role == role, t.users.c.disabled_at.is_(None))
        )
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def set_password_hash(self, email: str, password_hash: str) -> None:
        """A new hash for the same password (argon2 parameters raised); not a change anyone made, so not logged."""
        with begin_write(self.engine) as conn:
            conn.execute(t.users.update().where(t.users.c.email == email).values(password_hash=password_hash))

    # -- sign-in ------------------------------------------------------------------------------------------

    def record_login_attempt(self, email: str, remote: str, succeeded: bool, at: dt.datetime | None = None) -> None:
        """One row per attempt (lockout and rate limits read them). A success sets last_login_at and clears the
        account's failures and lock; a failure counts one more failure of the account (when there is one)."""
        now = at or dt.datetime.now(dt.UTC)
        u = t.users
        with begin_write(self.engine) as conn:
            conn.execute(t.login_attempts.insert().values(email=email, remote=remote, at=now, succeeded=succeeded))
            if succeeded:
                values: dict[str, Any] = {"last_login_at": now, "failed_logins": 0, "locked_until": None}
            else:
                values = {"failed_logins": u.c.failed_logins + 1}
            conn.execute(u.update().where(u.c.email == email).values(**values))

    def failures_since_reset(self, email: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of the address's failed sign-ins after `since`, oldest first: for an account, only those since its
        last success, unlock or reset (its failed_logins); for an unknown address, all of them."""
        a = t.login_attempts
        with self.engine.connect() as conn:
            counted = conn.execute(sa.select(t.users.c.failed_logins).where(t.users.c.email == email)).first()
            query = sa.select(a.c.at).where(a.c.email == email, a.c.succeeded.is_(False), a.c.at >= since)
            query = query.order_by(a.c.at.desc(), a.c.id.desc())
            if counted is not None:
                query = query.limit(int(counted[0]))
            times = [_utc(at) for at in conn.execute(query).scalars()]
        return sorted(at for at in times if at is not None)

    def attempts_from(self, remote: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of the sign-in attempts from a client address after `since` (any e-mail address)."""
        a = t.login_attempts
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(a.c.at).where(a.c.remote == remote, a.c.at >= since)).scalars()
            return [at for at in (_utc(row) for row in rows) if at is not None]

    def set_locked_until(self, email: str, until: dt.datetime | None) -> None:
        with begin_write(self.engine) as conn:
            conn.execute(t.users.update().where(t.users.c.email == email).values(locked_until=until))

    def lock_state(self, email: str) -> tuple[int, dt.datetime | None]:
        """(failures since the last success, locked until) of an account; NotFound for an unknown address."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(t.users.c.failed_logins, t.users.c.locked_until).where(t.users.c.email == email)
            ).first()
        if row is None:
            raise NotFound(NO_SUCH_USER, email=email)
        return int(row[0]), _utc(row[1])

    def unlock(self, email: str, actor: str) -> None:
        """Clear the account's failures and lock (an administrator's decision, so it is logged)."""
        with begin_write(self.engine) as conn:
            _user_id(conn, email)
            conn.execute(t.users.update().where(t.users.c.email == email).values(failed_logins=0, locked_until=None))
            append_write(conn, WriteEntry("user_unlock", "users", actor, [email]))

    # -- password resets ----------------------------------------------------------------------------------

    def add_password_reset(self, token_hash: str, user_id: int, at: dt.datetime, expires_at: dt.datetime) -> None:
        with begin_write(self.engine) as conn:
            conn.execute(
                t.password_resets.insert().values(
                    token_hash=token_hash, user_id=user_id, created_at=at, expires_at=expires_at
                )
            )

    def password_reset_state(self, token_hash: str, now: dt.datetime) -> ResetState:
        with self.engine.connect() as conn:
            return _reset_state(conn, token_hash, now)[0]

    def redeem_password_reset(self, token_hash: str, password_hash: str, now: dt.datetime) -> ResetState:
        """In one transaction: when the token is live, mark it used, set the new password, clear the account's
        failures and lock, and end all its sessions (other devices are signed out); its state otherwise."""
        r, u = t.password_resets, t.users
        with begin_write(self.engine) as conn:
            state, user_id = _reset_state(conn, token_hash, now)
            if state != "live" or user_id is None:
                return state
            conn.execute(r.update().where(r.c.token_hash == token_hash).values(used_at=now))
            conn.execute(
                u.update()
                .where(u.c.id == user_id)
                .values(password_hash=password_hash, failed_logins=0, locked_until=None)
            )
            conn.execute(t.sessions.delete().where(t.sessions.c.user_id == user_id))
            email = conn.execute(sa.select(u.c.email).where(u.c.id == user_id)).scalar_one()
            append_write(conn, WriteEntry("password_reset", "users", email, [email]), now)
            return state

    def change_password(self, email: str, password_hash: str, keep_session: str | None, actor: str) -> None:
        """A new password; every session of the user but `keep_session` (an ID hash) ends."""
        s = t.sessions
        with begin_write(self.engine) as conn:
            user_id = _user_id(conn, email)
            conn.execute(t.users.update().where(t.users.c.id == user_id).values(password_hash=password_hash))
            conn.execute(s.delete().where(s.c.user_id == user_id, s.c.id_hash != (keep_session or "")))
            append_write(conn, WriteEntry("password_change", "users", actor, [email]))

    # -- sessions -----------------------------------------------------------------------------------------

    def add_session(
        self, id_hash: str, user_id: int, csrf_token: str, expires_at: dt.datetime, at: dt.datetime | None = None
    ) -> None:
        now = at or dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            conn.execute(
                t.sessions.insert().values(
                    id_hash=id_hash,
                    user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=now,
                    expires_at=expires_at,
                    last_seen_at=now,
                )
            )

    def session(self, id_hash: str) -> StoredSession | None:
        """The session of an active user (expired or not: the rules decide); None when unknown."""
        s = t.sessions
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(s.c.user_id, s.c.csrf_token, s.c.created_at, s.c.last_seen_at, s.c.expires_at).where(
                    s.c.id_hash == id_hash
                )
            ).first()
            if row is None:
                return None
            user = _user(conn, int(row[0]))
        if user.disabled:
            return None
        created, seen, expires = (_utc(v) or dt.datetime.min.replace(tzinfo=dt.UTC) for v in row[2:5])
        return StoredSession(user, str(row[1]), created, seen, expires)

    def touch_session(self, id_hash: str, at: dt.datetime) -> None:
        with begin_write(self.engine) as conn:
            conn.execute(t.sessions.update().where(t.sessions.c.id_hash == id_hash).values(last_seen_at=at))

    def delete_session(self, id_hash: str) -> None:
        with begin_write(self.engine) as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.id_hash == id_hash))

    def purge_expired(self, now: dt.datetime, idle_since: dt.datetime, attempts_before: dt.datetime) -> int:
        """Delete sessions past their expiry or idle since `idle_since`, reset tokens past theirs, and sign-in
        attempts older than `attempts_before`; how many rows went."""
        s, r, a = t.sessions, t.password_resets, t.login_attempts
        with begin_write(self.engine) as conn:
            gone = conn.execute(s.delete().where(sa.or_(s.c.expires_at <= now, s.c.last_seen_at < idle_since)))
            resets = conn.execute(r.delete().where(r.c.expires_at <= now))
            attempts = conn.execute(a.delete().where(a.c.at < attempts_before))
            return int(gone.rowcount + resets.rowcount + attempts.rowcount)

    # -- API tokens ---------------------------------------------------------------------------------------

    def add_token(
        self,
        email: str,
        name: str,
        token_hash: str,
        actions: Sequence[str],
        localities: Sequence[str],
        expires_at: dt.datetime,
        actor: str,
    ) -> ApiToken:
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            user_id = _user_id(conn, email)
            token_id = conn.execute(
                t.api_tokens.insert().values(
                    user_id=user_id,
                    name=name,
                    token_hash=token_hash,
                    actions=list(actions),
                    localities=list(localities),
                    created_at=now,
                    created_by=actor,
                    expires_at=expires_at,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            detail = {"token": int(token_id), "user": email, "actions": list(actions), "localities": list(localities)}
            append_write(conn, WriteEntry("token_create", "tokens", actor, [str(token_id)], detail), now)
            return _tokens(conn, t.api_tokens.c.id == token_id)[0]

    def tokens(self, email: str | None = None) -> list[ApiToken]:
        with self.engine.connect() as conn:
            return _tokens(conn, t.users.c.email == email if email else sa.true())

    def revoke_token(self, token_id: int, actor: str) -> ApiToken:
        """Revoke the token (a second revoke changes nothing); NotFound for an unknown ID."""
        now = dt.datetime.now(dt.UTC)
        tokens = t.api_tokens
        with begin_write(self.engine) as conn:
            found = _tokens(conn, tokens.c.id == token_id)
            if not found:
                raise NotFound(NO_SUCH_TOKEN, id=token_id)
            if found[0].revoked_at is None:
                conn.execute(tokens.update().where(tokens.c.id == token_id).values(revoked_at=now, revoked_by=actor))
                append_write(conn, WriteEntry("token_revoke", "tokens", actor, [str(token_id)]), now)
            return _tokens(conn, tokens.c.id == token_id)[0]

    def use_token(self, token_hash: str) -> tuple[ApiToken, User] | None:
        """The live token with that hash and its (active) user, recording its use; None when unknown, expired or
        revoked."""
        now = dt.datetime.now(dt.UTC)
        tokens = t.api_tokens
        with begin_write(self.engine) as conn:
            found = _tokens(conn, tokens.c.token_hash == token_hash)
            if not found or found[0].revoked_at is not None or found[0].expires_at <= now:
                return None
            conn.execute(tokens.update().where(tokens.c.id == found[0].id).values(last_used_at=now))
            user_id = conn.execute(sa.select(tokens.c.user_id).where(tokens.c.id == found[0].id)).scalar_one()
            user = _user(conn, int(user_id))
        return None if user.disabled else (found[0], user)


def _reset_state(conn: sa.Connection, token_hash: str, now: dt.datetime) -> tuple[ResetState, int | None]:
    r = t.password_resets
    row = conn.execute(sa.select(r.c.user_id, r.c.expires_at, r.c.used_at).where(r.c.token_hash == token_hash)).first()
    if row is None:
        return "unknown", None
    if row[2] is not None:
        return "used", int(row[0])
    expires = _utc(row[1])
    if expires is None or expires <= now:
        return "expired", int(row[0])
    return "live", int(row[0])


def add_grant_in(conn: sa.Connection, email: str, grant: Grant, actor: str, now: dt.datetime) -> User:
    """Give the user a role over a scope inside the caller's transaction (a claim's approval writes it with the
    claim's decision); nothing changes when she holds it already."""
    user_id = _user_id(conn, email)
    held = conn.execute(
        sa.select(t.grants.c.id).where(
            t.grants.c.user_id == user_id, t.grants.c.role == grant.role, t.grants.c.scope == grant.scope
        )
    ).first()
    if not held:
        _insert_grant(conn, user_id, grant, actor, now)
        detail = {"grant": f"{grant.role}@{grant.scope}"}
        append_write(conn, WriteEntry("grant_add", "users", actor, [email], detail), now)
    return _user(conn, user_id)


def _insert_grant(conn: sa.Connection, user_id: int, grant: Grant, actor: str, at: dt.datetime) -> None:
    conn.execute(
        t.grants.insert().values(user_id=user_id, role=grant.role, scope=grant.scope, granted_at=at, granted_by=actor)
    )


def _user_id(conn: sa.Connection, email: str) -> int:
    user_id = conn.execute(sa.select(t.users.c.id).where(t.users.c.email == email)).scalar()
    if user_id is None:
        raise NotFound(NO_SUCH_USER, email=email)
    return int(user_id)


def _user(conn: sa.Connection, user_id: int) -> User:
    u, g = t.users, t.grants
    row = conn.execute(sa.select(u).where(u.c.id == user_id)).mappings().one()
    grants = conn.execute(sa.select(g.c.role, g.c.scope).where(g.c.user_id == user_id).order_by(g.c.id)).all()
    return User(
        id=int(row["id"]),
        email=row["email"],
        display_name=row["display_name"],
        grants=tuple(Grant(role, scope) for role, scope in grants),
        created_at=_utc(row["created_at"]),
        disabled=row["disabled_at"] is not None,
        has_password=row["password_hash"] is not None,
    )


def _tokens(conn: sa.Connection, condition: Any) -> list[ApiToken]:
    k = t.api_tokens
    query = sa.select(k, t.users.c.email).join(t.users, t.users.c.id == k.c.user_id).where(condition).order_by(k.c.id)
    return [
        ApiToken(
            id=int(row["id"]),
            user_email=row["email"],
            name=row["name"],
            actions=tuple(row["actions"]),
            localities=tuple(row["localities"]),
            created_at=_utc(row["created_at"]) or dt.datetime.now(dt.UTC),
            expires_at=_utc(row["expires_at"]) or dt.datetime.now(dt.UTC),
            revoked_at=_utc(row["revoked_at"]),
            last_used_at=_utc(row["last_used_at"]),
        )
        for row in conn.execute(query).mappings()
    ]
