"""Build the bundled dataset (src/corridor/data) from the curated research files in ../shared/data.

Run `python scripts/build_dataset.py [SHARED_DATA_DIR]`. It is deterministic: running it twice gives the same
files, and `tests/unit/test_bundled_dataset.py` checks the shipped files against a fresh build when the
shared folder is present.

What it does beyond copying (see src/corridor/data/SOURCES.md):
- merges the zone files into one observation-per-row file (`zones.csv`): the same park named in several
  sources keeps each source's figures as a separate row; nothing is averaged or overwritten;
- never ships the pre-2025 commune and district centroids (they derive from Google Geocoding): a zone placed
  at such a point is moved to the official 2025 ward centroid of the ward its commune(s) became, via the GSO
  conversion table; precision stays honest (ward, or approximate/district when several wards are averaged);
- normalises status to planned / under_construction / operating / unknown and keeps the original text;
- resolves each lead firm's park to a zone ID.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import polyline

from corridor.logistics.linework import Line, build_junction_network, junction_names
from corridor.reference.names import fold_name, short_unit_name, slugify

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "corridor" / "data"
# The project's own research files (hand-made links, interchanges, tolls; each row with its source).
RESEARCH = ROOT / "research"

COPIED = [
    "admin/provinces_2025.csv",
    "admin/province_merger_2025.csv",
    "admin/wards_2025.csv",
    "admin/ward_conversion_2025.csv",
    "admin/ward_centroids_vehec_2025.csv",
    "admin/provinces_2025_34.geojson",
    "admin/provinces_pre2025_63.geojson",
    "codes/hs2022_harmonized_system.csv",
    "codes/hs2022_sections.csv",
    "codes/vsic_vi_partial.csv",
    "transport/road_lengths_round3.csv",
    "transport/transport_facilities.csv",
    "incentives/incentive_rules.csv",
    "incentives/incentive_areas_status.csv",
]

# The other files the build reads. SOURCES.md ships the sections that describe a file read here, so a new
# research round (a new section of ../shared/data/SOURCES.md) changes nothing shipped until the build reads it.
READ = [
    *COPIED,
    "admin/ward_centroids_vehec_legacy.csv",
    "industrial_parks/industrial_zones.csv",
    "industrial_parks/industrial_zones_round3.csv",
    "industrial_parks/industrial_zones_round4.csv",
    "industrial_parks/zone_locations.csv",
    "industrial_parks/zone_land_round7.csv",
    "industrial_parks/rents_round7.csv",
    "industrial_parks/management_boards_round7.csv",
    "enterprises/lead_firms.csv",
    "enterprises/lead_firms_round4.csv",
    "transport/network_nodes.csv",
    "transport/network_nodes_round3.csv",
    "transport/network_nodes_round4.csv",
    "transport/haiphong_port_berths.csv",
    "transport/network_links.csv",
    "transport/network_links_round4.csv",
    "transport/roads_round6.geojson",
    "transport/railways_round6.geojson",
    "economy/locality_indicators.csv",
    "economy/province_timeseries.csv",
    "economy/pci_scores.csv",
]

# Names in different source files that denote the same park (checked by reading the rows' notes).
SAME_ZONE = {
    "KCN Đình Vũ": "KCN Đình Vũ (Deep C Hải Phòng I)",
    "KCN Deep C Hải Phòng I (KCN Đình Vũ)": "KCN Đình Vũ (Deep C Hải Phòng I)",
    "KCN Bắc Tiền Phong (Đầm Nhà Mạc)": "KCN Bắc Tiền Phong",
    "KCN Bắc Tiền Phong (Deep C)": "KCN Bắc Tiền Phong",
    "KCN cảng biển Hải Hà – giai đoạn 1 (Texhong)": "KCN Texhong Hải Hà (KCN cảng biển Hải Hà giai đoạn 1)",
    "KCN Texhong Hải Hà": "KCN Texhong Hải Hà (KCN cảng biển Hải Hà giai đoạn 1)",
    "KCN Tân Á Đại Thành (Văn Nhuệ – Hoàng Hoa Thám)": "KCN Tân Á Đại Thành",
    "KCN Sông Khoai (Amata)": "KCN Sông Khoai (Amata City Hạ Long)",
    "KCN Nomura 2 (Nhật Bản – Hải Phòng giai đoạn 2)": "KCN Nomura 2",
    "KCN Phúc Điền mở rộng": "KCN Phúc Điền (mở rộng)",
    # Round 4 rows that add figures to a park already listed (their notes say "overlaps ... on purpose").
    "KCN Cái Lân (quy hoạch chi tiết 2010)": "KCN Cái Lân",
    "KCN cảng biển Hải Hà (Texhong) – developer update": "KCN Texhong Hải Hà (KCN cảng biển Hải Hà giai đoạn 1)",
    "KCN Đại An (occupancy update)": "KCN Đại An",
    "KCN Tân Trường mở rộng (quy hoạch điều chỉnh)": "KCN Tân Trường (mở rộng)",
    "KCN Deep C Hải Phòng I (Đình Vũ)": "KCN Đình Vũ (Deep C Hải Phòng I)",
    "KCN Nomura – Hải Phòng": "KCN Nomura Hải Phòng",
    # Park names in the firm files.
    "KCN Tràng Duệ (giai đoạn 2)": "KCN Tràng Duệ (giai đoạn II)",
    "KCN Liên Hà Thái": "KCN Liên Hà Thái (GREEN iP-1)",
    "KCN Tiền Hải": "KCN Tiền Hải (Viglacera)",
    "KCN Cẩm Điền – Lương Điền": "KCN VSIP Hải Dương (Cẩm Điền – Lương Điền)",
}

# Zone types of the sources that are not KCN/KKT/CCN: (type, high-tech park). The source's wording is kept in notes.
OTHER_ZONE_TYPES = {
    "KCNC": ("KCN", "true"),
    "BECZ (China)": ("KKT", ""),
    "cross-border zone (planned)": ("KKT", ""),
    "bonded zone (China)": ("KKT", ""),
}
# Province names of the sources that are not Vietnamese provinces, as the registry names them.
# Guangxi is not one of the registry's units: a node there keeps its place in its name and notes only.
PROVINCE_NAMES = {"Yunnan (China)": "Yunnan", "Lào Cai / Yunnan (China)": "Lào Cai", "Guangxi (China)": ""}

# Economic zones that contain parks, and the words in a park's text that say it lies inside one.
PARENT_ZONE_MARKERS = {
    "KKT Đình Vũ – Cát Hải": ("dinh vu cat hai ez",),
    "KKT ven biển Quảng Yên": ("quang yen coastal ez", "inside kkt ven bien quang yen"),
    "KKT Thái Bình": ("inside kkt thai binh",),
}

ZONE_COLUMNS = [
    "id",
    "name_vi",
    "name_en",
    "zone_type",
    "kkt_kind",
    "is_high_tech",
    "parent_zone",
    "province",
    "province_pre2025",
    "address",
    "status",
    "status_note",
    "developer",
    "established",
    "target_industries",
    "target_vsic",
    "area_ha",
    "area_ha_max",
    "industrial_area_ha",
    "leasable_ha",
    "leased_ha",
    "available_ha",
    "available_derivation",
    "occupancy_pct",
    "lat",
    "lon",
    "precision",
    "location_note",
    "notes",
    "source_title",
    "source_url",
    "source_date",
]

FIRM_COLUMNS = [
    "id",
    "name",
    "tax_code",
    "origin_country",
    "province",
    "zone",
    "address",
    "role",
    "sector",
    "vsic",
    "products_vi",
    "products_en",
    "hs_codes",
    "certifications",
    "employees",
    "investment_usd",
    "year",
    "lat",
    "lon",
    "notes",
    "source_title",
    "source_url",
    "source_date",
]

NODE_COLUMNS = [
    "id",
    "name",
    "node_type",
    "status",
    "province",
    "lat",
    "lon",
    "precision",
    "attributes",
    "notes",
    "source_title",
    "source_url",
    "source_date",
]

NODE_TYPES = {
    "seaport_terminal": "seaport_terminal",
    "seaport": "seaport",
    "airport": "airport",
    "border_gate": "border_gate",
    "rail_station": "rail_station",
    "city": "city",
    "logistics_center": "logistics_center",
    "bridge": "bridge",
    "icd": "icd",
    "river_port": "river_port",
}

# "town": a GeoNames point of the Chinese town the zone is in, not the zone itself.
PRECISION = {
    "exact": "site",
    "approx": "approximate",
    "town": "approximate",
    "ward": "ward",
    "district": "district",
    "": "province",
}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def source_date(text: str) -> str:
    """ISO date the source speaks for; a row citing two pages ('2012-06 / 2019') takes the later one."""
    if text in {"", "undated"}:
        return "unknown"
    dates = re.findall(r"\d{4}(?:-\d{2}){0,2}", text)
    return max(dates) if dates else "unknown"


def merge_same_source(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per (zone, source): a location row citing the same page as a figures row joins it."""
    merged: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in rows:
        key = (row["id"], row["source_title"], row["source_url"])
        if key not in merged:
            merged[key] = dict(row)
            continue
        target = merged[key]
        for column, value in row.items():
            overlapping = value and target.get(column) and target[column] != value
            if overlapping and column not in {"name_vi", "address", "notes", "location_note", "source_date"}:
                raise SystemExit(f"conflicting {column} for {key}: {target[column]!r} vs {value!r}")
            if value and (not target.get(column) or target[column] == "unknown"):
                target[column] = value
    return list(merged.values())


