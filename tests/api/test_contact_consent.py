"""Mediated contact through the API, on every backend: hidden until both firms of a need-offer pair accept."""

from __future__ import annotations

from typing import Any

from corridor.bootstrap import App
from corridor.registry.validation import RawTable
from tests.factories import make_token

BUYER, SUPPLIER = "lg-electronics-vietnam-hai-phong", "haengsung-lg-satellite-supplier"
NEED, OFFER = "need-camera-housings", "offer-camera-housings"
SOURCE = {"source_title": "test", "source_url": "https://example.org", "source_date": "2025-01-01"}


def _post_items(app: App) -> None:
    need = {"id": NEED, "firm": BUYER, "text_en": "plastic camera housings", **SOURCE}
    offer = {"id": OFFER, "firm": SUPPLIER, "text_en": "injection-moulded plastic housings", **SOURCE}
    app.registry.import_table(RawTable("needs.csv", list(need), [(2, need)]), "needs", "test")
    app.registry.import_table(RawTable("offers.csv", list(offer), [(2, offer)]), "offers", "test")


def _owner(app: App, firm: str, email: str) -> dict[str, str]:
    return make_token(app, "firm", (f"firm:{firm}",), email=email, actions=("matches.read",))


def test_contacts_stay_hidden_until_both_firms_accept(client: Any, loaded_app: App) -> None:
    _post_items(loaded_app)
    buyer = _owner(loaded_app, BUYER, "mua@lg.example")
    supplier = _owner(loaded_app, SUPPLIER, "ban@haengsung.example")
    url = f"/api/v1/matches/{NEED}/{OFFER}"
    first = client.post(f"{url}/accept", headers=buyer).json()
    assert first["accepted"] == [BUYER] and first["other"] is None
    assert client.get(f"{url}/contact", headers=supplier).json()["other"] is None
    both = client.post(f"{url}/accept", headers=supplier).json()
    assert both["other"]["firm_id"] == BUYER
    assert both["other"]["people"] == [{"name": "mua", "email": "mua@lg.example"}]
    seen_by_buyer = client.get(f"{url}/contact", headers=buyer).json()["other"]
    assert seen_by_buyer["firm_id"] == SUPPLIER and seen_by_buyer["people"][0]["email"] == "ban@haengsung.example"


def test_the_public_investors_and_administrators_never_see_them(client: Any, loaded_app: App) -> None:
    _post_items(loaded_app)
    url = f"/api/v1/matches/{NEED}/{OFFER}"
    assert client.get(f"{url}/contact").status_code == 401
    assert client.post(f"{url}/accept").status_code == 401
    for role in ("investor", "admin"):
        headers = make_token(loaded_app, role, actions=("matches.read",))
        assert client.get(f"{url}/contact", headers=headers).status_code == 403
        assert client.post(f"{url}/accept", headers=headers).status_code == 403
    other_firm = _owner(loaded_app, "dongyang-lg-satellite-supplier", "x@dongyang.example")
    assert client.get(f"{url}/contact", headers=other_firm).status_code == 403
    assert client.get(f"/api/v1/matches/{NEED}/no-such-offer/contact", headers=other_firm).status_code == 404
