"""Signing in through the form in headless Chromium: her name in the header, then signing out."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from corridor.accounts import Grant
from tests.conftest import LiveServer
from tests.web.conftest import ARTIFACTS, open_page

PASSWORD = "mật khẩu đủ dài"


def test_sign_in_through_the_form_shows_her_name(browser: Browser, live_server: LiveServer) -> None:
    live_server.app.accounts.add_user(
        "hoa@example.vn",
        [Grant("zone_manager", "zone:kcn-binh-giang")],
        "test",
        display_name="Trần Thị Hoa",
        password=PASSWORD,
    )
    with open_page(browser, "vi-VN") as page:
        page.goto(live_server.url + "/zones")
        page.get_by_role("link", name="Đăng nhập").click()
        page.get_by_label("Địa chỉ e-mail").fill("hoa@example.vn")
        page.get_by_label("Mật khẩu").fill("sai mật khẩu rồi")
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("alert")).to_contain_text("Sai địa chỉ e-mail hoặc mật khẩu")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page).to_have_url(re.compile(r"/zones$"))
        expect(page.locator(".signed-in")).to_contain_text("Trần Thị Hoa")
        page.screenshot(path=str(ARTIFACTS / "signed-in.png"))
        page.get_by_role("button", name="Đăng xuất").click()
        expect(page.locator(".site-header")).not_to_contain_text("Trần Thị Hoa")
        expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
