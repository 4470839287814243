"""The portal's pages: home, map, zone directory and page, compare, firms, matching, data. Server-rendered."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.background import BackgroundTask

from corridor.accounts import Principal
from corridor.bootstrap import App
from corridor.errors import CorridorError, NotFound
from corridor.http.auth import Actor
from corridor.http.deps import CorridorApp as Corridor
from corridor.http.lang import request_lang
from corridor.i18n import Message, translate
from corridor.matching.service import MAX_TEXT, MatchQuery
from corridor.reference.land import points_off_land
from corridor.reference.loading import DATA
from corridor.reference.names import vietnamese_sort_key
from corridor.registry.certifications import known_certifications
from corridor.registry.columns import NODE_TYPES, STATUSES, ZONE_TYPES
from corridor.registry.exchange import write_records, write_statements, write_template
from corridor.registry.filters import sort_column
from corridor.registry.offshore import located_points, off_land
from corridor.registry.service import ListFilters, Registry
from corridor.registry.summary import park_count_indicators, summarize_zones
from corridor.web.forms import MAX_COMPARED, PAGE_SIZE, FormProblems, compared_ids, form_date, form_number, form_page
from corridor.web.render import render

router = APIRouter(include_in_schema=False)
MAX_RESULTS = 100  # as the API's /match


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
    indicators = corridor.registry.indicators()
    headline = [i for i in indicators if i["year"] and i["year"] >= 2024]
    summaries = summarize_zones(zones, translate("unknown", lang))
    park_count_indicators(summaries, indicators)
    return render(
        request,
        "home.html",
        summaries=summaries,
        lead_firms=firms.total,
        indicators=headline,
        zone_count=len(zones),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, corridor: Corridor) -> Response:
    return render(
        request,
        "map.html",
        node_types=NODE_TYPES,
        zone_types=ZONE_TYPES,
        network_attribution=corridor.logistics().attribution,
    )


@router.get("/map/doubtful.json")
def doubtful_points(corridor: Corridor) -> Response:
    """Zones and nodes whose point falls off the land: the maps draw them as doubtful, not as facts."""
    return JSONResponse({"ids": list(_doubtful_ids(corridor.registry, corridor.store.data_version()))})


@lru_cache(maxsize=8)
def _doubtful_ids(registry: Registry, data_version: int) -> tuple[str, ...]:
    """Once per data version: the check walks the coastline for every point (a fifth of a second)."""
    return tuple(sorted({found.point.id for found in off_land(registry)}))


@dataclass
class DirectoryForm:
    """The directory's filters as far as they could be read, and what was wrong with the rest."""

    filters: ListFilters
    problems: FormProblems


def zone_filters(
    q: str | None = None,
    province: str | None = None,
    as_of: str | None = None,
    type: str | None = None,
    status: str | None = None,
    industry: str | None = None,
    min_leasable_ha: str | None = None,
    min_available_ha: str | None = None,
    sort: str | None = None,
    page: str | None = None,
) -> DirectoryForm:
    """Filters from the directory form, where an empty field means 'any' and a bad one is reported."""
    problems = FormProblems()
    filters = ListFilters(
        search=q or None,
        province=province or None,
        as_of=form_date("as_of", as_of, problems),
        zone_type=type or None,
        status=status or None,
        industry=industry or None,
        min_leasable_ha=form_number("min_leasable_ha", min_leasable_ha, problems),
        min_available_ha=form_number("min_available_ha", min_available_ha, problems),
        sort=_form_sort(sort, problems),
        limit=PAGE_SIZE,
        offset=(form_page(page, problems) - 1) * PAGE_SIZE,
    )
    return DirectoryForm(filters, problems)


def _form_sort(sort: str | None, problems: FormProblems) -> str | None:
    try:
        sort_column("zones", sort)
    except CorridorError as error:
        problems.add("sort", Message(error.message_id, **error.params))
        return None
    return sort or None


@router.get("/zones", response_class=HTMLResponse)
def zone_directory(
    request: Request, corridor: Corridor, form: Annotated[DirectoryForm, Depends(zone_filters)]
) -> Response:
    filters = form.filters
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
        problems=form.problems,
    )


@router.get("/zones/export.xlsx")
def zone_export(corridor: Corridor, form: Annotated[DirectoryForm, Depends(zone_filters)]) -> Response:
    """The current selection as an Excel file: one row per zone, as the CSV and GeoJSON links of the same page;
    a bad filter is refused, not ignored."""
    if form.problems.messages:
        first = form.problems.messages[0]
        raise CorridorError(first.message_id, **first.params)
    return _file_response(corridor.registry.export_records("zones", form.filters), "zones", "xlsx")


