"""The shipped dataset is what the build script makes from ../shared/data, and ships no Google-derived points."""

from __future__ import annotations

import csv
import filecmp
import importlib.util
import shutil
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
    shutil.copytree(ROOT / "research", copy / "research")  # the project's own research files
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


def test_a_new_research_round_changes_nothing_shipped_until_the_build_reads_it() -> None:
    spec = importlib.util.spec_from_file_location("build_dataset", ROOT / "scripts" / "build_dataset.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    sys.modules["build_dataset"] = build  # its dataclasses look their module up there
    spec.loader.exec_module(build)
    text = (SHARED / "SOURCES.md").read_text(encoding="utf-8")
    new_round = "## Round 99 (collected 2027-01-01)\n\n| file | rows |\n|---|---|\n| transport/new_file.csv | 3 |\n"
    assert build.sources_of_read_files(text + "\n" + new_round) == build.sources_of_read_files(text)
    read_round = new_round.replace("transport/new_file.csv", "enterprises/lead_firms_round4.csv")
    assert "Round 99" in build.sources_of_read_files(text + "\n" + read_round)
