"""Users, grants, tokens and sessions on both backends: uniqueness, scopes that must exist, expiry, revocation,
last use, hashes only, and the write log."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from corridor.accounts import Grant, Principal, Target, authorize
from corridor.accounts.passwords import hash_secret
from corridor.bootstrap import App
from corridor.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from corridor.storage import tables as t
from corridor.storage.write_log import SqlWriteLog

PASSWORD = "correct horse battery"


def _token_row(app: App, token_id: int) -> dict[str, object]:
    with app.store.engine.connect() as conn:
        return dict(conn.execute(sa.select(t.api_tokens).where(t.api_tokens.c.id == token_id)).mappings().one())


def test_a_user_is_stored_lower_cased_with_an_argon2_hash_and_logged(loaded_app: App) -> None:
    user, generated = loaded_app.accounts.add_user(" Lan@Example.VN ", [Grant("agency", "locality:VN-30")], "op")
    assert user.email == "lan@example.vn" and generated and len(generated) >= 16
    with loaded_app.store.engine.connect() as conn:
        stored = conn.execute(sa.select(t.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and generated not in stored
    entry = SqlWriteLog(loaded_app.store.engine).entries()[-1]
    assert (entry.action, entry.kind, entry.actor) == ("user_add", "users", "op")
    with pytest.raises(Conflict):
        loaded_app.accounts.add_user("LAN@example.vn", [Grant("investor")], "op")


@pytest.mark.parametrize(
    ("grant", "error"),
    [
        (Grant("zone_manager", "zone:no-such-zone"), NotFound),
        (Grant("firm", "firm:no-such-firm"), NotFound),
        (Grant("agency", "locality:VN-99"), NotFound),
        (Grant("agency", "province:VN-30"), InvalidInput),
        (Grant("boss", "*"), InvalidInput),
        (Grant("public", "*"), InvalidInput),
    ],
)
def test_a_grant_must_name_a_known_role_and_an_existing_scope(loaded_app: App, grant: Grant, error: type) -> None:
    before = loaded_app.store.data_version()
    with pytest.raises(error):
        loaded_app.accounts.add_user("x@example.vn", [grant], "op")
    assert loaded_app.accounts.users() == [] and loaded_app.store.data_version() == before


def test_grant_and_revoke(loaded_app: App) -> None:
    loaded_app.accounts.add_user("minh@example.vn", [Grant("zone_manager", "zone:kcn-binh-giang")], "op")
    user = loaded_app.accounts.grant("minh@example.vn", Grant("zone_manager", "zone:kcn-nomura-2"), "op")
    assert Grant("zone_manager", "zone:kcn-nomura-2") in user.grants
    assert loaded_app.accounts.revoke_grant("minh@example.vn", Grant("zone_manager", "zone:kcn-nomura-2"), "op")
    assert loaded_app.accounts.user("minh@example.vn").grants == (Grant("zone_manager", "zone:kcn-binh-giang"),)


def test_a_token_is_stored_hashed_records_its_use_and_stops_when_revoked(loaded_app: App) -> None:
    loaded_app.accounts.add_user("lan@example.vn", [Grant("agency", "locality:VN-30")], "op", password=PASSWORD)
    new = loaded_app.accounts.create_token("lan@example.vn", ["records.import"], ["VN-30"], 30, "op")
    row = _token_row(loaded_app, new.token.id)
    assert row["token_hash"] == hash_secret(new.secret) and new.secret not in str(row)
    assert row["last_used_at"] is None
    principal = loaded_app.accounts.principal_from_token(new.secret)
    assert principal.email == "lan@example.vn" and principal.token_localities == {"VN-30"}
    assert _token_row(loaded_app, new.token.id)["last_used_at"] is not None
    loaded_app.accounts.revoke_token(new.token.id, "op")
    with pytest.raises(Unauthenticated):
        loaded_app.accounts.principal_from_token(new.secret)
    assert [e.action for e in SqlWriteLog(loaded_app.store.engine).entries()[-2:]] == ["token_create", "token_revoke"]


def test_an_expired_token_is_refused(loaded_app: App) -> None:
    loaded_app.accounts.add_user("lan@example.vn", [Grant("admin")], "op", password=PASSWORD)
    new = loaded_app.accounts.create_token("lan@example.vn", ["records.import"], [], 1, "op")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    with loaded_app.store.engine.begin() as conn:
        conn.execute(t.api_tokens.update().where(t.api_tokens.c.id == new.token.id).values(expires_at=past))
    with pytest.raises(Unauthenticated):
        loaded_app.accounts.principal_from_token(new.secret)
    with pytest.raises(Unauthenticated):
        loaded_app.accounts.principal_from_token("not-a-token")


@pytest.mark.parametrize(
    ("actions", "days"), [(["records.fly"], 30), (["records.import"], 0), (["records.import"], 400)]
)
def test_a_bad_token_request_writes_nothing(loaded_app: App, actions: list[str], days: int) -> None:
    loaded_app.accounts.add_user("lan@example.vn", [Grant("admin")], "op", password=PASSWORD)
    with pytest.raises(InvalidInput):
        loaded_app.accounts.create_token("lan@example.vn", actions, [], days, "op")
    assert loaded_app.accounts.tokens() == []


def test_sessions_expire_and_end_at_sign_out(loaded_app: App) -> None:
    loaded_app.accounts.add_user("lan@example.vn", [Grant("investor")], "op", password=PASSWORD)
    session = loaded_app.accounts.sign_in("LAN@example.vn", PASSWORD, "127.0.0.1")
    assert loaded_app.accounts.session(session.cookie_value) is not None
    with loaded_app.store.engine.connect() as conn:
        assert conn.execute(sa.select(t.sessions.c.id_hash)).scalar_one() == hash_secret(session.cookie_value)
    loaded_app.accounts.sign_out(session.cookie_value)
    assert loaded_app.accounts.session(session.cookie_value) is None
    second = loaded_app.accounts.sign_in("lan@example.vn", PASSWORD)
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with loaded_app.store.engine.begin() as conn:
        conn.execute(t.sessions.update().values(expires_at=past))
    assert loaded_app.accounts.session(second.cookie_value) is None


def test_ensure_admin_creates_one_administrator_once(loaded_app: App) -> None:
    created = loaded_app.accounts.ensure_admin("op")
    assert created is not None and created[0].grants == (Grant("admin", "*"),)
    assert loaded_app.accounts.ensure_admin("op") is None
    loaded_app.accounts.sign_in(created[0].email, created[1])


def test_the_policy_denies_by_default() -> None:
    investor = Principal(1, "an@example.vn", "An", (Grant("investor"),))
    authorize(investor, "records.read")
    for action in ("records.import", "users.manage", "no.such.action"):
        with pytest.raises(Forbidden):
            authorize(investor, action, Target(zones=frozenset({"kcn-a"})))
    with pytest.raises(Unauthenticated):
        authorize(Principal.anonymous(), "records.import")
