"""The portal's pages: home, map, zone directory and page, compare, firms, data. Server-rendered."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.background import BackgroundTask

from corridor.bootstrap import App
from corridor.errors import CorridorError
from corridor.http.deps import CorridorApp as Corridor
from corridor.http.lang import request_lang
from corridor.i18n import mark, translate
from corridor.reference.loading import DATA
from corridor.reference.names import vietnamese_sort_key
from corridor.registry.columns import NODE_TYPES, STATUSES, ZONE_TYPES
from corridor.registry.exchange import write_export
from corridor.registry.service import ListFilters
from corridor.registry.summary import summarize_zones
from corridor.web.render import render

router = APIRouter(include_in_schema=False)
# Values shown through `_(value)` in templates, marked here so the catalog translates them.
SHOWN_VALUES = (
    mark("lead_firm"),
    mark("supplier"),
    mark("logistics_provider"),
    mark("developer"),
    mark("seaport"),
    mark("seaport_terminal"),
    mark("berth"),
    mark("port_zone"),
    mark("airport"),
    mark("border_gate"),
    mark("rail_station"),
    mark("icd"),
    mark("river_port"),
    mark("logistics_center"),
    mark("city"),
    mark("bridge"),
    mark("deep_sea_port"),
    mark("rail_terminal"),
)
PAGE_SIZE = 25
MAX_COMPARED = 4


def html_error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status_code=status, status=status, message=message)


def _provinces(corridor: App) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(2025 provinces, pre-2025 provinces) that have zones, for the locality filter."""
    zones = corridor.registry.list_records("zones", ListFilters()).items
    current = {z["province_2025"]["id"]: z["province_2025"] for z in zones if z["province_2025"]}
    former = {z["province_pre2025"]["id"]: z["province_pre2025"] for z in zones if z["province_pre2025"]}
    return _by_name(current.values()), _by_name(former.values())


