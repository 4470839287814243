"""Curation notes of the bundled data stay in the data but never reach public records (API and pages)."""

from __future__ import annotations

import json
import re

from corridor.bootstrap import App
from corridor.registry.service import ListFilters

CURATION = re.compile(r"verify|github|PyPI|thesis|\.csv|\.js\b|commit [0-9a-f]{6}|name_vi", re.IGNORECASE)


def test_public_records_carry_no_curation_notes(loaded_app: App) -> None:
    for kind in ("zones", "firms", "nodes"):
        for record in loaded_app.registry.list_records(kind, ListFilters()).items:
            shown = {k: record.get(k) for k in ("notes", "status_note")} | {"loc": record.get("location")}
            assert not CURATION.search(json.dumps(shown, ensure_ascii=False)), (kind, record["id"], shown)


def test_a_zone_page_record_hides_its_thesis_note_and_repository_path(loaded_app: App) -> None:
    zone = loaded_app.registry.show("zones", "kcn-dinh-vu-deep-c-hai-phong-i")
    assert zone["notes"] is None or "verify" not in zone["notes"]
    assert zone["location"]["note"] is None or "github" not in zone["location"]["note"]
    assert zone["status_note"] != "operating"


def test_the_data_keeps_the_curation_notes(loaded_app: App) -> None:
    rows = loaded_app.registry.export_rows("zones")
    kept = [r for r in rows if r["id"] == "kcn-dinh-vu-deep-c-hai-phong-i"]
    assert any("verify" in (r.get("notes") or "") for r in kept)
    assert any("github DuongNhuICE/imap" in (r.get("location_note") or "") for r in kept)
    firm = [r for r in loaded_app.registry.export_rows("firms") if r["id"] == "ford-vietnam"]
    assert any("verify" in (r.get("notes") or "") for r in firm)
