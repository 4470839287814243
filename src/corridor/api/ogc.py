"""OGC API - Features (Part 1: Core, GeoJSON) at /ogc, for QGIS, GDAL and other GIS clients."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from corridor.api import schemas
from corridor.api.features import record_feature
from corridor.api.openapi import GEOJSON, answers, content, lang_param, typed_json
from corridor.errors import CorridorError, NotFound
from corridor.http.deps import CorridorApp
from corridor.registry.filters import MAX_OFFSET
from corridor.registry.service import ListFilters

router = APIRouter(prefix="/ogc", tags=["OGC API - Features"], dependencies=[Depends(lang_param)])

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
COLLECTIONS = {
    "zones": (
        "Khu công nghiệp, khu kinh tế, cụm công nghiệp / Industrial parks, economic zones and clusters",
        "Zones of the corridor registry; precision says how exact each point is",
    ),
    "nodes": (
        "Hạ tầng giao thông / Infrastructure nodes",
        "Seaports and berths, airports, border gates, rail stations and towns",
    ),
}
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogc"


# exclude_unset: a link without a title has no `title` key, rather than `"title": null`
@router.get(
    "",
    summary="Landing page",
    response_model=schemas.Landing,
    response_model_exclude_unset=True,
    responses=answers(400),
)
@router.get("/", include_in_schema=False, response_model=schemas.Landing, response_model_exclude_unset=True)
def landing(request: Request) -> dict[str, Any]:
    base = _base(request)
    return {
        "title": "Corridor – OGC API Features",
        "description": "Zones and infrastructure of Vietnam's northern economic corridors, with sources",
        "links": [
            {"href": base, "rel": "self", "type": "application/json", "title": "this document"},
            {
                "href": f"{base.removesuffix('/ogc')}/api/v1/openapi.json",
                "rel": "service-desc",
                "type": "application/vnd.oai.openapi+json;version=3.0",
                "title": "the API definition",
            },
            {"href": f"{base}/conformance", "rel": "conformance", "type": "application/json"},
            {"href": f"{base}/collections", "rel": "data", "type": "application/json"},
        ],
    }


@router.get(
    "/conformance",
    summary="Conformance classes",
    response_model=schemas.Conformance,
    responses=answers(400),
)
def conformance() -> dict[str, Any]:
    return {"conformsTo": CONFORMANCE}


def _collection(request: Request, corridor: CorridorApp, collection_id: str) -> dict[str, Any]:
    title, description = COLLECTIONS[collection_id]
    base = _base(request)
    return {
        "id": collection_id,
        "title": title,
        "description": description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [_extent(corridor, collection_id)], "crs": CRS84}},
        "links": [
            {"href": f"{base}/collections/{collection_id}", "rel": "self", "type": "application/json"},
            {"href": f"{base}/collections/{collection_id}/items", "rel": "items", "type": GEOJSON},
        ],
    }


def _extent(corridor: CorridorApp, collection_id: str) -> list[float]:
    items = corridor.registry.list_records(collection_id, ListFilters()).items
    points = [(i["location"]["lon"], i["location"]["lat"]) for i in items if i["location"]["lat"] is not None]
    if not points:
        return [102.0, 8.0, 110.0, 23.5]
    lons, lats = zip(*points, strict=True)
    return [min(lons), min(lats), max(lons), max(lats)]


def _check_collection(collection_id: str) -> None:
    if collection_id not in COLLECTIONS:
        raise NotFound(
            "No collection '{name}'; choose one of {names}", name=collection_id, names=", ".join(COLLECTIONS)
        )


@router.get(
    "/collections",
    summary="The feature collections",
    response_model=schemas.Collections,
    response_model_exclude_unset=True,
    responses=answers(400, 503),
)
def collections(request: Request, corridor: CorridorApp) -> dict[str, Any]:
    return {
        "collections": [_collection(request, corridor, cid) for cid in COLLECTIONS],
        "links": [{"href": f"{_base(request)}/collections", "rel": "self", "type": "application/json"}],
    }


@router.get(
    "/collections/{collection_id}",
    summary="One collection",
    response_model=schemas.Collection,
    response_model_exclude_unset=True,
    responses=answers(400, 404, 503),
)
def collection(request: Request, corridor: CorridorApp, collection_id: str) -> dict[str, Any]:
    _check_collection(collection_id)
    return _collection(request, corridor, collection_id)


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        values = []
    if len(values) != 4 or values[0] > values[2] or values[1] > values[3]:
        raise CorridorError("bbox must be four numbers: min lon, min lat, max lon, max lat (got '{bbox}')", bbox=text)
    return values[0], values[1], values[2], values[3]


@router.get(
    "/collections/{collection_id}/items",
    summary="Features, filtered by bbox, with paging",
    responses=answers(400, 404, 503, ok=content({GEOJSON: schemas.OgcFeatureCollection}, "a page of features")),
)
def items(
    request: Request,
    corridor: CorridorApp,
    collection_id: str,
    bbox: Annotated[str | None, Query(description="min lon,min lat,max lon,max lat (CRS84)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:
    _check_collection(collection_id)
    page = corridor.registry.list_records(
        collection_id, ListFilters(bbox=_bbox(bbox), limit=limit, offset=offset, sort="id")
    )
    features = [record_feature(collection_id, item) for item in page.items]
    links = [{"href": str(request.url), "rel": "self", "type": GEOJSON}]
    if offset + limit < page.total:
        links.append(
            {"href": str(request.url.include_query_params(offset=offset + limit)), "rel": "next", "type": GEOJSON}
        )
    if offset:
        links.append(
            {
                "href": str(request.url.include_query_params(offset=max(0, offset - limit))),
                "rel": "prev",
                "type": GEOJSON,
            }
        )
    body = {
        "type": "FeatureCollection",
        "features": features,
        "numberMatched": page.total,
        "numberReturned": len(features),
        "links": links,
    }
    return typed_json(schemas.OgcFeatureCollection, body, GEOJSON)


@router.get(
    "/collections/{collection_id}/items/{feature_id}",
    summary="One feature",
    responses=answers(400, 404, 503, ok=content({GEOJSON: schemas.OgcFeature}, "the feature")),
)
def item(request: Request, corridor: CorridorApp, collection_id: str, feature_id: str) -> Response:
    _check_collection(collection_id)
    record = corridor.registry.show(collection_id, feature_id)
    feature = record_feature(collection_id, record)
    feature["links"] = [
        {"href": str(request.url), "rel": "self", "type": GEOJSON},
        {"href": f"{_base(request)}/collections/{collection_id}", "rel": "collection", "type": "application/json"},
    ]
    return typed_json(schemas.OgcFeature, feature, GEOJSON)
