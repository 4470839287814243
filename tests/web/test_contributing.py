"""Contributing in headless Chromium: a zone manager edits her park; a proposal is published or rejected."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from corridor.accounts import Grant
from tests.conftest import LiveServer
from tests.web.conftest import ARTIFACTS, open_page

PARK = "kcn-trang-due-giai-doan-ii"  # a bundled Hải Phòng park
PASSWORD = "mật khẩu đủ dài"
SOURCE_TITLE = "Báo cáo quý IV của Ban quản lý (thử)"


@pytest.fixture
def undo_writes(live_server: LiveServer) -> Iterator[None]:
    """Reverts the edits a test made to the shared portal's park, so the other page tests see the bundled data."""
    registry = live_server.app.registry
    before = {change["write"] for change in registry.history_json("zones", PARK)["changes"]}
    yield
    for change in registry.history_json("zones", PARK)["changes"]:
        if change["write"] not in before and change["action"] == "edit":
            registry.revert_write(change["write"], "page test", "test")


def _sign_in(page: Page, live_server: LiveServer, email: str, next_path: str) -> None:
    page.goto(f"{live_server.url}/login?next={next_path}")
    page.get_by_label("Địa chỉ e-mail").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


def _add_user(live_server: LiveServer, email: str, name: str, grant: Grant) -> None:
    live_server.app.accounts.add_user(email, [grant], "test", display_name=name, password=PASSWORD)


def _fill_source(page: Page) -> None:
    page.get_by_label("nguồn", exact=True).fill(SOURCE_TITLE)
    page.get_by_label("đường dẫn nguồn").fill("https://example.org/bao-cao-quy-iv")
    page.get_by_label("ngày của nguồn").fill("2025-12-31")


def test_a_zone_manager_changes_her_parks_occupancy(
    browser: Browser, live_server: LiveServer, undo_writes: None
) -> None:
    _add_user(live_server, "mai.pham@example.vn", "Phạm Thị Mai", Grant("zone_manager", f"zone:{PARK}"))
    with open_page(browser, "vi-VN") as page:
        _sign_in(page, live_server, "mai.pham@example.vn", f"/zones/{PARK}")
        page.get_by_role("link", name="Sửa", exact=True).click()
        occupancy = page.get_by_label("tỷ lệ lấp đầy (%)")
        old = occupancy.input_value()
        occupancy.fill("97,5x")
        _fill_source(page)
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_role("alert")).to_contain_text("tỷ lệ lấp đầy (%)")  # refused, with what was expected
        assert live_server.app.registry.show("zones", PARK)["occupancy_pct"] != 97.5
        page.get_by_label("tỷ lệ lấp đầy (%)").fill("97.5")
        page.get_by_role("button", name="Lưu").click()
        expect(page).to_have_url(re.compile(rf"/zones/{PARK}#h-history$"))
        newest = page.locator("section[aria-labelledby=h-history] ol.history > li").first
        text = newest.inner_text()
        assert "Phạm Thị Mai" in text and SOURCE_TITLE in text
        assert f"tỷ lệ lấp đầy (%): {old or 'không rõ'} → 97,5" in text
        expect(page.locator("table.facts")).to_contain_text("97,5")
        page.screenshot(path=str(ARTIFACTS / "zone-edited.png"), full_page=True)


def test_an_anonymous_edit_is_refused_and_writes_nothing(live_server: LiveServer) -> None:
    import httpx

    before = live_server.app.registry.history_json("zones", PARK)
    form = {"occupancy_pct": "1", "source_title": "x", "source_url": "https://example.org", "source_date": "2025-01-01"}
    answer = httpx.post(f"{live_server.url}/zones/{PARK}/edit", data=form)
    assert answer.status_code == 401
    assert httpx.get(f"{live_server.url}/zones/{PARK}/edit").headers["location"].startswith("/login?next=")
    assert live_server.app.registry.history_json("zones", PARK) == before


