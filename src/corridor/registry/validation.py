"""Validating imported rows: every cell checked, every problem reported with file, row, column and value.

Pure: it gets the rows and the reference data it needs and returns typed statements or a list of errors.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corridor.errors import RowError
from corridor.reference.admin import MERGER_DATE, AdminIndex
from corridor.reference.names import fold_name, slugify
from corridor.registry.certifications import canonical_certification
from corridor.registry.columns import Column, ColumnType
from corridor.registry.kinds import header_lookup, record_kind
from corridor.registry.models import SourceRef, Statement

__all__ = ["BOUNDS", "RawTable", "References", "validate_table"]

# Vietnam and Yunnan as two boxes (degrees): a coarse but explicit test for "somewhere in the corridor's world".
BOUNDS = (((8.0, 23.5), (102.0, 117.5)), ((21.0, 29.3), (97.5, 106.3)))
_ID = re.compile(r"[A-Za-z0-9_.\-]+")
_SOURCE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The establishment year, only where the `established` text opens with it ("2008-01-10 (QĐ 06/2008)", "established
# 1997-02-22"): later years in such texts are plans, lease terms or amendments, not the founding.
_ESTABLISHED_YEAR = re.compile(r"^(?:established\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)
_TRUE = {"1", "true", "yes", "y", "co", "x"}
_FALSE = {"0", "false", "no", "n", "khong"}


@dataclass(frozen=True)
class RawTable:
    """A parsed file: its name, its header as written and its data rows (row numbers as a person counts)."""

    file_name: str
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]


@dataclass
class References:
    """What validation looks things up in: units, existing zones, code lists, and today's date."""

    admin: AdminIndex
    zone_ids: dict[str, str] = field(default_factory=dict)  # folded id or name -> zone id
    firm_ids: dict[str, str] = field(default_factory=dict)  # folded id or name -> firm id
    hs_codes: frozenset[str] = frozenset()
    vsic_codes: frozenset[str] = frozenset()
    zone_established: dict[str, str] = field(default_factory=dict)  # zone id -> its `established` text
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class _RowContext:
    table: RawTable
    row_number: int
    refs: References
    errors: list[RowError]
    on: dt.date

    def reject(self, column: str, value: str, expected: str, **params: Any) -> None:
        self.errors.append(RowError(self.table.file_name, self.row_number, column, value, expected, params))


def validate_table(kind: str, table: RawTable, refs: References) -> tuple[list[Statement], list[RowError]]:
    """Typed statements for every row, or the errors; a file with any error yields no statements to write."""
    errors: list[RowError] = []
    mapping = _map_headers(kind, table, errors)
    if errors:
        return [], errors
    _add_zone_names_from_file(kind, table, mapping, refs)
    statements = []
    for row_number, raw in table.rows:
        values = {mapping[h]: (raw.get(h) or "").strip() for h in table.headers if h in mapping}
        context = _RowContext(table, row_number, refs, errors, refs.today)
        statement = _validate_row(kind, values, context)
        if statement is not None:
            statements.append(statement)
    _check_duplicates(kind, table.file_name, statements, errors)
    return (statements if not errors else []), errors


def _map_headers(kind: str, table: RawTable, errors: list[RowError]) -> dict[str, str]:
    lookup = header_lookup(kind)
    mapping: dict[str, str] = {}
    for header in table.headers:
        column = lookup.get(fold_name(header))
        if column is None:
            known = ", ".join(c.key for c in record_kind(kind).columns)
            errors.append(
                RowError(table.file_name, 1, header, header, "one of the known columns: {known}", {"known": known})
            )
        elif column.key in mapping.values():
            errors.append(RowError(table.file_name, 1, header, header, "each column only once"))
        else:
            mapping[header] = column.key
    for column in record_kind(kind).columns:
        if column.required and column.key not in mapping.values():
            errors.append(
                RowError(
                    table.file_name,
                    1,
                    column.key,
                    "",
                    "a column named {name}",
                    {"name": f"{column.key} / {column.header_vi}"},
                )
            )
    if not table.rows:
        errors.append(RowError(table.file_name, 2, "", "", "at least one data row"))
    return mapping