def canonical_zone_name(name: str) -> str:
    return SAME_ZONE.get(name, name)


def province_name(name: str) -> str:
    return PROVINCE_NAMES.get(name, name)


def normalise_status(text: str) -> str:
    folded = fold_name(text)
    if not folded:
        return "unknown"
    if "operating" in folded:
        return "operating"
    if "under construction" in folded or "under development" in folded:
        return "under_construction"
    planned_words = ("planned", "proposed", "zoning", "preparation", "approved", "established", "policy")
    if any(word in folded for word in planned_words):
        return "planned"
    return "unknown"


def kkt_kind(name: str) -> str:
    folded = fold_name(name)
    if "cua khau" in folded:
        return "border_gate"
    if "ven bien" in folded or "vinh" in folded or folded in {"kkt van don", "kkt dinh vu – cat hai"}:
        return "coastal"
    return ""


# ---------------------------------------------------------------------------------------------------------
# Locations: replace Google-derived pre-2025 centroids with official 2025 ward centroids.


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    province: str
    district_code: str
    lat: float
    lon: float
    district_lat: float
    district_lon: float


class WardLocator:
    """Finds the 2025 ward(s) that a pre-2025 commune point stood for, and their official centroids."""

    def __init__(self, shared: Path) -> None:
        admin = shared / "admin"
        self.communes = [
            Commune(
                r["ward_code"],
                r["ward"],
                r["province"],
                r["district_code"],
                float(r["ward_lat"]),
                float(r["ward_lon"]),
                float(r["district_lat"]),
                float(r["district_lon"]),
            )
            for r in read_rows(admin / "ward_centroids_vehec_legacy.csv")
            if r["ward_lat"] and r["district_lat"]
        ]
        self.new_wards_of: dict[str, set[str]] = defaultdict(set)
        for row in read_rows(admin / "ward_conversion_2025.csv"):
            self.new_wards_of[row["old_ward_code"]].add(row["new_ward_code"])
        self.centroids = {
            r["ward_code"]: (float(r["ward_lat"]), float(r["ward_lon"]), r["ward"])
            for r in read_rows(admin / "ward_centroids_vehec_2025.csv")
        }

    def communes_at(self, lat: float, lon: float, text: str) -> list[Commune]:
        """The commune(s) whose centroid, or the mean of whose centroids, is the given point."""
        exact = [c for c in self.communes if _near(c.lat, lat) and _near(c.lon, lon)]
        if exact:
            return exact[:1]
        folded = fold_name(text)
        named = [c for c in self.communes if _bare_name(c.name) in folded and _close(c, lat, lon)]
        for size in range(len(named), 1, -1):
            for group in combinations(named, size):
                if _near(_mean(c.lat for c in group), lat) and _near(_mean(c.lon for c in group), lon):
                    return list(group)
        return []

    def district_at(self, lat: float, lon: float) -> list[Commune]:
        """All communes of the district whose centroid is the given point."""
        codes = {c.district_code for c in self.communes if _near(c.district_lat, lat) and _near(c.district_lon, lon)}
        return [c for c in self.communes if c.district_code in codes]

    def new_ward_points(self, communes: list[Commune]) -> list[tuple[float, float, str]]:
        codes = sorted({new for c in communes for new in self.new_wards_of.get(c.code, ())})
        return [self.centroids[code] for code in codes if code in self.centroids]


def _bare_name(name: str) -> str:
    folded = fold_name(name)
    for prefix in ("xa ", "phuong ", "thi tran "):
        if folded.startswith(prefix):
            return " " + folded[len(prefix) :]
    return " " + folded


def _near(a: float, b: float) -> bool:
    return abs(a - b) < 2e-4


def _close(c: Commune, lat: float, lon: float) -> bool:
    return abs(c.lat - lat) < 0.3 and abs(c.lon - lon) < 0.3


def _mean(values: object) -> float:
    items = list(values)  # type: ignore[call-overload]
    return sum(items) / len(items)


def official_location(row: dict[str, str], locator: WardLocator) -> dict[str, str]:
    """lat/lon/precision/location_note for a location row, never shipping a Google-derived point."""
    precision = row.get("precision", "")
    lat, lon = row.get("lat", ""), row.get("lon", "")
    coord_source = row.get("coord_source", "")
    if not lat:
        return {"precision": "province" if row.get("province_2025") else "unknown"}
    if "legacy" not in coord_source:
        return {
            "lat": lat,
            "lon": lon,
            "precision": PRECISION[precision],
            "location_note": f"{coord_source}. {row.get('notes', '')}".strip(" ."),
        }
    text = " ".join([row.get("address", ""), row.get("notes", ""), row.get("name", "")])
    if precision == "district":
        communes = locator.district_at(float(lat), float(lon))
        level = "district"
    else:
        communes = locator.communes_at(float(lat), float(lon), text)
        level = "ward"
    points = locator.new_ward_points(communes)
    if not points:
        return {
            "precision": "province",
            "location_note": "the source's commune could not be mapped to a 2025 ward; no point shipped",
        }
    old = ", ".join(sorted({c.name for c in communes})) if level == "ward" else "the former district"
    wards = ", ".join(p[2] for p in points)
    if level == "ward" and len(points) > 1:
        level = "approximate"
    how = "centroid" if len(points) == 1 else f"mean of {len(points)} centroids"
    note = (
        f"official 2025 ward {how} ({wards}; PyPI vietnamadminunits 1.0.4 table admin_units, MIT) "
        f"for {old} named in the source, mapped with the GSO 2025 conversion table. {row.get('notes', '')}"
    )
    located = {
        "lat": f"{_mean(p[0] for p in points):.5f}",
        "lon": f"{_mean(p[1] for p in points):.5f}",
        "precision": level,
        "location_note": note.strip(" ."),
    }
    old_provinces = {short_unit_name(c.province) for c in communes}
    if len(old_provinces) == 1:  # the commune's own province in the GSO list: the pre-2025 province is known
        located["province_pre2025"] = old_provinces.pop()
    return located


