"""Signing in through the form, sessions and CSRF: cookies, the header, wrong passwords, forged forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from corridor.accounts import Grant
from corridor.bootstrap import App
from corridor.server.app import create_app
from corridor.storage import tables as t
from tests.api.test_access_matrix import IN_ZONE, _csv

PASSWORD = "một mật khẩu dài"


@pytest.fixture
def browser(loaded_app: App) -> Iterator[Any]:
    """A client on http://127.0.0.1, as a browser on this machine (cookies without Secure there)."""
    loaded_app.accounts.add_user(
        "lan@example.vn", [Grant("agency", "locality:VN-30")], "test", display_name="Nguyễn Thị Lan", password=PASSWORD
    )
    with TestClient(create_app(loaded_app), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        yield client


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def _sign_in(client: Any, email: str, password: str) -> Any:
    form = client.get("/login?lang=en")
    token = _hidden(form.text, "csrf_token")
    data = {"email": email, "password": password, "csrf_token": token, "next": "/zones"}
    return client.post("/login", data=data, follow_redirects=False)


def _attempts(app: App) -> list[tuple[str, bool]]:
    with app.store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(t.login_attempts.c.email, t.login_attempts.c.succeeded).order_by(t.login_attempts.c.id)
        )
        return [(email, bool(ok)) for email, ok in rows]


def test_sign_in_sets_an_http_only_cookie_and_shows_her_name(browser: Any, loaded_app: App) -> None:
    answer = _sign_in(browser, "LAN@example.vn", PASSWORD)
    assert answer.status_code == 303 and answer.headers["location"] == "/zones"
    cookie = answer.headers["set-cookie"]
    assert "corridor_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1
    page = browser.get("/zones?lang=en").text
    assert "Nguyễn Thị Lan" in page and "Sign out" in page
    assert _attempts(loaded_app) == [("lan@example.vn", True)]


def test_the_cookie_is_secure_off_this_machine(loaded_app: App) -> None:
    loaded_app.accounts.add_user("an@example.vn", [Grant("investor")], "test", password=PASSWORD)
    with TestClient(create_app(loaded_app), base_url="https://portal.example.vn") as client:
        assert "Secure" in _sign_in(client, "an@example.vn", PASSWORD).headers["set-cookie"]


def test_a_wrong_password_and_an_unknown_address_read_the_same(browser: Any, loaded_app: App) -> None:
    wrong = _sign_in(browser, "lan@example.vn", "not the password")
    unknown = _sign_in(browser, "nobody@example.vn", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong e-mail address or password" in wrong.text and "Wrong e-mail address or password" in unknown.text
    assert "corridor_session" not in wrong.headers.get("set-cookie", "")
    assert _attempts(loaded_app) == [("lan@example.vn", False), ("nobody@example.vn", False)]


def test_a_sign_in_form_from_elsewhere_is_refused(browser: Any) -> None:
    data = {"email": "lan@example.vn", "password": PASSWORD, "csrf_token": "forged"}
    assert browser.post("/login", data=data, follow_redirects=False).status_code == 403


def test_sign_out_needs_the_session_s_csrf_token(browser: Any) -> None:
    _sign_in(browser, "lan@example.vn", PASSWORD)
    assert browser.post("/logout", data={}, follow_redirects=False).status_code == 403
    assert "Nguyễn Thị Lan" in browser.get("/zones").text
    token = _hidden(browser.get("/zones").text, "csrf_token")
    assert browser.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert "Nguyễn Thị Lan" not in browser.get("/zones").text


def test_a_cookie_session_imports_only_with_the_csrf_header(browser: Any) -> None:
    _sign_in(browser, "lan@example.vn", PASSWORD)
    upload = {"file": ("zones.csv", _csv("zones", IN_ZONE), "text/csv")}
    assert browser.post("/api/v1/import/zones?dry_run=true", files=upload).status_code == 403
    token = _hidden(browser.get("/zones").text, "csrf_token")
    headers = {"X-CSRF-Token": token}
    assert browser.post("/api/v1/import/zones?dry_run=true", files=upload, headers=headers).status_code == 200


def test_the_login_page_only_redirects_within_the_site(browser: Any) -> None:
    form = browser.get("/login")
    token = _hidden(form.text, "csrf_token")
    data = {"email": "lan@example.vn", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"}
    assert browser.post("/login", data=data, follow_redirects=False).headers["location"] == "/"
