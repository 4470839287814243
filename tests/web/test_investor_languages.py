"""The investor pages in Korean, Japanese and Chinese, in headless Chromium: the visitor switches the portal's
language with the link at the top, and no page shows a word of our own in English (the catalogs fall back to English
where a message lacks a translation). Data text (names, sources' words) is marked and skipped, as in
test_vietnamese_pages.py; what remains must be in the language asked for.

The site-selection pages (a ranked brief with its bars, robustness, comparison, inquiry form and zones set aside; a
brief nothing fits; a brief with an error), an inquiry's private follow page and the indicators are checked more
strictly: no Latin word of ours at all beyond the codes and abbreviations investors read as they are (VSIC, USD...).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from corridor.accounts import Grant, Principal
from corridor.i18n_catalog import extract_investor_messages
from tests.conftest import LiveServer
from tests.web.conftest import open_page
from tests.web.test_vietnamese_pages import OUR_TEXT_JS, english_in

# Each language's own script: Hangul; kana or kanji; Han characters.
SCRIPT = {"ko": re.compile("[\uac00-\ud7af]"), "ja": re.compile("[\u3040-\u30ff\u4e00-\u9fff]"),
          "zh": re.compile("[\u4e00-\u9fff]")}  # fmt: skip
SOURCE = Path(__file__).resolve().parents[2] / "src" / "corridor"
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


INFEASIBLE = "Hải Phòng, Quảng Ninh, Hưng Yên, Hà Nội, Lào Cai, Yunnan"  # every zone's locality excluded
# A brief that ranks zones (the ranked list, bars, robustness, comparison, zones set aside), one that sets zones aside
# for many reasons (start date, utilities, rent, locality), one that nothing fits, and one with an error.
RANKED_BRIEF = {"sector": "lắp ráp linh kiện điện tử", "land_ha": "10", "export_deep_sea": "1",
                "preferred_localities": "Hải Phòng", "top": "6"}  # fmt: skip
STRICT_BRIEF = {"sector": "2610", "land_ha": "30", "start_date": dt.date.today().isoformat(), "power_mw": "40",
                "water_m3_day": "3000", "wastewater_m3_day": "2500", "rent_budget_usd_m2": "90",
                "excluded_localities": "Bắc Ninh", "china_trade": "1", "air_freight": "1",
                "method": "spotis"}  # fmt: skip
INFEASIBLE_BRIEF = {"sector": "2610", "land_ha": "5", "excluded_localities": INFEASIBLE}
SITE_PAGES = [
    "/sites",
    f"/sites?{urlencode(RANKED_BRIEF)}",
    f"/sites?{urlencode(STRICT_BRIEF)}",
    "/sites?sector=2610&land_ha=100000",
    f"/sites?{urlencode(INFEASIBLE_BRIEF)}",
    "/sites?sector=2610&land_ha=-1",
    "/indicators",
    "/indicators?boundaries=pre2025",
]
# Every word of our English messages for the investor pages (placeholders left out): one of them on a ko/ja/zh page
# is a message, or a piece of one, left in English. Place names inside our sentences (Quảng Ninh) are not among them.
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
# Words investors read as they are: codes, abbreviations, units, the brand of the OGC link in the footer, and the
# Vietnamese syllables and names our messages quote (Nội Bài, Phố Nối, Cái Lân, Yunnan), which data text has too.
AS_WRITTEN = frozenset(
    ["vsic", "spotis", "usd", "vnd", "grdp", "fdi", "pci", "pgi", "cit", "pct", "csv", "json", "geojson", "xlsx", "url",
     "api", "utc", "ogc", "features", "pdf", "html", "yyyy-mm-dd", "odbl", "kcn", "kkt", "ccn", "icd", "ems", "ips",
     "pcb", "lat", "lon", "pre", "cai", "ninh", "noi", "pho", "khu", "hong", "kong", "yunnan", "samoa"]
)  # fmt: skip
OUR_ENGLISH = (
    frozenset(
        word.lower()
        for message in extract_investor_messages(SOURCE)
        for word in LATIN_WORD.findall(re.sub(r"\{[^}]*\}", " ", str(message.id)))
    )
    - AS_WRITTEN
)
HAI_PHONG_ZONE, QUANG_NINH_ZONE = "kcn-binh-giang", "kcn-cai-lan"


def latin_in(texts: list[str]) -> list[str]:
    """The words of our English messages among `texts`."""
    found = ((word, text) for text in texts for word in LATIN_WORD.findall(text))
    return [f"{word!r} in {text!r}" for word, text in found if word.lower() in OUR_ENGLISH]


def without(codes: frozenset[str], texts: list[str]) -> list[str]:
    """`texts` without the query's field names, which a message about the brief names as they are ('land_ha')."""
    for code in sorted(codes, key=len, reverse=True):
        texts = [text.replace(code, " ") for text in texts]
    return texts