def _by_name(units: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(units, key=lambda unit: vietnamese_sort_key(unit["name"]))


@router.get("/", response_class=HTMLResponse)
def home(request: Request, corridor: Corridor) -> Response:
    lang = request_lang(request)
    zones = corridor.registry.list_records("zones", ListFilters()).items
    firms = corridor.registry.list_records("firms", ListFilters(role="lead_firm"))
    headline = [i for i in corridor.registry.indicators() if i["year"] and i["year"] >= 2024]
    return render(
        request,
        "home.html",
        summaries=summarize_zones(zones, translate("unknown", lang)),
        lead_firms=firms.total,
        indicators=headline,
        zone_count=len(zones),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> Response:
    return render(request, "map.html", node_types=NODE_TYPES, zone_types=ZONE_TYPES)


def zone_filters(
    q: str | None = None,
    province: str | None = None,
    as_of: str | None = None,
    type: str | None = None,
    status: str | None = None,
    industry: str | None = None,
    min_leasable_ha: str | None = None,
    sort: Annotated[str | None, Query(pattern=r"^(-?[a-z_0-9]+)?$")] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> ListFilters:
    """Filters from the directory form, where an empty field means 'any'."""
    return ListFilters(
        search=q or None,
        province=province or None,
        as_of=_form_date(as_of),
        zone_type=type or None,
        status=status or None,
        industry=industry or None,
        min_leasable_ha=_form_number(min_leasable_ha),
        sort=sort or None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )


def _form_number(text: str | None) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if value < 0:
        raise CorridorError("Expected a number of hectares of at least 0, got '{value}'", value=text)
    return value


def _form_date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CorridorError("Expected a date as YYYY-MM-DD, got '{value}'", value=text) from error


@router.get("/zones", response_class=HTMLResponse)
def zone_directory(
    request: Request, corridor: Corridor, filters: Annotated[ListFilters, Depends(zone_filters)]
) -> Response:
    result = corridor.registry.list_records("zones", filters)
    current, former = _provinces(corridor)
    page = filters.offset // PAGE_SIZE + 1
    pages = max(1, -(-result.total // PAGE_SIZE))
    query = {k: v for k, v in request.query_params.items() if k not in {"page", "lang"}}
    return render(
        request,
        "zones.html",
        result=result,
        filters=filters,
        query=query,
        page=page,
        pages=pages,
        provinces=current,
        former_provinces=former,
        zone_types=ZONE_TYPES,
        statuses=STATUSES,
    )


@router.get("/zones/export.xlsx")
def zone_export(corridor: Corridor, filters: Annotated[ListFilters, Depends(zone_filters)]) -> Response:
    """The current selection as an Excel file (all pages)."""
    filters.limit, filters.offset = None, 0
    ids = {z["id"] for z in corridor.registry.list_records("zones", filters).items}
    rows = [row for row in corridor.registry.export_rows("zones") if row["id"] in ids]
    return _file_response(rows, "zones", "xlsx")


def _file_response(rows: list[dict[str, Any]], kind: str, file_format: str) -> Response:
    handle = tempfile.NamedTemporaryFile(suffix=f".{file_format}", delete=False)  # noqa: SIM115 - removed after send
    handle.close()
    path = Path(handle.name)
    write_export(kind, rows, path, file_format)
    return FileResponse(path, filename=f"corridor-{kind}.{file_format}", background=BackgroundTask(path.unlink))


@router.get("/zones/{zone_id}", response_class=HTMLResponse)
def zone_page(request: Request, corridor: Corridor, zone_id: str, as_of: dt.date | None = None) -> Response:
    zone = corridor.registry.show("zones", zone_id, as_of)
    parent = corridor.registry.show("zones", zone["parent_zone"]) if zone["parent_zone"] else None
    located = zone["location"]["lat"] is not None
    hubs = corridor.logistics().nearest_hubs([zone["id"]]).get(zone["id"]) if located else None
    return render(request, "zone.html", zone=zone, parent=parent, field_sources=_field_sources(zone), hubs=hubs)


def _field_sources(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Field -> the source that supplies it now."""
    return {name: source for source in record["sources"] for name in source["current_for"]}


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, corridor: Corridor, ids: Annotated[list[str] | None, Query()] = None) -> Response:
    chosen = [i for i in (ids or []) if i][:MAX_COMPARED]
    zones = [corridor.registry.show("zones", zone_id) for zone_id in chosen]
    options = corridor.registry.list_records("zones", ListFilters()).items
    return render(request, "compare.html", zones=zones, options=options, max_compared=MAX_COMPARED)


@router.get("/firms", response_class=HTMLResponse)
def firm_directory(
    request: Request,
    corridor: Corridor,
    q: str | None = None,
    province: str | None = None,
    role: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    filters = ListFilters(
        search=q or None, province=province or None, role=role or None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    result = corridor.registry.list_records("firms", filters)
    zone_names = {z["id"]: z["name"] for z in corridor.registry.list_records("zones", ListFilters()).items}
    query = {k: v for k, v in request.query_params.items() if k not in {"page", "lang"}}
    pages = max(1, -(-result.total // PAGE_SIZE))
    return render(
        request,
        "firms.html",
        result=result,
        zone_names=zone_names,
        query=query,
        page=page,
        pages=pages,
        provinces=_provinces(corridor)[0],
    )


@router.get("/firms/{firm_id}", response_class=HTMLResponse)
def firm_page(request: Request, corridor: Corridor, firm_id: str) -> Response:
    firm = corridor.registry.show("firms", firm_id)
    zone = corridor.registry.show("zones", firm["zone"]) if firm["zone"] else None
    return render(request, "firm.html", firm=firm, zone=zone, field_sources=_field_sources(firm))


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request, corridor: Corridor) -> Response:
    counts = corridor.store.table_counts()
    return render(request, "data.html", counts=counts)


@router.get("/data/download/{kind}.{file_format}")
def download(corridor: Corridor, kind: str, file_format: str) -> Response:
    if kind not in {"zones", "firms", "nodes", "indicators"} or file_format not in {"csv", "xlsx", "geojson"}:
        raise CorridorError("No download '{name}'", name=f"{kind}.{file_format}")
    return _file_response(corridor.registry.export_rows(kind), kind, file_format)


@router.get("/data/SOURCES.md")
def sources_file() -> Response:
    return Response((DATA / "SOURCES.md").read_text(encoding="utf-8"), media_type="text/markdown; charset=utf-8")


@router.get("/data/boundaries/{edition}.geojson")
def boundaries(edition: str) -> Response:
    files = {"2025": "provinces_2025_34.geojson", "pre2025": "provinces_pre2025_63.geojson"}
    if edition not in files:
        raise CorridorError("No boundaries '{name}'; choose 2025 or pre2025", name=edition)
    body = (DATA / "admin" / files[edition]).read_bytes()
    return Response(body, media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"})