def _add_zone_names_from_file(kind: str, table: RawTable, mapping: dict[str, str], refs: References) -> None:
    """Zones defined in the same file may be referenced (parent_zone) before the database has them."""
    if kind != "zones":
        return
    reverse = {key: header for header, key in mapping.items()}
    for _, raw in table.rows:
        name = (raw.get(reverse.get("name_vi", ""), "") or "").strip()
        zone_id = (raw.get(reverse.get("id", ""), "") or "").strip() or slugify(name)
        if zone_id:
            refs.zone_ids.setdefault(fold_name(zone_id), zone_id)
            refs.zone_ids.setdefault(fold_name(name), zone_id)


def _validate_row(kind: str, values: dict[str, str], ctx: _RowContext) -> Statement | None:
    before = len(ctx.errors)
    if kind == "indicators":
        ctx.on = _indicator_date(values.get("year", ""))
    fields: dict[str, Any] = {}
    for column in record_kind(kind).columns:
        raw = values.get(column.key, "")
        if not raw:
            if column.required:
                ctx.reject(column.key, raw, "a value (this column is required)")
            continue
        parsed = _parse_cell(column, raw, ctx)
        if parsed is not None:
            fields[column.key] = parsed
    _check_row_rules(kind, fields, values, ctx)
    if len(ctx.errors) > before:
        return None
    title = fields.pop("source_title", None)
    source = SourceRef(
        title=title or f"{ctx.table.file_name} (imported file)",
        url=fields.pop("source_url", None) or "",
        as_of=fields.pop("source_date", None) or "unknown",
    )
    record_id = fields.pop("id", None) or record_kind(kind).derive_id(fields)
    return Statement(ctx.row_number, record_id, fields, source)


def _indicator_date(year: str) -> dt.date:
    return dt.date(int(year), 1, 1) if year.isdigit() and 1900 <= int(year) <= 2100 else dt.date.today()


def _check_row_rules(kind: str, fields: dict[str, Any], values: dict[str, str], ctx: _RowContext) -> None:
    if ("lat" in fields) != ("lon" in fields) and ("lat" in values or "lon" in values):
        missing = "lon" if "lat" in fields else "lat"
        if not values.get(missing):
            ctx.reject(missing, "", "both lat and lon, or neither")
    area, leasable = fields.get("area_ha"), fields.get("leasable_ha")
    if kind in {"needs", "offers"} and not (fields.get("text_vi") or fields.get("text_en")):
        ctx.reject("text_vi", values.get("text_vi", ""), "a description in Vietnamese (text_vi) or English (text_en)")
    if isinstance(area, float) and isinstance(leasable, float) and leasable > area:
        ctx.reject("leasable_ha", values["leasable_ha"], "at most the total area ({area} ha)", area=area)
    if values.get("id") and not _ID.fullmatch(values["id"]):
        ctx.reject("id", values["id"], "letters, digits, '-', '_' or '.' only")
    if kind == "zones" and fields.get("source_date") not in {None, "unknown"}:
        _check_after_establishment(fields, values, ctx)


def _check_after_establishment(fields: dict[str, Any], values: dict[str, str], ctx: _RowContext) -> None:
    """A source cannot speak for a zone before the zone existed (a typo such as 1962 for 2016 would)."""
    zone_id = fields.get("id") or (slugify(str(fields["name_vi"])) if fields.get("name_vi") else "")
    established = fields.get("established") or ctx.refs.zone_established.get(zone_id, "")
    founded = _ESTABLISHED_YEAR.match(str(established).strip())
    if founded and int(str(fields["source_date"])[:4]) < int(founded.group(1)):
        ctx.reject(
            "source_date",
            values["source_date"],
            "a date not before the zone was established ({year})",
            year=founded.group(1),
        )


def _check_duplicates(kind: str, file_name: str, statements: list[Statement], errors: list[RowError]) -> None:
    seen: dict[tuple[str, ...], int] = {}
    for statement in statements:
        if kind == "indicators":
            key = (
                str(statement.fields["locality"]),
                str(statement.fields.get("year")),
                fold_name(str(statement.fields["indicator"])),
                statement.source.title,
                statement.source.url,
            )
        else:
            key = (
                statement.record_id,
                statement.source.title,
                statement.source.url,
                statement.source.as_of,
                "",
            )
        if key in seen:
            errors.append(
                RowError(
                    file_name,
                    statement.row_number,
                    "id" if kind != "indicators" else "indicator",
                    key[0],
                    "a key not already used in row {row} of this file",
                    {"row": seen[key]},
                )
            )
        else:
            seen[key] = statement.row_number


# ---------------------------------------------------------------------------------------------------------
# Cells