def _an_answered_inquiry(live_server: LiveServer, lang: str) -> str:
    """The private link of an inquiry to two boards, one of which answered with a note."""
    investor = Principal(user_id=1, email=f"investor-{lang}@example.kr", grants=(Grant("investor"),))
    inquiry, token = live_server.app.inquiries.send(investor, [HAI_PHONG_ZONE, QUANG_NINH_ZONE], "안녕하세요", {})
    manager = Principal(user_id=2, email="board@example.vn", grants=(Grant("zone_manager", f"zone:{HAI_PHONG_ZONE}"),))
    board = next(r.board_id for r in inquiry.recipients if HAI_PHONG_ZONE in r.zone_ids)
    live_server.app.inquiries.update_status(manager, inquiry.id, board, "answered", "Xin gửi tài liệu")
    return f"/inquiries/{token}?sent=2"


def _sign_in_as_investor(page: Page, live_server: LiveServer, lang: str) -> None:
    email, password = f"investor-{lang}@example.kr", "một mật khẩu đủ dài"
    live_server.app.accounts.add_user(email, [Grant("investor")], "test", password=password)
    page.goto(f"{live_server.url}/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".signed-in")).to_be_visible()


@pytest.mark.parametrize("lang", ["ko", "ja", "zh"])
def test_the_site_selection_inquiry_and_indicator_pages_have_no_english_of_ours(
    browser: Browser, live_server: LiveServer, lang: str
) -> None:
    with open_page(browser, "en-US") as page:
        page.goto(f"{live_server.url}/sites")
        page.locator(".lang-switch").get_by_role("link", name=SWITCH[lang], exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        _sign_in_as_investor(page, live_server, lang)  # the inquiry form shows to a signed-in investor
        problems = {}
        for path in [*SITE_PAGES, _an_answered_inquiry(live_server, lang)]:
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("html")).to_have_attribute("lang", lang)
            assert page.locator(".lang-switch a, .lang-switch strong").count() == 5
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            texts = page.evaluate(OUR_TEXT_JS)
            ours = without(frozenset(parse_qs(urlparse(path).query)), texts)
            found = english_in(ours) + latin_in(ours)
            if found:
                problems[path] = found
            assert any(SCRIPT[lang].search(text) for text in texts), path
        assert not problems, "\n".join(f"{path}: {found}" for path, words in problems.items() for found in words)


def test_a_ranked_brief_in_korean_shows_every_part_of_the_page(browser: Browser, live_server: LiveServer) -> None:
    with open_page(browser, "ko-KR") as page:
        page.goto(f"{live_server.url}/sites?{urlencode(RANKED_BRIEF)}")
        expect(page.locator("html")).to_have_attribute("lang", "ko")
        assert page.locator("table.sites-results tbody tr").count() == 6
        assert page.locator("svg.contribution-bar rect").count() > 6
        assert page.locator("[data-robustness-figure] [data-rank-range]").count() == 6
        assert page.locator("table.sites-compare thead th[data-compared]").count() == 4
        assert page.locator("[data-set-aside]").count() > 0
        expect(page.locator(".data-language-note")).to_contain_text("베트남어 또는 영어")
        expect(page.locator("h2#h-ranking")).to_have_text("순위가 매겨진 단지")
        page.goto(f"{live_server.url}/sites?{urlencode(INFEASIBLE_BRIEF)}")
        expect(page.locator("[data-infeasible]")).to_contain_text("요건을 충족하는 단지가 없습니다")
        page.locator("details.set-aside summary").click()
        expect(page.locator("[data-set-aside]").first).to_contain_text("제외 지역에 위치")
        page.goto(f"{live_server.url}{_an_answered_inquiry(live_server, 'ko-page')}")
        answered = page.locator("table.inquiry-recipients tr[data-status=answered]")
        expect(answered).to_contain_text("KCN Bình Giang")  # the zones by name, not by ID
        expect(answered).to_contain_text("답변함")


def test_the_strict_detector_finds_our_english_and_passes_names_and_codes() -> None:
    assert latin_in(["견고성 Robustness"]) != []  # an untranslated heading
    assert latin_in(["프로젝트 개요: a number greater than 0"]) != []  # an untranslated piece of a message
    assert latin_in(["제외 지역에 위치 (Quảng Ninh)", "VSIC 26", "USD/m²", "(SPOTIS)"]) == []
