"""Importing through the API (all or nothing) and matching through the API."""

from __future__ import annotations

import csv
import io
from typing import Any

from corridor.bootstrap import App
from tests.factories import FIRM_HEADER, make_firm_row, make_token


def _csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIRM_HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def test_upload_a_good_file_then_a_bad_one(client: Any, loaded_app: App) -> None:
    headers = make_token(loaded_app, "admin", email="park-board@example.vn")
    good = client.post(
        "/api/v1/import/firms",
        files={"file": ("firms.csv", _csv([make_firm_row()]), "text/csv")},
        headers={**headers, "x-corridor-user": "someone-else"},
    )
    assert good.status_code == 200 and good.json()["added"] == 1
    assert client.get("/api/v1/firms/mst-0100109106").json()["updated_by"] == "park-board@example.vn"
    before = client.get("/api/v1/firms", params={"limit": 1}).json()["total"]
    upload = _csv([make_firm_row(name="X", tax_code="1", lat="95")])
    bad = client.post(
        "/api/v1/import/firms?lang=en", files={"file": ("firms.csv", upload, "text/csv")}, headers=headers
    )
    assert bad.status_code == 422
    rows = bad.json()["error"]["rows"]
    assert [(r["row"], r["column"]) for r in rows] == [(2, "tax_code"), (2, "lat")]
    assert "nothing was imported" in bad.json()["error"]["message"]
    assert client.get("/api/v1/firms", params={"limit": 1}).json()["total"] == before


def test_match_through_the_api(client: Any) -> None:
    body = client.get("/api/v1/match", params={"need": "smartphone camera modules", "top": 3}).json()
    assert body["ranking"] == "suppliers"
    assert body["results"][0]["firm_id"] == "lg-innotek-vietnam-hai-phong"
    assert body["results"][0]["reasons"]
    bad = client.get("/api/v1/match", params={"need": "trays", "certification": "ISO 9002", "lang": "en"})
    assert bad.status_code == 400 and "Unknown certification" in bad.json()["error"]["message"]
    assert client.get("/api/v1/needs").json()["total"] == 0


def test_an_upload_reports_automatic_merges_and_possible_duplicates(client: Any, loaded_app: App) -> None:
    rows = [
        make_firm_row(name="Công ty TNHH LG Display Việt Nam Hải Phòng", tax_code=""),
        make_firm_row(name="Ford Vietnam Hai Duong", tax_code="", zone=""),
    ]
    upload = {"file": ("firms.csv", _csv(rows), "text/csv")}
    answer = client.post("/api/v1/import/firms", files=upload, headers=make_token(loaded_app)).json()
    assert [m["kept_id"] for m in answer["merged"]] == ["lg-display-vietnam-hai-phong"]
    assert [r["existing_id"] for r in answer["to_review"]] == ["ford-vietnam"]
