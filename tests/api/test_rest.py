"""REST API: filters, paging, formats, errors as JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest


def test_zone_list_with_filters_and_paging(client: Any) -> None:
    page = client.get("/api/v1/zones", params={"type": "KCN", "limit": 10}).json()
    assert page["total"] > 50 and len(page["items"]) == 10
    assert all(z["type"] == "KCN" for z in page["items"])
    assert page["links"]["next"] and page["links"]["prev"] is None
    second = client.get(page["links"]["next"]).json()
    assert {z["id"] for z in second["items"]}.isdisjoint({z["id"] for z in page["items"]})


def test_zone_search_without_diacritics_and_merger_aware_province(client: Any) -> None:
    found = client.get("/api/v1/zones", params={"q": "pho noi"}).json()
    assert "kcn-pho-noi-a" in {z["id"] for z in found["items"]}
    old = client.get("/api/v1/zones", params={"province": "Hai Duong", "as_of": "2024-06-01"}).json()
    assert old["total"] >= 15 and all(z["province"]["name"] == "Hải Dương" for z in old["items"])
    new = client.get("/api/v1/zones", params={"province": "Hai Duong", "as_of": "2025-08-01"}).json()
    assert new["total"] == old["total"] and new["notes"]
    assert all(z["province"]["name"] == "Hải Phòng" for z in new["items"])


def test_zone_detail_carries_sources(client: Any) -> None:
    zone = client.get("/api/v1/zones/kcn-pho-noi-a").json()
    assert zone["area_ha"] == 688.94 and zone["sources"]


def test_csv_and_geojson_formats(client: Any) -> None:
    response = client.get("/api/v1/zones", params={"format": "csv", "province": "Hưng Yên"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows and {"id", "name", "area_ha", "precision"} <= set(rows[0])
    geo = client.get("/api/v1/nodes", params={"format": "geojson", "type": "airport"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 3
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])


def test_firms_nodes_indicators_localities_and_search(client: Any) -> None:
    firms = client.get("/api/v1/firms", params={"zone": "KCN Tràng Duệ"}).json()
    assert "lg-display-vietnam-hai-phong" in {f["id"] for f in firms["items"]}
    assert client.get("/api/v1/nodes/BG_HN").json()["type"] == "border_gate"
    indicators = client.get("/api/v1/indicators", params={"locality": "Hải Dương"}).json()
    assert indicators["total"] >= 3 and all(i["source"]["title"] for i in indicators["items"])
    localities = client.get("/api/v1/localities").json()
    assert localities["total"] == 63 + 34 + 1
    found = client.get("/api/v1/search", params={"q": "lg"}).json()
    assert found["firms"]["total"] >= 3


@pytest.mark.parametrize(
    ("url", "status", "fragment"),
    [
        ("/api/v1/zones/does-not-exist", 404, "does-not-exist"),
        ("/api/v1/zones?limit=0", 400, "limit"),
        ("/api/v1/zones?as_of=yesterday", 400, "as_of"),
        ("/api/v1/zones?province=Atlantis", 404, "Atlantis"),
        ("/api/v1/zones?format=pdf", 400, "format"),
        ("/api/v1/nowhere", 404, "Not found"),
    ],
)
def test_errors_are_json_with_a_clear_message(client: Any, url: str, status: int, fragment: str) -> None:
    response = client.get(url + ("&" if "?" in url else "?") + "lang=en")
    assert response.status_code == status
    body = response.json()
    assert body["error"]["status"] == status and fragment in body["error"]["message"]
    assert "Traceback" not in response.text


def test_errors_speak_vietnamese_by_default(client: Any) -> None:
    body = client.get("/api/v1/zones/khong-co").json()
    assert "Không tìm thấy" in body["error"]["message"]


def test_openapi_documents_every_route(client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/zones",
        "/api/v1/zones/{zone_id}",
        "/api/v1/firms",
        "/api/v1/nodes",
        "/api/v1/indicators",
        "/api/v1/search",
        "/ogc/collections/{collection_id}/items",
    } <= set(spec["paths"])
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()


@pytest.mark.parametrize(
    ("url", "fragments"),
    [
        ("/api/v1/zones?role=supplier", ("'role'", "zones", "firms")),
        ("/api/v1/firms?min_leasable_ha=10", ("'min_leasable_ha'", "firms", "zones")),
        ("/api/v1/firms?status=operating", ("'status'", "nodes, zones")),
        ("/api/v1/nodes?zone=KCN Tràng Duệ", ("'zone'", "firms")),
        ("/api/v1/needs?province=Hải Phòng", ("'province'", "firms, nodes, zones")),
        ("/api/v1/offers?type=KCN", ("'type'", "nodes, zones")),
        ("/api/v1/nodes?industry=10", ("'industry'", "firms, needs, offers, zones")),
        ("/api/v1/firms?sort=-leasable_ha", ("'leasable_ha'", "investment_usd")),
    ],
)
def test_a_filter_or_sort_the_kind_lacks_is_a_clear_422(client: Any, url: str, fragments: tuple[str, ...]) -> None:
    response = client.get(f"{url}&lang=en")
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert all(fragment in message for fragment in fragments), message


def test_filters_and_sorts_by_public_field_names(client: Any) -> None:
    ports = client.get("/api/v1/nodes", params={"type": "airport", "sort": "-name"}).json()["items"]
    assert len(ports) == 3 and [p["name"] for p in ports] == sorted((p["name"] for p in ports), reverse=True)
    zones = client.get("/api/v1/zones", params={"sort": "-leasable_ha", "limit": 5}).json()["items"]
    assert [z["leasable_ha"] for z in zones] == sorted((z["leasable_ha"] for z in zones), reverse=True)


def test_offsets_beyond_sqlite_integers_are_refused_not_crashed(client: Any) -> None:
    response = client.get("/api/v1/zones", params={"offset": 2**63, "lang": "en"})
    assert response.status_code == 400 and "offset: must be at most" in response.json()["error"]["message"]


def test_registry_bounds_paging_for_every_caller(loaded_app: Any) -> None:
    from corridor.errors import InvalidInput
    from corridor.registry.service import ListFilters

    with pytest.raises(InvalidInput, match="offset"):
        loaded_app.registry.list_records("firms", ListFilters(limit=10, offset=2**63))


def test_invalid_parameters_are_explained_in_vietnamese(client: Any) -> None:
    body = client.get("/api/v1/zones", params={"limit": 0, "lang": "vi"}).json()
    assert body["error"]["status"] == 400 and "limit: phải lớn hơn hoặc bằng 1" in body["error"]["message"]


def test_openapi_declares_errors_and_content_types(client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    zones = spec["paths"]["/api/v1/zones"]["get"]["responses"]
    assert {"200", "400", "404", "422", "503"} <= set(zones)
    assert {"application/json", "text/csv", "application/geo+json"} <= set(zones["200"]["content"])
    assert zones["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert "HTTPValidationError" not in json.dumps(spec)
