"""One Chromium walks every page in both languages, on a desktop and on a phone.

On each page: nothing wider than the screen (the page never scrolls sideways) and axe-core (vendored, run
in the page) finds no serious or critical accessibility violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import LiveServer
from tests.web.conftest import ARTIFACTS

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}
PAGES = {
    "home": "/",
    "map": "/map",
    "zones": "/zones?type=KCN&sort=-leasable_ha",
    "zones-bad-form": "/zones?min_leasable_ha=abc&page=0",
    "zone": "/zones/kcn-pho-noi-a",
    "zone-on-map": "/zones/kcn-trang-due",
    "compare": "/compare?ids=kcn-pho-noi-a&ids=kcn-trang-due&ids=kcn-dinh-vu-deep-c-hai-phong-i&ids=kcn-thang-long-ii",
    "firms": "/firms?role=lead_firm",
    "firm": "/firms/lg-electronics-vietnam-hai-phong",
    "data": "/data",
    "indicators": "/indicators?boundaries=pre2025",
    "sites": "/sites",
    "sites-ranked": "/sites?sector=electronics&land_ha=10&export_deep_sea=1&top=5",
    "events": "/events",
    "error": "/zones/no-such-zone",
}
# axe's verdicts that block people (https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#results-object)
BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({ id: v.id, impact: v.impact,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")) }));
}"""


@pytest.fixture(params=list(WIDTHS))
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[int, Page]]:
    width = WIDTHS[request.param]
    # bypass_csp: axe-core is injected as an inline script, which the portal's policy rightly blocks
    # (test_security_pages.py checks the pages under the policy)
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 600, bypass_csp=True)
    yield width, context.new_page()
    context.close()


def _problems_on(page: Page, path: str, width: int) -> list[str]:
    """Sideways overflow and blocking axe violations of the page now shown."""
    problems = []
    # Against the screen's width, not innerWidth: a phone browser widens its layout viewport to the content.
    page_width = page.evaluate("document.documentElement.scrollWidth")
    if page_width > width:
        problems.append(f"{path}: {page_width} px wide on a {width} px screen")
    page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] in BLOCKING:
            problems.append(f"{path}: axe {violation['impact']} {violation['id']} at {violation['targets']}")
    return problems


def _open(page: Page, path: str, lang: str) -> None:
    page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    if page.locator("[data-corridor-map]").count():
        page.wait_for_selector("[data-corridor-map][data-loaded=true]", timeout=20_000)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_fits_the_screen_and_passes_axe(
    screen: tuple[int, Page], lang: str, live_server: LiveServer
) -> None:
    width, page = screen
    page.set_default_navigation_timeout(20_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"{page.url}: JavaScript error {error}"))
    for label, path in PAGES.items():
        _open(page, live_server.url + path, lang)
        assert page.locator("html").get_attribute("lang") == lang
        problems += _problems_on(page, f"{label} ({lang}, {width} px)", width)
        page.screenshot(path=str(ARTIFACTS / f"walk-{width}-{lang}-{label}.png"), full_page=True)
    assert problems == [], "\n".join(problems)
