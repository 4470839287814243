"""The zone x hub matrix as versioned, cacheable data: JSON and CSV, an ETag of the versions, 304 when unchanged."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from corridor.bootstrap import App
from corridor.server.app import create_app


def test_the_matrix_carries_its_version_as_etag_and_answers_304_when_unchanged(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    with TestClient(create_app(loaded_app)) as client:
        first = client.get("/api/v1/network/matrix", params={"year": 2026})
        assert first.status_code == 200
        body = first.json()
        assert body["version"].startswith(f"{logistics.network_version}.{logistics.params.version}")
        assert first.headers["etag"] == f'"{body["version"]}.json"'
        again = client.get(
            "/api/v1/network/matrix", params={"year": 2026}, headers={"If-None-Match": first.headers["etag"]}
        )
        assert again.status_code == 304 and again.content == b""
        older = client.get(
            "/api/v1/network/matrix", params={"year": 2016}, headers={"If-None-Match": first.headers["etag"]}
        )
        assert older.status_code == 200 and older.headers["etag"] != first.headers["etag"]  # another network year
        table = client.get("/api/v1/network/matrix", params={"year": 2026, "format": "csv"})
        rows = list(csv.DictReader(io.StringIO(table.text.lstrip("\ufeff"))))
        assert table.headers["etag"].endswith('.csv"') and len(rows) == len(body["rows"]) > 500
        assert client.get("/api/v1/network/matrix", params={"profile": "plane"}).status_code == 400


def test_the_matrix_is_one_search_per_zone_and_agrees_with_nearest_hubs(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    matrix = logistics.hub_matrix(year=2026)
    assert logistics.hub_matrix(year=2026) is matrix  # computed once per network version, profile and year
    nearest = logistics.nearest_hubs(["kcn-dinh-vu-deep-c-hai-phong-i"], year=2026)["kcn-dinh-vu-deep-c-hai-phong-i"]
    port = matrix.nearest("kcn-dinh-vu-deep-c-hai-phong-i", "deep_sea_port")
    assert port is not None and nearest["deep_sea_port"] is not None
    assert port["hub"] == nearest["deep_sea_port"]["id"] and port["hub"].startswith("PT_LH")  # over the bridge
    assert port["duration_h"] < 1.0


def test_every_profile_has_a_matrix_or_an_empty_one_never_a_crash(loaded_app: App) -> None:
    logistics = loaded_app.logistics()
    sizes = {name: len(logistics.hub_matrix(profile=name, year=2026).rows) for name in logistics.params.profiles}
    assert {"truck", "rail", "barge", "coastal", "multimodal"} <= set(sizes)
    assert sizes["truck"] > sizes["rail"] > 0  # a zone trucked to a station reaches fewer hubs by rail
