"""The investor pages in Korean, Japanese and Chinese, in headless Chromium: the visitor switches the portal's
language with the link at the top, and no page shows a word of our own in English (the catalogs fall back to English
where a message lacks a translation). Data text (names, sources' words) is marked and skipped, as in
test_vietnamese_pages.py; what remains must be in the language asked for."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import LiveServer
from tests.web.conftest import open_page
from tests.web.test_vietnamese_pages import OUR_TEXT_JS, english_in

# Each language's own script: Hangul; kana or kanji; Han characters.
SCRIPT = {"ko": re.compile("[\uac00-\ud7af]"), "ja": re.compile("[\u3040-\u30ff\u4e00-\u9fff]"),
          "zh": re.compile("[\u4e00-\u9fff]")}  # fmt: skip
SWITCH = {"ko": "한국어", "ja": "日本語", "zh": "中文"}
INVESTOR_PAGES = [
    "/",
    "/zones",
    "/zones?type=KKT&sort=-area_ha",
    "/zones?q=%ED%95%98%EC%9D%B4%ED%90%81",  # 하이퐁
    "/zones/kcn-dinh-vu-deep-c-hai-phong-i",
    "/zones/kcn-pho-noi-a",
    "/zones/kkt-van-don",
    "/compare?ids=kcn-pho-noi-a&ids=kcn-dinh-vu-deep-c-hai-phong-i",
    "/compare",
    "/matching",
    "/matching?mode=need&text=%EC%A0%95%EB%B0%80+%EC%82%AC%EC%B6%9C+%EA%B8%88%ED%98%95&province=&top=5",
    "/zones/khong-co-khu-nay",
    "/zones?page=0",
]


@pytest.mark.parametrize("lang", ["ko", "ja", "zh"])
def test_switching_to_each_language_leaves_no_english_on_the_investor_pages(
    browser: Browser, live_server: LiveServer, lang: str
) -> None:
    with open_page(browser, "en-US") as page:
        page.goto(f"{live_server.url}/")
        page.locator(".lang-switch").get_by_role("link", name=SWITCH[lang], exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert page.locator(".lang-switch a, .lang-switch strong").count() == 5
        problems = {}
        for path in INVESTOR_PAGES:
            page.goto(f"{live_server.url}{path}")  # the language now comes from the cookie the switch set
            expect(page.locator("html")).to_have_attribute("lang", lang)
            texts = page.evaluate(OUR_TEXT_JS)
            english = english_in(texts, frozenset(parse_qs(urlparse(path).query)))
            if english:
                problems[path] = english
            assert any(SCRIPT[lang].search(text) for text in texts), path
        assert not problems, "\n".join(f"{path}: {found}" for path, words in problems.items() for found in words)


def test_the_pages_say_that_data_text_stays_in_vietnamese_or_english(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "ja-JP") as page:
        page.goto(f"{live_server.url}/zones/kcn-pho-noi-a")  # Accept-Language: ja
        expect(page.locator("html")).to_have_attribute("lang", "ja")
        expect(page.locator(".data-language-note")).to_contain_text("ベトナム語または英語")
        page.goto(f"{live_server.url}/zones/kcn-pho-noi-a?lang=vi")
        expect(page.locator(".data-language-note")).to_have_count(0)


def _route(page: Page, live_server: LiveServer, origin: str, destination: str) -> None:
    page.goto(f"{live_server.url}/route?lang=ko")
    page.locator("input[name=from]").fill(origin)
    page.locator("input[name=to]").fill(destination)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_selector("table.route-legs tbody tr", timeout=20_000)


@pytest.mark.parametrize(("origin", "destination"), [("하노이", "하롱"), ("ハノイ", "ハイフォン"), ("老街", "海防")])
def test_the_route_pickers_take_the_names_investors_use(
    browser: Browser, live_server: LiveServer, origin: str, destination: str
) -> None:
    with open_page(browser, "ko-KR") as page:
        _route(page, live_server, origin, destination)
        assert page.locator("table.route-legs tbody tr").count() >= 1
        options = page.locator("datalist#route-places option")
        assert options.evaluate_all("(all, name) => all.some(o => o.value === name)", destination)