def _file_response(rows: list[dict[str, Any]], kind: str, file_format: str, *, statements: bool = False) -> Response:
    handle = tempfile.NamedTemporaryFile(suffix=f".{file_format}", delete=False)  # noqa: SIM115 - removed after send
    handle.close()
    path = Path(handle.name)
    (write_statements if statements else write_records)(kind, rows, path, file_format)
    name = f"corridor-{kind}-statements.{file_format}" if statements else f"corridor-{kind}.{file_format}"
    return FileResponse(path, filename=name, background=BackgroundTask(path.unlink))


@router.get("/zones/{zone_id}", response_class=HTMLResponse)
def zone_page(
    request: Request, corridor: Corridor, principal: Actor, zone_id: str, as_of: dt.date | None = None
) -> Response:
    zone = corridor.registry.show("zones", zone_id, as_of)
    parent = corridor.registry.show("zones", zone["parent_zone"]) if zone["parent_zone"] else None
    located = zone["location"]["lat"] is not None
    hubs = corridor.logistics().nearest_hubs([zone["id"]]).get(zone["id"]) if located else None
    in_sea = bool(points_off_land(located_points("zones", [zone])))
    sources = _field_sources(zone)
    history = corridor.registry.history_json("zones", zone["id"])
    return render(
        request,
        "zone.html",
        contribute=_contribute_mode(corridor, principal, "zones", zone["id"]),
        names=corridor.accounts.display_names(),
        zone=zone,
        parent=parent,
        field_sources=sources,
        hubs=hubs,
        in_sea=in_sea,
        history=history,
        network_attribution=corridor.logistics().attribution,
    )


