"""Every page of the portal in Vietnamese, in headless Chromium at desktop width: no English word outside
names, codes and the sources' own words.

Text that is data (names, source titles, notes as the sources wrote them) is marked in the templates with
`translate="no"`, `lang="en"` or `data-source-text`, and skipped. Everything else is our words, and must be
Vietnamese: a common English word, or a raw code with an underscore (seaport_terminal), fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import LiveServer

# Common English words and the English of the portal's own labels. Words that are also Vietnamese
# ("in" = print, "to" = big, "no" = full, "an", "do", "bay") are left out on purpose.
_ENGLISH = """
    the of and for with from is are was were be been this that these which what where when who how not all any
    each per into than then there their its it our your you we they or but if at by as about after before
    page pages previous next first last total search filter filters export download compare print open close
    zone zones firm firms node nodes status type unknown operating planned construction site ward district
    province provinces locality localities name names source sources year value field fields data map layers
    area leasable occupancy developer established address notes note precision role sector country
    industrial park parks cluster clusters economic lead supplier suppliers seaport terminal border gate
    airport railway station road rail expressway national river depot inland berth bridge
    indicator indicators population growth capita registered investment projects billion million
    manufacturing electronics automotive components machinery textiles chemicals solar steel
    japan korea china taiwan vietnam germany netherlands singapore
    loaded states verify thesis github commit repository approximate centroid coarse only within
    nearest travel times truck hours partly estimated none recorded yet here error found
"""
# Proper names and codes inside our own sentences (packages, licences, files): allowed as written.
PROPER_NAMES = (
    "Open Development Vietnam",
    "TaliaCao/Vietnam-Shape-Map",
    "vietnam-provinces",
    "GPL-3.0-or-later",
    "CC BY 4.0",
    "SOURCES.md",
)
RAW_CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
WORD = re.compile(r"[A-Za-zÀ-ỹĐđ]+")
ENGLISH_WORDS = frozenset(WORD.findall(_ENGLISH))

# The visible text nodes of the page outside marked data, with the placeholders of its fields.
OUR_TEXT_JS = """
() => {
  const skip = 'script, style, noscript, [lang="en"], [translate="no"], [data-source-text], .maplibregl-ctrl';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !node.textContent.trim()) continue;
    if (!parent.checkVisibility()) continue;
    texts.push(node.textContent.trim());
  }
  document.querySelectorAll('[placeholder]').forEach(e => texts.push(e.getAttribute('placeholder')));
  return texts;
}
"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield context.new_page()
    context.close()


def _pages(live_server: LiveServer) -> list[str]:
    """Every kind of page, with records whose data is in English or has codes (Đình Vũ, a firm with a country)."""
    firms = live_server.app.registry.list_records("firms", _filters(search="Ford")).items
    return [
        "/",
        "/map",
        "/zones",
        "/zones?type=KKT&sort=-area_ha",
        "/zones/kcn-dinh-vu-deep-c-hai-phong-i",
        "/zones/kcn-pho-noi-a",
        "/zones/kcn-nam-dinh-vu",
        "/zones/kkt-van-don",
        "/compare?ids=kcn-pho-noi-a&ids=kcn-dinh-vu-deep-c-hai-phong-i",
        "/compare",
        "/firms",
        "/firms?page=2",
        f"/firms/{firms[0]['id']}",
        "/data",
        "/indicators",
        "/sites",
        "/sites?sector=điện tử&land_ha=10&china_trade=1&top=5",
        "/zones/khong-co-khu-nay",
        "/zones?page=0",
        "/login",
        "/password/forgot",
        "/password/reset?token=khong-hop-le",
    ]


def _filters(**given: object) -> object:
    from corridor.registry.service import ListFilters

    return ListFilters(**given)  # type: ignore[arg-type]


def english_in(texts: list[str], codes: frozenset[str] = frozenset()) -> list[str]:
    """The English words and raw codes among `texts` (except the proper names and `codes`), with their text."""
    found = []
    for text in texts:
        ours = text
        for name in PROPER_NAMES:
            ours = ours.replace(name, " ")
        words = [w for w in WORD.findall(ours) if w.lower() in ENGLISH_WORDS and w not in codes]
        found += [f"{word!r} in {text!r}" for word in [*RAW_CODE.findall(ours), *words]]
    return found


def test_the_english_detector_finds_english_and_raw_codes() -> None:
    assert english_in(["trạng thái unknown", "loại seaport_terminal"]) != []
    assert english_in(["Không tìm thấy zone nào"]) != []
    assert english_in(["trạng thái đang hoạt động", "In", "cảng biển"]) == []


def test_no_english_on_vietnamese_pages(page: Page, live_server: LiveServer) -> None:
    problems = {}
    for path in _pages(live_server):
        page.goto(f"{live_server.url}{path}{'&' if '?' in path else '?'}lang=vi")
        if page.locator("[data-corridor-map]").count():
            page.wait_for_selector("[data-corridor-map][data-loaded=true]", timeout=20_000)
        # The page's own URL parameters are codes a message may name ("page: phải lớn hơn hoặc bằng 1").
        codes = frozenset(parse_qs(urlparse(path).query))
        english = english_in(page.evaluate(OUR_TEXT_JS), codes)
        if english:
            problems[path] = english
    assert not problems, "\n".join(f"{path}: {found}" for path, words in problems.items() for found in words)
