"""The API response cache answers repeated requests and forgets them when the data changes."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.bootstrap import App
from tests.factories import FIRM_HEADER, make_firm_row, write_csv


def test_cached_answers_follow_writes(loaded_app: App, tmp_path: Path) -> None:
    with TestClient(create_app(loaded_app, cache_check_s=0.0)) as client:
        first = client.get("/api/v1/firms", params={"limit": 1}).json()
        assert client.get("/api/v1/firms", params={"limit": 1}).json() == first
        loaded_app.registry.import_file(write_csv(tmp_path / "f.csv", [make_firm_row()], FIRM_HEADER), "firms", "u")
        after = client.get("/api/v1/firms", params={"limit": 1}).json()
        assert after["total"] == first["total"] + 1


def test_the_cache_keys_on_language(loaded_app: App) -> None:
    with TestClient(create_app(loaded_app)) as client:
        vi = client.get("/api/v1/zones/khong-co?lang=vi").json()["error"]["message"]
        en = client.get("/api/v1/zones/khong-co?lang=en").json()["error"]["message"]
        assert vi != en
        zones_vi = client.get("/api/v1/zones", headers={"accept-language": "vi"})
        zones_en = client.get("/api/v1/zones", headers={"accept-language": "en"})
        assert zones_vi.status_code == zones_en.status_code == 200


def test_the_freight_network_follows_new_zones(loaded_app: App, tmp_path: Path) -> None:
    before = loaded_app.logistics()
    zone = {
        "name_vi": "KCN Mới Thử",
        "zone_type": "KCN",
        "province": "Hải Phòng",
        "lat": "20.9",
        "lon": "106.6",
        "precision": "site",
    }
    loaded_app.registry.import_file(write_csv(tmp_path / "z.csv", [zone]), "zones", "u")
    after = loaded_app.logistics()
    assert after is not before and "kcn-moi-thu" in after.base.nodes
    assert after.route("KCN Mới Thử", "Hải Phòng").legs