# ---------------------------------------------------------------------------------------------------------
# Zones


def zone_observation(row: dict[str, str]) -> dict[str, str]:
    name = canonical_zone_name(row["name"])
    zone_type, high_tech = OTHER_ZONE_TYPES.get(row["zone_type"], (row["zone_type"], ""))
    notes = _notes_with_date(row)
    if zone_type != row["zone_type"]:
        notes = f"{notes} [type in source: {row['zone_type']}]".strip()
    observation = {
        "id": slugify(name),
        "name_vi": name,
        "zone_type": zone_type,
        "is_high_tech": high_tech,
        "province": province_name(row["province_2025"]),
        "province_pre2025": province_name(row["province_pre2025"]),
        "status": normalise_status(row["status"]),
        "status_note": row["status"],
        "developer": row["developer"],
        "established": row["established_or_approved"],
        "target_industries": row["target_industries"],
        "area_ha": row["area_ha"],
        "area_ha_max": row["area_ha_max"],
        "leasable_ha": row["industrial_land_leasable_ha"],
        "occupancy_pct": row["occupancy_pct"],
        "address": row.get("address", ""),
        "notes": notes,
        "source_title": row["source_title"],
        "source_url": row["source_url"],
        "source_date": source_date(row["source_date"]),
    }
    if zone_type == "KKT":
        observation["kkt_kind"] = kkt_kind(name)
    if observation["status"] == "unknown":
        observation["status"] = ""
    return observation


def _notes_with_date(row: dict[str, str]) -> str:
    if source_date(row["source_date"]) in {row["source_date"], "unknown"}:
        return row["notes"]
    return f"{row['notes']} [source dates: {row['source_date']}]".strip()


def location_observation(row: dict[str, str], locator: WardLocator) -> dict[str, str]:
    name = canonical_zone_name(row["name"])
    observation = {
        "id": slugify(name),
        "name_vi": name,
        "province": province_name(row["province_2025"]),
        "address": row.get("address", ""),
        "source_title": row["source_title"],
        "source_url": row["source_url"],
        "source_date": "unknown",
    }
    observation.update(official_location(row, locator))
    if not row.get("lat") and observation.get("address", "").startswith("not found"):
        observation["address"] = ""
    return observation


def add_parent_zones(rows: list[dict[str, str]]) -> None:
    for row in rows:
        text = " ".join([row["name_vi"], row.get("notes", ""), row.get("address", ""), row.get("location_note", "")])
        words = " ".join(re.sub(r"[-–]", " ", fold_name(text)).split())
        for parent, markers in PARENT_ZONE_MARKERS.items():
            if row["name_vi"] != parent and any(marker in words for marker in markers):
                row["parent_zone"] = slugify(parent)


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


class FormerProvinces:
    """Point in the pre-2025 province polygons (Open Development Vietnam, via TaliaCao/Vietnam-Shape-Map)."""

    def __init__(self, shared: Path) -> None:
        document = json.loads((shared / "admin" / "provinces_pre2025_63.geojson").read_text(encoding="utf-8"))
        self.shapes = []
        for feature in document["features"]:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            name = feature["properties"]["ten_tinh"].removeprefix("TP ").strip()
            self.shapes.append((name, [polygon[0] for polygon in polygons]))

    def at(self, lat: float, lon: float) -> str | None:
        found = [name for name, rings in self.shapes if any(_inside(lon, lat, ring) for ring in rings)]
        return found[0] if len(found) == 1 else None


def add_former_provinces(rows: list[dict[str, str]], former: FormerProvinces) -> None:
    """Zones whose sources give no pre-2025 province get the one their point lies in (site or ward precision;
    coarser points may sit across a border, and river ports sit on the border itself)."""
    known = {r["id"] for r in rows if r.get("province_pre2025")}
    for row in rows:
        if row["id"] in known or not row.get("lat") or row.get("precision") not in {"site", "ward"}:
            continue
        name = former.at(float(row["lat"]), float(row["lon"]))
        if name:
            row["province_pre2025"] = name
            note = f"pre-2025 province {name}: the point lies inside its pre-2025 boundary (Open Development Vietnam)"
            row["location_note"] = f"{row.get('location_note', '')}; {note}".strip("; ")
            known.add(row["id"])


def build_zones(shared: Path, locator: WardLocator) -> list[dict[str, str]]:
    parks = shared / "industrial_parks"
    # Rounds 3 and 4 carry their points in the zone rows (zone_locations_round4.csv repeats round 4's).
    located_rounds = read_rows(parks / "industrial_zones_round3.csv") + read_rows(parks / "industrial_zones_round4.csv")
    rows = [zone_observation(r) for r in read_rows(parks / "industrial_zones.csv")]
    rows += [zone_observation(r) for r in located_rounds]
    rows += [location_observation(r, locator) for r in read_rows(parks / "zone_locations.csv")]
    rows += [location_observation(r, locator) for r in located_rounds if r.get("lat")]
    rows = merge_same_source(rows)
    add_parent_zones(rows)
    add_former_provinces(rows, FormerProvinces(shared))
    rows += land_observations(read_rows(parks / "zone_land_round7.csv"), rows)
    first_seen = {}
    for index, row in enumerate(rows):
        first_seen.setdefault(row["id"], index)
    return sorted(rows, key=lambda r: first_seen[r["id"]])


# ---------------------------------------------------------------------------------------------------------
# Land (round 7): occupancy, leased and available land per zone, one observation per (zone, source, as-of)

LAND_METRICS = {
    "area_ha": "area_ha",
    "industrial_land_ha": "industrial_area_ha",
    "leasable_ha": "leasable_ha",
    "leased_ha": "leased_ha",
    "occupancy_pct": "occupancy_pct",
    "available_ha": "available_ha",
}


def is_aggregate(row: dict[str, str]) -> bool:
    """Province or city totals and rows combining two parks: not one zone's figures (SOURCES.md, Round 7)."""
    name, note = fold_name(row["zone_name"]), fold_name(row["note"])
    return "aggregate" in name or "province aggregate" in note or "combined" in name or "+" in row["zone_name"]


def land_zone_id(row: dict[str, str], zone_ids: set[str]) -> str:
    """The zone a row is about: its own name if the registry has it (a phase is its own zone), else the id the
    research gave. A phase ('giai đoạn') the registry lacks is left out rather than given to the whole park."""
    by_name = slugify(canonical_zone_name(row["zone_name"]))
    if by_name in zone_ids:
        return by_name
    if "giai doan" in fold_name(row["zone_name"]):
        return ""
    return row["zone_id_if_known"] if row["zone_id_if_known"] in zone_ids else ""


