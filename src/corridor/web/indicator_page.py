"""The indicators page: series by locality on 2025 or pre-2025 boundaries, charts drawn on the server, the corridor
total, and a CSV download with headings and units in the reader's language."""

from __future__ import annotations

import base64
import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from corridor.errors import InvalidInput
from corridor.http.deps import CorridorApp as Corridor
from corridor.http.lang import request_lang
from corridor.i18n import translate
from corridor.reports._text import NO_DATA, NOT_COMBINED, place_name
from corridor.reports.exports import series_rows
from corridor.reports.indicators import Point
from corridor.reports.service import BOUNDARIES, Series
from corridor.web.render import format_number, render

router = APIRouter(include_in_schema=False)
SHOWN = ("grdp_current", "grdp_growth", "grdp_per_capita", "fdi_registered", "exports", "pci")
YEARS_SHOWN = 8
CORRIDOR_TOTAL = "corridor total"  # marked in corridor.reports.exports


def _series(corridor: Corridor, boundaries: str | None) -> Series:
    if boundaries not in (None, "", *BOUNDARIES):
        raise InvalidInput("Boundaries must be 2025 or pre2025, not '{value}'", value=boundaries)
    return corridor.indicators.series(boundaries=boundaries or "2025")


def _chart(points: list[Point], names: dict[str, str], unit: str, lang: str) -> str | None:
    """A line chart as a data URI (an image: the page's CSP allows data: images), or None without values."""
    from corridor.documents import line_chart

    lines: dict[str, list[tuple[int, float | None]]] = {}
    for point in sorted((p for p in points if p.value is not None), key=lambda p: p.year):
        lines.setdefault(names.get(point.locality_id, point.locality_id), []).append((point.year, point.value))
    if not lines:
        return None
    image = line_chart(lines, translate(unit, lang), lang)
    return "data:image/svg+xml;base64," + base64.b64encode(image.data).decode("ascii")


def _cell(point: Point | None, sources: dict[tuple[str, str, str], int], lang: str) -> dict[str, Any]:
    if point is None or point.value is None:
        refused = point is not None and point.method == "refused"
        text = translate(NOT_COMBINED if refused else NO_DATA, lang)
        return {"text": text, "notes": [], "reason": point.reason.render(lang) if point and point.reason else ""}
    notes = []
    for fact in (*point.used, *point.weights):
        key = (fact.source_title, fact.source_url, fact.as_of)
        notes.append(sources.setdefault(key, len(sources) + 1))
    return {"text": format_number(point.value, lang), "notes": sorted(set(notes)), "reason": ""}


def _panels(series: Series, lang: str) -> tuple[list[dict[str, Any]], list[tuple[int, tuple[str, str, str]]]]:
    names = {i: place_name(n, lang) for i, n in {**series.localities, **(series.unit_names or {})}.items()}
    names["corridor"] = translate(CORRIDOR_TOTAL, lang)
    sources: dict[tuple[str, str, str], int] = {}
    panels = []
    for key in SHOWN:
        points = [p for p in series.points if p.indicator == key]
        if not points:
            continue
        totals = [p for p in series.totals if p.indicator == key]
        years = sorted({p.year for p in points})[-YEARS_SHOWN:]
        rows = []
        for locality in sorted({p.locality_id for p in points}, key=lambda i: names.get(i, i)):
            found = {p.year: p for p in points if p.locality_id == locality}
            rows.append(
                {"name": names.get(locality, locality), "cells": [_cell(found.get(y), sources, lang) for y in years]}
            )
        if totals:
            found = {p.year: p for p in totals}
            rows.append({"name": names["corridor"], "cells": [_cell(found.get(y), sources, lang) for y in years]})
        first = points[0]
        panels.append({
            "key": key, "label": translate(first.label, lang), "unit": translate(first.unit, lang), "years": years,
            "rows": rows, "chart": _chart(points, names, first.unit, lang),
        })  # fmt: skip
    numbered = sorted(((n, key) for key, n in sources.items()), key=lambda item: item[0])
    return panels, numbered


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(
    request: Request,
    corridor: Corridor,
    boundaries: Annotated[str | None, Query()] = None,
) -> Response:
    lang = request_lang(request)
    series = _series(corridor, boundaries)
    panels, sources = _panels(series, lang)
    return render(request, "indicators.html", series=series, panels=panels, sources=sources)


@router.get("/indicators/export.csv")
def indicators_csv(request: Request, corridor: Corridor, boundaries: Annotated[str | None, Query()] = None) -> Response:
    lang = request_lang(request)
    rows = series_rows(_series(corridor, boundaries), lang)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    name = f"indicators-{boundaries or '2025'}-{lang}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


__all__ = ["router"]
