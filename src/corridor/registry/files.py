"""Reading import files (CSV, Excel .xlsx, GeoJSON) into raw tables, refusing what cannot be read safely."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from corridor.errors import CorridorError
from corridor.registry.formulas import restore_text
from corridor.registry.limits import UploadLimits, check_cell, check_columns, check_file, check_row_count
from corridor.registry.validation import RawTable

__all__ = ["SUPPORTED_SUFFIXES", "read_table"]

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".geojson", ".json")


def read_table(path: Path, limits: UploadLimits | None = None) -> RawTable:
    """The file as a raw table, within `limits` (the defaults when None): size and content are checked before
    parsing, rows, columns and cells while reading."""
    if not path.is_file():
        raise CorridorError("{file}: no such file", file=str(path))
    limits = limits or UploadLimits()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(path, suffix)
    check_file(path, limits)
    if suffix == ".csv":
        return _read_csv(path, limits)
    if suffix == ".xlsx":
        return _read_xlsx(path, limits)
    return _read_geojson(path, limits)


def _unsupported(path: Path, suffix: str) -> CorridorError:
    return CorridorError(
        "{file}: unsupported file type '{suffix}'; use one of {supported}",
        file=path.name,
        suffix=suffix,
        supported=", ".join(SUPPORTED_SUFFIXES),
    )


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from charset_normalizer import from_bytes  # only for a file that is not UTF-8: slow to import

        best = from_bytes(data).best()
        guess = best.encoding if best else "unknown"
        raise CorridorError(
            "{file}: the file is not UTF-8 (it looks like {encoding}; first bad byte at position {position}). "
            "Save it as 'CSV UTF-8' and import again",
            file=path.name,
            encoding=guess,
            position=error.start,
        ) from error


def _checked_row(
    file_name: str, number: int, headers: list[str], values: list[str], limits: UploadLimits
) -> dict[str, str]:
    """The row by column, each cell within the length limit and without the apostrophe an export adds before
    text that a spreadsheet would take for a formula (corridor.registry.formulas)."""
    for column, value in zip(headers, values, strict=False):
        check_cell(file_name, number, column, value, limits)
    return {column: restore_text(value) for column, value in zip(headers, values, strict=False)}


def _read_csv(path: Path, limits: UploadLimits) -> RawTable:
    text = _decode(path, path.read_bytes())
    if not text.strip():
        raise CorridorError("{file}: the file is empty", file=path.name)
    dialect = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    headers = [h.strip() for h in next(reader)]
    check_columns(path.name, headers, limits)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        check_row_count(path.name, len(rows) + 1, limits)
        if len(values) > len(headers):
            raise CorridorError(
                "{file}, row {row}: {count} values but only {columns} columns in the header",
                file=path.name,
                row=number,
                count=len(values),
                columns=len(headers),
            )
        rows.append((number, _checked_row(path.name, number, headers, values, limits)))
    return RawTable(path.name, headers, rows)


def _sniff(text: str) -> type[csv.Dialect]:
    """Comma by default; semicolon or tab when the header uses them (as Excel does in some locales)."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return csv.excel
    return csv.excel_tab if "\t" in header else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _read_xlsx(path: Path, limits: UploadLimits) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            return _read_first_sheet(path.name, workbook.worksheets[0], limits)
        finally:
            workbook.close()
    except CorridorError:
        raise
    except Exception as error:  # openpyxl's and defusedxml's own errors: a bad workbook, said plainly
        raise CorridorError(
            "{file}: not a readable Excel .xlsx file ({reason})", file=path.name, reason=type(error).__name__
        ) from error


def _read_first_sheet(file_name: str, sheet: Any, limits: UploadLimits) -> RawTable:
    """Read-only sheets parse their XML while rows are iterated, so this runs inside the caller's error handling."""
    lines = sheet.iter_rows(values_only=True)
    headers = [_cell_text(v).strip() for v in next(lines, ())]
    check_columns(file_name, headers, limits)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(lines, start=2):
        cells = [_cell_text(v) for v in values[: len(headers)]]
        if any(c.strip() for c in cells):
            check_row_count(file_name, len(rows) + 1, limits)
            rows.append((number, _checked_row(file_name, number, headers, cells, limits)))
    return RawTable(file_name, [h for h in headers if h], rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_geojson(path: Path, limits: UploadLimits) -> RawTable:
    try:
        document = json.loads(_decode(path, path.read_bytes()))
    except json.JSONDecodeError as error:
        raise CorridorError(
            "{file}: not valid JSON (line {line}, column {column}: {reason})",
            file=path.name,
            line=error.lineno,
            column=error.colno,
            reason=error.msg,
        ) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise CorridorError("{file}: expected a GeoJSON FeatureCollection", file=path.name)
    features = document.get("features")
    if not isinstance(features, list):
        raise CorridorError("{file}: expected a GeoJSON FeatureCollection", file=path.name)
    check_row_count(path.name, len(features), limits)
    headers: list[str] = []
    rows = []
    for number, feature in enumerate(features, start=1):
        row = _feature_row(path, number, feature)
        for key in row:
            if key not in headers:
                headers.append(key)
        check_columns(path.name, headers, limits)
        for column, value in row.items():  # JSON is not a spreadsheet: no apostrophe was added, none is removed
            check_cell(path.name, number, column, value, limits)
        rows.append((number, row))
    return RawTable(path.name, headers, rows)


def _feature_row(path: Path, number: int, feature: Any) -> dict[str, str]:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(feature, dict) or not isinstance(properties, dict | None):
        raise CorridorError("{file}, feature {row}: not a GeoJSON Feature", file=path.name, row=number)
    row = {str(k): _cell_text(v) for k, v in (properties or {}).items()}
    row.update(_geometry_columns(path, number, feature.get("geometry")))
    return row


def _geometry_columns(path: Path, number: int, geometry: Any) -> dict[str, str]:
    if geometry is None:
        return {}
    kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
    if kind == "Point":
        coordinates = geometry.get("coordinates")
        if not isinstance(coordinates, list) or len(coordinates) < len(("lon", "lat")):
            raise CorridorError(
                "{file}, feature {row}: a Point needs [longitude, latitude]", file=path.name, row=number
            )
        lon, lat = coordinates[:2]
        return {"lat": _cell_text(lat), "lon": _cell_text(lon)}
    if kind in {"Polygon", "MultiPolygon"}:
        return {"polygon_geojson": json.dumps(geometry, ensure_ascii=False)}
    raise CorridorError(
        "{file}, feature {row}: geometry type {kind} is not supported (Point or Polygon)",
        file=path.name,
        row=number,
        kind=str(kind),
    )
