"""Edits, proposals and their moderation through the REST API, on every backend."""

from __future__ import annotations

from typing import Any

from corridor.bootstrap import App
from tests.factories import make_token

ZONE = "kcn-binh-giang"  # pre-2025 Hải Dương, today Hải Phòng
SOURCE = {"source_title": "Báo cáo của Ban quản lý", "source_url": "https://example.org/bc", "as_of": "2025-11-30"}
ALL = ("zone.edit", "record.propose", "proposal.moderate")


def _propose(client: Any, headers: dict[str, str], value: str) -> Any:
    body = {"kind": "zones", "record_id": ZONE, "fields": {"occupancy_pct": value}, **SOURCE}
    return client.post("/api/v1/proposals?lang=en", json=body, headers=headers)


def test_the_zone_manager_edits_and_the_history_names_her(client: Any, loaded_app: App) -> None:
    manager = make_token(loaded_app, "zone_manager", (f"zone:{ZONE}",), email="hoa@example.vn", actions=ALL)
    body = {"fields": {"occupancy_pct": "61"}, **SOURCE}
    answer = client.post(f"/api/v1/zones/{ZONE}/edit", json=body, headers=manager)
    assert answer.status_code == 200, answer.text
    assert {"field": "occupancy_pct", "old": None, "new": 61.0} in answer.json()["changes"]
    newest = client.get(f"/api/v1/zones/{ZONE}/history").json()["changes"][0]
    assert newest["by"] == "hoa@example.vn" and newest["write"] == answer.json()["write"]


def test_an_anonymous_edit_is_refused_and_writes_nothing(client: Any, loaded_app: App) -> None:
    before = loaded_app.store.data_version()
    body = {"fields": {"occupancy_pct": "61"}, **SOURCE}
    assert client.post(f"/api/v1/zones/{ZONE}/edit", json=body).status_code == 401
    assert _propose(client, {}, "61").status_code == 401
    assert loaded_app.store.data_version() == before


def test_a_proposal_is_published_with_the_contributor_as_author(client: Any, loaded_app: App) -> None:
    investor = make_token(loaded_app, "investor", email="an@example.com", actions=ALL)
    body = {"fields": {"occupancy_pct": "70"}, **SOURCE}
    assert client.post(f"/api/v1/zones/{ZONE}/edit", json=body, headers=investor).status_code == 403
    proposal = _propose(client, investor, "70").json()
    assert proposal["status"] == "pending" and proposal["proposed_by"] == "an@example.com"
    assert client.get(f"/api/v1/zones/{ZONE}").json()["occupancy_pct"] != 70
    other_agency = make_token(loaded_app, "agency", ("locality:VN-01",), actions=ALL)
    assert client.get("/api/v1/proposals", headers=other_agency).json() == []
    assert client.post(f"/api/v1/proposals/{proposal['id']}/publish", headers=other_agency).status_code == 403
    agency = make_token(loaded_app, "agency", ("locality:VN-30",), email="ha@example.vn", actions=ALL)
    assert [p["id"] for p in client.get("/api/v1/proposals", headers=agency).json()] == [proposal["id"]]
    published = client.post(f"/api/v1/proposals/{proposal['id']}/publish", headers=agency).json()
    assert published["status"] == "published" and published["decided_by"] == "ha@example.vn"
    zone = client.get(f"/api/v1/zones/{ZONE}").json()
    assert zone["occupancy_pct"] == 70 and zone["updated_by"] == "an@example.com"
    assert client.post(f"/api/v1/proposals/{proposal['id']}/publish", headers=agency).status_code == 409


def test_a_rejection_needs_a_reason_which_the_contributor_reads(client: Any, loaded_app: App) -> None:
    investor = make_token(loaded_app, "investor", email="an@example.com", actions=ALL)
    proposal = _propose(client, investor, "75").json()
    admin = make_token(loaded_app, "admin", actions=ALL)
    url = f"/api/v1/proposals/{proposal['id']}/reject"
    assert client.post(url, json={"reason": "  "}, headers=admin).status_code == 400
    assert client.post(url, json={"reason": "Nguồn không nêu tỷ lệ lấp đầy"}, headers=admin).status_code == 200
    mine = client.get("/api/v1/proposals?mine=true&status=rejected", headers=investor).json()
    assert [(p["id"], p["reason"]) for p in mine] == [(proposal["id"], "Nguồn không nêu tỷ lệ lấp đầy")]


def test_a_bad_proposal_is_refused_and_stores_nothing(client: Any, loaded_app: App) -> None:
    investor = make_token(loaded_app, "investor", email="an@example.com", actions=ALL)
    answer = _propose(client, investor, "150")
    assert answer.status_code == 422
    assert "nothing was changed" in answer.json()["error"]["message"]
    assert client.get("/api/v1/proposals?mine=true&status=pending", headers=investor).json() == []


def test_a_new_zone_is_proposed_then_published(client: Any, loaded_app: App) -> None:
    investor = make_token(loaded_app, "investor", email="an@example.com", actions=ALL)
    fields = {"name_vi": "KCN Thử Nghiệm Mới", "zone_type": "KCN", "province": "Hải Phòng", "area_ha": "120"}
    body = {"kind": "zones", "fields": fields, **SOURCE}
    proposal = client.post("/api/v1/proposals", json=body, headers=investor).json()
    assert proposal["record_id"] is None and proposal["status"] == "pending"
    assert client.get("/api/v1/zones/kcn-thu-nghiem-moi").status_code == 404
    out_of_scope = make_token(loaded_app, "agency", ("locality:VN-01",), actions=ALL)
    assert client.post(f"/api/v1/proposals/{proposal['id']}/publish", headers=out_of_scope).status_code == 403
    agency = make_token(loaded_app, "agency", ("locality:VN-31-2025",), actions=ALL)
    published = client.post(f"/api/v1/proposals/{proposal['id']}/publish", headers=agency).json()
    zone = client.get("/api/v1/zones/kcn-thu-nghiem-moi").json()
    assert zone["area_ha"] == 120 and zone["updated_by"] == "an@example.com"
    assert published["write"] == client.get("/api/v1/zones/kcn-thu-nghiem-moi/history").json()["changes"][0]["write"]
    again = client.post("/api/v1/proposals", json=body, headers=investor)
    assert (
        again.status_code == 400
        and "exists already"
        in client.post("/api/v1/proposals?lang=en", json=body, headers=investor).json()["error"]["message"]
    )
