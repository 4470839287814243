"""Exports agree: CSV, XLSX and GeoJSON of one query hold the same records, one each; a record with a location
is a feature with a geometry; the data page counts what its links return; statements are their own export."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from corridor.bootstrap import App
from corridor.registry.exchange import write_records

QUERY = {"province": "Hải Phòng", "type": "KCN", "status": "operating"}


def _csv_ids(text: str) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))]


def _xlsx_ids(body: bytes) -> list[str]:
    rows = list(load_workbook(io.BytesIO(body), read_only=True)["data"].iter_rows(values_only=True))
    column = rows[0].index("id")
    return [str(row[column]) for row in rows[1:]]


def test_the_directory_exports_of_one_query_hold_the_same_records(client: Any) -> None:
    csv_ids = _csv_ids(client.get("/api/v1/zones", params={**QUERY, "format": "csv", "limit": 1000}).text)
    geojson = client.get("/api/v1/zones", params={**QUERY, "format": "geojson", "limit": 1000}).json()
    xlsx_ids = _xlsx_ids(client.get("/zones/export.xlsx", params=QUERY).content)
    geojson_ids = [f["id"] for f in geojson["features"]]
    assert len(csv_ids) == len(set(csv_ids)) > 5  # one row per record
    assert sorted(csv_ids) == sorted(xlsx_ids) == sorted(geojson_ids)


def test_the_data_page_counts_what_its_links_return(client: Any) -> None:
    page = client.get("/data", params={"lang": "en"}).text
    for kind in ("zones", "firms", "nodes"):
        shown = re.search(rf'<td>(\d+)</td>\s*<td><a href="/data/download/{kind}.csv"', page)
        assert shown, kind
        rows = _csv_ids(client.get(f"/data/download/{kind}.csv").text)
        features = json.loads(client.get(f"/data/download/{kind}.geojson").content)["features"]
        assert (
            int(shown.group(1))
            == len(rows)
            == len(set(rows))
            == len(features)
            == len(_xlsx_ids(client.get(f"/data/download/{kind}.xlsx").content))
        )
    localities = re.search(r'<td>(\d+)</td>\s*<td><a href="/api/v1/localities"', page)
    assert localities and int(localities.group(1)) == client.get("/api/v1/localities").json()["total"]


def test_statements_are_their_own_export_with_every_source(client: Any) -> None:
    records = _csv_ids(client.get("/data/download/zones.csv").text)
    statements = _csv_ids(client.get("/data/statements/zones.csv").text)
    assert set(statements) == set(records) and len(statements) > len(records)


def test_every_located_record_is_a_feature_with_a_geometry(loaded_app: App, tmp_path: Path) -> None:
    for kind in ("zones", "firms", "nodes"):
        records = loaded_app.registry.export_records(kind)
        write_records(kind, records, tmp_path / f"{kind}.geojson", "geojson")
        features = json.loads((tmp_path / f"{kind}.geojson").read_text(encoding="utf-8"))["features"]
        assert [f["id"] for f in features] == [r["id"] for r in records]
        for record, feature in zip(records, features, strict=True):
            assert (feature["geometry"] is not None) == (record["location"]["lat"] is not None), record["id"]


def test_a_firm_without_its_own_point_is_placed_at_its_zone_and_says_so(client: Any) -> None:
    features = client.get("/api/v1/firms", params={"format": "geojson", "limit": 1000}).json()["features"]
    from_zone = [f for f in features if f["properties"]["location_from"] == "zone"]
    assert len(from_zone) > 10 and all(f["geometry"] for f in from_zone)
    one = from_zone[0]
    zone = client.get(f"/api/v1/zones/{one['properties']['zone']}").json()
    assert one["geometry"]["coordinates"] == [zone["location"]["lon"], zone["location"]["lat"]]
    unplaced = [f for f in features if f["geometry"] is None]
    assert all(f["properties"]["location_from"] is None for f in unplaced)
