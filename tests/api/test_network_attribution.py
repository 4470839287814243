"""The linework's credit and the network version wherever a route or the network is shown, and legs drawn along
the real road or railway (API, exports, pages)."""

from __future__ import annotations

import csv
import io
from typing import Any

ROUTE = {"from": "KCN Thăng Long II", "to": "AP_HAN", "profile": "truck"}


def test_the_network_geojson_has_the_linework_geometry_its_credit_and_version(client: Any) -> None:
    answer = client.get("/api/v1/network").json()
    assert "OpenStreetMap" in answer["attribution"] and "LegoCity" in answer["attribution"]
    assert len(answer["network_version"]) == 16
    linework = [f for f in answer["features"] if f["properties"]["geometry"] == "linework"]
    assert len(linework) > 200 and max(len(f["geometry"]["coordinates"]) for f in linework) > 50
    assert all(len(f["geometry"]["coordinates"]) == 2 for f in answer["features"] if f not in linework)


def test_a_route_answer_draws_its_legs_on_the_linework_and_credits_it(client: Any) -> None:
    answer = client.get("/api/v1/route", params=ROUTE).json()
    assert answer["attribution"] and answer["network_version"]
    on_road = [leg for leg in answer["legs"] if leg["geometry"] == "linework"]
    assert on_road and all(len(leg["coordinates"]) > 2 for leg in on_road)
    assert all(leg["coordinates"] is None for leg in answer["legs"] if leg["geometry"] != "linework")


def test_the_route_exports_carry_the_credit(client: Any) -> None:
    query = {**ROUTE}
    rows = list(csv.reader(io.StringIO(client.get("/route/export.csv", params=query).text)))
    credit = rows[-1]
    assert credit[0] == "attribution" and "OpenStreetMap" in credit[1] and credit[2] == "network"
    collection = client.get("/route/export.geojson", params=query).json()
    assert "OpenStreetMap" in collection["attribution"]
    assert max(len(f["geometry"]["coordinates"]) for f in collection["features"]) > 2


def test_pages_that_show_the_network_credit_it(client: Any) -> None:
    for path in ("/route?from=KCN+Th%C4%83ng+Long+II&to=AP_HAN", "/zones/kcn-thang-long-ii", "/map"):
        page = client.get(path).text
        assert "data-network-attribution" in page and "OpenStreetMap" in page, path
