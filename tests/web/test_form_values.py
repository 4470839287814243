"""A bad value in a page's form keeps the page, the values typed, and says what is wrong (vi and en)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

FIVE_ZONES = "&".join(
    f"ids={zone}"
    for zone in (
        "kcn-pho-noi-a",
        "kcn-trang-due",
        "kcn-det-may-pho-noi",
        "kcn-dinh-vu-deep-c-hai-phong-i",
        "kcn-thang-long-ii",
    )
)


def _alert(page: str) -> str:
    match = re.search(r'<div class="form-errors" role="alert".*?</div>', page, re.S)
    assert match, "no message saying what is wrong"
    return html.unescape(match.group(0))


@pytest.mark.parametrize(
    ("query", "english", "vietnamese"),
    [
        ("min_leasable_ha=abc", "Expected a number of hectares of at least 0, got 'abc'", "'abc'"),
        ("page=0", "Expected a page number of at least 1, got '0'", "'0'"),
        ("as_of=2025-13-45", "Expected a date as YYYY-MM-DD, got '2025-13-45'", "'2025-13-45'"),
        ("sort=colour", "cannot be sorted by 'colour'", "'colour'"),
    ],
)
def test_a_bad_directory_value_keeps_the_page_and_says_why(
    client: Any, query: str, english: str, vietnamese: str
) -> None:
    for lang, expected in (("en", english), ("vi", vietnamese)):
        response = client.get(f"/zones?q=pho+noi&{query}&lang={lang}")
        assert response.status_code == 200
        assert expected in _alert(response.text)
        assert 'name="q" value="pho noi"' in response.text  # the other values are kept ...
        assert "KCN Phố Nối A" in response.text  # ... and applied
    assert "Expected" not in _alert(client.get(f"/zones?{query}&lang=vi").text)  # said in Vietnamese


def test_the_refused_value_is_shown_back_and_marked(client: Any) -> None:
    page = client.get("/zones?min_leasable_ha=abc&lang=en").text
    assert re.search(r'name="min_leasable_ha"[^>]*value="abc"[^>]*aria-invalid="true"', page)


def test_a_bad_firm_page_number_keeps_the_page(client: Any) -> None:
    response = client.get("/firms?page=-2&lang=en")
    assert response.status_code == 200
    assert "Expected a page number of at least 1, got '-2'" in _alert(response.text)


def test_the_export_refuses_a_bad_filter_instead_of_exporting_everything(client: Any) -> None:
    assert client.get("/zones/export.xlsx?min_leasable_ha=abc").status_code == 400


def test_comparing_five_zones_says_so_and_shows_the_first_four(client: Any) -> None:
    response = client.get(f"/compare?{FIVE_ZONES}&lang=en")
    assert response.status_code == 200
    assert "You chose 5 zones; at most 4 can be compared" in _alert(response.text)
    header = re.search(r"<thead>.*?</thead>", response.text, re.S)
    assert header and header.group(0).count('href="/zones/') == 4


def test_an_unknown_zone_in_compare_is_named_and_the_others_shown(client: Any) -> None:
    response = client.get("/compare?ids=kcn-pho-noi-a&ids=no-such-zone&lang=en")
    assert response.status_code == 200
    assert "no-such-zone" in _alert(response.text)
    assert "KCN Phố Nối A" in response.text
