"""Upload limits (corridor.registry.limits): each refusal names the file and the limit, before or while reading."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from corridor.errors import CorridorError, ImportRejected, UnsupportedContent, UploadTooLarge
from corridor.registry.files import read_table
from corridor.registry.limits import UploadLimits, check_declared_type, copy_upload, upload_file_name
from tests.factories import FIRM_HEADER, make_firm_row, write_csv, write_zip_bomb_xlsx


def _never_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the workbook was handed to the parser")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_zip_bomb_is_refused_from_its_directory_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = write_zip_bomb_xlsx(tmp_path / "firms.xlsx", expanded_mb=300)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # 300 MB of sheet in well under 2 MB of file
    _never_parse(monkeypatch)
    with pytest.raises(UploadTooLarge) as refused:
        read_table(bomb)
    assert refused.value.http_status == 413
    assert "firms.xlsx" in refused.value.render("en") and "300.0 MB" in refused.value.render("en")
    assert "firms.xlsx" in refused.value.render("vi")


def test_one_member_that_expands_too_far_is_refused_under_the_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = write_zip_bomb_xlsx(tmp_path / "firms.xlsx", expanded_mb=5)  # 5 MB total, but ~1000:1
    _never_parse(monkeypatch)
    with pytest.raises(UploadTooLarge, match="100 times"):
        read_table(bomb)


def test_an_ordinary_workbook_still_reads(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "tax_code"])
    sheet.append(["Công ty A", "0100109106"])
    workbook.save(tmp_path / "firms.xlsx")
    assert read_table(tmp_path / "firms.xlsx").rows == [(2, {"name": "Công ty A", "tax_code": "0100109106"})]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_an_xlsx_must_be_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "text.xlsx").write_text("name,tax_code\nA,1\n", encoding="utf-8")
    with pytest.raises(UnsupportedContent, match="zip archive"):
        read_table(tmp_path / "text.xlsx")
    with pytest.raises(UnsupportedContent, match=r"xl/workbook\.xml"):
        read_table(_zip(tmp_path / "other.xlsx", {"readme.txt": b"hello"}))
    nested = {"xl/workbook.xml": b"<workbook/>", "xl/media/inner.zip": b"PK\x03\x04"}
    with pytest.raises(UnsupportedContent, match=r"inner\.zip"):
        read_table(_zip(tmp_path / "nested.xlsx", nested))


def test_too_many_parts_are_refused(tmp_path: Path) -> None:
    members = {"xl/workbook.xml": b"<workbook/>", **{f"xl/p{i}.xml": b"x" for i in range(20)}}
    with pytest.raises(UploadTooLarge, match="21 parts"):
        read_table(_zip(tmp_path / "parts.xlsx", members), UploadLimits(max_zip_members=10))


def test_a_csv_must_be_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.save(tmp_path / "renamed.csv")  # an Excel file renamed to .csv
    with pytest.raises(UnsupportedContent, match=r"renamed\.csv.*binary"):
        read_table(tmp_path / "renamed.csv")
    (tmp_path / "nul.geojson").write_bytes(b'{"type": "FeatureCollection"\x00}')
    with pytest.raises(UnsupportedContent):
        read_table(tmp_path / "nul.geojson")


def test_byte_row_column_and_cell_limits(tmp_path: Path) -> None:
    rows = [make_firm_row(name=f"Công ty {i}") for i in range(5)]
    path = write_csv(tmp_path / "firms.csv", rows, FIRM_HEADER)
    with pytest.raises(UploadTooLarge, match=r"firms\.csv.*MB"):
        read_table(path, UploadLimits(max_bytes=100))
    with pytest.raises(UploadTooLarge, match="more than 4 rows"):
        read_table(path, UploadLimits(max_rows=4))
    assert len(read_table(path, UploadLimits(max_rows=5)).rows) == 5
    with pytest.raises(UploadTooLarge, match=f"{len(FIRM_HEADER)} columns"):
        read_table(path, UploadLimits(max_columns=3))
    long_name = write_csv(tmp_path / "long.csv", [make_firm_row(name="x" * 50)], FIRM_HEADER)
    with pytest.raises(ImportRejected) as rejected:
        read_table(long_name, UploadLimits(max_cell_chars=20))
    [error] = rejected.value.errors
    assert (error.file, error.row, error.column) == ("long.csv", 2, "name")
    assert "at most 20 characters (this cell has 50)" in error.render("en")


def test_geojson_rows_and_malformed_features(tmp_path: Path) -> None:
    path = tmp_path / "zones.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [1, 2]}', encoding="utf-8")
    with pytest.raises(UploadTooLarge):
        read_table(path, UploadLimits(max_rows=1))
    with pytest.raises(Exception, match="not a GeoJSON Feature"):
        read_table(path)
    path.write_text('{"type": "FeatureCollection", "features": [{"geometry": {"type": "Point"}}]}', encoding="utf-8")
    with pytest.raises(Exception, match="longitude, latitude"):
        read_table(path)


def test_an_upload_is_copied_until_the_limit_only(tmp_path: Path) -> None:
    copy_upload(io.BytesIO(b"a" * 1000), tmp_path / "ok.csv", UploadLimits(max_bytes=1000), "ok.csv")
    assert (tmp_path / "ok.csv").stat().st_size == 1000
    with pytest.raises(UploadTooLarge):
        copy_upload(io.BytesIO(b"a" * 200_000), tmp_path / "big.csv", UploadLimits(max_bytes=1000), "big.csv")
    assert (tmp_path / "big.csv").stat().st_size <= 1000


def test_declared_types_and_names() -> None:
    check_declared_type("firms.csv", "text/csv; charset=utf-8")
    check_declared_type("firms.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    with pytest.raises(UnsupportedContent, match="image/png"):
        check_declared_type("firms.csv", "image/png")
    with pytest.raises(UnsupportedContent):
        check_declared_type("firms.xlsx", "text/csv")
    assert upload_file_name("../../etc/firms.csv") == "firms.csv"
    assert upload_file_name("C:\\Users\\a\\firms.xlsx") == "firms.xlsx"
    assert upload_file_name("..") == "upload"
    assert upload_file_name("a\x00b<script>.csv") == "a_b_script_.csv"


def test_a_workbook_with_xml_entities_is_refused(tmp_path: Path) -> None:
    """defusedxml (a dependency) makes openpyxl refuse entity declarations: no billion laughs, no external files."""
    workbook = openpyxl.Workbook()
    workbook.save(tmp_path / "plain.xlsx")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as source, zipfile.ZipFile(tmp_path / "laughs.xlsx", "w") as out:
        for member in source.infolist():
            data = laughs if member.filename == "xl/worksheets/sheet1.xml" else source.read(member)
            out.writestr(member, data)
    with pytest.raises(CorridorError, match=r"laughs\.xlsx: not a readable Excel"):
        read_table(tmp_path / "laughs.xlsx")