def land_observations(land_rows: list[dict[str, str]], zones: list[dict[str, str]]) -> list[dict[str, str]]:
    names = {z["id"]: z["name_vi"] for z in zones}
    grouped: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for row in land_rows:
        zone_id = "" if is_aggregate(row) else land_zone_id(row, set(names))
        if not zone_id:
            continue
        as_of, dated_by = land_as_of(row)
        key = (zone_id, row["source_title"], row["source_url"], as_of)
        observation = grouped.setdefault(key, land_observation(zone_id, names[zone_id], row, as_of, dated_by))
        add_land_metric(observation, row)
    return list(grouped.values())


def land_as_of(row: dict[str, str]) -> tuple[str, str]:
    """The date the figure speaks for; else the page's publication date (the figure is no newer), said in notes."""
    as_of = source_date(row["as_of"])
    if as_of == "unknown" and source_date(row["published"]) != "unknown":
        return source_date(row["published"]), "published"
    return as_of, ""


def land_observation(zone_id: str, name: str, row: dict[str, str], as_of: str, dated_by: str) -> dict[str, str]:
    note = f"[as of: publication date {as_of}; the page gives no as-of date]" if dated_by else ""
    return {
        "id": zone_id,
        "name_vi": name,
        "province": province_name(row["province_2025"]),
        "notes": note,
        "source_title": row["source_title"],
        "source_url": row["source_url"],
        "source_date": as_of,
    }


def add_land_metric(observation: dict[str, str], row: dict[str, str]) -> None:
    """One metric into the observation; other metrics (ready land, infrastructure built) go to its notes."""
    column = LAND_METRICS.get(row["metric"])
    if column is None:
        text = f"{row['metric']} {row['value']} {row['unit']}"
        observation["notes"] = f"{observation['notes']} [{text}]".strip()
        return
    if observation.get(column) not in {None, "", row["value"]}:
        raise SystemExit(f"conflicting {column} for {observation['id']} in one source: {row}")
    observation[column] = row["value"]
    if column == "available_ha" and row["derived_from"]:
        observation["available_derivation"] = row["derived_from"]
    if row["note"]:
        observation["notes"] = f"{observation['notes']} [{row['metric']}: {row['note']}]".strip()


# ---------------------------------------------------------------------------------------------------------
# Siting (round 7): land rents and the management boards that receive investors' inquiries

RENT_COLUMNS = [
    "scope",
    "zone_id",
    "province",
    "province_pre2025",
    "name",
    "product",
    "value_low",
    "value_high",
    "unit",
    "period",
    "as_of",
    "source_title",
    "source_url",
    "publisher",
    "note",
]
BOARD_COLUMNS = [
    "id",
    "province",
    "focal_point",
    "name_vi",
    "name_en",
    "address",
    "phone",
    "email",
    "website",
    "scope_note",
    "source_url",
    "published",
]
# The one board per 2025 province that receives inquiries (its focal point). The others are kept for the record:
# the former Hải Dương authority was merged into HEZA (Decision 1459/QĐ-TTg), the Vân Đồn board manages one EZ
# inside Quảng Ninh, and the post-merger status of the former Thái Bình board was not found (SOURCES.md, Round 7).
FOCAL_POINTS = {
    "Hải Phòng": "Ban Quản lý Khu kinh tế Hải Phòng",
    "Quảng Ninh": "Ban Quản lý Khu kinh tế tỉnh Quảng Ninh",
    "Hưng Yên": "Ban Quản lý các Khu công nghiệp tỉnh Hưng Yên",
}
# Zone-scope rent rows whose name is not a registry zone name: a group of parks is not one zone (left unjoined).
RENT_ZONE_NAMES = {"KCN Nomura Hải Phòng": "KCN Nomura Hải Phòng"}


def rent_province(name: str) -> tuple[str, str]:
    """'Hải Dương (now part of Hải Phòng)' -> ('Hải Phòng', 'Hải Dương'): the 2025 unit and the pre-2025 one."""
    match = re.fullmatch(r"(.+?) \(now part of (.+)\)", name)
    return (match.group(2), match.group(1)) if match else (name, name)


def rent_row(row: dict[str, str], zones: dict[str, dict[str, str]]) -> dict[str, str]:
    shipped = {c: row.get(c, "") for c in RENT_COLUMNS}
    shipped["as_of"] = source_date(row["period"]) if source_date(row["period"]) != "unknown" else "unknown"
    if row["scope"] == "province":
        shipped["province"], shipped["province_pre2025"] = rent_province(row["name"])
    elif row["scope"] == "zone":
        zone_id = slugify(canonical_zone_name(RENT_ZONE_NAMES.get(row["name"], row["name"])))
        if zone_id in zones:
            shipped["zone_id"] = zone_id
            shipped["province"] = zones[zone_id]["province"]
    return shipped


