"""The portal in a real headless Chromium (Debian's, driven by Playwright): what a visitor does.

Screenshots are written to test-artifacts/ for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import LiveServer
from tests.web.conftest import ARTIFACTS, open_page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with open_page(browser, "vi-VN") as opened:
        yield opened


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home_page_and_its_map(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    expect(page).to_have_title("Tổng quan hành lang · Hành lang")
    expect(page.locator("table.data").first).to_contain_text("Hưng Yên")
    expect(page.locator("[data-corridor-map]")).to_have_attribute("data-loaded", "true", timeout=20_000)
    _shot(page, "home")


def test_map_switches_to_pre_2025_boundaries(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/map")
    expect(page.locator("[data-corridor-map]")).to_have_attribute("data-loaded", "true", timeout=20_000)
    with page.expect_response(lambda r: "/data/boundaries/pre2025.geojson" in r.url) as response:
        page.get_by_label("Trước 1/7/2025 (63 tỉnh)").check()
    assert response.value.ok
    page.wait_for_timeout(500)
    _shot(page, "map-pre2025")


def test_filter_the_directory_and_search_without_diacritics(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/zones")
    page.get_by_label("Tìm theo tên").fill("pho noi")
    page.get_by_label("Loại").select_option("KCN")
    page.get_by_role("button", name="Lọc", exact=True).click()
    rows = page.locator("table.zones tbody tr")
    expect(rows.first).to_contain_text("Phố Nối")
    assert all("Phố Nối" in text for text in rows.all_inner_texts())
    _shot(page, "directory-search")


def test_open_a_zone_with_vietnamese_number_format(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/zones?q=pho+noi+a")
    page.get_by_role("link", name="KCN Phố Nối A", exact=True).click()
    expect(page.locator("h1")).to_have_text("KCN Phố Nối A")
    expect(page.locator("table.facts")).to_contain_text("688,94")
    expect(page.locator("table.facts")).to_contain_text("Danh mục các KCN")
    _shot(page, "zone-pho-noi-a")


def test_compare_two_zones(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/zones?q=pho+noi")
    page.get_by_label("So sánh KCN Phố Nối A", exact=True).check()
    page.get_by_label("So sánh KCN Dệt may Phố Nối", exact=True).check()
    page.get_by_role("button", name="So sánh các khu đã chọn (2 đến 4)").click()
    expect(page.locator("table.compare thead")).to_contain_text("KCN Phố Nối A")
    expect(page.locator("table.compare thead")).to_contain_text("KCN Dệt may Phố Nối")
    page.emulate_media(media="print")
    _shot(page, "compare-print")


def test_switch_language_and_keep_it(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/zones")
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Zone directory")
    page.get_by_role("link", name="Firms", exact=True).click()
    expect(page.locator("h1")).to_have_text("Firm directory")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _shot(page, "firms-en")


def test_keyboard_and_phone_width(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server.url + "/zones/kcn-pho-noi-a")
    phone.keyboard.press("Tab")
    expect(phone.locator(".skip-link")).to_be_focused()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    _shot(phone, "phone-zone")
    context.close()


def _loaded_map(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-corridor-map]")).to_have_attribute("data-loaded", "true", timeout=20_000)


def test_map_has_place_labels_and_a_legend_with_symbols(page: Page, live_server: LiveServer) -> None:
    _loaded_map(page, live_server.url + "/map?lang=en")
    expect(page.locator(".map-label-city", has_text="Hạ Long")).to_be_visible()
    expect(page.locator(".map-panel summary")).to_have_text("Layers and legend")
    airport = page.locator("[data-node-swatch=airport]")
    assert airport.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(192, 57, 43)"
    expect(page.locator(".map-controls")).to_contain_text("Expressway")


def test_one_popup_lists_the_points_that_overlap(page: Page, live_server: LiveServer) -> None:
    _loaded_map(page, live_server.url + "/map?lang=en")
    # KKT Vân Đồn and the airport-north park are both recorded at the district's point.
    x, y = page.evaluate(
        "() => { const m = document.querySelector('[data-corridor-map]').corridorMap;"
        " m.jumpTo({center: [107.527, 21.149], zoom: 9}); const p = m.project([107.527, 21.149]); return [p.x, p.y]; }"
    )
    page.wait_for_timeout(300)
    page.locator(".map canvas").click(position={"x": x, "y": y})
    popup = page.locator(".maplibregl-popup-content")
    expect(popup).to_contain_text("places here")
    expect(popup).to_contain_text("KKT Vân Đồn")
    expect(popup).to_contain_text("KCN phía Bắc sân bay Vân Đồn")
    assert page.locator(".maplibregl-popup").count() == 1
    _shot(page, "map-overlap-popup")


def test_the_zone_page_map_marks_the_zone(page: Page, live_server: LiveServer) -> None:
    _loaded_map(page, live_server.url + "/zones/kcn-trang-due")
    marker = page.locator(".zone-marker[aria-label='KCN Tràng Duệ']")
    expect(marker).to_be_visible()
    box, map_box = marker.bounding_box(), page.locator(".map").bounding_box()
    assert box and map_box
    centre_x = box["x"] + box["width"] / 2
    assert abs(centre_x - (map_box["x"] + map_box["width"] / 2)) < 5  # the map is centred on it


def test_on_a_phone_the_map_comes_before_its_folded_controls(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    _loaded_map(phone, live_server.url + "/map")
    map_box = phone.locator(".map").bounding_box()
    assert map_box and map_box["y"] < 300
    assert phone.locator(".map-panel").get_attribute("open") is None
    context.close()


def test_on_a_phone_directory_names_and_sources_have_room(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server.url + "/zones?q=dinh+vu")
    name = phone.locator("td.card-title").first
    assert (name.bounding_box() or {"width": 0})["width"] > 300  # a card's whole width, not a word a line
    phone.goto(live_server.url + "/")
    source = phone.locator("td:has(.cite)").first
    assert (source.bounding_box() or {"width": 0})["width"] > 150
    context.close()


def test_a_point_the_check_doubts_is_drawn_as_doubtful(page: Page, live_server: LiveServer) -> None:
    # As if the maintainers' check had placed KKT Vân Đồn in the sea.
    page.route("**/map/doubtful.json", lambda route: route.fulfill(json={"ids": ["kkt-van-don"]}))
    _loaded_map(page, live_server.url + "/map?lang=en")
    layers = page.evaluate(
        "() => { const m = document.querySelector('[data-corridor-map]').corridorMap;"
        " m.jumpTo({center: [107.527, 21.149], zoom: 9});"
        " const p = m.project([107.527, 21.149]);"
        " return m.queryRenderedFeatures([[p.x - 6, p.y - 6], [p.x + 6, p.y + 6]])"
        ".filter(f => f.properties.id === 'kkt-van-don').map(f => f.layer.id); }"
    )
    assert layers == ["zones-doubtful"]
