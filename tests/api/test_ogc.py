"""OGC API - Features: the documents, bbox and paging, and a real client (GDAL's ogrinfo)."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from tests.conftest import LiveServer


def test_landing_conformance_and_collections(client: Any) -> None:
    landing = client.get("/ogc").json()
    assert {link["rel"] for link in landing["links"]} >= {"self", "service-desc", "conformance", "data"}
    conformance = client.get("/ogc/conformance").json()["conformsTo"]
    assert any(c.endswith("/conf/core") for c in conformance) and any(c.endswith("/conf/geojson") for c in conformance)
    collections = client.get("/ogc/collections").json()["collections"]
    assert [c["id"] for c in collections] == ["zones", "nodes"]
    bbox = collections[0]["extent"]["spatial"]["bbox"][0]
    assert 103 < bbox[0] < bbox[2] < 109 and 20 < bbox[1] < bbox[3] < 24


def test_items_with_bbox_and_paging(client: Any) -> None:
    page = client.get("/ogc/collections/zones/items", params={"limit": 5}).json()
    assert page["type"] == "FeatureCollection" and page["numberReturned"] == 5 and page["numberMatched"] > 50
    assert any(link["rel"] == "next" for link in page["links"])
    # Hưng Yên's parks lie west of 106.3 E; Quảng Ninh's east of 106.6 E.
    west = client.get("/ogc/collections/zones/items", params={"bbox": "105.8,20.5,106.3,21.1", "limit": 1000}).json()
    assert west["features"] and all(f["geometry"]["coordinates"][0] <= 106.3 for f in west["features"])
    feature = client.get("/ogc/collections/zones/items/kcn-tang-loong").json()
    assert feature["id"] == "kcn-tang-loong" and feature["properties"]["province"] == "Lào Cai"


def test_bad_ogc_requests(client: Any) -> None:
    assert client.get("/ogc/collections/roads").status_code == 404
    bad = client.get("/ogc/collections/zones/items?bbox=1,2,3&lang=en")
    assert bad.status_code == 400 and "four numbers" in bad.json()["error"]["message"]


def test_gdal_reads_the_collections(live_server: LiveServer) -> None:
    ogrinfo = shutil.which("ogrinfo")
    assert ogrinfo, "GDAL's ogrinfo is needed (Debian gdal-bin; .ci/run installs it)"
    listing = subprocess.run(
        [ogrinfo, "-ro", f"OAPIF:{live_server.url}/ogc"], capture_output=True, text=True, timeout=60, check=True
    )
    assert "zones" in listing.stdout and "nodes" in listing.stdout
    summary = subprocess.run(
        [ogrinfo, "-ro", "-so", f"OAPIF:{live_server.url}/ogc", "zones"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Feature Count: " in summary.stdout and "Geometry: Point" in summary.stdout