def build_rents(shared: Path, zones: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every rent row, conflicting figures kept; zone rows joined to a registry zone where one has that name."""
    by_id = {z["id"]: z for z in zones}
    return [rent_row(r, by_id) for r in read_rows(shared / "industrial_parks" / "rents_round7.csv")]


def build_boards(shared: Path) -> list[dict[str, str]]:
    boards = []
    for row in read_rows(shared / "industrial_parks" / "management_boards_round7.csv"):
        focal = FOCAL_POINTS.get(row["province_2025"]) == row["name_vi"]
        boards.append(
            {
                **{c: row.get(c, "") for c in BOARD_COLUMNS},
                "id": slugify(row["name_vi"]),
                "province": row["province_2025"],
                "focal_point": "yes" if focal else "no",
            }
        )
    return boards


# ---------------------------------------------------------------------------------------------------------
# Firms and nodes


def firm_role(sector: str) -> str:
    folded = fold_name(sector)
    if "supplier" in folded:
        return "supplier"
    if "developer" in folded:
        return "developer"
    if folded.startswith("logistics"):
        return "logistics_provider"
    return "lead_firm"


def build_firms(shared: Path, zone_ids: set[str]) -> list[dict[str, str]]:
    firms = []
    enterprises = shared / "enterprises"
    for row in read_rows(enterprises / "lead_firms.csv") + read_rows(enterprises / "lead_firms_round4.csv"):
        zone_id = slugify(canonical_zone_name(row["park"]))
        firms.append(
            {
                "id": slugify(row["name"]),
                "name": row["name"],
                "origin_country": row["origin_country"],
                "province": row["province_2025"],
                "zone": zone_id if zone_id in zone_ids else "",
                "address": "" if zone_id in zone_ids else row["park"],
                "role": firm_role(row["sector"]),
                "sector": row["sector"],
                "products_vi": row["products_vi"],
                "products_en": row["products_en"],
                "investment_usd": row["investment_usd"],
                "year": row["year"],
                "notes": row["notes"],
                "source_title": row["source_title"],
                "source_url": row["source_url"],
                "source_date": "unknown",
            }
        )
    return firms


def node_row(row: dict[str, str]) -> dict[str, str]:
    precision = {"town": "approximate", "exact": "site", "approx": "approximate", "ward": "ward"}
    return {
        "id": row["node_id"],
        "name": row["name"],
        "node_type": NODE_TYPES[row["type"]],
        "status": "planned" if "planned" in row["name"] or "proposed" in row["notes"].lower() else "operating",
        "province": province_name(row["province_2025"]),
        "lat": row["lat"],
        "lon": row["lon"],
        "precision": precision.get(row["precision"], "unknown") if row["lat"] else "unknown",
        "notes": row["notes"],
        "source_title": row["source_title"],
        "source_url": row["source_url"],
        "source_date": "unknown",
    }


def official_node_location(row: dict[str, str], locator: WardLocator) -> dict[str, str]:
    """Round-3 gates and ports placed at a pre-2025 commune centroid move to the official 2025 ward centroid."""
    node = node_row(row)
    if "legacy" in row["notes"] and row["lat"]:
        place = {**row, "coord_source": row["notes"], "address": row["notes"], "province_2025": row["province_2025"]}
        node.update({"lat": "", "lon": "", "location_note": ""}, **official_location(place, locator))
        node["notes"] = f"{node['notes']} [point: {node.pop('location_note', '')}]"
    return node


def build_nodes(shared: Path, locator: WardLocator) -> list[dict[str, str]]:
    transport = shared / "transport"
    nodes = {r["node_id"]: node_row(r) for r in read_rows(transport / "network_nodes.csv")}
    for row in read_rows(transport / "network_nodes_round3.csv"):
        update = official_node_location(row, locator)
        if row["node_id"] in nodes and not row["lat"]:
            continue
        nodes[row["node_id"]] = update
    for row in read_rows(transport / "network_nodes_round4.csv"):
        nodes[row["node_id"]] = official_node_location(row, locator)
    rows = list(nodes.values())
    # The port-plan layer also holds industrial-zone and urban-land polygons and breakwaters: not port nodes.
    rows += [
        berth_node(r, i)
        for i, r in enumerate(read_rows(transport / "haiphong_port_berths.csv"))
        if r["name"] and not fold_name(r["status"]).startswith(("khu cong nghiep", "de chan song", "dat phat"))
    ]
    return rows


def berth_node(row: dict[str, str], index: int) -> dict[str, str]:
    status = fold_name(row["status"])
    node_status = "planned" if "quy hoach" in status else "operating"
    if "di doi" in status:
        node_status = "operating (to relocate)"
    attributes = "; ".join(
        f"{k}={row[k]}"
        for k in (
            "operator",
            "function",
            "n_berths",
            "quay_length_m",
            "max_vessel",
            "throughput",
            "land_area_ha",
            "port_area",
        )
        if row[k] and row[k] != "0.0"
    )
    return {
        "id": f"HP-BERTH-{index + 1:03d}",
        "name": row["name"],
        "node_type": "berth",
        "status": node_status,
        "province": "Hải Phòng",
        "lat": row["lat"],
        "lon": row["lon"],
        "precision": "site",
        "attributes": attributes,
        "notes": f"status in source: {row['status']}; {row['location']}",
        "source_title": row["source_title"],
        "source_url": row["source_url"],
        "source_date": "2023-09",
    }


LINK_COLUMNS = [
    "id",
    "from_node",
    "to_node",
    "name",
    "mode",
    "link_class",
    "length_km",
    "status",
    "opened_year",
    "planned_year",
    "closed_year",
    "toll_vnd",
    "length_basis",
    "class_tolls",
    "routing",
    "notes",
    "source_title",
    "source_url",
    "source_date",
]
LINK_MODES = {"inland waterway": "waterway"}
# Hand-made links that the junction network's linework now covers (roads_round6 / railways_round6): not routed,
# so a place half-way enters the road at its nearest junction. The rest (QL18 Bắc Ninh – Uông Bí, QL37 Hải Dương –
# Chí Linh, QL38, QL39, Lạng Sơn – Hữu Nghị, expressways, new railways) is missing from the linework and stays.
COVERED_BY_LINEWORK = {
    "QL5 (Hà Nội – Hải Phòng)": "QL5 is in roads_round6 from Long Biên to Hải Phòng",
    "QL1A Hà Nội – Hữu Nghị border gate": "QL1A is in roads_round6 from Hà Nội to Lạng Sơn (then the Lạng Sơn link)",
    "QL10 (Hải Phòng – Uông Bí)": "QL10 is in roads_round6",
    "QL18 (Hạ Long – Cẩm Phả)": "QL18 is in roads_round6 from Hạ Long to Móng Cái",
    "QL18 (Cẩm Phả – Tiên Yên – Móng Cái)": "QL18 is in roads_round6 from Hạ Long to Móng Cái",
    "Hà Nội – Lào Cai railway: Hà Nội – Việt Trì": "the line is in railways_round6 (OSM)",
    "Hà Nội – Lào Cai railway: Việt Trì – Yên Bái": "the line is in railways_round6 (OSM)",
    "Hà Nội – Lào Cai railway: Yên Bái – Phố Lu": "the line is in railways_round6 (OSM)",
    "Hà Nội – Lào Cai railway: Phố Lu – Lào Cai": "the line is in railways_round6 (OSM)",
    "Hà Nội – Hải Phòng railway (dailyvetauhoa)": "the line is in railways_round6 (OSM)",
}
# A sourced length from road_lengths_round3.csv that covers exactly a link of network_links.csv.
ROUND3_LENGTHS = {("HLG", "CPA"): "TP Hạ Long – TP Cẩm Phả"}


def link_status(raw_class: str, notes: str) -> tuple[str, str, str]:
    """(class, status, planned year) from e.g. 'standard gauge (under construction)' and 'target 2030'."""
    match = re.match(r"^(.*?)\s*\((.*)\)$", raw_class)
    link_class, qualifier = (match.group(1), match.group(2)) if match else (raw_class, "")
    status = {"under construction": "under_construction", "planned": "planned", "unfinished": "under_construction"}
    if qualifier.startswith("proposed"):
        qualifier = "planned"
    target = re.search(r"target (\d{4})", notes)
    return link_class, status.get(qualifier, "open"), target.group(1) if target else ""


def build_links(shared: Path) -> list[dict[str, str]]:
    transport = shared / "transport"
    round3 = {r["section"]: r for r in read_rows(transport / "road_lengths_round3.csv")}
    links = []
    rows = read_rows(transport / "network_links.csv") + read_rows(transport / "network_links_round4.csv")
    for index, row in enumerate(rows, start=1):
        raw_class = row["road_class"].removeprefix("rail ")
        link_class, status, planned = link_status(raw_class, row["notes"])
        opened = re.match(r"^(\d{4})", row["opened"])
        link = {
            **row,
            "id": f"L{index:03d}",
            "mode": LINK_MODES.get(row["mode"], row["mode"]),
            "link_class": link_class,
            "status": status,
            "planned_year": planned,
            "opened_year": opened.group(1) if opened and status == "open" else "",
            "routing": "yes",
            "source_date": "unknown",
        }
        section = ROUND3_LENGTHS.get((row["from_node"], row["to_node"]))
        if section and not row["length_km"]:
            source = round3[section]
            link.update(
                length_km=source["length_km"],
                source_title=source["source_title"],
                source_url=source["source_url"],
                notes=f"{row['notes']} [length: {section}]",
            )
        if row["name"] == "Hà Nội – Lào Cai railway":
            link["routing"] = "no"
            link["notes"] = "the whole line; routing uses its four sourced segments instead"
        if row["name"] in COVERED_BY_LINEWORK:
            link["routing"] = "no"
            link["notes"] = f"{link['notes']} [not routed: {COVERED_BY_LINEWORK[row['name']]}]".strip()
        links.append(link)
    return links


# ---------------------------------------------------------------------------------------------------------
# The project's research files: hand-made expressway, bridge, waterway and Yunnan links, their interchanges
# and tolls (research/transport/*.csv). Each interchange position is published or derived by a stated method.


def ward_point(shared: Path, spec: str) -> tuple[float, float, str]:
    """The official 2025 centroid (mean of several) of the ward(s) that the named pre-2025 commune became."""
    province, district, ward = (unicodedata.normalize("NFC", part) for part in spec.split("|"))
    codes = sorted(
        {
            r["new_ward_code"]
            for r in read_rows(shared / "admin" / "ward_conversion_2025.csv")
            if (unicodedata.normalize("NFC", r["old_province"]), unicodedata.normalize("NFC", r["old_district"]))
            == (province, district)
            and unicodedata.normalize("NFC", r["old_ward"]) == ward
        }
    )
    centroids = {r["ward_code"]: r for r in read_rows(shared / "admin" / "ward_centroids_vehec_2025.csv")}
    points = [centroids[code] for code in codes if code in centroids]
    if not points:
        raise SystemExit(f"research/transport/nodes.csv: no 2025 ward for {spec}")
    lat = _mean(float(p["ward_lat"]) for p in points)
    lon = _mean(float(p["ward_lon"]) for p in points)
    names = ", ".join(p["ward"] for p in points)
    how = "centroid" if len(points) == 1 else f"mean of {len(points)} centroids"
    return lat, lon, f"official 2025 ward {how} ({names}) of the ward(s) that {ward}, {district} became (GSO table)"


def chainage_point(spec: str, located: dict[str, tuple[float, float]]) -> tuple[float, float, str]:
    """A point on the straight line between two located nodes, at the fraction its km post gives."""
    start, end, start_km, end_km, km = spec.split("|")
    fraction = (float(km) - float(start_km)) / (float(end_km) - float(start_km))
    (lat_a, lon_a), (lat_b, lon_b) = located[start], located[end]
    lat, lon = lat_a + (lat_b - lat_a) * fraction, lon_a + (lon_b - lon_a) * fraction
    how = f"chainage interpolation: Km{km} between {start} (Km{start_km}) and {end} (Km{end_km}) on a straight line"
    return lat, lon, how


def research_nodes(shared: Path, bundled: list[dict[str, str]]) -> list[dict[str, str]]:
    located = {r["id"]: (float(r["lat"]), float(r["lon"])) for r in bundled if r["lat"]}
    rows = read_rows(RESEARCH / "transport" / "nodes.csv")
    nodes = []
    for row in sorted(rows, key=lambda r: r["position_method"] == "chainage"):  # chainage needs the others
        method = row["position_method"]
        if method == "published":
            lat, lon, precision = float(row["lat"]), float(row["lon"]), row["precision"]
            position = "published"
        elif method == "linework":
            lat, lon, precision = float(row["lat"]), float(row["lon"]), "approximate"
            position = f"derived: {row['position_input']} ({lon} E, {lat} N), Round 6 roads (CC BY-SA 4.0)"
        else:
            point = ward_point(shared, row["position_input"]) if method == "ward" else None
            lat, lon, how = point or chainage_point(row["position_input"], located)
            precision = "ward" if method == "ward" and "mean of" not in how else "approximate"
            position = f"derived: {how}"
        located[row["id"]] = (lat, lon)
        nodes.append(
            {
                **{k: row[k] for k in ("id", "name", "node_type", "status", "province")},
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "precision": precision,
                "attributes": "position=published" if method == "published" else "position=derived",
                "notes": f"{row['notes']} [position {position}; no published coordinate found]"
                if method != "published"
                else row["notes"],
                **{k: row[k] for k in ("source_title", "source_url", "source_date")},
            }
        )
    return nodes


def class_tolls(link_id: str, length_km: str) -> str:
    """The link's tolls by vehicle class (JSON), from research/transport/tolls.csv; a whole-route trip toll is
    shared among the route's links in proportion to their length (marked `prorated`)."""
    tolls = []
    for row in read_rows(RESEARCH / "transport" / "tolls.csv"):
        if link_id not in row["links"].split(";") or not length_km:
            continue
        share = float(length_km) / float(row["route_km"])
        vnd = float(row["toll_vnd"]) * (float(length_km) if row["per"] == "km" else share)
        tolls.append(
            {
                "class": row["vehicle_class"],
                "vnd": round(vnd),
                "from": int(row["effective_from"]),
                "to": int(row["effective_to"]) if row["effective_to"] else None,
                "basis": "sourced" if row["per"] == "trip" and share == 1 else "prorated",
                "source": f"{row['source_title']} {row['source_url']} ({row['published']})",
            }
        )
    return json.dumps(tolls, ensure_ascii=False) if tolls else ""


def with_research_links(links: list[dict[str, str]]) -> list[dict[str, str]]:
    """The bundled links plus the research links; a whole route that research splits into sections stops routing."""
    research = read_rows(RESEARCH / "transport" / "links.csv")
    replaced: dict[str, list[str]] = defaultdict(list)
    for row in research:
        if row["replaces"]:
            replaced[row["replaces"]].append(row["id"])
    for link in links:
        if link["id"] in replaced:
            link["routing"] = "no"
            link["notes"] = f"{link['notes']} [routing uses its sections {', '.join(replaced[link['id']])}]"
    added = [
        {
            **{k: v for k, v in row.items() if k != "replaces"},
            "planned_year": "",
            "closed_year": "",
            "toll_vnd": "",
            "class_tolls": class_tolls(row["id"], row["length_km"]),
            "routing": "yes",
        }
        for row in research
    ]
    return links + added


# The junction-level network (docs/adr/0014-junction-network.md): junctions and arcs with encoded geometry.
JUNCTION_COLUMNS = ["id", "mode", "name", "lat", "lon"]
ARC_COLUMNS = [
    "id",
    "mode",
    "from_junction",
    "to_junction",
    "name",
    "ref",
    "link_class",
    "length_km",
    "geometry",
    "source_title",
    "source_url",
    "licence",
    "source_date",
]
LINEWORK_SOURCES = {
    "road": {
        "file": "transport/roads_round6.geojson",
        "prefix": "R",
        "source_title": "CTU-SematX LegoCity, opendata/giaothong/giaothong.geojson (national and provincial roads)",
        "source_url": "https://github.com/CTU-SematX/LegoCity/blob/a1aabc7dc5faca80b31c413e782ee93188140ebf/"
        "opendata/giaothong/giaothong.geojson",
        "licence": "roads: CTU-SematX LegoCity, CC BY-SA 4.0",
        "source_date": "unknown (undated; predates the 2009-2015 expressway openings)",
    },
    "rail": {
        "file": "transport/railways_round6.geojson",
        "prefix": "T",
        "source_title": "OpenStreetMap railway=rail ways (HOT export, copy in xuanx1/parsonsThesis-xuan)",
        "source_url": "https://github.com/xuanx1/parsonsThesis-xuan/blob/01309c378d3ca3193c190943b261d98aeddacc36/"
        "04final/data/vn/hotosm_vnm_railways_lines_geojson.geojson",
        "licence": "railways: © OpenStreetMap contributors, ODbL 1.0",
        "source_date": "2025-03 at the latest (export date not in the file)",
    },
}
ROAD_CLASSES = {"national": "national road", "provincial": "provincial road", "district": "district road"}
# Gauges stated by the link table (network_links.csv: the Hà Nội – Lào Cai and Hà Nội – Hải Phòng lines are
# metre gauge); the OSM export has no gauge tag, so other lines say the gauge is not known.
RAIL_GAUGES = {"Đường sắt Hà Nội - Lào Cai": "metre gauge", "Đường sắt Hà Nội - Hải Phòng": "metre gauge"}


def linework_lines(path: Path, mode: str) -> list[Line]:
    lines = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        coords = tuple((float(x), float(y)) for x, y in feature["geometry"]["coordinates"])
        if mode == "road":
            lines.append(Line(coords, props.get("name") or "", props.get("ref") or "", props["road_class"]))
        else:
            name = props.get("name_vi") or props.get("name") or ""
            lines.append(Line(coords, name, "", "railway"))
    return lines


def build_linework(shared: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Junction and arc rows of the road and rail linework (rail: main lines only, see the ADR)."""
    junction_rows, arc_rows = [], []
    for mode, source in LINEWORK_SOURCES.items():
        lines = linework_lines(shared / source["file"], mode)
        arcs, points = build_junction_network(lines, through_only=mode == "rail")
        ids = {j.point: f"{source['prefix']}J{n:04d}" for n, j in enumerate(junction_names(arcs, points), start=1)}
        for junction in junction_names(arcs, points):
            lon, lat = junction.point
            junction_rows.append(
                {
                    "id": ids[junction.point],
                    "mode": mode,
                    "name": junction.name,
                    "lat": f"{lat:.6f}",
                    "lon": f"{lon:.6f}",
                }
            )
        ordered = sorted(arcs, key=lambda arc: (ids[arc.ends[0]], ids[arc.ends[1]], arc.coords))
        for n, arc in enumerate(ordered, start=1):
            link_class = (
                ROAD_CLASSES.get(arc.kind, arc.kind) if mode == "road" else RAIL_GAUGES.get(arc.name, "gauge unknown")
            )
            arc_rows.append(
                {
                    "id": f"{source['prefix']}A{n:04d}",
                    "mode": mode,
                    "from_junction": ids[arc.ends[0]],
                    "to_junction": ids[arc.ends[1]],
                    "name": arc.name,
                    "ref": arc.ref,
                    "link_class": link_class,
                    "length_km": f"{arc.length_km:.3f}",
                    "geometry": polyline.encode([(lat, lon) for lon, lat in arc.coords], 5),
                    **{k: source[k] for k in ("source_title", "source_url", "licence", "source_date")},
                }
            )
    return junction_rows, arc_rows


INDICATOR_COLUMNS = [
    "locality",
    "year",
    "indicator",
    "value",
    "unit",
    "note",
    "status",
    "source_title",
    "source_url",
    "source_date",
]


def build_indicators(shared: Path) -> list[dict[str, str]]:
    """The source file names pre-2025 localities, except rows marked '(post-merger)'."""
    rows = []
    previous_title = ""
    for row in read_rows(shared / "economy" / "locality_indicators.csv"):
        locality = row["locality_pre2025"]
        if locality.endswith("(post-merger)"):
            locality = locality.replace("(post-merger)", "(2025)")
        else:
            locality = f"{locality} (pre-2025)"
        title = previous_title if row["source_title"] == "(same)" else row["source_title"]
        previous_title = title
        rows.append(
            {
                **row,
                "locality": locality,
                "source_title": title,
                "source_date": source_date(row["source_date"]),
            }
        )
    return rows + build_province_series(shared) + build_pci(shared)


def build_province_series(shared: Path) -> list[dict[str, str]]:
    """Round 5 provincial series: one row per (province, indicator, year, source); conflicting figures all kept."""
    return [
        {
            "locality": f"{row['province_pre2025']} (pre-2025)",
            "year": row["year"] if row["year"].isdigit() else "",
            "indicator": row["indicator"],
            "value": row["value"],
            "unit": row["unit"],
            # a period ("2015-2021") is not a year: the row gets none and its note names the period
            "note": row["notes"] if row["year"].isdigit() else f"period {row['year']}; {row['notes']}".rstrip("; "),
            "status": row["status"],
            "source_title": row["source_title"],
            "source_url": row["source_url"],
            "source_date": source_date(row["as_of"]),
        }
        for row in read_rows(shared / "economy" / "province_timeseries.csv")
    ]


def build_pci(shared: Path) -> list[dict[str, str]]:
    """PCI/PGI rows as indicators: 'PCI' (total, points), 'PCI rank' (of N), 'PCI: <sub-index>' (points)."""
    rows = []
    for row in read_rows(shared / "economy" / "pci_scores.csv"):
        total = row["component"] in {"PCI total", "PGI total"}
        name = row["index"] if total else f"{row['index']}: {row['component']}"
        base = {
            "locality": f"{row['province_pre2025']} (pre-2025)",
            "year": row["year"],
            "note": row["notes"],
            "source_title": row["source_title"],
            "source_url": row["source_url"],
            "source_date": source_date(row["source_date"]),
        }
        if row["score"]:
            rows.append({**base, "indicator": name, "value": row["score"], "unit": "points"})
        if row["rank"]:
            of = f"rank of {row['rank_of']}" if row["rank_of"] else "rank"
            rows.append({**base, "indicator": f"{name} rank", "value": row["rank"], "unit": of})
    return rows


SHIPPED_NOTE = """# Bundled dataset: what Corridor ships and where it comes from

Built by `scripts/build_dataset.py` from the curated research files (their SOURCES.md follows below, unchanged).
Every row of `registry/*.csv` carries its own source title, address and as-of date; `corridor init` loads them.

## What the build changes
- `registry/zones.csv`: one row per (zone, source). The same park named in several files (see `SAME_ZONE` in the
  script) keeps each source's figures as separate rows; the registry shows the newest and keeps the others.
  Status is normalised to planned / under_construction / operating (the original wording is kept in
  `status_note`). A source citing two dates ("2012-06 / 2019") is dated by the later one; the original is in `notes`.
- **Locations.** Points that the research took from pre-2025 commune or district centroids of the PyPI package
  `vietnamadminunits` (table `admin_units_legacy`, geocoded with Google) are not shipped. Each such zone is placed
  at the official 2025 ward centroid (same package, table `admin_units`, MIT; its README names
  sapnhap.bando.com.vn and the GSO) of the ward(s) its commune(s) became under the GSO 2025 conversion table;
  several wards give their mean and precision `approximate`, a former district gives `district`. The
  `location_note` of each zone says how its point was made. Zones with no known address have no point and
  precision `province`.
- **Pre-2025 province.** Where no source names a zone's pre-2025 province and its point is of site or ward
  precision, the province whose pre-2025 boundary (Open Development Vietnam polygons) holds the point is added, and
  the zone's `location_note` says so.
- Zone types other than KCN/KKT/CCN: the Hòa Lạc high-tech park is a KCN marked high-tech; the Chinese border
  economic cooperation zone, the planned cross-border zone and the Honghe bonded zone are KKT; each keeps the
  source's type in `notes`. "Yunnan (China)" is the registry's Yunnan; the cross-border zone is placed in Lào Cai.
  A `town` point is the GeoNames point of the Chinese town the zone is in (precision `approximate`).
- Only the sections of the research SOURCES.md that describe a file the build reads are shipped below.
- `registry/firms.csv`: `enterprises/lead_firms.csv` and `lead_firms_round4.csv` with each park resolved to a zone
  ID (unresolved parks stay in `address`). Role: lead_firm, or supplier / developer / logistics_provider when the
  sector says so.
- `registry/nodes.csv`: transport nodes (round 2, with round-3 coordinates filled in; round 4's ICDs, border
  bridges, river ports and Chinese towns, no point where the source gives none) and the named berths of the
  Hải Phòng port plan layer (industrial-zone and urban-land polygons and breakwaters of that layer are left out).
- **Project research (`research/transport/`, not part of ../shared).** `links.csv`: hand-made links the linework
  and the research rounds lack (CT.04, CT.05, CT.06 between interchanges, the Tân Vũ – Lạch Huyện road and bridge,
  QL18 Nội Bài – Bắc Ninh, the Hải Phòng – Hà Nội and Quảng Ninh – Hải Phòng waterways, the Lạch Huyện – Cái Lân
  coastal leg, the Lào Cai – Hekou – Kunming railway and the G8011/G80 expressways), each with its length basis
  (`sourced`, `derived` from km posts with the arithmetic in `notes`, or `estimated`), opening year and source;
  the whole-route rows they split are kept with `routing` = no. `nodes.csv`: interchanges (node type
  `interchange`) and the Yunnan stations and towns; a position is published (Wikipedia, GeoNames) or **derived** by
  the method in its `notes` (official 2025 ward centroid of the commune the source names, chainage interpolation,
  or a point of the Round 6 linework), with `attributes` = `position=derived`. `tolls.csv`: published tolls by
  vehicle class and years, put on each link as `class_tolls` (a whole-route trip toll shared by length is marked
  `prorated`). `parameter_sources.csv`: the facts behind the barge and coastal parameters.
- `transport/junctions.csv` and `transport/arcs.csv`: the junction-level road and rail network built from
  `transport/roads_round6.geojson` and `railways_round6.geojson` (docs/adr/0014-junction-network.md): line ends
  within 30 m snapped, lines split where they share a vertex, chains of one named line contracted into one arc
  with its geometry (encoded polyline, 5 decimals) and its geodesic length; railways keep their named lines and
  the unnamed track joining two of them within 3 km (yards and sidings are left out). Each arc names its source,
  licence and as-of date. Roads: CTU-SematX LegoCity, CC BY-SA 4.0; railways: © OpenStreetMap contributors,
  ODbL 1.0. **The derived network is offered under the ODbL 1.0.** The links of `transport/links.csv` that the
  linework covers are kept with `routing = no` and a note.
- `registry/indicators.csv`: `economy/locality_indicators.csv` with localities marked as pre-2025 units (the file
  names pre-merger provinces) or 2025 units (rows marked "post-merger"); then `economy/province_timeseries.csv`
  (its `status` kept, so preliminary and final figures stay apart; conflicting figures are separate rows) and
  `economy/pci_scores.csv` as indicators `PCI` / `PGI` (total, points), `PCI rank` / `PGI rank` (unit "rank of
  N") and `PCI: <sub-index>` (points). An as-of text such as "undated (2019 table)" is dated by the year it
  names; plain "undated" becomes "unknown".
- **Land (round 7).** `industrial_parks/zone_land_round7.csv` adds one zone observation per (zone, source, as-of)
  with its area, industrial land, leasable, leased and available land and occupancy. A row joins the zone of its
  own name when the registry has it (a phase such as "KCN Tràng Duệ (giai đoạn I)" is its own zone), else its
  `zone_id_if_known`; a phase the registry lacks, rows combining two parks ("+", "combined") and city/province
  aggregates are **left out** (they are not one zone's figures; the aggregates are not shipped as indicators
  either). An available-land figure the research computed keeps its `derived_from` text as
  `available_derivation`, so the registry shows it as derived. A row without an as-of date is dated by its page's
  publication date and its notes say so. Other metrics (ready land, infrastructure completed) go to `notes`.
- **Siting (round 7).** `siting/rents.csv` is `industrial_parks/rents_round7.csv` with each zone row joined to the
  registry zone of the same name (`zone_id`; a group of parks such as DEEP C stays unjoined) and each province row
  given its 2025 province and, for former Hải Dương, its pre-2025 one; `as_of` is the period's date where the page
  states one, else `unknown`. Conflicting figures stay separate rows; region and national rows are context only.
  `siting/boards.csv` is `management_boards_round7.csv` with an `id` and `focal_point` = `yes` for the one board per
  2025 province that receives investors' inquiries (HEZA, QEZA, the Hưng Yên IZA; the former Hải Dương authority
  is merged into HEZA, the Vân Đồn board manages one EZ, the former Thái Bình board's status is not known). No board
  has an e-mail address in the sources: inquiries say so. `incentives/*.csv` are copied unchanged (Round 5).
- `codes/certifications.csv` is not built from the research files: Corridor keeps it by hand (the names of
  management-system, product and trade certifications and the ways firms write them, e.g. "ISO 27001" for
  ISO/IEC 27001, "IRIS" for ISO/TS 22163). A certification not on it is imported as declared and shown unverified.
- **VSIC.** `codes/vsic_vi_partial.csv` stays partial (see Round 1 below): no complete VSIC 2018 list with a known
  licence and provenance was found in public repositories. An imported 3- to 5-digit code is therefore accepted
  when its division (2 digits) or group (3 digits) is listed, e.g. 2451 through division 24; its name is shown
  only where the list has it. No English (ISIC Rev.4) names are shipped.
- Not shipped: `admin/ward_centroids_vehec_legacy.csv` (Google-derived points).

## Licences
- Administrative lists (`admin/provinces_2025.csv`, `wards_2025.csv`, `ward_conversion_2025.csv`,
  `province_merger_2025.csv`) come from sunshine-tech/VietnamProvinces, **GPL-3.0-or-later**; the underlying data
  is the GSO's. Corridor is therefore distributed under GPL-3.0-or-later.
- Province boundaries: TaliaCao/Vietnam-Shape-Map (MIT), polygons from Open Development Vietnam (check their terms).
- 2025 ward centroids: vietnamadminunits (MIT). Town points: GeoNames (CC BY 4.0). HS 2022: ODC-PDDL-1.0.
- Facts from news and government pages are cited per row.

---

"""


def sources_of_read_files(text: str) -> str:
    """The research SOURCES.md without the sections (rounds) that describe no file the build reads."""
    preamble, *sections = re.split(r"(?m)^(?=## )", text)
    return preamble + "".join(s for s in sections if _describes_a_read_file(s))


def _describes_a_read_file(section: str) -> bool:
    cells = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    return any(cell == path or path.endswith(f"/{cell}") for cell in cells for path in READ)


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sources = sources_of_read_files((shared / "SOURCES.md").read_text(encoding="utf-8"))
    (OUT / "SOURCES.md").write_text(SHIPPED_NOTE + sources, encoding="utf-8")
    for relative in COPIED:
        (OUT / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared / relative, OUT / relative)
    locator = WardLocator(shared)
    zones = build_zones(shared, locator)
    write_rows(OUT / "registry" / "zones.csv", ZONE_COLUMNS, zones)
    write_rows(OUT / "registry" / "firms.csv", FIRM_COLUMNS, build_firms(shared, {z["id"] for z in zones}))
    nodes = build_nodes(shared, locator) + research_nodes(shared, build_nodes(shared, locator))
    write_rows(OUT / "registry" / "nodes.csv", NODE_COLUMNS, nodes)
    write_rows(OUT / "registry" / "indicators.csv", INDICATOR_COLUMNS, build_indicators(shared))
    write_rows(OUT / "transport" / "links.csv", LINK_COLUMNS, with_research_links(build_links(shared)))
    junctions, arcs = build_linework(shared)
    write_rows(OUT / "transport" / "junctions.csv", JUNCTION_COLUMNS, junctions)
    write_rows(OUT / "transport" / "arcs.csv", ARC_COLUMNS, arcs)
    write_rows(OUT / "siting" / "rents.csv", RENT_COLUMNS, build_rents(shared, zones))
    write_rows(OUT / "siting" / "boards.csv", BOARD_COLUMNS, build_boards(shared))
    print(f"wrote {len(zones)} zone observations to {OUT / 'registry'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
