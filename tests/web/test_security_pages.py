"""Under the portal's Content-Security-Policy, in real headless Chromium: the map still draws, no page reports a
policy violation, and a name written as a script is shown as text everywhere (no dialog ever opens)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from corridor.bootstrap import open_app
from corridor.settings import Settings
from tests.conftest import TEST_USER, Backend, serve_portal
from tests.factories import make_token
from tests.web.conftest import open_page

SCRIPT_NAME = "<script>alert(1)</script>"
ZONE_NAME = f"KCN {SCRIPT_NAME}"
ZONE_ID = "kcn-script-alert-1-script"
FIRM_NAME = f'Công ty <img src=x onerror="alert(2)"> {SCRIPT_NAME}'
# Collected from the moment each document starts (Playwright injects this outside the page's policy).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _csv(row: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode()


def _import(url: str, kind: str, row: dict[str, str], token: dict[str, str]) -> None:
    answer = httpx.post(
        f"{url}/api/v1/import/{kind}", files={"file": (f"{kind}.csv", _csv(row), "text/csv")}, headers=token
    )
    assert answer.status_code == 200, answer.text


@pytest.fixture(scope="module")
def portal(sqlite_backend: Backend) -> Iterator[str]:
    """The bundled data plus a zone and a firm whose names are scripts, imported through the API."""
    app = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="en", user=TEST_USER))
    token = make_token(app)
    with serve_portal(app) as url:
        zone = {"id": ZONE_ID, "name_vi": ZONE_NAME, "zone_type": "KCN", "province": "Quảng Ninh"}
        _import(url, "zones", zone | {"lat": "21.3", "lon": "107.3", "precision": "site"}, token)
        _import(url, "firms", {"name": FIRM_NAME, "zone": ZONE_ID, "lat": "21.3", "lon": "107.3"}, token)
        yield url
    app.store.engine.dispose()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with open_page(browser, "vi-VN") as opened:
        opened.add_init_script(WATCH_VIOLATIONS)
        dialogs: list[str] = []
        console: list[str] = []
        opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
        yield opened
        assert dialogs == [], f"a script from the data ran: {dialogs}"
        assert console == [], f"CSP violations in the console: {console}"


def _no_violations(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    violations: list[Any] = page.evaluate("() => window.__violations")
    assert violations == [], f"{page.url}: {violations}"


def _firm_id(url: str) -> str:
    found = httpx.get(f"{url}/api/v1/firms", params={"q": "alert", "limit": 5}).json()["items"]
    return str(next(f["id"] for f in found if f["name"] == FIRM_NAME))


def test_answers_carry_the_security_headers(portal: str) -> None:
    for path in ("/", "/api/v1/zones?limit=1", "/static/js/map.js", "/no-such-page"):
        headers = httpx.get(portal + path).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] and headers["permissions-policy"]
        assert "server" not in headers


def test_the_map_draws_its_features_under_the_policy(page: Page, portal: str) -> None:
    page.goto(portal + "/map")
    expect(page.locator("[data-corridor-map]")).to_have_attribute("data-loaded", "true", timeout=20_000)
    expect(page.locator(".map canvas")).to_have_count(1)
    drawn = page.evaluate(
        "() => document.querySelector('[data-corridor-map]').corridorMap"
        ".queryRenderedFeatures({layers: ['zones']}).length"
    )
    assert drawn > 10
    _no_violations(page)


def test_the_map_popup_shows_a_script_name_as_text(page: Page, portal: str) -> None:
    page.goto(portal + "/map")
    expect(page.locator("[data-corridor-map]")).to_have_attribute("data-loaded", "true", timeout=20_000)
    x, y = page.evaluate(
        "() => { const m = document.querySelector('[data-corridor-map]').corridorMap;"
        " m.jumpTo({center: [107.3, 21.3], zoom: 11}); const p = m.project([107.3, 21.3]); return [p.x, p.y]; }"
    )
    page.wait_for_timeout(500)
    page.locator(".map canvas").click(position={"x": x, "y": y})
    popup = page.locator(".maplibregl-popup-content")
    expect(popup).to_contain_text(SCRIPT_NAME)
    assert popup.locator("script").count() == 0
    _no_violations(page)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/zones?q=alert",
        f"/zones/{ZONE_ID}",
        f"/compare?ids={ZONE_ID}&ids=kcn-pho-noi-a",
        "/firms?q=alert",
        "/matching",
        f"/route?from={ZONE_ID}&to=HLG",
        "/data",
        "/api/v1/docs",
    ],
)
def test_pages_show_script_names_as_text_with_no_violation(page: Page, portal: str, path: str) -> None:
    page.goto(portal + path)
    if "alert" in path or ZONE_ID in path:
        expect(page.locator("main")).to_contain_text(SCRIPT_NAME)
        assert page.locator("main script").count() == 0
    if path == "/api/v1/docs":
        expect(page.locator(".swagger-ui .info")).to_contain_text("Corridor API", timeout=20_000)
    if path == "/":
        expect(page.locator("[data-corridor-map]")).to_have_attribute("data-loaded", "true", timeout=20_000)
    if path.startswith("/route"):
        expect(page.locator("[data-corridor-map]")).to_have_attribute(
            "data-route-legs", re.compile(r"[1-9]"), timeout=20_000
        )
    _no_violations(page)


def test_the_firm_page_shows_its_name_as_text(page: Page, portal: str) -> None:
    page.goto(f"{portal}/firms/{_firm_id(portal)}")
    expect(page.locator("h1")).to_contain_text(FIRM_NAME)
    assert page.locator("main img[src=x]").count() == 0
    _no_violations(page)
