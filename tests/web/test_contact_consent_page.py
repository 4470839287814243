"""Mediated contact on /me/matches in headless Chromium: hidden until both firms accept, then shown to both."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from corridor.accounts import Grant
from corridor.bootstrap import App, open_app
from corridor.registry.validation import RawTable
from corridor.settings import Settings
from tests.conftest import Backend, serve_portal
from tests.web.conftest import open_page

BUYER, SUPPLIER = "lg-electronics-vietnam-hai-phong", "haengsung-lg-satellite-supplier"
PASSWORD = "mật khẩu đủ dài"
SOURCE = {"source_title": "test", "source_url": "https://example.org", "source_date": "2025-01-01"}


@pytest.fixture
def portal(sqlite_backend: Backend) -> Iterator[tuple[str, App]]:
    """A portal of its own, with one need and one offer (the shared one's data stays as bundled)."""
    app = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="vi", user="test"))
    need = {"id": "need-housings", "firm": BUYER, "text_en": "plastic housings for camera modules", **SOURCE}
    offer = {"id": "offer-housings", "firm": SUPPLIER, "text_en": "plastic housings for camera modules", **SOURCE}
    app.registry.import_table(RawTable("needs.csv", list(need), [(2, need)]), "needs", "test")
    app.registry.import_table(RawTable("offers.csv", list(offer), [(2, offer)]), "offers", "test")
    for firm, email, name in ((BUYER, "mua@lg.example", "Kim Mua"), (SUPPLIER, "ban@hs.example", "Park Ban")):
        app.accounts.add_user(email, [Grant("firm", f"firm:{firm}")], "test", display_name=name, password=PASSWORD)
    with serve_portal(app) as url:
        yield url, app
    app.store.engine.dispose()


def _sign_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/login?next=/me/matches")
    page.get_by_label("Địa chỉ e-mail").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/me/matches$"))


def test_contacts_appear_once_both_firms_accept(browser: Browser, portal: tuple[str, App]) -> None:
    url, _ = portal
    with open_page(browser, "vi-VN") as buyer, open_page(browser, "vi-VN") as supplier:
        _sign_in(buyer, url, "mua@lg.example")
        pair = buyer.locator("li.pair[data-offer=offer-housings]")
        expect(pair).not_to_contain_text("ban@hs.example")
        pair.get_by_role("button", name="Đồng ý kết nối").click()
        expect(buyer.locator("li.pair[data-offer=offer-housings]")).to_contain_text("đang chờ doanh nghiệp kia")
        _sign_in(supplier, url, "ban@hs.example")
        other = supplier.locator("li.pair[data-need=need-housings]")
        expect(other).not_to_contain_text("mua@lg.example")
        other.get_by_role("button", name="Đồng ý kết nối").click()
        expect(supplier.locator("li.pair[data-need=need-housings] .contact")).to_contain_text("mua@lg.example")
        buyer.reload()
        expect(buyer.locator("li.pair[data-offer=offer-housings] .contact")).to_contain_text("Park Ban")
        expect(buyer.locator("li.pair[data-offer=offer-housings] .contact")).to_contain_text("ban@hs.example")


def test_a_firm_owner_edits_her_need_from_the_firm_page(browser: Browser, portal: tuple[str, App]) -> None:
    url, app = portal
    with open_page(browser, "vi-VN") as page:
        _sign_in(page, url, "mua@lg.example")
        page.goto(f"{url}/firms/{BUYER}")
        need = page.locator("section[aria-labelledby=h-needs] li[data-item=need-housings]")
        need.get_by_role("link", name="Sửa").click()
        page.get_by_label("số lượng").fill("20000")
        page.get_by_label("nguồn", exact=True).fill("Kế hoạch mua hàng 2026 (thử)")
        page.get_by_label("đường dẫn nguồn").fill("https://example.org/ke-hoach")
        page.get_by_label("ngày của nguồn").fill("2025-12-01")
        page.get_by_role("button", name="Lưu").click()
        expect(page).to_have_url(re.compile(rf"/firms/{BUYER}#h-needs$"))
    assert app.registry.show("needs", "need-housings")["quantity"] == 20000
    assert app.registry.history("needs", "need-housings")[0].actor == "mua@lg.example"
