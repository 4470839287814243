"""The zone page's History section in headless Chromium, in Vietnamese: the edit with who, source and old → new."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from corridor.registry.models import SourceRef
from tests.conftest import LiveServer
from tests.web.conftest import open_page

ZONE = "kcn-pho-noi-a"
SOURCE = SourceRef("Báo cáo thử của Ban quản lý (test)", "https://example.org/bao-cao-thu", "2025-12-31")


@pytest.fixture
def edited(live_server: LiveServer) -> Iterator[int]:
    """An edit of the shared portal's zone, reverted afterwards so that the other page tests see the bundled data."""
    result = live_server.app.registry.edit_record("zones", ZONE, {"occupancy_pct": "90"}, SOURCE, "lan.nguyen")
    yield result.write_id
    live_server.app.registry.revert_write(result.write_id, "page test", "test")


def test_the_zone_page_shows_the_edit_in_its_history(browser: Browser, live_server: LiveServer, edited: int) -> None:
    with open_page(browser, "vi-VN") as page:
        page.goto(f"{live_server.url}/zones/{ZONE}?lang=vi")
        section = page.locator("section[aria-labelledby=h-history]")
        assert section.locator("h2").inner_text() == "Lịch sử"
        newest = section.locator("ol.history > li").first
        assert newest.get_attribute("data-write") == str(edited)
        text = newest.inner_text()
        assert "lan.nguyen" in text and "sửa" in text and SOURCE.title in text
        assert "tỷ lệ lấp đầy (%): 84 → 90" in text
        assert section.locator("ol.history > li").last.inner_text().count("→") > 3  # the bundled import
