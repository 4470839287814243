"""Resetting a forgotten password through the portal: the mail goes through a real SMTP server on loopback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corridor.accounts import Grant
from corridor.bootstrap import App
from corridor.server.app import create_app
from tests.api.test_sign_in import _hidden
from tests.api.test_sign_in_safety import Clock
from tests.conftest import MailSink, mailer_for

PASSWORD = "một mật khẩu dài"
NEW_PASSWORD = "mật khẩu mới, dài hơn"
SENT = "If an account has the address"


@pytest.fixture
def clock(loaded_app: App, smtp_sink: MailSink) -> Clock:
    clock = Clock()
    loaded_app.accounts.clock = clock
    loaded_app.accounts.mailer = mailer_for(smtp_sink)
    loaded_app.accounts.public_url = "https://corridor.example.vn"
    loaded_app.accounts.add_user("lan@example.vn", [Grant("agency", "locality:VN-30")], "test", password=PASSWORD)
    return clock


@pytest.fixture
def browser(loaded_app: App, clock: Clock) -> Iterator[Any]:
    with TestClient(create_app(loaded_app), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        yield client


def _form_token(client: Any, path: str) -> str:
    page = client.get(path).text
    return _hidden(page[page.index('class="login-form"') :], "csrf_token")


def _ask_reset(client: Any, email: str) -> Any:
    token = _form_token(client, "/password/forgot?lang=en")
    return client.post("/password/forgot", data={"email": email, "csrf_token": token})


def _link_in(sink: MailSink, email: str) -> str:
    body = sink.only_mail_to(email).get_content()
    found = re.search(r"https://corridor\.example\.vn/password/reset\?token=[\w-]+", body)
    assert found, body
    return found.group(0)


def _set_password(client: Any, link: str, password: str, repeated: str | None = None) -> Any:
    path = link.removeprefix("https://corridor.example.vn")
    token = path.split("token=")[1]
    form = _form_token(client, path + "&lang=en")
    data = {"token": token, "password": password, "repeated": repeated or password, "csrf_token": form}
    return client.post("/password/reset", data=data)


def _sign_in(client: Any, email: str, password: str) -> Any:
    data = {"email": email, "password": password, "csrf_token": _form_token(client, "/login?lang=en")}
    return client.post("/login", data=data, follow_redirects=False)


def test_the_whole_reset_through_the_mail(browser: Any, loaded_app: App, smtp_sink: MailSink) -> None:
    other_device = loaded_app.accounts.sign_in("lan@example.vn", PASSWORD).cookie_value
    answer = _ask_reset(browser, "Lan@Example.vn")
    assert answer.status_code == 200 and SENT in answer.text
    mail = smtp_sink.only_mail_to("lan@example.vn")
    assert mail["From"] == "corridor@example.vn"
    assert mail["Subject"] == "Đặt lại mật khẩu Corridor / Reset your Corridor password"
    body = mail.get_content()
    assert "mật khẩu" in body and "Someone (we hope you) asked to reset" in body  # Vietnamese, then English
    link = _link_in(smtp_sink, "lan@example.vn")
    done = _set_password(browser, link, NEW_PASSWORD)
    assert done.status_code == 200 and "Your password has been changed" in done.text
    assert loaded_app.accounts.session(other_device) is None  # signed out everywhere
    assert _sign_in(browser, "lan@example.vn", PASSWORD).status_code == 401
    assert _sign_in(browser, "lan@example.vn", NEW_PASSWORD).status_code == 303


def test_a_link_works_once(browser: Any, smtp_sink: MailSink) -> None:
    _ask_reset(browser, "lan@example.vn")
    link = _link_in(smtp_sink, "lan@example.vn")
    assert _set_password(browser, link, NEW_PASSWORD).status_code == 200
    again = browser.get(link.removeprefix("https://corridor.example.vn") + "&lang=en")
    assert again.status_code == 400 and "This password reset link has been used already" in again.text
    token = link.split("token=")[1]
    form = _form_token(browser, "/password/forgot?lang=en")
    again_password = "another long password"
    data = {"token": token, "password": again_password, "repeated": again_password, "csrf_token": form}
    reused = browser.post("/password/reset", data=data)
    assert reused.status_code == 400 and "has been used already" in reused.text
    assert _sign_in(browser, "lan@example.vn", NEW_PASSWORD).status_code == 303


def test_an_expired_link_is_refused(browser: Any, smtp_sink: MailSink, clock: Clock) -> None:
    _ask_reset(browser, "lan@example.vn")
    link = _link_in(smtp_sink, "lan@example.vn")
    clock.advance(minutes=61)
    refused = browser.get(link.removeprefix("https://corridor.example.vn") + "&lang=en")
    assert refused.status_code == 400 and "This password reset link has expired" in refused.text
    assert "Ask for a new link" in refused.text
    assert _sign_in(browser, "lan@example.vn", PASSWORD).status_code == 303


def test_an_unknown_address_gets_the_same_answer_and_no_mail(browser: Any, smtp_sink: MailSink) -> None:
    known = _ask_reset(browser, "lan@example.vn")
    unknown = _ask_reset(browser, "nobody@example.vn")
    assert known.status_code == unknown.status_code == 200
    shown = [re.sub(r"\S+@example\.vn", "ADDRESS", r.text) for r in (known, unknown)]
    shown = [re.sub(r'value="[^"]*"', "", text) for text in shown]  # the fresh CSRF token of each form
    assert shown[0] == shown[1]
    assert [mail["To"] for mail in smtp_sink.mails] == ["lan@example.vn"]


def test_a_weak_or_mistyped_password_keeps_the_old_one(browser: Any, smtp_sink: MailSink) -> None:
    _ask_reset(browser, "lan@example.vn")
    link = _link_in(smtp_sink, "lan@example.vn")
    short = _set_password(browser, link, "short pass")
    assert short.status_code == 400 and "A password needs at least 12 characters" in short.text
    assert 'name="token"' in short.text  # the link still works: the form again
    differ = _set_password(browser, link, NEW_PASSWORD, "something else entirely")
    assert differ.status_code == 400 and "The two passwords differ" in differ.text
    assert _sign_in(browser, "lan@example.vn", PASSWORD).status_code == 303
    assert _set_password(browser, link, NEW_PASSWORD).status_code == 200


def test_a_reset_clears_a_lock(browser: Any, loaded_app: App, smtp_sink: MailSink) -> None:
    for _ in range(5):
        _sign_in(browser, "lan@example.vn", "not the password")
    assert loaded_app.accounts.lock_state("lan@example.vn")[1] is not None
    _ask_reset(browser, "lan@example.vn")
    _set_password(browser, _link_in(smtp_sink, "lan@example.vn"), NEW_PASSWORD)
    assert _sign_in(browser, "lan@example.vn", NEW_PASSWORD).status_code == 303


def test_forms_from_elsewhere_are_refused(browser: Any, smtp_sink: MailSink) -> None:
    forged = browser.post("/password/forgot", data={"email": "lan@example.vn", "csrf_token": "forged"})
    assert forged.status_code == 403 and smtp_sink.mails == []
    data = {"token": "x", "password": NEW_PASSWORD, "repeated": NEW_PASSWORD, "csrf_token": "forged"}
    assert browser.post("/password/reset", data=data).status_code == 403


def test_without_a_mail_server_the_form_says_so(browser: Any, loaded_app: App) -> None:
    loaded_app.accounts.mailer = None
    page = browser.get("/password/forgot?lang=en")
    assert "Password resets by mail are not available on this server" in page.text
    assert 'name="email"' not in page.text
    link = loaded_app.accounts.reset_link("lan@example.vn")  # what `corridor users reset-password` prints
    assert link.startswith("https://corridor.example.vn/password/reset?token=")
    assert _set_password(browser, link, NEW_PASSWORD).status_code == 200


def test_a_mail_server_that_is_down_is_a_clear_error(browser: Any, loaded_app: App, smtp_sink: MailSink) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = MailSink("127.0.0.1", probe.getsockname()[1], [])
    loaded_app.accounts.mailer = mailer_for(closed)
    answer = _ask_reset(browser, "lan@example.vn")
    assert answer.status_code == 503 and "The mail could not be sent" in answer.text
