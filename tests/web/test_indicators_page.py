"""The indicators page in headless Chromium: charts drawn, every figure with its note, the boundaries switch, and
the CSV download with headings in the page's language."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.conftest import LiveServer
from tests.web.conftest import open_page


def test_charts_tables_and_notes_on_2025_boundaries(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "vi-VN") as page:
        page.goto(f"{live_server.url}/indicators?lang=vi")
        expect(page.locator("h1")).to_have_text("Chỉ tiêu kinh tế")
        charts = page.locator("img[data-chart]")
        assert charts.count() >= 4
        assert all(page.evaluate("(img) => img.naturalWidth", c.element_handle()) > 100 for c in charts.all())
        grdp = page.locator("section[data-indicator=grdp_current]")
        expect(grdp.locator("th[scope=row]", has_text="Hải Phòng")).to_have_count(1)
        for cell in grdp.locator("td").all():
            text = cell.inner_text()
            assert text in {"chưa có số liệu", "không gộp"} or cell.locator("sup a").count() >= 1, text
        pci = page.locator("section[data-indicator=pci]")
        refused = pci.locator("td", has_text="không gộp").first
        assert (refused.get_attribute("title") or "").startswith("Không gộp: ")


def test_old_boundaries_and_the_csv_in_the_page_language(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "vi-VN") as page:
        page.goto(f"{live_server.url}/indicators?lang=vi")
        page.locator("select[name=boundaries]").select_option("pre2025")
        page.get_by_role("button", name="Hiển thị").click()
        page.wait_for_url("**/indicators?boundaries=pre2025*")
        rows = page.locator("section[data-indicator=grdp_current] th[scope=row]")
        expect(rows.filter(has_text="Hải Dương")).to_have_count(1)
        with page.expect_download() as caught:
            page.locator("a[data-indicators-csv]").click()
        text = Path(caught.value.path()).read_text(encoding="utf-8-sig")
        assert text.splitlines()[0] == "địa phương,chỉ tiêu,năm,giá trị,đơn vị,cách tính,ghi chú,nguồn"
        assert "Hải Dương" in text and "tỷ đồng" in text
