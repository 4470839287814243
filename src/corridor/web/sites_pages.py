"""Investor pages: the brief form and its ranked, explained shortlist (/sites) with a map, per-criterion bars, the
robustness figure and a side-by-side comparison; one inquiry to the shortlist's boards; its private follow page
(/inquiries/{token}); the boards' inbox (/inquiries/board); the administrators' dashboard (/inquiries/dashboard).
Server-rendered: the form works without JavaScript (it is a GET: ranking writes nothing)."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from corridor.accounts.models import Target
from corridor.accounts.policy import may
from corridor.bootstrap import App
from corridor.errors import CorridorError, NotFound
from corridor.http.auth import Actor, FormCsrf
from corridor.http.deps import CorridorApp
from corridor.http.lang import request_lang
from corridor.i18n import mark, translate
from corridor.siting import PROFILES, brief_from_dict
from corridor.siting.criteria import CRITERIA, CRITERION_IDS, profile_weights
from corridor.siting.inquiries import STATUS_LABELS, STATUSES
from corridor.web.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PROFILE_LABELS = {
    "export_manufacturer": mark("Export manufacturer"),
    "domestic_market": mark("Domestic-market producer"),
    "logistics": mark("Logistics operator"),
}
NUMBER_FIELDS = ("land_ha", "power_mw", "water_m3_day", "wastewater_m3_day", "rent_budget_usd_m2")
FLAG_FIELDS = ("export_deep_sea", "air_freight", "china_trade", "green_required")
LIST_FIELDS = ("preferred_localities", "excluded_localities", "near")
# Colours of the criteria in the bars and the legend (colour-blind-safe Tableau 10 order).
COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#1f77b4",
)
COMPARED = 4


def _number(text: str) -> Any:
    """A form number as the brief takes it; text that is not a number goes through, so the brief names it."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def brief_data(params: Any) -> dict[str, Any]:
    """The brief fields of a query string (empty fields are left out: no requirement)."""
    data: dict[str, Any] = {}
    for name in ("sector", "start_date", "profile"):
        if params.get(name, "").strip():
            data[name] = params[name].strip()
    for name in NUMBER_FIELDS:
        if params.get(name, "").strip():
            data[name] = _number(params[name].strip())
    if params.get("workforce", "").strip():
        data["workforce"] = _number(params["workforce"].strip())
    for name in FLAG_FIELDS:
        if params.get(name):
            data[name] = True
    for name in LIST_FIELDS:
        names = [n.strip() for n in params.get(name, "").split(",") if n.strip()]
        if names:
            data[name] = names
    return data


def _shortlist_query(params: Any) -> str:
    kept = {k: v for k, v in params.items() if k not in {"compare", "lang"} and v}
    return urlencode(kept)


