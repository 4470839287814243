"""A whole forum in headless Chromium, from the event file to the outcome page: an organiser creates it, two firms
register (one attends a session), ask for and accept a meeting, the organiser approves, schedules, checks in and
records attendance, a participant downloads her .ics agenda and records the follow-up; a paper is submitted,
reviewed and accepted into the proceedings; the firm page keeps the forum in its history."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfWriter

from corridor.accounts import Grant
from corridor.bootstrap import App, open_app
from corridor.registry.validation import RawTable
from corridor.settings import Settings
from tests.conftest import Backend, serve_portal
from tests.web.conftest import open_page
from tests.web.test_vietnamese_pages import OUR_TEXT_JS, english_in

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "event.toml"
EVENT = "vi-du-dien-dan-vehec"
BUYER, SUPPLIER = "lg-display-vietnam-hai-phong", "lg-innotek-vietnam-hai-phong"
PASSWORD = "a long enough password"
SOURCE = {"source_title": "test", "source_url": "https://example.org", "source_date": "2025-01-01"}


@pytest.fixture
def portal(sqlite_backend: Backend) -> Iterator[str]:
    """A portal of its own: an organiser (administrator), two firms' people, a need and a matching offer."""
    app: App = open_app(Settings(db_url=sqlite_backend.clone("loaded"), lang="en", user="test"))
    need = {"id": "need-camera", "firm": BUYER, "text_en": "camera modules for display panels", **SOURCE}
    offer = {"id": "offer-camera", "firm": SUPPLIER, "text_en": "camera modules for display panels", **SOURCE}
    app.registry.import_table(RawTable("needs.csv", list(need), [(2, need)]), "needs", "test")
    app.registry.import_table(RawTable("offers.csv", list(offer), [(2, offer)]), "offers", "test")
    people = (("org@example.vn", "admin"), ("buyer@example.vn", "investor"), ("seller@example.vn", "investor"))
    for email, role in people:
        app.accounts.add_user(email, [Grant(role)], "test", display_name=email.split("@")[0], password=PASSWORD)
    with serve_portal(app) as url:
        yield url
    app.store.engine.dispose()


def _sign_in(page: Page, url: str, email: str, next_path: str) -> None:
    page.goto(f"{url}/login?next={next_path}&lang=en")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(next_path.split("?", maxsplit=1)[0]) + r"$"))


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _register(page: Page, url: str, firm: str, name: str, person: str, *, session: bool) -> None:
    page.goto(f"{url}/events/{EVENT}?lang=en")
    form = page.locator(f"form[action='/events/{EVENT}/register']")
    form.get_by_label("Organisation", exact=True).fill(name)
    form.get_by_label("Registry firm (if listed)").select_option(firm)
    form.get_by_label("Person").fill(person)
    form.get_by_label("English").check()
    if session:
        form.get_by_label("Khai mạc: liên kết chuỗi cung ứng").check()
    form.get_by_role("button", name="Register").click()
    expect(page.locator("[data-status]").first).to_have_text("pending")


