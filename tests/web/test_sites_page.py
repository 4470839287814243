"""The site-selection page in headless Chromium: the brief form, the ranked list on a map with per-criterion bars,
the robustness figure and the side-by-side comparison, in Vietnamese and English, under the portal's CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import LiveServer
from tests.web.conftest import open_page
from tests.web.test_vietnamese_pages import OUR_TEXT_JS, english_in
from tests.web.test_walk import AXE, BLOCKING, RUN_AXE


def _describe_a_project(page: Page, live_server: LiveServer, lang: str) -> None:
    page.goto(f"{live_server.url}/sites?lang={lang}")
    page.locator("input[name=sector]").fill("lắp ráp linh kiện điện tử")
    page.locator("input[name=land_ha]").fill("10")
    page.locator("input[name=export_deep_sea]").check()
    page.locator("input[name=preferred_localities]").fill("Hải Phòng")
    page.locator("input[name=top]").fill("6")
    page.locator("form.sites-form button[type=submit]").click()
    page.wait_for_selector("table.sites-results tbody tr", timeout=30_000)


def test_a_brief_gives_a_ranked_explained_shortlist_in_vietnamese(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "vi-VN") as page:
        _describe_a_project(page, live_server, "vi")
        rows = page.locator("table.sites-results tbody tr")
        assert rows.count() == 6
        assert [rows.nth(i).get_attribute("data-rank") for i in range(6)] == ["1", "2", "3", "4", "5", "6"]
        scores = [float(s.get_attribute("data-score") or 0) for s in page.locator("td[data-score]").all()]
        assert scores == sorted(scores, reverse=True)
        # Each bar is the zone's contributions: its segments span score x 220 px.
        first_bar = rows.nth(0).locator("svg.contribution-bar rect")
        widths = [float(r.get_attribute("width") or 0) for r in first_bar.all()]
        assert sum(widths) / 220 == pytest.approx(scores[0], abs=1e-3)
        assert rows.nth(0).locator("svg.robustness").count() == 1
        assert page.locator("[data-robustness-figure] [data-rank-range]").count() == 6
        expect(page.locator("table.sites-reorder tbody tr").first).to_be_visible()
        assert page.locator("table.sites-compare thead th[data-compared]").count() == 4
        page.wait_for_selector("[data-corridor-map][data-loaded=true]", timeout=30_000)
        expect(page.locator("[data-sector]")).to_contain_text("VSIC")
        found = english_in(page.evaluate(OUR_TEXT_JS))
        assert found == [], found


def test_weights_set_on_the_page_change_the_ranking(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "en-GB") as page:
        base = f"{live_server.url}/sites?lang=en&sector=2610&land_ha=5&top=3"
        page.goto(base)
        default_first = page.locator("table.sites-results tbody tr").first.get_attribute("data-zone")
        only_border = "".join(
            f"&w_{c}=0"
            for c in (
                "port_time_h",
                "airport_time_h",
                "available_ha",
                "rent_usd_m2",
                "occupancy_pct",
                "sector_fit",
                "supply_time_h",
                "green",
                "incentives",
            )
        )
        page.goto(base + only_border + "&w_border_time_h=100")
        weights = page.locator("form.sites-form input[name=w_border_time_h]")
        assert weights.input_value() == "100"
        first = page.locator("table.sites-results tbody tr").first.get_attribute("data-zone")
        assert first != default_first
        bar = page.locator("table.sites-results tbody tr").first.locator("svg.contribution-bar")
        assert bar.get_attribute("aria-label") == "contributions: travel time to the nearest border gate 1; "


def test_comparing_the_chosen_zones_and_the_english_page(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "en-GB") as page:
        _describe_a_project(page, live_server, "en")
        chosen = [page.locator("table.sites-results tbody tr").nth(i).get_attribute("data-zone") for i in (1, 4)]
        for zone_id in chosen:
            page.locator(f"input[name=compare][value='{zone_id}']").check()
        page.get_by_role("button", name="Compare the chosen zones").click()
        page.wait_for_selector("table.sites-compare", timeout=30_000)
        compared = [h.get_attribute("data-compared") for h in page.locator("th[data-compared]").all()]
        assert compared == chosen
        expect(page.locator("table.sites-compare")).to_contain_text("land rent")


def test_an_infeasible_brief_lists_every_zone_s_reason(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "en-GB") as page:
        excluded = "Hải Phòng, Quảng Ninh, Hưng Yên, Hà Nội, Lào Cai, Yunnan"
        answer = page.goto(f"{live_server.url}/sites?lang=en&sector=2610&land_ha=5&excluded_localities={excluded}")
        assert answer is not None and answer.status == 200
        expect(page.locator("[data-infeasible]")).to_be_visible()
        page.locator("details.set-aside summary").click()
        assert page.locator("[data-set-aside]").count() == 162
        expect(page.locator("[data-set-aside]").first).to_contain_text("excluded locality")


def test_a_bad_brief_shows_its_message(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "vi-VN") as page:
        answer = page.goto(f"{live_server.url}/sites?lang=vi&sector=x&land_ha=-3")
        assert answer is not None and answer.status == 400
        expect(page.locator("[data-sites-error]")).to_contain_text("land_ha")


def test_the_sites_page_has_no_blocking_accessibility_problem(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, bypass_csp=True)
    page = context.new_page()
    try:
        _describe_a_project(page, live_server, "vi")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.add_script_tag(path=str(AXE))
        blocking = [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]
        assert blocking == []
    finally:
        context.close()
