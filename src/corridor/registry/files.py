"""Reading import files (CSV, Excel .xlsx, GeoJSON) into raw tables, refusing what cannot be read safely."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from corridor.errors import CorridorError
from corridor.registry.validation import RawTable

__all__ = ["SUPPORTED_SUFFIXES", "read_table"]

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".geojson", ".json")


def read_table(path: Path) -> RawTable:
    if not path.is_file():
        raise CorridorError("{file}: no such file", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in {".geojson", ".json"}:
        return _read_geojson(path)
    raise CorridorError(
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


def _read_csv(path: Path) -> RawTable:
    text = _decode(path, path.read_bytes())
    if not text.strip():
        raise CorridorError("{file}: the file is empty", file=path.name)
    dialect = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    headers = [h.strip() for h in next(reader)]
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(headers):
            raise CorridorError(
                "{file}, row {row}: {count} values but only {columns} columns in the header",
                file=path.name,
                row=number,
                count=len(values),
                columns=len(headers),
            )
        rows.append((number, dict(zip(headers, values, strict=False))))
    return RawTable(path.name, headers, rows)


def _sniff(text: str) -> type[csv.Dialect]:
    """Comma by default; semicolon or tab when the header uses them (as Excel does in some locales)."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return csv.excel
    return csv.excel_tab if "\t" in header else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise CorridorError(
            "{file}: not a readable Excel .xlsx file ({reason})", file=path.name, reason=type(error).__name__
        ) from error
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    headers = [_cell_text(v).strip() for v in next(lines, ())]
    rows = []
    for number, values in enumerate(lines, start=2):
        cells = [_cell_text(v) for v in values]
        if any(c.strip() for c in cells):
            rows.append((number, dict(zip(headers, cells, strict=False))))
    workbook.close()
    return RawTable(path.name, [h for h in headers if h], rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_geojson(path: Path) -> RawTable:
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
    headers: list[str] = []
    rows = []
    for number, feature in enumerate(document.get("features", []), start=1):
        row = {k: _cell_text(v) for k, v in (feature.get("properties") or {}).items()}
        row.update(_geometry_columns(path, number, feature.get("geometry")))
        for key in row:
            if key not in headers:
                headers.append(key)
        rows.append((number, row))
    return RawTable(path.name, headers, rows)


def _geometry_columns(path: Path, number: int, geometry: Any) -> dict[str, str]:
    if geometry is None:
        return {}
    kind = geometry.get("type")
    if kind == "Point":
        lon, lat = geometry["coordinates"][:2]
        return {"lat": _cell_text(lat), "lon": _cell_text(lon)}
    if kind in {"Polygon", "MultiPolygon"}:
        return {"polygon_geojson": json.dumps(geometry, ensure_ascii=False)}
    raise CorridorError(
        "{file}, feature {row}: geometry type {kind} is not supported (Point or Polygon)",
        file=path.name,
        row=number,
        kind=str(kind),
    )