def _parse_cell(column: Column, raw: str, ctx: _RowContext) -> Any:
    if len(raw) > column.max_length:
        ctx.reject(column.key, raw[:40] + "…", "at most {n} characters", n=column.max_length)
        return None
    return _PARSERS[column.type](column, raw, ctx)


def _parse_text(column: Column, raw: str, ctx: _RowContext) -> str:
    return raw


def _to_number(raw: str) -> float | None:
    text = raw.replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")  # Vietnamese decimal comma: 688,94
    try:
        return float(text)
    except ValueError:
        return None


def _parse_number(column: Column, raw: str, ctx: _RowContext) -> float | None:
    value = _to_number(raw)
    if value is None or not math.isfinite(value):
        ctx.reject(column.key, raw, "a number")
        return None
    return _in_range(column, raw, value, ctx)


def _in_range(column: Column, raw: str, value: float, ctx: _RowContext) -> float | None:
    low, high = column.min_value, column.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        ctx.reject(column.key, raw, "a number from {low} to {high}", low=low, high=high)
        return None
    return value


def _parse_integer(column: Column, raw: str, ctx: _RowContext) -> int | None:
    value = _to_number(raw)
    if value is None or not value.is_integer():
        ctx.reject(column.key, raw, "a whole number")
        return None
    checked = _in_range(column, raw, value, ctx)
    return None if checked is None else int(checked)


def _parse_boolean(column: Column, raw: str, ctx: _RowContext) -> bool | None:
    folded = fold_name(raw)
    if folded in _TRUE or folded in _FALSE:
        return folded in _TRUE
    ctx.reject(column.key, raw, "yes/no (có/không, true/false, 1/0)")
    return None


def _parse_choice(column: Column, raw: str, ctx: _RowContext) -> str | None:
    by_fold = {fold_name(choice): choice for choice in column.choices}
    by_fold.update((fold_name(written), choice) for written, choice in column.synonyms)
    choice = by_fold.get(fold_name(raw).replace(" ", "_")) or by_fold.get(fold_name(raw))
    if choice is None:
        ctx.reject(column.key, raw, "one of: {choices}", choices=", ".join(column.choices))
    return choice


def _parse_lat(column: Column, raw: str, ctx: _RowContext) -> float | None:
    return _parse_coordinate(column, raw, ctx, axis=0)


def _parse_lon(column: Column, raw: str, ctx: _RowContext) -> float | None:
    return _parse_coordinate(column, raw, ctx, axis=1)


def _parse_coordinate(column: Column, raw: str, ctx: _RowContext, axis: int) -> float | None:
    value = _to_number(raw)
    if value is None:
        ctx.reject(column.key, raw, "a coordinate in decimal degrees (WGS 84)")
        return None
    if not any(box[axis][0] <= value <= box[axis][1] for box in BOUNDS):
        ctx.reject(
            column.key,
            raw,
            "a point inside Vietnam or Yunnan ({what} between {low} and {high})",
            what="latitude" if axis == 0 else "longitude",
            low=min(b[axis][0] for b in BOUNDS),
            high=max(b[axis][1] for b in BOUNDS),
        )
        return None
    return value


def _parse_province(column: Column, raw: str, ctx: _RowContext) -> str | None:
    on = MERGER_DATE - dt.timedelta(days=1) if column.key == "province_pre2025" else ctx.on
    resolution = ctx.refs.admin.resolve(raw, on)
    if resolution is None:
        close = ", ".join(ctx.refs.admin.close_matches(raw)) or "-"
        ctx.reject(column.key, raw, "a known province or locality (close matches: {close})", close=close)
        return None
    return resolution.unit.id


def _parse_zone(column: Column, raw: str, ctx: _RowContext) -> str | None:
    zone_id = ctx.refs.zone_ids.get(fold_name(raw))
    if zone_id is None:
        ctx.reject(column.key, raw, "the ID or name of a zone in the registry")
    return zone_id


def _parse_codes(column: Column, raw: str, ctx: _RowContext, known: frozenset[str], what: str) -> str | None:
    codes = [c.strip().replace(".", "") for c in raw.split(";") if c.strip()]
    bad = [c for c in codes if not _code_known(c, known)]
    if bad:
        ctx.reject(column.key, "; ".join(bad), "{what} codes from the reference list, separated by ';'", what=what)
        return None
    return ";".join(codes)


