"""Writing exports (CSV, .xlsx, GeoJSON) and blank import templates with Vietnamese and English headers.

Two kinds of export, never mixed: **records** (one row or feature per record, its current public fields, flat;
what a reader downloads) and **statements** (one row per source statement in the import columns, so that
importing the file again changes nothing; what a curator round-trips).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corridor.errors import CorridorError
from corridor.registry.columns import Column
from corridor.registry.formulas import neutralise_text
from corridor.registry.kinds import flat_record, record_kind

__all__ = ["EXPORT_FORMATS", "records_features", "write_records", "write_statements", "write_template"]

EXPORT_FORMATS = ("csv", "xlsx", "geojson")
_GEOMETRY_COLUMNS = ("lat", "lon", "polygon_geojson")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell(value: Any) -> Any:
    """A cell of a CSV or XLSX export: numbers as numbers, text neutralised (corridor.registry.formulas)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return neutralise_text(_text(value))


def _check_format(kind: str, file_format: str) -> None:
    if file_format not in EXPORT_FORMATS:
        raise CorridorError(
            "Unknown format '{format}'; choose one of {formats}",
            format=file_format,
            formats=", ".join(EXPORT_FORMATS),
        )
    if file_format == "geojson" and kind == "indicators":
        raise CorridorError("Indicators have no geometry; export them as csv or xlsx")


def write_records(kind: str, records: Sequence[dict[str, Any]], path: Path, file_format: str) -> None:
    """One row (or feature) per record with the kind's flat public columns; indicators as their own rows."""
    _check_format(kind, file_format)
    if file_format == "geojson":
        document = {"type": "FeatureCollection", "features": records_features(kind, records)}
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    columns = list(_record_columns(kind, records))
    rows = [[_cell(flat.get(c)) for c in columns] for flat in map(flat_record, records)]
    if file_format == "csv":
        _write_csv(path, columns, rows)
    else:
        _write_xlsx(path, [columns, *rows])


def _record_columns(kind: str, records: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    columns = record_kind(kind).flat_columns
    if columns:
        return (*columns, *(("location_from",) if kind == "firms" else ()))
    return tuple(records[0]) if records else ()  # indicators: their JSON keys


def records_features(kind: str, records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A Feature per record: a Point wherever its location is known, its flat public columns as properties."""
    columns = _record_columns(kind, records)
    features = []
    for record in records:
        flat = flat_record(record)
        geometry = None
        if flat["lat"] is not None and flat["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [flat["lon"], flat["lat"]]}
        properties = {c: flat.get(c) for c in columns if c not in {"lat", "lon"}}
        features.append({"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties})
    return features


def write_statements(kind: str, rows: Sequence[dict[str, Any]], path: Path, file_format: str) -> None:
    """Every source statement in the import columns: importing the file again changes nothing."""
    _check_format(kind, file_format)
    keys = [c.key for c in record_kind(kind).columns]
    keys += ["withdrawn"] if rows and "withdrawn" in rows[0] else []  # export_rows(withdrawn=True)
    if file_format == "csv":
        _write_csv(path, keys, [[_cell(r.get(k)) for k in keys] for r in rows])
    elif file_format == "xlsx":
        _write_xlsx(path, [keys, *[[_cell(r.get(k)) for k in keys] for r in rows]])
    else:
        _write_geojson(path, keys, rows)


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _write_geojson(path: Path, keys: list[str], rows: Sequence[dict[str, Any]]) -> None:
    features = []
    for row in rows:
        properties = {k: _text(row.get(k)) for k in keys if k not in _GEOMETRY_COLUMNS and row.get(k) is not None}
        geometry = None
        if row.get("lat") is not None and row.get("lon") is not None:
            geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        elif row.get("polygon_geojson"):
            geometry = json.loads(row["polygon_geojson"])
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    document = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def write_template(kind: str, path: Path, lang: str) -> None:
    """A header row of Vietnamese column names (English keys are accepted too) and a sheet of help."""
    columns = record_kind(kind).columns
    headers = [c.header_vi if lang == "vi" else c.key for c in columns]
    if path.suffix.lower() == ".xlsx":
        _write_xlsx_template(path, headers, columns)
    elif path.suffix.lower() == ".csv":
        _write_csv(path, headers, [])
    else:
        raise CorridorError("Templates are .csv or .xlsx, not '{suffix}'", suffix=path.suffix)


def _write_xlsx_template(path: Path, headers: list[str], columns: Sequence[Column]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(headers)
    help_sheet = workbook.create_sheet("huong_dan_help")
    help_sheet.append(
        [
            "cột (tiếng Việt)",
            "column (English)",
            "bắt buộc / required",
            "kiểu / type",
            "giá trị / values",
            "hướng dẫn",
            "help",
        ]
    )
    for column in columns:
        texts = (
            column.header_vi,
            column.key,
            "x" if column.required else "",
            column.type.value,
            ", ".join(column.choices),
            column.help_vi,
            column.help_en,
        )
        help_sheet.append([neutralise_text(text) for text in texts])
    workbook.save(path)