def _features(ranking: dict[str, Any], corridor: App) -> dict[str, Any]:
    features = []
    for zone in ranking["results"]:
        location = zone["location"]
        if location["lat"] is None:
            continue
        row = corridor.registry.view_row("zones", zone["id"]) or {}
        properties = {
            "id": zone["id"],
            "name": f"{zone['rank']}. {zone['name']}",
            "type": row.get("zone_type"),
            "status": row.get("status"),
            "province": zone["province"],
            "area_ha": row.get("area_ha"),
            "precision": row.get("precision") or "unknown",
        }
        geometry = {"type": "Point", "coordinates": [location["lon"], location["lat"]]}
        features.append({"type": "Feature", "id": zone["id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def weights_data(params: Any) -> dict[str, Any]:
    """The weights the form sets (w_<criterion>, points); empty fields keep the profile's."""
    return {c: _number(params[f"w_{c}"].strip()) for c in CRITERION_IDS if params.get(f"w_{c}", "").strip()}


def _ranked(request: Request, corridor: App) -> dict[str, Any]:
    """The ranking the page's query asks for; --top is kept to 1-50 on the page."""
    params = request.query_params
    top = _number(params.get("top", "10") or "10")
    shown = top if isinstance(top, int) and 1 <= top <= 50 else 10
    method = params.get("method", "weighted") or "weighted"
    brief = brief_from_dict(brief_data(params))
    ranking = corridor.siting().rank(brief, method=method, weights=weights_data(params), top=shown)
    return ranking.as_dict(request_lang(request))


def _default_weights(params: Any) -> dict[str, float]:
    profile = params.get("profile") if params.get("profile") in PROFILES else PROFILES[0]
    return profile_weights(profile)


def _compared(ranking: dict[str, Any], chosen: list[str]) -> list[dict[str, Any]]:
    results = ranking["results"]
    picked = [r for r in results if r["id"] in chosen] if chosen else []
    return (picked or results)[:COMPARED]


@router.get("/sites")
def sites_page(request: Request, corridor: CorridorApp, principal: Actor) -> Response:
    lang = request_lang(request)
    params = request.query_params
    ranking, error, status = None, None, 200
    if params.get("sector") or params.get("land_ha"):
        try:
            ranking = _ranked(request, corridor)
        except CorridorError as problem:
            error, status = problem.render(lang), problem.http_status
    return render(
        request,
        "sites.html",
        status_code=status,
        form=params,
        ranking=ranking,
        error=error,
        profiles=[(p, translate(PROFILE_LABELS[p], lang)) for p in PROFILES],
        criteria=[(c.id, translate(c.label, lang)) for c in CRITERIA],
        default_weights=_default_weights(params),
        colours=dict(zip([c["id"] for c in ranking["criteria"]], COLOURS, strict=True)) if ranking else {},
        compared=_compared(ranking, params.getlist("compare")) if ranking else [],
        query=_shortlist_query(params),
        kit_query=_shortlist_query({k: v for k, v in params.items() if k != "top"}),
        compared_query=urlencode([("compare", zone_id) for zone_id in params.getlist("compare")]),
        may_inquire=not principal.is_anonymous and may(principal, "inquiry.create", Target.everything()),
        brief_json=json.dumps(brief_data(params), ensure_ascii=False),
    )


@router.get("/sites/shortlist.geojson")
def shortlist_geojson(request: Request, corridor: CorridorApp) -> Response:
    """The ranked zones as points for the page's map (rank in the name)."""
    try:
        return JSONResponse(_features(_ranked(request, corridor), corridor), media_type="application/geo+json")
    except CorridorError:
        return JSONResponse({"type": "FeatureCollection", "features": []}, media_type="application/geo+json")


@router.get("/sites/kit.{file_format}")
def promotion_kit(request: Request, corridor: CorridorApp, file_format: str) -> Response:
    """The promotion kit of the page's shortlist (the same query as /sites), in the page's language."""
    from corridor.documents import render_html, render_pdf
    from corridor.siting.kit import KIT_FORMATS, build_kit, kit_filename

    if file_format not in KIT_FORMATS:
        path = "/sites/kit." + file_format
        raise NotFound("No page '{name}'", name=path)
    lang, params = request_lang(request), request.query_params
    top = _number(params.get("top", "4") or "4")
    brief = brief_from_dict(brief_data(params))
    method = params.get("method", "weighted") or "weighted"
    shown = top if isinstance(top, int) and 1 <= top <= 10 else 4
    chosen = params.getlist("compare")[:10]
    weights = weights_data(params)
    document = build_kit(corridor.siting(), brief, lang=lang, top=shown, method=method, weights=weights, zones=chosen)
    data = render_pdf(document) if file_format == "pdf" else render_html(document).encode("utf-8")
    media = "application/pdf" if file_format == "pdf" else "text/html; charset=utf-8"
    disposition = f'attachment; filename="{kit_filename(lang, file_format)}"'
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


@router.post("/sites/inquiry", dependencies=[FormCsrf])
def send_inquiry(
    corridor: CorridorApp,
    principal: Actor,
    zones: Annotated[list[str] | None, Form()] = None,
    message: Annotated[str, Form()] = "",
    brief: Annotated[str, Form()] = "{}",
) -> Response:
    try:
        brief_fields = json.loads(brief) if brief else {}
    except json.JSONDecodeError:
        brief_fields = {}
    inquiry, token = corridor.inquiries.send(
        principal, zones or [], message, brief_fields if isinstance(brief_fields, dict) else {}
    )
    return RedirectResponse(f"/inquiries/{token}?sent={len(inquiry.recipients)}", status_code=303)


@router.get("/inquiries/board")
def board_inbox(request: Request, corridor: CorridorApp, principal: Actor) -> Response:
    """The inquiries to the boards whose zones the signed-in user answers for, with a status form per board."""
    if principal.is_anonymous:
        return RedirectResponse("/login?next=/inquiries/board", status_code=303)
    lang = request_lang(request)
    shown = []
    for inquiry in corridor.inquiries.for_board_users(principal):
        mine = {r.board_id for r in inquiry.recipients if corridor.inquiries.may_answer(principal, r)}
        shown.append((_inquiry_json(corridor, inquiry, lang), mine))
    return render(request, "inquiries_board.html", inquiries=shown, statuses=_statuses(lang))


@router.post("/inquiries/{inquiry_id}/boards/{board_id}/status", dependencies=[FormCsrf])
def board_status(
    inquiry_id: int,
    board_id: str,
    corridor: CorridorApp,
    principal: Actor,
    status: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    corridor.inquiries.update_status(principal, inquiry_id, board_id, status, note)
    return RedirectResponse("/inquiries/board", status_code=303)


@router.get("/inquiries/dashboard")
def dashboard(request: Request, corridor: CorridorApp, principal: Actor) -> Response:
    if principal.is_anonymous:
        return RedirectResponse("/login?next=/inquiries/dashboard", status_code=303)
    found = corridor.inquiries.dashboard(principal)
    lang = request_lang(request)
    open_ones = [_inquiry_json(corridor, i, lang) for i in found["open"]]
    return render(request, "inquiries_dashboard.html", boards=found["boards"], open=open_ones)


@router.get("/inquiries/{token}")
def follow(request: Request, corridor: CorridorApp, token: str) -> Response:
    """The investor's private page: no sign-in, the token is the key (and never indexed)."""
    inquiry = _inquiry_json(corridor, corridor.inquiries.follow(token), request_lang(request))
    response = render(request, "inquiry.html", inquiry=inquiry, sent=request.query_params.get("sent"), token=token)
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _statuses(lang: str) -> list[tuple[str, str]]:
    return [(s, translate(STATUS_LABELS[s], lang)) for s in STATUSES]


def _inquiry_json(corridor: App, inquiry: Any, lang: str) -> dict[str, Any]:
    names = {}
    for zone_id in inquiry.zone_ids:
        row = corridor.registry.view_row("zones", zone_id)
        names[zone_id] = str(row["name_vi"]) if row else zone_id
    result: dict[str, Any] = inquiry.as_dict(lang, names)
    for recipient in result["recipients"]:  # the pages show the zones' names, the API their IDs
        recipient["zone_names"] = [names.get(z, z) for z in recipient["zones"]]
    return result
