"""The route page in headless Chromium: pick a zone and a port, see the route drawn and its legs, in Vietnamese,
under the portal's Content-Security-Policy, and with no blocking accessibility problem."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.conftest import LiveServer
from tests.web.conftest import open_page
from tests.web.test_vietnamese_pages import OUR_TEXT_JS, english_in
from tests.web.test_walk import AXE, BLOCKING, RUN_AXE

LONGEST_DRAWN_LINE_JS = """
fetch(document.querySelector("[data-corridor-map]").dataset.route)
  .then((answer) => answer.json())
  .then((drawn) => Math.max(...drawn.features.map((feature) => feature.geometry.coordinates.length)))
"""


def _ask_for_a_route(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/route?lang=vi")
    page.locator("input[name=from]").fill("KCN Tràng Duệ")
    page.locator("input[name=to]").fill("PT_LH34")
    page.locator("select[name=profile]").select_option("multimodal")
    page.get_by_role("button", name="Tìm tuyến").click()
    page.wait_for_selector("[data-corridor-map][data-route-legs]", timeout=20_000)


def test_a_zone_to_a_port_is_drawn_with_its_legs_in_vietnamese(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "vi-VN") as page:
        _ask_for_a_route(page, live_server)
        legs = page.locator("table.route-legs tbody tr")
        assert legs.count() >= 1
        expect(page.locator("table.route-legs tbody tr[data-leg-kind=access]").first).to_be_visible()
        drawn = int(page.get_attribute("[data-corridor-map]", "data-route-legs") or 0)
        assert drawn == page.locator("tr[data-leg-kind=link], tr[data-leg-kind=access]").count() > 0
        assert page.locator("table.route-alternatives tbody tr").count() == 3
        assert page.locator("a[href^='/route/export.csv']").count() == 1
        expect(page.locator("[data-network-attribution]")).to_contain_text("OpenStreetMap")
        longest = page.evaluate(LONGEST_DRAWN_LINE_JS)
        assert longest > 2  # a leg on the linework is drawn along the road, not as a straight segment
        page.wait_for_selector("[data-corridor-map][data-loaded=true]", timeout=20_000)
        assert english_in(page.evaluate(OUR_TEXT_JS), frozenset({"from", "to"})) == []


def test_an_unknown_place_shows_its_message_in_the_page(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "vi-VN") as page:
        answer = page.goto(f"{live_server.url}/route?from=Atlantis&to=HPG&lang=vi")
        assert answer is not None and answer.status == 404
        expect(page.locator("[data-route-error]")).to_contain_text("Atlantis")


def test_the_route_page_has_no_blocking_accessibility_problem(browser: Browser, live_server: LiveServer) -> None:
    # bypass_csp: axe-core is injected as an inline script (test_walk.py does the same)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        _ask_for_a_route(page, live_server)
        page.add_script_tag(path=str(AXE))
        blocking = [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]
        assert blocking == []
    finally:
        context.close()


def test_the_route_page_fits_a_phone_screen(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        _ask_for_a_route(page, live_server)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
