"""Needs and offers: imported like every registry kind, validated, round-tripped."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.errors import ImportRejected
from corridor.registry.exchange import write_statements
from corridor.registry.service import ListFilters
from tests.factories import snapshot, write_csv

NEED = {
    "firm": "LG Display Vietnam Hai Phong",
    "text_vi": "Khay nhựa chống tĩnh điện đựng tấm màn hình",
    "text_en": "Anti-static plastic trays for display panels",
    "category": "part",
    "hs_codes": "392390",
    "quantity": "20000",
    "unit": "pcs/month",
    "certifications": "iso 9001; RoHS",
    "place": "Hải Phòng",
    "deadline": "2026-12",
}


def test_needs_and_offers_import_and_round_trip(loaded_app: App, tmp_path: Path) -> None:
    loaded_app.registry.import_file(write_csv(tmp_path / "needs.csv", [NEED]), "needs", "buyer")
    (need,) = loaded_app.registry.list_records("needs", ListFilters()).items
    assert need["firm"] == "lg-display-vietnam-hai-phong" and need["certifications"] == ["ISO 9001", "RoHS"]
    assert need["place"]["name"] == "Hải Phòng" and need["deadline"] == "2026-12"
    offer = {
        "firm": "Haengsung (LG satellite supplier)",
        "text_en": "Injection-moulded plastic parts",
        "capacity": "50000",
        "lead_time_days": "14",
    }
    loaded_app.registry.import_file(write_csv(tmp_path / "offers.csv", [offer]), "offers", "seller")
    assert loaded_app.registry.list_records("offers", ListFilters()).items[0]["capacity"] == 50000
    path = tmp_path / "export.csv"
    write_statements("needs", loaded_app.registry.export_rows("needs"), path, "csv")
    before = snapshot(loaded_app)
    assert loaded_app.registry.import_file(path, "needs", "buyer").added == 0
    assert snapshot(loaded_app) == before


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"text_vi": "", "text_en": ""}, "a description in Vietnamese (text_vi) or English (text_en)"),
        ({"text_vi": "x" * 1001}, "at most 1000 characters"),
        ({"certifications": "ISO " + "9" * 100}, "certification names of at most 100 characters"),
        ({"hs_codes": "999990"}, "HS 2022 codes"),
        ({"firm": "Công ty Ma"}, "the ID or name of a firm"),
    ],
)
def test_bad_needs_are_refused(loaded_app: App, tmp_path: Path, change: dict[str, str], fragment: str) -> None:
    before = snapshot(loaded_app)
    with pytest.raises(ImportRejected) as caught:
        loaded_app.registry.import_file(write_csv(tmp_path / "needs.csv", [{**NEED, **change}]), "needs", "buyer")
    assert fragment in caught.value.render("en")
    assert snapshot(loaded_app) == before
