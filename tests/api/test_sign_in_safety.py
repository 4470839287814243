"""Lockout after repeated failures, the per-address limit (429), unlocking, and session hygiene, through the portal.

Time moves through the clock the accounts service is given (no sleeps); every test runs on both databases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from corridor.accounts import Grant
from corridor.bootstrap import App
from corridor.errors import Unauthenticated
from corridor.server.app import create_app
from corridor.storage import tables as t
from tests.api.test_sign_in import _hidden

PASSWORD = "một mật khẩu dài"
LOCKED = "Wrong e-mail address or password, or too many attempts: try again in"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(loaded_app: App) -> Clock:
    clock = Clock()
    loaded_app.accounts.clock = clock
    loaded_app.accounts.add_user("lan@example.vn", [Grant("agency", "locality:VN-30")], "test", password=PASSWORD)
    return clock


@pytest.fixture
def browser(loaded_app: App, clock: Clock) -> Iterator[Any]:
    with TestClient(create_app(loaded_app), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        yield client


def _sign_in(client: Any, email: str, password: str) -> Any:
    page = client.get("/login?lang=en").text
    token = _hidden(page[page.index('class="login-form"') :], "csrf_token")  # not the sign-out form's
    data = {"email": email, "password": password, "csrf_token": token, "next": "/zones"}
    return client.post("/login", data=data, follow_redirects=False)


def _answer(response: Any) -> tuple[int, str]:
    """What a person sees of a refused sign-in: the status and the alert."""
    text = response.text
    assert 'role="alert"' in text, (response.status_code, text[-3000:])
    start = text.index('role="alert"')
    return response.status_code, text[start : text.index("</div>", start)]


def _fail(client: Any, clock: Clock, email: str, times: int) -> list[tuple[int, str]]:
    answers = []
    for _ in range(times):
        answers.append(_answer(_sign_in(client, email, "not the password")))
        clock.advance(seconds=30)
    return answers


def test_five_failures_lock_the_account_even_against_the_right_password(browser: Any, clock: Clock) -> None:
    answers = _fail(browser, clock, "lan@example.vn", 5)
    assert [status for status, _ in answers] == [401] * 5
    assert all(LOCKED not in text for _, text in answers[:4])
    assert LOCKED + " 15 minutes" in answers[4][1]
    refused = _sign_in(browser, "lan@example.vn", PASSWORD)
    assert refused.status_code == 401 and LOCKED in refused.text
    assert "corridor_session" not in refused.headers.get("set-cookie", "")


def test_the_lock_ends_and_a_success_clears_the_count(browser: Any, loaded_app: App, clock: Clock) -> None:
    _fail(browser, clock, "lan@example.vn", 5)
    assert loaded_app.accounts.lock_state("lan@example.vn")[0] == 5
    clock.advance(minutes=16)
    assert _sign_in(browser, "lan@example.vn", PASSWORD).status_code == 303
    assert loaded_app.accounts.lock_state("lan@example.vn") == (0, None)
    answers = _fail(browser, clock, "lan@example.vn", 4)  # four more after the success: not locked
    assert all(LOCKED not in text for _, text in answers)


def test_a_guesser_who_goes_on_waits_longer(browser: Any, clock: Clock) -> None:
    _fail(browser, clock, "lan@example.vn", 5)
    clock.advance(minutes=16)
    answers = _fail(browser, clock, "lan@example.vn", 5)
    assert LOCKED + " 30 minutes" in answers[-1][1]


def test_an_unknown_address_answers_exactly_as_an_account(browser: Any, clock: Clock) -> None:
    known = _fail(browser, clock, "lan@example.vn", 6)
    unknown = _fail(browser, clock, "nobody@example.vn", 6)
    assert known == unknown


def test_an_administrator_unlocks_at_once(browser: Any, loaded_app: App, clock: Clock) -> None:
    _fail(browser, clock, "lan@example.vn", 5)
    assert loaded_app.accounts.lock_state("lan@example.vn")[1] is not None
    loaded_app.accounts.unlock("LAN@example.vn", "an-admin")
    assert _sign_in(browser, "lan@example.vn", PASSWORD).status_code == 303
    with loaded_app.store.engine.connect() as conn:
        actions = conn.execute(sa.select(t.write_log.c.action, t.write_log.c.actor)).all()
    assert ("user_unlock", "an-admin") in [tuple(row) for row in actions]


def test_one_client_address_trying_many_accounts_gets_429(browser: Any, loaded_app: App, clock: Clock) -> None:
    loaded_app.accounts.rules = dataclasses.replace(loaded_app.accounts.rules, attempts_per_minute_per_client=4)
    for number in range(4):
        assert _sign_in(browser, f"user{number}@example.vn", "guess guess guess").status_code == 401
        clock.advance(seconds=5)
    refused = _sign_in(browser, "lan@example.vn", PASSWORD)
    assert refused.status_code == 429 and refused.headers["retry-after"] == "40"
    assert "Too many sign-in attempts from your address: try again in 40 seconds" in refused.text
    clock.advance(seconds=41)
    assert _sign_in(browser, "lan@example.vn", PASSWORD).status_code == 303


def test_the_service_refuses_a_locked_account_without_the_web(loaded_app: App, clock: Clock) -> None:
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            loaded_app.accounts.sign_in("lan@example.vn", "wrong wrong wrong", "10.0.0.1")
    with pytest.raises(Unauthenticated) as refused:
        loaded_app.accounts.sign_in("lan@example.vn", PASSWORD, "10.0.0.2")
    assert refused.value.params == {"minutes": 15}


# -- sessions ---------------------------------------------------------------------------------------------------


def _session_cookie(response: Any) -> str:
    found = re.search(r"corridor_session=([^;]+)", response.headers.get("set-cookie", ""))
    assert found and response.status_code == 303
    return found.group(1)


def _signed_in_name(client: Any) -> bool:
    return "Sign out" in client.get("/login?lang=en").text


def test_signing_in_gives_a_new_session_and_ends_the_one_the_browser_had(browser: Any, loaded_app: App) -> None:
    first = _session_cookie(_sign_in(browser, "lan@example.vn", PASSWORD))
    second = _session_cookie(_sign_in(browser, "lan@example.vn", PASSWORD))  # the browser sends the first
    assert first != second
    assert loaded_app.accounts.session(first) is None and loaded_app.accounts.session(second) is not None


def test_a_session_ends_when_idle_and_when_too_old(browser: Any, loaded_app: App, clock: Clock) -> None:
    _sign_in(browser, "lan@example.vn", PASSWORD)
    clock.advance(hours=7)
    assert _signed_in_name(browser)  # used: the idle time starts again
    clock.advance(hours=7)
    assert _signed_in_name(browser)
    clock.advance(hours=8)
    assert not _signed_in_name(browser)
    with loaded_app.store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.sessions)).scalar() == 0  # deleted, not kept
    loaded_app.accounts.rules = dataclasses.replace(loaded_app.accounts.rules, session_longest=dt.timedelta(days=1))
    _sign_in(browser, "lan@example.vn", PASSWORD)
    for _ in range(3):  # used every 8 hours less a minute, for a day less 3 minutes
        clock.advance(hours=7, minutes=59)
        assert _signed_in_name(browser)
    clock.advance(hours=7, minutes=59)
    assert not _signed_in_name(browser)


def test_signing_out_deletes_the_session_on_the_server(browser: Any, loaded_app: App) -> None:
    cookie = _session_cookie(_sign_in(browser, "lan@example.vn", PASSWORD))
    csrf = _hidden(browser.get("/zones?lang=en").text, "csrf_token")
    assert browser.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert loaded_app.accounts.session(cookie) is None


def test_a_password_change_ends_the_other_sessions(loaded_app: App, clock: Clock) -> None:
    laptop = loaded_app.accounts.sign_in("lan@example.vn", PASSWORD).cookie_value
    phone = loaded_app.accounts.sign_in("lan@example.vn", PASSWORD).cookie_value
    loaded_app.accounts.change_password("lan@example.vn", "một mật khẩu mới dài", "lan@example.vn", keep_cookie=laptop)
    assert loaded_app.accounts.session(laptop) is not None and loaded_app.accounts.session(phone) is None
    assert loaded_app.accounts.sign_in("lan@example.vn", "một mật khẩu mới dài").user.email == "lan@example.vn"


def test_dead_sessions_and_old_attempts_are_purged(loaded_app: App, clock: Clock) -> None:
    old = loaded_app.accounts.sign_in("lan@example.vn", PASSWORD).cookie_value
    clock.advance(days=31)
    loaded_app.accounts.sign_in("lan@example.vn", PASSWORD)  # each sign-in purges
    with loaded_app.store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.sessions)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(t.login_attempts)).scalar() == 1
    assert loaded_app.accounts.session(old) is None
