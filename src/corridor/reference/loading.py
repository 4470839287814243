"""Reading the bundled reference files (provinces, wards, the 2025 conversion, codes) into plain rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from corridor.reference.admin import MERGER_DATE
from corridor.reference.names import fold_name, short_unit_name, strip_diacritics

__all__ = [
    "ADMIN_SOURCE",
    "CORRIDORS",
    "DATA",
    "MERGER_DATE",
    "UnitRow",
    "corridor_memberships",
    "read_csv",
    "read_hs_codes",
    "read_provinces",
    "read_successions",
    "read_vsic_codes",
    "read_wards",
]

DATA = resources.files("corridor") / "data"
DAY_BEFORE_MERGER = MERGER_DATE - dt.timedelta(days=1)

ADMIN_SOURCE = (
    "GSO administrative units and 2025 conversion table, via sunshine-tech/VietnamProvinces "
    "(PyPI vietnam-provinces 2025.10.1; GPL-3.0-or-later)",
    "https://danhmuchanhchinh.gso.gov.vn/ ; https://github.com/sunshine-tech/VietnamProvinces",
    "2025-07",
)
YUNNAN_SOURCE = (
    "ISO 3166-2:CN (CN-YN, Yunnan Province)",
    "https://www.iso.org/obp/ui/#iso:code:3166:CN",
    "unknown",
)
CORRIDOR_SOURCE = (
    "Corridor project brief: the VEHEC agreement (VCCI and the provinces of Hải Phòng, Hải Dương, Quảng Ninh, "
    "Hưng Yên) and the Lào Cai – Hà Nội – Hải Phòng – Quảng Ninh – Yunnan corridor",
    "docs/DATA.md",
    "unknown",
)

# corridor id -> (vi name, en name, pre-2025 member codes, 2025 member codes); "CN-YN" is Yunnan.
CORRIDORS = {
    "vehec": (
        "Hành lang kinh tế đường cao tốc phía Đông (VEHEC)",
        "Eastern Expressway Economic Corridor (VEHEC)",
        ("31", "30", "22", "33"),
        ("31", "22", "33"),
    ),
    "kunming-lao-cai-hai-phong": (
        "Hành lang Lào Cai – Hà Nội – Hải Phòng – Quảng Ninh – Vân Nam",
        "Lào Cai – Hà Nội – Hải Phòng – Quảng Ninh – Yunnan corridor",
        ("10", "01", "31", "22", "CN-YN"),
        ("15", "01", "31", "22", "CN-YN"),
    ),
}


@dataclass(frozen=True)
class UnitRow:
    id: str
    code: str
    name: str
    official_name: str
    name_en: str
    name_folded: str
    level: str
    country: str
    parent_id: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


def read_csv(path: Traversable) -> Iterator[dict[str, str]]:
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def old_province_id(code: str) -> str:
    return f"VN-{int(code):02d}"


def new_province_id(code: str) -> str:
    return f"VN-{int(code):02d}-2025"


def _unit(
    uid: str,
    code: str,
    official: str,
    level: str,
    parent: str | None,
    valid: tuple[dt.date | None, dt.date | None],
    country: str = "VN",
) -> UnitRow:
    name = short_unit_name(official) if level == "province" else official
    return UnitRow(
        uid,
        code,
        name,
        official,
        strip_diacritics(name),
        fold_name(name),
        level,
        country,
        parent,
        valid[0],
        valid[1],
    )


def read_provinces() -> list[UnitRow]:
    """The 63 pre-2025 provinces (valid to 2025-06-30), the 34 from 2025-07-01, and Yunnan."""
    old = {(r["old_province_code"], r["old_province"]) for r in read_csv(DATA / "admin/province_merger_2025.csv")}
    units = [
        _unit(old_province_id(code), f"{int(code):02d}", name, "province", None, (None, DAY_BEFORE_MERGER))
        for code, name in sorted(old)
    ]
    units += [
        _unit(
            new_province_id(r["code"]),
            f"{int(r['code']):02d}",
            r["name"],
            "province",
            None,
            (MERGER_DATE, None),
        )
        for r in read_csv(DATA / "admin/provinces_2025.csv")
    ]
    units.append(
        UnitRow(
            "CN-YN",
            "CN-YN",
            "Vân Nam",
            "Tỉnh Vân Nam (Trung Quốc)",
            "Yunnan",
            fold_name("Vân Nam"),
            "province",
            "CN",
            None,
            None,
            None,
        )
    )
    return units


def read_wards() -> list[UnitRow]:
    """Communes before the merger (from the conversion table) and the 3,321 communes/wards after it."""
    conversion = list(read_csv(DATA / "admin/ward_conversion_2025.csv"))
    old = {r["old_ward_code"]: r for r in conversion if r["old_ward_code"]}
    units = [
        _unit(
            f"VN-W{code}",
            code,
            r["old_ward"],
            "commune",
            old_province_id(r["old_province_code"]),
            (None, DAY_BEFORE_MERGER),
        )
        for code, r in sorted(old.items())
    ]
    new = {r["new_ward_code"]: r for r in conversion if r["new_ward_code"]}
    units += [
        _unit(
            f"VN-W{code}-2025",
            code,
            r["new_ward"],
            "commune",
            new_province_id(r["new_province_code"]),
            (MERGER_DATE, None),
        )
        for code, r in sorted(new.items())
    ]
    return units


def read_successions() -> list[tuple[str, str, bool]]:
    """(old unit, new unit, whole) for provinces (by majority of wards) and for every commune row."""
    pairs = [
        (old_province_id(r["old_province_code"]), new_province_id(r["new_province_code"]), True)
        for r in read_csv(DATA / "admin/province_merger_2025.csv")
    ]
    seen: set[tuple[str, str]] = set()
    for r in read_csv(DATA / "admin/ward_conversion_2025.csv"):
        key = (f"VN-W{r['old_ward_code']}", f"VN-W{r['new_ward_code']}-2025")
        if r["old_ward_code"] and r["new_ward_code"] and key not in seen:
            seen.add(key)
            pairs.append((*key, r["note"].strip().lower() == "nhập toàn bộ"))
    return pairs


def corridor_memberships() -> list[tuple[str, str, dt.date | None, dt.date | None]]:
    rows: list[tuple[str, str, dt.date | None, dt.date | None]] = []
    for corridor_id, (_, _, before, after) in CORRIDORS.items():
        for code in before:
            if code == "CN-YN":
                rows.append((corridor_id, code, None, None))
                continue
            rows.append((corridor_id, old_province_id(code), None, DAY_BEFORE_MERGER))
        rows += [(corridor_id, new_province_id(code), MERGER_DATE, None) for code in after if code != "CN-YN"]
    return rows


def read_hs_codes() -> list[dict[str, object]]:
    return [
        {
            "code": r["hscode"],
            "level": int(r["level"]),
            "parent": r["parent"],
            "section": r["section"],
            "description_en": r["description"],
        }
        for r in read_csv(DATA / "codes/hs2022_harmonized_system.csv")
    ]


def read_vsic_codes() -> list[dict[str, object]]:
    return [
        {
            "code": r["code"],
            "level": int(r["level"]),
            "parent": r["parent_code"] or None,
            "section": r["section"],
            "name_vi": r["name_vi"],
        }
        for r in read_csv(DATA / "codes/vsic_vi_partial.csv")
    ]