def _code_known(code: str, known: frozenset[str]) -> bool:
    """A code is known if listed. The shipped VSIC list is partial at levels 3-5 (SOURCES.md) and no complete,
    licensed VSIC 2018 list was found, so a 3-5 digit code counts when its listed division (2 digits) or group
    (3 digits) is there: VSIC 2451 is accepted through division 24."""
    if not code.isdigit() or len(code) > 5:
        return False
    return code in known or (len(code) > 2 and any(code[:n] in known for n in (2, 3, 4) if n < len(code)))


def _parse_vsic(column: Column, raw: str, ctx: _RowContext) -> str | None:
    return _parse_codes(column, raw, ctx, ctx.refs.vsic_codes, "VSIC")


def _parse_hs(column: Column, raw: str, ctx: _RowContext) -> str | None:
    codes = [c.strip().replace(".", "") for c in raw.split(";") if c.strip()]
    bad = [c for c in codes if c not in ctx.refs.hs_codes]
    if bad:
        ctx.reject(
            column.key,
            "; ".join(bad),
            "{what} codes from the reference list, separated by ';'",
            what="HS 2022",
        )
        return None
    return ";".join(codes)


def _parse_firm(column: Column, raw: str, ctx: _RowContext) -> str | None:
    firm_id = ctx.refs.firm_ids.get(fold_name(raw))
    if firm_id is None:
        ctx.reject(column.key, raw, "the ID or name of a firm in the registry")
    return firm_id


_MAX_CERTIFICATION_LENGTH = 100


def _parse_certifications(column: Column, raw: str, ctx: _RowContext) -> str | None:
    """Listed names for known certifications (any alias); others kept as written, shown as unverified."""
    items = [item.strip() for item in raw.split(";") if item.strip()]
    too_long = [item for item in items if len(item) > _MAX_CERTIFICATION_LENGTH]
    if too_long:
        ctx.reject(
            column.key,
            too_long[0][:40] + "…",
            "certification names of at most {n} characters, separated by ';'",
            n=_MAX_CERTIFICATION_LENGTH,
        )
        return None
    return ";".join(canonical_certification(item) or item for item in items)


def _parse_text_list(column: Column, raw: str, ctx: _RowContext) -> str:
    return ";".join(item.strip() for item in raw.split(";") if item.strip())


def _parse_tax_code(column: Column, raw: str, ctx: _RowContext) -> str | None:
    from stdnum.vn import mst  # here, not at the top: python-stdnum costs every command ~10 ms to import

    try:
        return str(mst.validate(raw))
    except Exception:  # noqa: BLE001 - stdnum raises several ValidationError subclasses
        ctx.reject(
            column.key,
            raw,
            "a Vietnamese tax code (MST): 10 digits, or 10 + '-' + 3, with a valid check digit",
        )
        return None


def _parse_source_date(column: Column, raw: str, ctx: _RowContext) -> str | None:
    if fold_name(raw) in {"unknown", "undated", "khong ro"}:
        return "unknown"
    if not _SOURCE_DATE.match(raw) or not _plausible_date(raw):
        ctx.reject(column.key, raw, "a date as YYYY, YYYY-MM or YYYY-MM-DD, or 'unknown'")
        return None
    if column.key == "source_date" and _period_start(raw) > ctx.refs.today:
        # A source cannot speak for a day to come; dated 2062 it would outrank every real correction.
        ctx.reject(column.key, raw, "a date not after today ({today})", today=ctx.refs.today.isoformat())
        return None
    return raw


def _period_start(raw: str) -> dt.date:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    parts = [int(p) for p in raw.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _plausible_date(raw: str) -> bool:
    parts = [int(p) for p in raw.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return 1900 <= parts[0] <= 2100


_PARSERS: dict[ColumnType, Callable[[Column, str, _RowContext], Any]] = {
    ColumnType.TEXT: _parse_text,
    ColumnType.NUMBER: _parse_number,
    ColumnType.INTEGER: _parse_integer,
    ColumnType.BOOLEAN: _parse_boolean,
    ColumnType.CHOICE: _parse_choice,
    ColumnType.LAT: _parse_lat,
    ColumnType.LON: _parse_lon,
    ColumnType.PROVINCE: _parse_province,
    ColumnType.ZONE: _parse_zone,
    ColumnType.VSIC_LIST: _parse_vsic,
    ColumnType.HS_LIST: _parse_hs,
    ColumnType.TEXT_LIST: _parse_text_list,
    ColumnType.FIRM: _parse_firm,
    ColumnType.CERT_LIST: _parse_certifications,
    ColumnType.TAX_CODE: _parse_tax_code,
    ColumnType.SOURCE_DATE: _parse_source_date,
}
