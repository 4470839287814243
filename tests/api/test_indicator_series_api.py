"""/api/v1/indicators on 2025 and pre-2025 boundaries (bundled data, every backend)."""

from __future__ import annotations

from typing import Any


def _point(series: list[dict[str, Any]], locality: str, indicator: str, year: int) -> dict[str, Any]:
    found = [p for p in series if (p["locality"]["id"], p["indicator"], p["year"]) == (locality, indicator, year)]
    assert len(found) == 1, found
    return found[0]


def test_an_old_province_shows_only_its_own_figures(client: Any) -> None:
    answer = client.get("/api/v1/indicators", params={"locality": "Hải Dương"}).json()
    assert {i["locality"]["id"] for i in answer["items"]} == {"VN-30"}  # no old Hải Phòng rows
    assert answer["boundaries"] == "pre2025"
    assert {p["locality"]["id"] for p in answer["series"]} == {"VN-30"}
    assert _point(answer["series"], "VN-30", "grdp_current", 2022)["value"] == 169179


def test_the_merged_province_adds_up_and_refuses_scores(client: Any) -> None:
    answer = client.get("/api/v1/indicators", params={"locality": "Hải Dương", "boundaries": "2025", "lang": "en"})
    body = answer.json()
    assert answer.status_code == 200 and "Hải Phòng" in body["note"]
    grdp = _point(body["series"], "VN-31-2025", "grdp_current", 2024)
    assert grdp["method"] == "sum" and {f["locality"]["id"] for f in grdp["used"]} == {"VN-30", "VN-31"}
    assert grdp["value"] == sum(f["value"] for f in grdp["used"])
    pci = _point(body["series"], "VN-31-2025", "pci", 2021)
    assert pci["value"] is None and pci["method"] == "refused" and len(pci["parts"]) == 2
    assert pci["reason"].startswith("Not combined")


def test_a_province_the_merger_left_whole_keeps_its_pci(client: Any) -> None:
    body = client.get("/api/v1/indicators", params={"indicator": "pci", "boundaries": "2025"}).json()
    assert _point(body["series"], "VN-22-2025", "pci", 2024)["value"] == 73.2
    assert {p["indicator"] for p in body["series"]} == {"pci"}


def test_reasons_in_vietnamese_and_bad_boundaries_refused(client: Any) -> None:
    body = client.get("/api/v1/indicators", params={"indicator": "pci", "lang": "vi"}).json()
    refused = [p for p in body["series"] if p["method"] == "refused"]
    assert refused and all(p["reason"].startswith("Không gộp") for p in refused)
    assert client.get("/api/v1/indicators", params={"boundaries": "1990"}).status_code == 400
    assert client.get("/api/v1/indicators", params={"indicator": "no such thing"}).status_code == 404