def _field_sources(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Field -> the source that supplies it now."""
    return {name: source for source in record["sources"] for name in source["current_for"]}


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, corridor: Corridor, ids: Annotated[list[str] | None, Query()] = None) -> Response:
    problems = FormProblems()
    zones = [_compared_zone(corridor, zone_id, problems) for zone_id in compared_ids(ids, problems)]
    options = corridor.registry.list_records("zones", ListFilters()).items
    shown = [zone for zone in zones if zone]
    return render(request, "compare.html", zones=shown, options=options, max_compared=MAX_COMPARED, problems=problems)


def _compared_zone(corridor: App, zone_id: str, problems: FormProblems) -> dict[str, Any] | None:
    """The zone, or None after saying it is not found (a stale link should not hide the others)."""
    try:
        return corridor.registry.show("zones", zone_id)
    except NotFound:
        problems.add("ids", Message("No zone '{name}'", name=zone_id))
        return None


@router.get("/firms", response_class=HTMLResponse)
def firm_directory(
    request: Request,
    corridor: Corridor,
    q: str | None = None,
    province: str | None = None,
    role: str | None = None,
    page: str | None = None,
) -> Response:
    problems = FormProblems()
    number = form_page(page, problems)
    filters = ListFilters(
        search=q or None, province=province or None, role=role or None, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
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
        page=number,
        problems=problems,
        pages=pages,
        provinces=_provinces(corridor)[0],
    )


@router.get("/firms/{firm_id}", response_class=HTMLResponse)
def firm_page(request: Request, corridor: Corridor, principal: Actor, firm_id: str) -> Response:
    firm = corridor.registry.show("firms", firm_id)
    zone = corridor.registry.show("zones", firm["zone"]) if firm["zone"] else None
    history = corridor.registry.history_json("firms", firm["id"])
    return render(
        request,
        "firm.html",
        firm=firm,
        zone=zone,
        field_sources=_field_sources(firm),
        history=history,
        contribute=_contribute_mode(corridor, principal, "firms", firm["id"]),
        may_claim=not principal.is_anonymous and corridor.claims.may_request(principal, firm["id"]),
        exchange=_firm_exchange(corridor, principal, firm["id"]),
        names=corridor.accounts.display_names(),
        forums=corridor.events.firm_history(firm["id"]),
    )


def _firm_exchange(
    corridor: App, principal: Principal, firm_id: str
) -> dict[str, list[tuple[dict[str, Any], str | None]]]:
    """The firm's needs and offers, each with the link its page offers the reader (edit, propose or none)."""
    return {
        kind: [
            (item, _contribute_mode(corridor, principal, kind, item["id"]))
            for item in corridor.registry.list_records(kind, ListFilters()).items
            if item["firm"] == firm_id
        ]
        for kind in ("needs", "offers")
    }


def _contribute_mode(corridor: App, principal: Principal, kind: str, record_id: str) -> str | None:
    """Which link the record's page offers: 'edit' (owner, administrator), 'propose' (others allowed), or none."""
    if principal.is_anonymous:
        return None
    if corridor.moderation.may_edit(principal, kind, record_id):
        return "edit"
    return "propose" if corridor.moderation.may_propose(principal, kind, record_id) else None


@router.get("/matching", response_class=HTMLResponse)
def matching_page(
    request: Request,
    corridor: Corridor,
    mode: str = "need",
    text: str | None = None,
    hs: str = "",
    province: str = "",
    top: str = "10",
    certification: Annotated[list[str] | None, Query()] = None,
) -> Response:
    """Describe a need (rank suppliers) or an offer (rank buyers); a bad value keeps the form, with the message."""
    form = {"mode": mode, "text": text or "", "hs": hs, "province": province, "top": top, "certs": certification or []}
    results, error = [], None
    if text is not None:  # the form was sent
        try:
            results = _ranked(corridor, form)
        except CorridorError as problem:
            error = problem.render(request_lang(request))
    return render(
        request,
        "matching.html",
        status_code=400 if error else 200,
        form=form,
        sent=text is not None,
        error=error,
        results=[m.as_dict(request_lang(request)) for m in results],
        stored=_stored_counts(corridor),
        provinces=_provinces(corridor)[0],
        certifications=known_certifications(),
        max_text=MAX_TEXT,
    )


def _ranked(corridor: App, form: dict[str, Any]) -> list[Any]:
    """The matching service's ranking for the form (its errors say which value is wrong)."""
    if form["mode"] not in {"need", "offer"}:
        raise CorridorError("Choose whether the text is a need or an offer")
    query = MatchQuery(
        text=form["text"],
        hs_codes=tuple(c for c in re.split(r"[\s,;]+", form["hs"]) if c),
        province=form["province"] or None,
        certifications=tuple(form["certs"]),
        top=_form_top(form["top"]),
    )
    service = corridor.matching()
    return service.suppliers_for(query) if form["mode"] == "need" else service.buyers_for(query)


def _form_top(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_RESULTS:
        raise CorridorError("Expected a number of results from 1 to {max}, got '{value}'", max=MAX_RESULTS, value=text)
    return int(text)


def _stored_counts(corridor: App) -> dict[str, int]:
    """Needs and offers recorded, and firms whose products count as offers: what there is to rank against."""
    count = {kind: corridor.registry.list_records(kind, ListFilters(limit=1)).total for kind in ("needs", "offers")}
    firms = corridor.registry.list_records("firms", ListFilters()).items
    count["firms_with_products"] = sum(1 for f in firms if f["products_vi"] or f["products_en"])
    return count


@router.get("/matching/template/{kind}.xlsx")
def matching_template(request: Request, kind: str) -> Response:
    """An empty needs or offers import file, with column help in the page's language."""
    if kind not in {"needs", "offers"}:
        raise CorridorError("No template '{name}'; choose needs or offers", name=kind)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 - removed after send
    handle.close()
    path = Path(handle.name)
    write_template(kind, path, request_lang(request))
    return FileResponse(path, filename=f"corridor-{kind}.xlsx", background=BackgroundTask(path.unlink))


DOWNLOADS = ("zones", "firms", "nodes", "indicators")


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request, corridor: Corridor) -> Response:
    """Counts made by the same queries as the downloads and links beside them, so that they agree."""
    registry = corridor.registry
    counts = {kind: len(registry.export_records(kind)) for kind in DOWNLOADS}
    statements = {kind: len(registry.export_rows(kind)) for kind in DOWNLOADS if kind != "indicators"}
    counts["localities"] = len(registry.localities())
    counts["sources"] = corridor.store.table_counts()["sources"]
    return render(request, "data.html", counts=counts, statements=statements)


@router.get("/data/download/{kind}.{file_format}")
def download(corridor: Corridor, kind: str, file_format: str) -> Response:
    """One row (or feature) per record."""
    _check_download(kind, file_format)
    return _file_response(corridor.registry.export_records(kind), kind, file_format)


@router.get("/data/statements/{kind}.{file_format}")
def download_statements(corridor: Corridor, kind: str, file_format: str) -> Response:
    """Every source statement in the import columns: the round-trip format for curators."""
    _check_download(kind, file_format)
    return _file_response(corridor.registry.export_rows(kind), kind, file_format, statements=True)


def _check_download(kind: str, file_format: str) -> None:
    if kind not in DOWNLOADS or file_format not in {"csv", "xlsx", "geojson"}:
        raise CorridorError("No download '{name}'", name=f"{kind}.{file_format}")


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
