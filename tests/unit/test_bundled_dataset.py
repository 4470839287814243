"""The shipped dataset is what the build script makes from ../shared/data, and ships no Google-derived points."""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
SHIPPED = ROOT / "src" / "corridor" / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_build_reproduces_the_shipped_files(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    (copy / "scripts").mkdir(parents=True)
    (copy / "scripts" / "build_dataset.py").write_text((ROOT / "scripts" / "build_dataset.py").read_text())
    subprocess.run(
        [sys.executable, str(copy / "scripts" / "build_dataset.py"), str(SHARED)], check=True, capture_output=True
    )
    built = copy / "src" / "corridor" / "data"
    for path in sorted(built.rglob("*")):
        if path.is_file():
            assert filecmp.cmp(path, SHIPPED / path.relative_to(built), shallow=False), path.name


def test_no_shipped_point_is_a_pre_2025_google_geocoded_centroid() -> None:
    legacy = set()
    for row in _rows(SHARED / "admin" / "ward_centroids_vehec_legacy.csv"):
        for lat, lon in ((row["ward_lat"], row["ward_lon"]), (row["district_lat"], row["district_lon"])):
            if lat and lon:
                legacy.add((round(float(lat), 4), round(float(lon), 4)))
    shipped = [r for name in ("zones.csv", "nodes.csv") for r in _rows(SHIPPED / "registry" / name) if r["lat"]]
    assert len(shipped) > 150
    leaked = [
        r["name_vi" if "name_vi" in r else "name"]
        for r in shipped
        if (round(float(r["lat"]), 4), round(float(r["lon"]), 4)) in legacy
    ]
    assert leaked == []
    assert not (SHIPPED / "admin" / "ward_centroids_vehec_legacy.csv").exists()


def test_ward_precision_points_are_official_2025_ward_centroids() -> None:
    centroids = {
        (round(float(r["ward_lat"]), 4), round(float(r["ward_lon"]), 4))
        for r in _rows(SHIPPED / "admin" / "ward_centroids_vehec_2025.csv")
    }
    ward_rows = [r for r in _rows(SHIPPED / "registry" / "zones.csv") if r["precision"] == "ward" and r["lat"]]
    single = [r for r in ward_rows if "mean of" not in r["location_note"]]
    assert single
    for row in single:
        assert (round(float(row["lat"]), 4), round(float(row["lon"]), 4)) in centroids, row["name_vi"]