def test_a_forum_from_its_file_to_its_outcomes(browser: Browser, portal: str, tmp_path: Path) -> None:
    url = portal
    with (
        open_page(browser, "en-US") as org,
        open_page(browser, "en-US") as buyer,
        open_page(browser, "en-US") as seller,
    ):
        _sign_in(org, url, "org@example.vn", "/events/new")
        org.get_by_label("Event file").fill(EXAMPLE.read_text(encoding="utf-8"))
        org.get_by_role("button", name="Create").click()
        expect(org).to_have_url(re.compile(f"/events/{EVENT}/organise$"))

        _sign_in(buyer, url, "buyer@example.vn", f"/events/{EVENT}")
        expect(buyer.locator("table.programme")).to_contain_text("Hội trường A")
        expect(buyer.locator("ul.exhibitors a[href='/zones/kcn-trang-due']")).to_be_visible()
        _register(buyer, url, BUYER, "LG Display Vietnam Hai Phong", "Buyer Person", session=True)
        _sign_in(seller, url, "seller@example.vn", f"/events/{EVENT}")
        _register(seller, url, SUPPLIER, "LG Innotek Vietnam Hai Phong", "Seller Person", session=False)

        org.reload()
        for _ in range(2):
            org.locator("table.registrations").get_by_role("button", name="Approve").first.click()
        expect(org.locator("table.registrations [data-status]")).to_have_text(["approved", "approved"])

        buyer.goto(f"{url}/events/{EVENT}/me")
        suggestion = buyer.locator("ol.suggestions > li").first
        expect(suggestion).to_contain_text("LG Innotek")
        expect(suggestion).to_contain_text("supplies what you need")
        expect(suggestion).to_contain_text("camera modules for display panels")
        suggestion.get_by_role("button", name="Ask for a meeting").click()
        expect(buyer.locator("ul.requests.sent [data-status]")).to_have_text("pending")

        seller.goto(f"{url}/events/{EVENT}/me")
        seller.locator("ul.requests.received").get_by_role("button", name="Accept").click()
        expect(seller.locator("ul.requests.received [data-status]")).to_have_text("accepted")

        org.reload()
        org.get_by_role("button", name="Run the scheduler").click()
        expect(org.locator("[data-scheduled]")).to_contain_text("1 meetings")
        org.locator("table.registrations").get_by_role("button", name="Check in").first.click()
        org.locator("table.meetings").get_by_role("button", name="held").click()
        expect(org.locator("table.meetings [data-attendance]")).to_have_text("held")

        buyer.reload()
        row = buyer.locator("table.agenda tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("LG Innotek")
        expect(row.locator("td").nth(1)).not_to_have_text(re.compile("^09:00"))  # she attends the opening then
        with buyer.expect_download() as download:
            buyer.get_by_role("link", name="Add to my calendar (.ics)").click()
        calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
        assert len(list(calendar.walk("VEVENT"))) == 1 and calendar.walk("VTIMEZONE")
        row.get_by_label("Follow-up").select_option("contract")
        row.get_by_role("button", name="Save").click()

        buyer.goto(f"{url}/events/{EVENT}")
        paper = buyer.locator(f"form[action='/events/{EVENT}/papers']")
        paper.get_by_label("Title").fill("Camera modules in the corridor")
        paper.get_by_label("Abstract").fill("Where the modules come from.")
        paper.get_by_label("Author", exact=True).fill("Buyer Person")
        paper.get_by_label("Author's organisation").fill("LG Display")
        paper.get_by_label("PDF file").set_input_files(
            {"name": "p.pdf", "mimeType": "application/pdf", "buffer": _pdf()}
        )
        paper.get_by_role("button", name="Submit").click()
        expect(buyer.get_by_role("status")).to_contain_text("submitted")

        org.reload()
        org.get_by_label("Reviewer's e-mail").fill("seller@example.vn")
        org.get_by_role("button", name="Assign").click()
        seller.goto(f"{url}/events/{EVENT}")
        seller.get_by_label("Score (1 to 5)").fill("5")
        seller.get_by_role("button", name="Send the review").click()
        org.reload()
        expect(org.locator("ul.papers")).to_contain_text("seller@example.vn: 5")
        org.get_by_role("button", name="Accept the paper").click()

        org.goto(f"{url}/events/{EVENT}/outcomes")
        expect(org.locator("[data-figure=held]")).to_have_text("1")
        expect(org.locator("[data-figure=acceptance_rate]")).to_have_text("100 %")
        expect(org.locator("tr[data-stage=contract] td.num")).to_have_text("1")

        org.goto(f"{url}/events/{EVENT}")
        expect(org.locator("ol.papers")).to_contain_text("Camera modules in the corridor")
        with org.expect_download() as download:
            org.get_by_role("link", name=re.compile("Download the proceedings")).click()
        names = zipfile.ZipFile(download.value.path()).namelist()
        assert sorted(names) == ["01-camera-modules-in-the-corridor.pdf", "index.csv", "index.html"]

        org.goto(f"{url}/firms/{BUYER}")
        expect(org.locator("ul.forums li[data-event]")).to_contain_text("approved")

        # the same pages in Vietnamese: our words all translated (names and the sources' words are marked)
        pages = [(org, f"/events/{EVENT}"), (org, f"/events/{EVENT}/organise"), (org, f"/events/{EVENT}/outcomes"),
                 (buyer, f"/events/{EVENT}/me"), (org, "/events")]  # fmt: skip
        for page, path in pages:
            page.goto(f"{url}{path}?lang=vi")
            assert english_in(page.evaluate(OUR_TEXT_JS)) == [], path
