"""The matching page in a real headless Chromium, in Vietnamese and English: what a visitor does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import LiveServer
from tests.web.conftest import ARTIFACTS, open_page


@pytest.fixture(params=["vi-VN", "en-US"])
def visitor(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    with open_page(browser, request.param) as opened:
        yield opened


WORDS = {
    "vi": {"title": "Kết nối nhà cung cấp và bên mua", "menu": "Kết nối cung ứng", "send": "Tìm đối tác",
           "text": "Nhu cầu hoặc chào bán", "hs": "Mã HS 2022 (không bắt buộc)", "mode": "Văn bản mô tả",
           "no_needs": "Chưa có nhu cầu nào được ghi nhận", "reason": "nghĩa văn bản: cosine",
           "bad_hs": "847199", "nothing": "chưa có nhu cầu nào được ghi nhận để khớp"},
    "en": {"title": "Supplier and buyer matching", "menu": "Matching", "send": "Match",
           "text": "Need or offer", "hs": "HS 2022 codes (optional)", "mode": "The text describes",
           "no_needs": "No needs are recorded yet", "reason": "text meaning: cosine",
           "bad_hs": "847199", "nothing": "there are no recorded needs to match an offer against"},
}  # fmt: skip


def _lang(page: Page) -> str:
    return str(page.locator("html").get_attribute("lang"))


def test_rank_suppliers_for_a_need_with_every_reason(visitor: Page, live_server: LiveServer) -> None:
    visitor.goto(live_server.url + "/")
    words = WORDS[_lang(visitor)]
    visitor.get_by_role("link", name=words["menu"], exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(words["title"])
    # The bundled sources publish no sourcing needs: the page says so, and how to add them.
    expect(visitor.locator("[data-empty-store]")).to_contain_text(words["no_needs"])
    expect(visitor.locator("a[href='/matching/template/needs.xlsx']")).to_be_visible()
    visitor.get_by_label(words["text"]).fill("khuôn ép nhựa chính xác")
    visitor.get_by_role("button", name=words["send"]).click()
    rows = visitor.locator("table.matches tbody tr")
    expect(rows).to_have_count(10)
    first = rows.first
    expect(first.locator("q")).not_to_be_empty()  # the matched text, quoted
    expect(first.locator("ul.reasons li").first).to_contain_text(words["reason"])
    assert first.locator("ul.reasons li").count() >= 3  # every reason, none cut
    firm_link = first.locator("a[href^='/firms/']")
    name = firm_link.inner_text()
    firm_link.click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(name)
    visitor.go_back()
    visitor.screenshot(path=str(ARTIFACTS / f"matching-{_lang(visitor)}.png"), full_page=True)


def test_a_bad_value_keeps_the_form_with_a_message(visitor: Page, live_server: LiveServer) -> None:
    visitor.goto(live_server.url + "/matching")
    words = WORDS[_lang(visitor)]
    visitor.get_by_label(words["text"]).fill("khay nhựa chống tĩnh điện")
    visitor.get_by_label(words["hs"]).fill(words["bad_hs"])
    visitor.get_by_label("Chứng nhận" if _lang(visitor) == "vi" else "Certifications").select_option("ISO 9001")
    visitor.get_by_role("button", name=words["send"]).click()
    expect(visitor.get_by_role("alert")).to_contain_text("847199")
    expect(visitor.get_by_label(words["text"])).to_have_value("khay nhựa chống tĩnh điện")
    expect(visitor.get_by_label(words["hs"])).to_have_value("847199")
    expect(visitor.get_by_label("Chứng nhận" if _lang(visitor) == "vi" else "Certifications")).to_have_values(
        ["ISO 9001"]
    )
    expect(visitor.locator("table.matches")).to_have_count(0)


def test_an_offer_with_no_needs_recorded_says_so(visitor: Page, live_server: LiveServer) -> None:
    visitor.goto(live_server.url + "/matching")
    words = WORDS[_lang(visitor)]
    visitor.get_by_label(words["mode"]).select_option("offer")
    visitor.get_by_label(words["text"]).fill("Precision plastic injection moulds")
    visitor.get_by_role("button", name=words["send"]).click()
    expect(visitor.get_by_role("status")).to_contain_text(words["nothing"])
    expect(visitor.get_by_label(words["mode"])).to_have_value("offer")
