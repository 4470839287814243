"""Bad files: each gives an error naming file, row, column and what was expected, and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.errors import CorridorError, ImportRejected
from tests.factories import FIRM_HEADER, make_firm_row, snapshot, write_csv

Maker = Callable[[Path], Path]


def _firms(*rows: dict[str, str], header: list[str] | None = None) -> Maker:
    return lambda folder: write_csv(folder / "firms.csv", list(rows), header or FIRM_HEADER)


def _good_then(bad: dict[str, str]) -> Maker:
    """Many good rows, then one bad one: the good rows must not be written either."""
    good = [make_firm_row(name=f"Công ty Tốt {i}", tax_code="") for i in range(50)]
    return lambda folder: write_csv(folder / "firms.csv", [*good, make_firm_row(**bad)], FIRM_HEADER)


def _raw(name: str, data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return make


def _zones(**overrides: str) -> Maker:
    row = {"name_vi": "KCN Mới", "zone_type": "KCN", "province": "Hưng Yên", "area_ha": "100", "leasable_ha": "70"}
    row.update(overrides)
    return lambda folder: write_csv(folder / "zones.csv", [row])


# (id, kind, file maker, fragments the English message must contain)
CASES: list[tuple[str, str, Maker, list[str]]] = [
    (
        "unknown province",
        "firms",
        _firms(make_firm_row(province="Hải Đông")),
        ["firms.csv, row 2, column 'province'", "got 'Hải Đông'", "known province", "Hải Dương"],
    ),
    (
        "unknown zone",
        "firms",
        _firms(make_firm_row(zone="KCN Không Tồn Tại")),
        ["row 2, column 'zone'", "ID or name of a zone"],
    ),
    (
        "unknown HS code",
        "firms",
        _firms(make_firm_row(hs_codes="8480;847199")),
        ["column 'hs_codes'", "got '847199'", "HS 2022 codes"],
    ),
    # Division 04 does not exist in VSIC; a class of an existing division (2451) is accepted (test_real_firm_files).
    ("unknown VSIC code", "firms", _firms(make_firm_row(vsic="0499")), ["column 'vsic'", "VSIC codes"]),
    (
        "bad tax code",
        "firms",
        _firms(make_firm_row(tax_code="0100109107")),
        ["column 'tax_code'", "got '0100109107'", "valid check digit"],
    ),
    (
        "latitude outside Vietnam and Yunnan",
        "firms",
        _firms(make_firm_row(lat="35.6", lon="139.7")),
        ["column 'lat'", "inside Vietnam or Yunnan"],
    ),
    ("longitude not a number", "firms", _firms(make_firm_row(lon="106,6,1")), ["column 'lon'", "decimal degrees"]),
    ("latitude without longitude", "firms", _firms(make_firm_row(lon="")), ["column 'lon'", "both lat and lon"]),
    ("negative area", "zones", _zones(area_ha="-5"), ["column 'area_ha'", "got '-5'", "from 0.0"]),
    ("absurd area", "zones", _zones(area_ha="5000000"), ["column 'area_ha'", "300000.0"]),
    ("occupancy over 100", "zones", _zones(occupancy_pct="150"), ["column 'occupancy_pct'", "to 100.0"]),
    ("leasable land above total", "zones", _zones(leasable_ha="120"), ["column 'leasable_ha'", "at most the total"]),
    ("unknown zone type", "zones", _zones(zone_type="KCX"), ["column 'zone_type'", "one of: KCN, KKT, CCN"]),
    (
        "duplicate key",
        "firms",
        _firms(make_firm_row(), make_firm_row()),
        ["row 3, column 'id'", "already used in row 2"],
    ),
    (
        "wrong type",
        "firms",
        _firms({**make_firm_row(), "employees": "nhiều"}, header=[*FIRM_HEADER, "employees"]),
        ["column 'employees'", "got 'nhiều'", "whole number"],
    ),
    ("unknown role", "firms", _firms(make_firm_row(role="boss")), ["column 'role'", "lead_firm, supplier"]),
    (
        "missing required column",
        "firms",
        _firms({k: v for k, v in make_firm_row().items() if k != "name"}, header=FIRM_HEADER[1:]),
        ["row 1, column 'name'", "a column named name"],
    ),
    (
        "unknown column",
        "firms",
        _firms({**make_firm_row(), "colour": "red"}, header=[*FIRM_HEADER, "colour"]),
        ["row 1, column 'colour'", "known columns"],
    ),
    ("empty required value", "firms", _firms(make_firm_row(name="")), ["column 'name'", "required"]),
    (
        "bad source date",
        "zones",
        _zones(source_title="Báo", source_date="31/12/2024"),
        ["column 'source_date'", "YYYY-MM-DD"],
    ),
    ("bad ID characters", "zones", _zones(id="kcn mới/1"), ["column 'id'", "letters, digits"]),
    (
        "source dated in the future",
        "zones",
        _zones(id="kcn-pho-noi-a", name_vi="KCN Phố Nối A", source_title="Báo", source_date="2062"),
        ["zones.csv, row 2, column 'source_date'", "got '2062'", "not after today"],
    ),
    (
        "source dated before the zone was established (stated in the same row)",
        "zones",
        _zones(established="2008-01-10 (QĐ 06/2008/QĐ-TTg)", source_title="Báo", source_date="2005-03"),
        ["row 2, column 'source_date'", "got '2005-03'", "not before the zone was established (2008)"],
    ),
    (
        "source dated before an existing zone was established (1997)",
        "zones",
        _zones(id="kcn-dinh-vu-deep-c-hai-phong-i", name_vi="KCN Đình Vũ", source_title="Báo", source_date="1990"),
        ["row 2, column 'source_date'", "got '1990'", "established (1997)"],
    ),
    (
        "one bad row after fifty good ones",
        "firms",
        _good_then({"name": "Công ty Xấu", "province": "Narnia"}),
        ["row 52, column 'province'", "got 'Narnia'"],
    ),
]

FILE_CASES: list[tuple[str, str, Maker, list[str]]] = [
    (
        "not UTF-8 (Windows-1258)",
        "firms",
        _raw("firms.csv", "name,province\nCông ty Đông Á,Hà Tây\n".encode("cp1258")),
        ["firms.csv", "not UTF-8", "CSV UTF-8"],
    ),
    ("empty file", "firms", _raw("firms.csv", b""), ["firms.csv", "empty"]),
    ("header only", "firms", _raw("firms.csv", b"name,province\n"), ["at least one data row"]),
    (
        "too many values in a row",
        "firms",
        _raw("firms.csv", "name,province\nA,Hải Phòng,extra\n".encode()),
        ["firms.csv, row 2", "only 2 columns"],
    ),
    (
        "broken GeoJSON",
        "zones",
        _raw("zones.geojson", b'{"type": "FeatureCollection", "features": [}'),
        ["zones.geojson", "not valid JSON", "line 1"],
    ),
    (
        "GeoJSON that is not a collection",
        "zones",
        _raw("zones.geojson", json.dumps({"type": "Point"}).encode()),
        ["FeatureCollection"],
    ),
    ("damaged Excel file", "firms", _raw("firms.xlsx", b"PK\x03\x04 not really a zip"), ["firms.xlsx", "Excel"]),
    ("unsupported type", "firms", _raw("firms.txt", b"name\nA\n"), ["unsupported file type '.txt'"]),
]


def _refused(app: App, path: Path, kind: str, error: type[CorridorError], fragments: list[str]) -> str:
    """Import `path`, expect `error` naming every fragment, and check that nothing changed."""
    before = snapshot(app)
    with pytest.raises(error) as caught:
        app.registry.import_file(path, kind, "someone")
    message = caught.value.render("en")
    for fragment in fragments:
        assert fragment in message
    assert snapshot(app) == before
    return message


@pytest.mark.parametrize(("kind", "maker", "fragments"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_rows_are_reported_and_nothing_is_written(
    loaded_app: App, tmp_path: Path, kind: str, maker: Maker, fragments: list[str]
) -> None:
    message = _refused(loaded_app, maker(tmp_path), kind, ImportRejected, fragments)
    assert "nothing was imported" in message


@pytest.mark.parametrize(("kind", "maker", "fragments"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_unreadable_files_are_refused_and_nothing_is_written(
    loaded_app: App, tmp_path: Path, kind: str, maker: Maker, fragments: list[str]
) -> None:
    _refused(loaded_app, maker(tmp_path), kind, CorridorError, fragments)


def test_errors_are_shown_in_vietnamese(loaded_app: App, tmp_path: Path) -> None:
    path = _firms(make_firm_row(tax_code="123"))(tmp_path)
    with pytest.raises(ImportRejected) as caught:
        loaded_app.registry.import_file(path, "firms", "someone")
    message = caught.value.render("vi")
    assert "firms.csv, dòng 2, cột 'tax_code'" in message
    assert "mã số thuế" in message
    assert "không có gì được nhập" in message


def test_every_error_of_a_file_is_listed_at_once(loaded_app: App, tmp_path: Path) -> None:
    path = _firms(make_firm_row(province="X", tax_code="1"), make_firm_row(name="B", lat="99", tax_code=""))(tmp_path)
    with pytest.raises(ImportRejected) as caught:
        loaded_app.registry.import_file(path, "firms", "someone")
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "tax_code"), (2, "province"), (3, "lat")]