def test_a_proposal_is_published_and_another_rejected_with_its_reason(
    browser: Browser, live_server: LiveServer, undo_writes: None
) -> None:
    _add_user(live_server, "an.investor@example.com", "Nguyễn Văn An", Grant("investor"))
    _add_user(live_server, "ha.agency@example.vn", "Lê Thu Hà", Grant("agency", "locality:VN-31-2025"))
    with open_page(browser, "vi-VN") as contributor, open_page(browser, "vi-VN") as moderator:
        _sign_in(contributor, live_server, "an.investor@example.com", f"/zones/{PARK}")
        for value in ("Trạm 110 kV riêng (thử)", "Trạm 220 kV (thử)"):
            contributor.goto(f"{live_server.url}/zones/{PARK}")
            contributor.get_by_role("link", name="Đề xuất sửa").click()
            contributor.get_by_label("cấp điện").fill(value)
            _fill_source(contributor)
            contributor.get_by_role("button", name="Gửi đề xuất").click()
            expect(contributor).to_have_url(re.compile(r"/me/proposals$"))
        assert "Trạm 110 kV" not in str(live_server.app.registry.current_fields("zones", PARK).get("power_supply"))
        _sign_in(moderator, live_server, "ha.agency@example.vn", "/moderation")
        first = moderator.locator("section.proposal", has_text="Trạm 110 kV riêng (thử)")
        expect(first).to_contain_text("Nguyễn Văn An")  # the contributor, by name
        first.get_by_role("button", name="Xuất bản").click()
        second = moderator.locator("section.proposal", has_text="Trạm 220 kV (thử)")
        second.get_by_label("Lý do từ chối").fill("Nguồn không nói về điện")
        second.get_by_role("button", name="Từ chối").click()
        contributor.goto(f"{live_server.url}/me/proposals")
        items = contributor.locator("ol.proposals > li")
        expect(items.nth(0)).to_contain_text("bị từ chối")
        expect(items.nth(0)).to_contain_text("Nguồn không nói về điện")
        expect(items.nth(1)).to_contain_text("đã xuất bản")
        contributor.goto(f"{live_server.url}/zones/{PARK}")
        newest = contributor.locator("section[aria-labelledby=h-history] ol.history > li").first
        expect(newest).to_contain_text("Nguyễn Văn An")
        expect(newest).to_contain_text("Trạm 110 kV riêng (thử)")


FIRM = "haengsung-lg-satellite-supplier"  # a bundled supplier in KCN Tràng Duệ (Hải Phòng)


@pytest.fixture
def undo_firm_writes(live_server: LiveServer) -> Iterator[None]:
    registry = live_server.app.registry
    before = {change["write"] for change in registry.history_json("firms", FIRM)["changes"]}
    yield
    for change in registry.history_json("firms", FIRM)["changes"]:
        if change["write"] not in before and change["action"] == "edit":
            registry.revert_write(change["write"], "page test", "test")


def test_an_approved_claimant_edits_her_firm_directly(
    browser: Browser, live_server: LiveServer, undo_firm_writes: None
) -> None:
    _add_user(live_server, "lan.haengsung@example.vn", "Đỗ Thị Lan", Grant("investor"))
    _add_user(live_server, "admin.claims@example.vn", "Quản trị viên", Grant("admin"))
    with open_page(browser, "vi-VN") as claimant, open_page(browser, "vi-VN") as reviewer:
        _sign_in(claimant, live_server, "lan.haengsung@example.vn", f"/firms/{FIRM}")
        claimant.get_by_role("link", name="Nhận hồ sơ doanh nghiệp").click()
        claimant.get_by_label("Vì sao bạn đại diện").fill("Tôi là giám đốc mua hàng; e-mail lan@haengsung.example")
        claimant.get_by_role("button", name="Gửi yêu cầu").click()
        expect(claimant.locator("ol.claims > li").first).to_contain_text("đang chờ")
        _sign_in(reviewer, live_server, "admin.claims@example.vn", "/moderation")
        claim = reviewer.locator("section.claim", has_text="lan.haengsung@example.vn")
        expect(claim).to_contain_text("Tôi là giám đốc mua hàng")
        claim.get_by_role("button", name="Duyệt").click()
        expect(reviewer.locator("section.claim", has_text="lan.haengsung@example.vn")).to_have_count(0)
        claimant.goto(f"{live_server.url}/firms/{FIRM}")
        claimant.get_by_role("link", name="Sửa", exact=True).click()
        claimant.get_by_label("số lao động").fill("420")
        _fill_source(claimant)
        claimant.get_by_role("button", name="Lưu").click()
        expect(claimant).to_have_url(re.compile(rf"/firms/{FIRM}#h-history$"))
        newest = claimant.locator("section[aria-labelledby=h-history] ol.history > li").first
        expect(newest).to_contain_text("Đỗ Thị Lan")
        expect(newest).to_contain_text("420")


def test_a_new_zone_is_proposed_through_the_form(browser: Browser, live_server: LiveServer) -> None:
    _add_user(live_server, "binh.investor@example.com", "Trần Văn Bình", Grant("investor"))
    with open_page(browser, "vi-VN") as page:
        _sign_in(page, live_server, "binh.investor@example.com", "/zones")
        page.get_by_role("link", name="Đề xuất khu mới").click()
        page.get_by_label("tên", exact=True).fill("KCN Đề Xuất Thử")
        page.get_by_label("tỉnh/thành", exact=True).fill("Hải Phòng")
        page.get_by_label("diện tích (ha)").fill("-5")
        _fill_source(page)
        page.get_by_role("button", name="Gửi đề xuất").click()
        expect(page.get_by_role("alert")).to_contain_text("diện tích (ha)")
        page.get_by_label("diện tích (ha)").fill("85")
        page.get_by_role("button", name="Gửi đề xuất").click()
        expect(page).to_have_url(re.compile(r"/me/proposals$"))
        expect(page.locator("ol.proposals > li").first).to_contain_text("đang chờ")
    assert not live_server.app.registry.exists("zones", "kcn-de-xuat-thu")
