"""Places by the names investors use: the search API and the route API find them in Korean, Japanese and Chinese
(simplified and traditional), on both backends."""

from __future__ import annotations

from typing import Any

import pytest

# (name as written, the node it names); each language and script, and the examples.
NAMES = [
    ("하이퐁", "HPG"),
    ("하롱", "HLG"),
    ("ハイフォン", "HPG"),
    ("ラオカイ", "LCA"),
    ("海防", "HPG"),
    ("下龙", "HLG"),
    ("下龍", "HLG"),
    ("河口", "HKO"),
    ("河內", "HAN"),
]


@pytest.mark.parametrize(("name", "node_id"), NAMES)
def test_the_search_finds_a_place_by_its_foreign_name(client: Any, name: str, node_id: str) -> None:
    found = client.get("/api/v1/search", params={"q": name}).json()
    assert node_id in {item["id"] for item in found["nodes"]["items"]}


def test_a_foreign_name_inside_a_search_finds_zones_and_the_name_as_written_still_counts(client: Any) -> None:
    vsip = client.get("/api/v1/zones", params={"q": "VSIP 海防"}).json()
    assert "kcn-vsip-hai-phong" in {z["id"] for z in vsip["items"]}
    # The Hekou zone is named with 河口 in its own name; the Vietnamese reading (Hà Khẩu) finds the town too.
    hekou = client.get("/api/v1/search", params={"q": "河口"}).json()
    assert "hekou-border-economic-cooperation-zone" in {z["id"] for z in hekou["zones"]["items"]}
    assert client.get("/api/v1/search", params={"q": "東京"}).json()["nodes"]["total"] == 0


@pytest.mark.parametrize(
    ("origin", "destination", "ends"),
    [
        ("하노이", "하이퐁", ("HAN", "HPG")),
        ("ハノイ", "ハイフォン港", ("HAN", "PT_HD")),
        ("老街", "海防", ("LCA", "HPG")),
    ],
)
def test_the_route_api_takes_foreign_names(client: Any, origin: str, destination: str, ends: tuple[str, str]) -> None:
    answer = client.get("/api/v1/route", params={"from": origin, "to": destination})
    assert answer.status_code == 200, answer.text
    legs = answer.json()["legs"]
    assert (legs[0]["from"]["id"], legs[-1]["to"]["id"]) == ends
