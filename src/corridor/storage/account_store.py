"""Users, grants, API tokens, sessions and sign-in attempts (tables of migration 0006); every account write is logged.

Secrets never reach this module in the clear: it stores and looks up the sha256 of tokens and session IDs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from corridor.accounts.models import ApiToken, Grant, User
from corridor.errors import Conflict, NotFound
from corridor.i18n import mark
from corridor.storage import tables as t
from corridor.storage.database import begin_write
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlAccountStore"]

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
                self._insert_grant(conn, int(user_id), grant, actor, now)
            detail = {"grants": [f"{g.role}@{g.scope}" for g in grants]}
            append_write(conn, WriteEntry("user_add", "users", actor, [email], detail), now)
            return _user(conn, int(user_id))

    def _insert_grant(self, conn: sa.Connection, user_id: int, grant: Grant, actor: str, at: dt.datetime) -> None:
        conn.execute(
            t.grants.insert().values(
                user_id=user_id, role=grant.role, scope=grant.scope, granted_at=at, granted_by=actor
            )
        )

    def add_grant(self, email: str, grant: Grant, actor: str) -> User:
        """Give the user a role over a scope (nothing changes when she holds it already)."""
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            user_id = _user_id(conn, email)
            held = conn.execute(
                sa.select(t.grants.c.id).where(
                    t.grants.c.user_id == user_id, t.grants.c.role == grant.role, t.grants.c.scope == grant.scope
                )
            ).first()
            if not held:
                self._insert_grant(conn, user_id, grant, actor, now)
                detail = {"grant": f"{grant.role}@{grant.scope}"}
                append_write(conn, WriteEntry("grant_add", "users", actor, [email], detail), now)
            return _user(conn, user_id)

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

    def record_login_attempt(self, email: str, remote: str, succeeded: bool) -> None:
        """One row per attempt (lockout and rate limits read them); a success also sets last_login_at."""
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            conn.execute(t.login_attempts.insert().values(email=email, remote=remote, at=now, succeeded=succeeded))
            if succeeded:
                conn.execute(t.users.update().where(t.users.c.email == email).values(last_login_at=now))

    def add_session(self, id_hash: str, user_id: int, csrf_token: str, expires_at: dt.datetime) -> None:
        now = dt.datetime.now(dt.UTC)
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

    def session(self, id_hash: str) -> tuple[User, str, dt.datetime] | None:
        """(user, CSRF token, expiry) of a live session of an active user; None when unknown or expired."""
        s = t.sessions
        now = dt.datetime.now(dt.UTC)
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(s.c.user_id, s.c.csrf_token, s.c.expires_at).where(s.c.id_hash == id_hash)
            ).first()
            if row is None or (_utc(row[2]) or now) <= now:
                return None
            user = _user(conn, int(row[0]))
        return None if user.disabled else (user, str(row[1]), _utc(row[2]) or now)

    def delete_session(self, id_hash: str) -> None:
        with begin_write(self.engine) as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.id_hash == id_hash))

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
