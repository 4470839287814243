"""REST API under /api/v1: zones, firms, nodes, indicators, localities and search, as JSON, CSV or GeoJSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from corridor.accounts import authorize
from corridor.api import schemas
from corridor.api.features import record_feature
from corridor.api.openapi import CSV, GEOJSON, JSON, answers, content, lang_param, trusted_json, typed_json
from corridor.bootstrap import App
from corridor.errors import ImportRejected
from corridor.http.auth import Actor, check_csrf
from corridor.http.deps import CorridorApp
from corridor.http.lang import request_lang
from corridor.i18n import render_all, translate
from corridor.logistics.hub_matrix import MATRIX_CSV_COLUMNS
from corridor.matching.service import MatchQuery
from corridor.registry.filters import MAX_OFFSET
from corridor.registry.formulas import neutralise_cell
from corridor.registry.kinds import flat_record, record_kind
from corridor.registry.limits import check_declared_type, copy_upload, upload_file_name
from corridor.registry.service import ListFilters, RecordPage

router = APIRouter(prefix="/api/v1", tags=["registry"], dependencies=[Depends(lang_param)])

MAX_LIMIT = 1000
Format = Literal["json", "csv", "geojson"]


# Each filter applies to some kinds only (corridor.registry.filters); asking a kind for one it lacks is a 422.
def list_filters(
    province: Annotated[
        str | None, Query(description="province, old or new name, diacritics optional (zones, firms, nodes)")
    ] = None,
    as_of: Annotated[dt.date | None, Query(description="date for province versions (default today)")] = None,
    type: Annotated[str | None, Query(description="zone type KCN/KKT/CCN (zones), or node type (nodes)")] = None,
    status: Annotated[
        str | None, Query(description="planned, under_construction, operating, unknown (zones, nodes)")
    ] = None,
    industry: Annotated[str | None, Query(description="VSIC code prefix (zones, firms, needs, offers)")] = None,
    min_leasable_ha: Annotated[
        float | None, Query(ge=0, description="zones with at least this much leasable land, leased or not (ha)")
    ] = None,
    min_available_ha: Annotated[
        float | None,
        Query(ge=0, description="zones with at least this much land still free to lease, sourced or derived (ha)"),
    ] = None,
    role: Annotated[str | None, Query(description="firm role (firms)")] = None,
    zone: Annotated[str | None, Query(description="firms in this zone, ID or name (firms)")] = None,
    corridor: Annotated[
        str | None, Query(description="vehec or kunming-lao-cai-hai-phong (zones, firms, nodes)")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="name search, case and diacritics ignored")] = None,
    sort: Annotated[
        str | None, Query(pattern=r"^-?[a-z_0-9]+$", description="field to sort by, '-' first for descending")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> ListFilters:
    return ListFilters(
        province=province,
        as_of=as_of or dt.date.today(),
        zone_type=type,  # moved to node_type for nodes (_records)
        status=status,
        industry=industry,
        min_leasable_ha=min_leasable_ha,
        min_available_ha=min_available_ha,
        role=role,
        zone=zone,
        corridor=corridor,
        search=q,
        sort=sort,
        limit=limit,
        offset=offset,
    )


Filters = Annotated[ListFilters, Depends(list_filters)]
FormatParam = Annotated[Format, Query(alias="format", description="json, csv or geojson")]


def _records(kind: str, corridor: App, filters: ListFilters) -> RecordPage:
    if kind == "nodes":  # `type` names a node type here, a zone type elsewhere
        filters.node_type, filters.zone_type = filters.zone_type, None
    return corridor.registry.list_records(kind, filters)


def _page_json(request: Request, filters: ListFilters, page: RecordPage) -> dict[str, Any]:
    return {
        "total": page.total,
        "limit": filters.limit,
        "offset": filters.offset,
        "notes": render_all(page.notes, request_lang(request)),
        "items": page.items,
        "links": _links(request, filters, page.total),
    }


def _page(request: Request, kind: str, corridor: App, filters: ListFilters, file_format: Format) -> Response:
    page = _records(kind, corridor, filters)
    # Files place a firm without a point of its own at its zone's (flagged), as every other export does.
    items = corridor.registry.with_zone_points(page.items) if kind == "firms" and file_format != "json" else page.items
    if file_format == "csv":
        return _csv_response(kind, items)
    if file_format == "geojson":
        features = [record_feature(kind, item) for item in items]
        body = {
            "type": "FeatureCollection",
            "numberMatched": page.total,
            "numberReturned": len(features),
            "features": features,
        }
        return typed_json(schemas.FeatureCollection, body, GEOJSON)
    return trusted_json(_page_json(request, filters, page))


def _list_answers(page_model: type[schemas.Public]) -> dict[int | str, dict[str, Any]]:
    formats = {JSON: page_model, CSV: None, GEOJSON: schemas.FeatureCollection}
    return answers(400, 404, 422, 503, ok=content(formats, "a page of records, as JSON, CSV or GeoJSON"))


def _links(request: Request, filters: ListFilters, total: int) -> dict[str, str | None]:
    limit = filters.limit or MAX_LIMIT
    following = filters.offset + limit
    return {
        "self": str(request.url),
        "next": str(request.url.include_query_params(offset=following)) if following < total else None,
        "prev": str(request.url.include_query_params(offset=max(0, filters.offset - limit)))
        if filters.offset
        else None,
    }


def _csv_response(kind: str, items: list[dict[str, Any]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = (*record_kind(kind).flat_columns, *(("location_from",) if kind == "firms" else ()))
    writer.writerow(columns)
    for item in map(flat_record, items):
        writer.writerow([neutralise_cell(item.get(c)) for c in columns])
    headers = {"Content-Disposition": f'attachment; filename="{kind}.csv"'}
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get(
    "/zones", summary="Industrial parks, economic zones and clusters", responses=_list_answers(schemas.ZonePage)
)
def list_zones(
    request: Request, corridor: CorridorApp, filters: Filters, file_format: FormatParam = "json"
) -> Response:
    return _page(request, "zones", corridor, filters, file_format)


@router.get(
    "/zones/{zone_id}",
    summary="One zone with every source and its firms",
    response_model=schemas.ZoneDetail,
    responses=answers(400, 404, 503),
)
def get_zone(zone_id: str, corridor: CorridorApp, as_of: dt.date | None = None) -> Response:
    return trusted_json(corridor.registry.show("zones", zone_id, as_of))


HistoryKind = Literal["zones", "firms", "nodes", "needs", "offers"]


@router.get(
    "/{kind}/{record_id}/history",
    summary="A record's history: every write with who, when, source and old -> new values, newest first",
    response_model=schemas.History,
    responses=answers(400, 404, 503),
)
def get_history(kind: HistoryKind, record_id: str, corridor: CorridorApp) -> dict[str, Any]:
    return corridor.registry.history_json(kind, record_id)


@router.get("/firms", summary="Firms", responses=_list_answers(schemas.FirmPage))
def list_firms(
    request: Request, corridor: CorridorApp, filters: Filters, file_format: FormatParam = "json"
) -> Response:
    return _page(request, "firms", corridor, filters, file_format)


@router.get(
    "/firms/{firm_id}",
    summary="One firm with every source",
    response_model=schemas.FirmDetail,
    responses=answers(400, 404, 503),
)
def get_firm(firm_id: str, corridor: CorridorApp) -> Response:
    return trusted_json(corridor.registry.show("firms", firm_id))


@router.get(
    "/nodes",
    summary="Infrastructure nodes: ports, airports, border gates, stations",
    responses=_list_answers(schemas.NodePage),
)
def list_nodes(
    request: Request, corridor: CorridorApp, filters: Filters, file_format: FormatParam = "json"
) -> Response:
    return _page(request, "nodes", corridor, filters, file_format)


@router.get(
    "/nodes/{node_id}",
    summary="One infrastructure node with every source",
    response_model=schemas.NodeDetail,
    responses=answers(400, 404, 503),
)
def get_node(node_id: str, corridor: CorridorApp) -> Response:
    return trusted_json(corridor.registry.show("nodes", node_id))


@router.get(
    "/indicators",
    summary="Locality indicators (GRDP, FDI, PCI...), each with its source, and their series on 2025 or old boundaries",
    response_model=schemas.Indicators,
    responses=answers(400, 404, 503),
)
def list_indicators(
    request: Request,
    corridor: CorridorApp,
    locality: Annotated[str | None, Query(description="province, old or new name")] = None,
    indicator: Annotated[str | None, Query(description="indicator key or name (grdp_current, exports, pci...)")] = None,
    boundaries: Annotated[
        Literal["2025", "pre2025"] | None,
        Query(description="2025: merged provinces, figures re-aggregated by rule; pre2025: the old provinces"),
    ] = None,
    corridor_id: Annotated[str, Query(alias="corridor", description="vehec or kunming-lao-cai-hai-phong")] = "vehec",
) -> Response:
    from corridor.reports.service import point_json

    items = corridor.registry.indicators(locality)
    series = corridor.indicators.series(
        corridor=corridor_id, locality=locality, indicator=indicator, boundaries=boundaries
    )
    lang = request_lang(request)
    names = {**series.localities, **(series.unit_names or {}), "corridor": corridor_id}
    body = {
        "total": len(items),
        "items": items,
        "boundaries": series.boundaries,
        "note": series.note.render(lang) if series.note else None,
        "series": [point_json(p, names, lang) for p in series.points],
        "totals": [point_json(p, names, lang) for p in series.totals],
    }
    return trusted_json(body)


@router.get(
    "/localities",
    summary="Provinces before and after the 1 July 2025 merger, and Yunnan",
    response_model=schemas.Localities,
    responses=answers(400, 503),
)
def list_localities(corridor: CorridorApp) -> dict[str, Any]:
    items = corridor.registry.localities()
    return {"total": len(items), "items": items}


@router.get(
    "/search",
    summary="Zones, firms and nodes whose names match (case and diacritics ignored)",
    response_model=schemas.SearchResults,
    responses=answers(400, 503),
)
def search(
    corridor: CorridorApp,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    results = {}
    for kind in ("zones", "firms", "nodes"):
        page = corridor.registry.list_records(kind, ListFilters(search=q, limit=limit))
        results[kind] = {"total": page.total, "items": [{"id": i["id"], "name": i["name"]} for i in page.items]}
    return results


@router.get(
    "/route",
    summary="Best freight route between two places, leg by leg",
    tags=["logistics"],
    response_model=schemas.Route,
    responses=answers(400, 404, 422, 503),
)
def get_route(
    corridor: CorridorApp,
    request: Request,
    origin: Annotated[str, Query(alias="from", description="zone, node, locality or 'lat,lon'")],
    destination: Annotated[str, Query(alias="to", description="zone, node, locality or 'lat,lon'")],
    profile: Annotated[str, Query(description="truck, rail, barge or multimodal")] = "truck",
    optimize: Annotated[str, Query(description="time, cost, co2 or distance")] = "time",
    year: Annotated[int | None, Query(ge=1900, le=2100, description="network as of this year")] = None,
    scenario: Annotated[str | None, Query(description="saved scenario")] = None,
    tonnes: Annotated[float | None, Query(gt=0, le=100, description="cargo mass")] = None,
) -> dict[str, Any]:
    found = corridor.logistics().route(
        origin, destination, profile=profile, optimize=optimize, year=year, scenario=scenario, cargo_t=tonnes
    )
    return found.as_dict(request_lang(request))


@router.get(
    "/route/alternatives",
    summary="The time-, cost- and CO2e-optimal routes between two places, side by side",
    tags=["logistics"],
    response_model=schemas.Alternatives,
    responses=answers(400, 404, 422, 503),
)
def get_route_alternatives(
    corridor: CorridorApp,
    request: Request,
    origin: Annotated[str, Query(alias="from", description="zone, node, locality or 'lat,lon'")],
    destination: Annotated[str, Query(alias="to", description="zone, node, locality or 'lat,lon'")],
    profile: Annotated[str, Query(description="truck, rail, barge or multimodal")] = "truck",
    year: Annotated[int | None, Query(ge=1900, le=2100, description="network as of this year")] = None,
    scenario: Annotated[str | None, Query(description="saved scenario")] = None,
    tonnes: Annotated[float | None, Query(gt=0, le=100, description="cargo mass")] = None,
) -> dict[str, Any]:
    found = corridor.logistics().alternatives(
        origin, destination, profile=profile, year=year, scenario=scenario, cargo_t=tonnes
    )
    return found.as_dict(request_lang(request))


@router.get(
    "/zones/{zone_id}/hubs",
    summary="Nearest deep-sea port, airport, border gate and rail terminal",
    tags=["logistics"],
    response_model=schemas.ZoneHubs,
    responses=answers(400, 404, 503),
)
def zone_hubs(zone_id: str, corridor: CorridorApp, request: Request) -> dict[str, Any]:
    lang = request_lang(request)
    zone = corridor.registry.show("zones", zone_id)
    hubs = corridor.logistics().nearest_hubs([zone["id"]]).get(zone["id"])
    return {
        "zone": zone["id"],
        "hubs": hubs,
        "profile": "truck",
        "note": None if hubs else translate("the zone has no known location, so no travel time is computed", lang),
    }


@router.get(
    "/network",
    summary="Links of the freight network as GeoJSON (the linework's geometry; other links schematic)",
    tags=["logistics"],
    responses=answers(400, 503, ok=content({GEOJSON: schemas.Network}, "the links as GeoJSON LineStrings")),
)
def network_links(corridor: CorridorApp, include_access: bool = False) -> Response:
    logistics = corridor.logistics()
    network = logistics.base
    features = []
    for link in network.links:
        a, b = network.nodes[link.a], network.nodes[link.b]
        if (link.serves and not include_access) or not (a.located and b.located):
            continue
        line = [list(point) for point in link.coordinates] if link.coordinates else [[a.lon, a.lat], [b.lon, b.lat]]
        features.append(
            {
                "type": "Feature",
                "id": link.id,
                "geometry": {"type": "LineString", "coordinates": line},
                "properties": {
                    "name": link.name,
                    "mode": link.mode,
                    "class": link.link_class,
                    "status": link.status,
                    "length_km": round(link.length_km, 2),
                    "length_basis": link.length_basis,
                    "geometry": link.geometry,
                    "opened_year": link.opened_year,
                    "planned_year": link.planned_year,
                    "source": link.source or None,
                },
            }
        )
    collection = {
        "type": "FeatureCollection",
        "features": features,
        "network_version": network.fingerprint(),
        "attribution": logistics.attribution or None,
    }
    return typed_json(schemas.Network, collection, GEOJSON)


@router.get(
    "/network/matrix",
    summary="Travel time and distance from every located zone to every hub, versioned and cacheable (ETag)",
    tags=["logistics"],
    responses={
        **answers(400, 503, ok=content({JSON: schemas.HubMatrix, CSV: None}, "the zone x hub matrix")),
        304: {"description": "not modified: the ETag sent in If-None-Match is still the matrix's version"},
    },
)
def network_matrix(
    corridor: CorridorApp,
    request: Request,
    profile: Annotated[str, Query(description="truck, rail, barge, coastal or multimodal")] = "truck",
    year: Annotated[int | None, Query(ge=1900, le=2100, description="network as of this year")] = None,
    file_format: Annotated[Literal["json", "csv"], Query(alias="format", description="json or csv")] = "json",
) -> Response:
    matrix = corridor.logistics().hub_matrix(profile=profile, year=year)
    etag = f'"{matrix.version}.{file_format}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=0, must-revalidate"}
    if etag in {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    if file_format == "csv":
        answer = _csv_rows("zone-hub-matrix", list(MATRIX_CSV_COLUMNS), list(matrix.rows))
        answer.headers.update(headers)
        return answer
    answer = typed_json(schemas.HubMatrix, matrix.as_dict(), JSON)
    answer.headers.update(headers)
    return answer


def _csv_rows(name: str, columns: list[str], rows: list[dict[str, Any]]) -> Response:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get(
    "/needs",
    summary="What firms buy",
    tags=["matching"],
    response_model=schemas.NeedPage,
    responses=answers(400, 404, 422, 503),
)
def list_needs(request: Request, corridor: CorridorApp, filters: Filters) -> dict[str, Any]:
    return _page_json(request, filters, _records("needs", corridor, filters))


@router.get(
    "/offers",
    summary="What firms supply",
    tags=["matching"],
    response_model=schemas.OfferPage,
    responses=answers(400, 404, 422, 503),
)
def list_offers(request: Request, corridor: CorridorApp, filters: Filters) -> dict[str, Any]:
    return _page_json(request, filters, _records("offers", corridor, filters))


@router.get(
    "/match",
    summary="Suppliers for a need, or buyers for an offer, with the reasons",
    tags=["matching"],
    response_model=schemas.Matches,
    responses=answers(400, 404, 422, 503),
)
def match(
    corridor: CorridorApp,
    request: Request,
    need: Annotated[str | None, Query(max_length=1000, description="what is needed (vi or en)")] = None,
    offer: Annotated[str | None, Query(max_length=1000, description="what is offered: rank buyers")] = None,
    item: Annotated[str | None, Query(description="ID of a stored need or offer")] = None,
    hs: Annotated[list[str] | None, Query(description="HS 2022 codes")] = None,
    province: Annotated[str | None, Query(description="only firms in this province")] = None,
    certification: Annotated[
        list[str] | None, Query(description="certifications suppliers must hold; with an offer, the ones it holds")
    ] = None,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    service = corridor.matching()
    query = MatchQuery(
        text=need or offer,
        item_id=item,
        hs_codes=tuple(hs or ()),
        province=province,
        certifications=tuple(certification or ()),
        top=top,
    )
    buyers = offer is not None or (item is not None and corridor.registry.exists("offers", item))
    found = service.buyers_for(query) if buyers else service.suppliers_for(query)
    return {
        "ranking": "buyers" if buyers else "suppliers",
        "model": service.encoder.name,
        "weights_version": service.weights.version,
        "results": [m.as_dict(request_lang(request)) for m in found],
    }


@router.post(
    "/import/{kind}",
    summary="Import a CSV, XLSX or GeoJSON file (all or nothing)",
    tags=["registry"],
    response_model=schemas.ImportSummary,
    responses={
        **answers(400, 401, 403, 413, 415, 503),
        422: {"model": schemas.ImportRefused, "description": "the file has errors; nothing was written"},
    },
)
def import_file(  # not async: the import runs in a worker thread, the server keeps answering
    kind: str,
    corridor: CorridorApp,
    request: Request,
    principal: Actor,
    file: Annotated[UploadFile, File(description="the file, as in `corridor import`")],
    dry_run: bool = False,
) -> Any:
    """The same validation as the command line; on any error nothing is written and every error is listed.

    Needs an API token (`Authorization: Bearer ...`) or a session cookie with the `X-CSRF-Token` header. Every
    row must be in the caller's scope (policy action `records.import`), checked before anything is written;
    the write is recorded under the caller's e-mail address."""
    check_csrf(request, corridor, None)
    if principal.is_anonymous:  # before reading the upload
        authorize(principal, "records.import")
    name = upload_file_name(file.filename)
    check_declared_type(name, file.content_type)
    limits = corridor.registry.limits
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        copy_upload(file.file, path, limits, name)  # in chunks, stopping at the byte limit
        try:
            result = corridor.registry.import_file(
                path,
                kind,
                principal.actor,
                dry_run=dry_run,
                check=lambda kind, rows: corridor.accounts.authorize_import(principal, kind, rows),
            )
        except ImportRejected as rejected:
            lang = request_lang(request)
            return JSONResponse(
                status_code=422,
                content={
                    "error": {
                        "status": 422,
                        "message": rejected.render(lang).splitlines()[0],
                        "rows": [
                            {"row": e.row, "column": e.column, "value": e.value, "message": e.render(lang)}
                            for e in rejected.errors
                        ],
                    }
                },
            )
    return {
        "kind": kind,
        "file": result.file_name,
        "rows": result.rows,
        "added": result.added,
        "unchanged": result.unchanged,
        "dry_run": result.dry_run,
        "merged": [asdict(merged) for merged in result.merged],
        "to_review": [asdict(review) for review in result.to_review],
    }
