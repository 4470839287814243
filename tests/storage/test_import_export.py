"""Imports of good and bad files, all-or-nothing, idempotent, and export -> import round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.errors import CorridorError
from corridor.registry.exchange import write_statements
from tests.factories import FIRM_HEADER, make_firm_row, snapshot, write_csv

USER = "importer"


def test_a_good_firm_file_is_imported_with_every_column(loaded_app: App, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "firms.csv", [make_firm_row()], FIRM_HEADER)
    result = loaded_app.registry.import_file(path, "firms", USER)
    assert (result.rows, result.added) == (1, 1)
    firm = loaded_app.registry.show("firms", "mst-0100109106")
    assert firm["zone"] == "kcn-trang-due"
    assert firm["province"]["name"] == "Hải Phòng"
    assert firm["hs_codes"] == ["8480", "848071"]
    assert firm["certifications"] == ["ISO 9001", "IATF 16949"]
    assert firm["updated_by"] == USER
    assert firm["sources"][0]["title"] == "firms.csv (imported file)"


def test_only_the_name_is_required(empty_app: App, tmp_path: Path) -> None:
    row = dict.fromkeys(FIRM_HEADER, "") | {"name": "Hợp tác xã Cơ khí Đông Hải"}
    path = write_csv(tmp_path / "firms.csv", [row], FIRM_HEADER)
    assert empty_app.registry.import_file(path, "firms", USER).added == 1
    firm = empty_app.registry.show("firms", "hop tac xa co khi dong hai")
    assert firm["province"] is None and firm["role"] == "unknown"


def test_reimporting_the_same_file_changes_nothing(loaded_app: App, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "firms.csv", [make_firm_row()], FIRM_HEADER)
    loaded_app.registry.import_file(path, "firms", USER)
    before = snapshot(loaded_app)
    again = loaded_app.registry.import_file(path, "firms", USER)
    assert (again.added, again.unchanged) == (0, 1)
    after = snapshot(loaded_app)
    assert after["firms"] == before["firms"]
    assert after["counts"] == before["counts"]


def test_a_dry_run_validates_and_writes_nothing(loaded_app: App, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "firms.csv", [make_firm_row()], FIRM_HEADER)
    before = snapshot(loaded_app)
    result = loaded_app.registry.import_file(path, "firms", USER, dry_run=True)
    assert result.added == 1 and result.dry_run
    assert snapshot(loaded_app) == before


def test_a_second_source_adds_a_figure_without_overwriting_the_first(loaded_app: App, tmp_path: Path) -> None:
    row = {
        "id": "kcn-pho-noi-a",
        "name_vi": "KCN Phố Nối A",
        "area_ha": "700",
        "source_title": "Báo cáo 2026",
        "source_date": "2026-10",
    }
    loaded_app.registry.import_file(write_csv(tmp_path / "zones.csv", [row]), "zones", USER)
    zone = loaded_app.registry.show("zones", "kcn-pho-noi-a")
    assert zone["area_ha"] == 700
    assert {s["states"]["area_ha"] for s in zone["sources"] if "area_ha" in s["states"]} == {700, 688.94}
    assert zone["leasable_ha"] == 492.1  # the newer source did not state it, so the older figure stands


def test_zones_from_xlsx_and_geojson(empty_app: App, tmp_path: Path) -> None:
    rows = [
        {
            "name_vi": "KCN Thử nghiệm Một",
            "zone_type": "KCN",
            "province": "Quảng Ninh",
            "area_ha": "120,5",
            "lat": "21.0",
            "lon": "107.1",
            "precision": "site",
        }
    ]
    write_statements("zones", rows, tmp_path / "zones.xlsx", "xlsx")
    empty_app.registry.import_file(tmp_path / "zones.xlsx", "zones", USER)
    assert empty_app.registry.show("zones", "kcn thu nghiem mot")["area_ha"] == 120.5
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [106.7, 20.8]},
        "properties": {"ten": "KCN Thử nghiệm Hai", "loai": "KCN", "tinh": "Hai Phong"},
    }
    (tmp_path / "z.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    empty_app.registry.import_file(tmp_path / "z.geojson", "zones", USER)
    zone = empty_app.registry.show("zones", "KCN Thử nghiệm Hai")
    assert (zone["location"]["lat"], zone["location"]["lon"]) == (20.8, 106.7)


ROUND_TRIPS = [(kind, fmt) for kind in ("zones", "firms", "nodes") for fmt in ("csv", "xlsx", "geojson")]


@pytest.mark.parametrize(("kind", "file_format"), [*ROUND_TRIPS, ("indicators", "csv"), ("indicators", "xlsx")])
def test_export_then_import_is_a_round_trip(loaded_app: App, tmp_path: Path, kind: str, file_format: str) -> None:
    path = tmp_path / f"{kind}.{file_format}"
    write_statements(kind, loaded_app.registry.export_rows(kind), path, file_format)
    before = snapshot(loaded_app)
    result = loaded_app.registry.import_file(path, kind, USER)
    assert result.added == 0
    assert snapshot(loaded_app) == before


def test_indicators_have_no_geometry_to_export(loaded_app: App, tmp_path: Path) -> None:
    with pytest.raises(CorridorError, match="no geometry"):
        write_statements("indicators", loaded_app.registry.export_rows("indicators"), tmp_path / "i.geojson", "geojson")
