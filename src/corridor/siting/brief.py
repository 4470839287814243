"""The investor's brief: what the project needs, validated field by field with errors that name the field."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from corridor.errors import InvalidInput
from corridor.i18n import Message, mark

__all__ = ["PROFILES", "Brief", "Phase", "brief_from_dict", "brief_to_dict"]

PROFILES = ("export_manufacturer", "domestic_market", "logistics")
MAX_TEXT = 500
MAX_NAMES = 20

BAD_FIELD = mark("Brief field '{field}': expected {expected}, got {value}")
UNKNOWN_FIELDS = mark("Brief has unknown field(s): {names}; known: {known}")
NOT_AN_OBJECT = mark("A brief is a JSON object of fields (sector, land_ha, ...)")
MISSING_FIELD = mark("Brief field '{field}' is required")
PHASES_TOO_LARGE = mark("Brief: the phases add up to {total} ha, more than land_ha ({land_ha} ha)")
EXPECT_NUMBER = mark("a number greater than 0")
EXPECT_COUNT = mark("a whole number of at least 0")
EXPECT_YES_NO = mark("true or false")
EXPECT_DATE = mark("a date YYYY-MM-DD")
EXPECT_TEXT = mark("a text of 1 to 500 characters")
EXPECT_NAMES = mark("a list of at most 20 names")
EXPECT_PROFILE = mark("one of export_manufacturer, domestic_market, logistics")
EXPECT_PHASES = mark("a list of phases, each with land_ha and an optional start YYYY-MM-DD")


@dataclass(frozen=True)
class Phase:
    land_ha: float
    start: dt.date | None = None


@dataclass(frozen=True)
class Brief:
    """What an investor's project needs. None means "not stated" (no requirement), never zero."""

    sector: str
    land_ha: float
    phases: tuple[Phase, ...] = ()
    start_date: dt.date | None = None
    export_deep_sea: bool = False
    air_freight: bool = False
    china_trade: bool = False
    workforce: int | None = None
    power_mw: float | None = None
    water_m3_day: float | None = None
    wastewater_m3_day: float | None = None
    green_required: bool = False
    rent_budget_usd_m2: float | None = None
    preferred_localities: tuple[str, ...] = ()
    excluded_localities: tuple[str, ...] = ()
    near: tuple[str, ...] = ()  # suppliers or buyers to be near: registry firm names, or sectors
    investment_vnd_bn: float | None = None
    profile: str = "export_manufacturer"

    @property
    def first_phase_ha(self) -> float:
        """Land needed at the start: the first phase when the project is phased, else all of it."""
        return self.phases[0].land_ha if self.phases else self.land_ha


def _bad(field: str, expected: str, value: Any) -> InvalidInput:
    shown = repr(value) if not isinstance(value, str) else f"'{value[:60]}'"
    # What is expected is a message too: it reads in the reader's language, not in English inside a translation.
    return InvalidInput(BAD_FIELD, field=field, expected=Message(expected), value=shown)


def _number(field: str, value: Any) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0
    if not ok or value > 1e9:
        raise _bad(field, EXPECT_NUMBER, value)
    return float(value)


def _count(field: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000_000:
        raise _bad(field, EXPECT_COUNT, value)
    return value


def _flag(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad(field, EXPECT_YES_NO, value)
    return value


def _date(field: str, value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _bad(field, EXPECT_DATE, value) from None


def _text(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise _bad(field, EXPECT_TEXT, value)
    return value.strip()


def _names(field: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    ok = isinstance(value, list) and len(value) <= MAX_NAMES
    if not ok or not all(isinstance(v, str) and 0 < len(v.strip()) <= MAX_TEXT for v in value):
        raise _bad(field, EXPECT_NAMES, value)
    return tuple(dict.fromkeys(v.strip() for v in value))


def _profile(field: str, value: Any) -> str:
    if value not in PROFILES:
        raise _bad(field, EXPECT_PROFILE, value)
    return str(value)


def _phases(field: str, value: Any) -> tuple[Phase, ...]:
    if not isinstance(value, list) or len(value) > MAX_NAMES:
        raise _bad(field, EXPECT_PHASES, value)
    phases = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) - {"land_ha", "start"} or "land_ha" not in item:
            raise _bad(f"{field}[{index}]", EXPECT_PHASES, item)
        start = _date(f"{field}[{index}].start", item["start"]) if item.get("start") is not None else None
        phases.append(Phase(_number(f"{field}[{index}].land_ha", item["land_ha"]), start))
    return tuple(phases)


_FIELDS: dict[str, Callable[[str, Any], Any]] = {
    "sector": _text,
    "land_ha": _number,
    "phases": _phases,
    "start_date": _date,
    "export_deep_sea": _flag,
    "air_freight": _flag,
    "china_trade": _flag,
    "workforce": _count,
    "power_mw": _number,
    "water_m3_day": _number,
    "wastewater_m3_day": _number,
    "green_required": _flag,
    "rent_budget_usd_m2": _number,
    "preferred_localities": _names,
    "excluded_localities": _names,
    "near": _names,
    "investment_vnd_bn": _number,
    "profile": _profile,
}


def brief_from_dict(data: Any) -> Brief:
    """A Brief from JSON-like data; InvalidInput naming the first bad field and what it expects."""
    if not isinstance(data, Mapping):
        raise InvalidInput(NOT_AN_OBJECT)
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise InvalidInput(UNKNOWN_FIELDS, names=", ".join(map(str, unknown)), known=", ".join(_FIELDS))
    for required in ("sector", "land_ha"):
        if data.get(required) is None:
            raise InvalidInput(MISSING_FIELD, field=required)
    values = {name: check(name, data[name]) for name, check in _FIELDS.items() if data.get(name) is not None}
    brief = Brief(**values)
    total = sum(p.land_ha for p in brief.phases)
    if total > brief.land_ha + 1e-9:
        raise InvalidInput(PHASES_TOO_LARGE, total=round(total, 2), land_ha=brief.land_ha)
    return brief


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as JSON (what an inquiry stores and the pages refill their form from)."""
    out: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(brief, name)
        if name == "phases":
            value = [{"land_ha": p.land_ha, "start": p.start.isoformat() if p.start else None} for p in value]
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out
