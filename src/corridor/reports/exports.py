"""Indicator series as rows for CSV files and terminal tables, with headings and units in the reader's language."""

from __future__ import annotations

from typing import Any

from corridor.i18n import mark, translate
from corridor.reports._text import place_name
from corridor.reports.indicators import Fact, Point
from corridor.reports.service import Series

__all__ = ["COLUMNS", "NO_DATA", "method_text", "number_text", "series_rows"]

NO_DATA = mark("no data")
COLUMNS = (
    mark("locality"),
    mark("indicator"),
    mark("year"),
    mark("value"),
    mark("unit"),
    mark("how"),
    mark("note"),
    mark("sources"),
)
_METHODS = {
    "reported": mark("as reported"),
    "sum": mark("sum of the former provinces"),
    "weighted": mark("weighted by the former provinces' GRDP of the year before"),
    "refused": mark("not combined"),
    "incomplete": mark("not combined: a part is missing"),
}
_UNITS = (
    mark("billion VND"),
    mark("million USD"),
    mark("million VND"),
    mark("USD"),
    mark("points"),
    mark("rank of 63"),
)


_SHOWN = (mark("corridor total"), mark("Other figures: {others}"))


def number_text(value: float) -> str:
    """A figure as plain digits, never in exponent form (1430000, not 1.43e+06)."""
    return f"{value:.12g}" if abs(value) < 1e12 else f"{value:.0f}"


def method_text(point: Point, lang: str) -> str:
    return translate(_METHODS[point.method], lang)


def _source_text(fact: Fact, names: dict[str, str], lang: str) -> str:
    place = names.get(fact.locality_id, fact.locality_id)
    status = f", {fact.status}" if fact.status else ""
    figure = f"{number_text(fact.value)} {translate(fact.unit, lang)}{status}"
    return f"{place} {fact.year}: {figure} ({fact.source_title}, {fact.as_of})"


def series_rows(series: Series, lang: str) -> list[dict[str, Any]]:
    """One row per point (then the corridor totals), keyed by the translated column headings."""
    names = {i: place_name(n, lang) for i, n in {**series.localities, **(series.unit_names or {})}.items()}
    names["corridor"] = translate("corridor total", lang)
    headings = [translate(c, lang) for c in COLUMNS]
    rows = []
    for point in [*series.points, *series.totals]:
        facts = [*point.used, *point.weights] if point.value is not None else list(point.parts)
        note = point.reason.render(lang) if point.reason else ""
        if point.alternatives:
            others = "; ".join(_source_text(f, names, lang) for f in point.alternatives)
            note = (note + " " if note else "") + translate("Other figures: {others}", lang).format(others=others)
        value = translate(NO_DATA, lang) if point.value is None else number_text(point.value)
        cells = (
            names.get(point.locality_id, point.locality_id),
            translate(point.label, lang),
            str(point.year),
            value,
            translate(point.unit, lang),
            method_text(point, lang),
            note,
            " | ".join(_source_text(f, names, lang) for f in facts),
        )
        rows.append(dict(zip(headings, cells, strict=True)))
    return rows
