"""A forgotten password in headless Chromium: ask for a link, read the mail from a real SMTP sink, set a new
password through the link, sign in with it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from corridor.accounts import Grant
from tests.conftest import LiveServer, MailSink, mailer_for
from tests.web.conftest import ARTIFACTS, open_page

OLD_PASSWORD = "mật khẩu cũ đủ dài"
NEW_PASSWORD = "mật khẩu mới còn dài hơn"


@pytest.fixture
def mailing_server(live_server: LiveServer, smtp_sink: MailSink) -> Iterator[LiveServer]:
    """The shared portal, sending its mail to the sink for this test only."""
    accounts = live_server.app.accounts
    before = accounts.mailer, accounts.public_url
    accounts.mailer, accounts.public_url = mailer_for(smtp_sink), live_server.url
    yield live_server
    accounts.mailer, accounts.public_url = before


def test_a_forgotten_password_is_reset_through_the_mailed_link(
    browser: Browser, mailing_server: LiveServer, smtp_sink: MailSink
) -> None:
    mailing_server.app.accounts.add_user(
        "quen@example.vn", [Grant("investor")], "test", display_name="Lê Văn Quên", password=OLD_PASSWORD
    )
    with open_page(browser, "vi-VN") as page:
        page.goto(mailing_server.url + "/login")
        page.get_by_role("link", name="Quên mật khẩu?").click()
        page.get_by_label("Địa chỉ e-mail").fill("quen@example.vn")
        page.get_by_role("button", name="Gửi liên kết").click()
        expect(page.get_by_role("status")).to_contain_text("quen@example.vn")
        body = smtp_sink.only_mail_to("quen@example.vn").get_content()
        link = re.search(re.escape(mailing_server.url) + r"/password/reset\?token=[\w-]+", body)
        assert link, body
        page.goto(link.group(0))
        page.get_by_label("Mật khẩu mới", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("Nhập lại mật khẩu mới").fill(NEW_PASSWORD)
        page.screenshot(path=str(ARTIFACTS / "password-reset.png"))
        page.get_by_role("button", name="Đặt mật khẩu").click()
        expect(page.get_by_role("status")).to_contain_text("Mật khẩu của bạn đã được đổi")
        page.get_by_label("Địa chỉ e-mail").fill("quen@example.vn")
        page.get_by_label("Mật khẩu", exact=True).fill(NEW_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator(".signed-in")).to_contain_text("Lê Văn Quên")
        page.goto(link.group(0))
        expect(page.get_by_role("alert")).to_contain_text("đã được dùng")
