"""The route page: pick two places, a profile and a year; the route on the map, its legs, the alternatives,
and the legs as CSV or GeoJSON. Server-rendered, so the form works without JavaScript."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from corridor.bootstrap import App
from corridor.errors import CorridorError, InvalidInput
from corridor.http.deps import CorridorApp as Corridor
from corridor.http.lang import request_lang
from corridor.i18n import mark, translate
from corridor.logistics.graph import OBJECTIVES
from corridor.logistics.routing import Route
from corridor.reference.place_names import place_names
from corridor.registry.formulas import neutralise_text
from corridor.registry.labels import leg_mode_label
from corridor.web.render import render

router = APIRouter(include_in_schema=False)

# What each bundled profile and objective is called on the page (a profile added in a parameter file shows its name).
PROFILE_LABELS = {
    "truck": mark("Container truck"),
    "rail": mark("Rail, trucked to and from the stations"),
    "barge": mark("Barge or coastal ship, trucked to and from the ports"),
    "multimodal": mark("Any mix of road, rail and water"),
}
OBJECTIVE_LABELS = {
    "time": mark("fastest"),
    "cost": mark("cheapest"),
    "co2": mark("lowest CO2e"),
    "distance": mark("shortest"),
}
CSV_COLUMNS = ("leg", "kind", "mode", "from", "to", "distance_km", "duration_h", "cost_vnd", "co2e_kg", "basis", "note")
MIN_YEAR, MAX_YEAR = 1900, 2100
CO2E_NOTE = "CO2e: {method}"  # the route note quoting the parameter file's method


@dataclass(frozen=True)
class RouteForm:
    """The route form as sent: every field is text, checked by the logistics service."""

    origin: str = ""
    destination: str = ""
    profile: str = "truck"
    optimize: str = "time"
    year: str = ""
    scenario: str = ""

    @property
    def sent(self) -> bool:
        return bool(self.origin.strip() or self.destination.strip())

    def query(self, **changed: str) -> str:
        fields = {
            "from": self.origin,
            "to": self.destination,
            "profile": self.profile,
            "optimize": self.optimize,
            "year": self.year,
            "scenario": self.scenario,
            **changed,
        }
        return urlencode({k: v for k, v in fields.items() if v})


def route_form(
    request: Request,
    profile: str = "truck",
    optimize: str = "time",
    year: str = "",
    scenario: str = "",
) -> RouteForm:
    params = request.query_params
    return RouteForm(params.get("from", ""), params.get("to", ""), profile, optimize, year.strip(), scenario)


def _year(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise InvalidInput(
            mark("Expected a year from {first} to {last}, got '{value}'"), first=MIN_YEAR, last=MAX_YEAR, value=text
        )
    return int(text)


def _route(corridor: App, form: RouteForm) -> Route:
    if not (form.origin.strip() and form.destination.strip()):
        raise InvalidInput(mark("Name both the origin and the destination"))
    return corridor.logistics().route(
        form.origin,
        form.destination,
        profile=form.profile,
        optimize=form.optimize,
        year=_year(form.year),
        scenario=form.scenario or None,
    )


@router.get("/route", response_class=HTMLResponse)
def route_page(request: Request, corridor: Corridor, form: Annotated[RouteForm, Depends(route_form)]) -> Response:
    """The form, and once sent the route, its alternatives and exports; a wrong request shows its message."""
    lang = request_lang(request)
    logistics = corridor.logistics()
    found, alternatives, notes, error, status = None, None, [], None, 200
    if form.sent:
        try:
            route = _route(corridor, form)
            found = route.as_dict(lang)
            # The CO2e method is text of the parameter file (English data): shown apart, marked as such.
            notes = [note.render(lang) for note in route.notes if note.message_id != CO2E_NOTE]
            alternatives = logistics.alternatives(
                form.origin, form.destination, profile=form.profile, year=route.year, scenario=form.scenario or None
            ).as_dict(lang)
        except CorridorError as problem:
            error, status = problem.render(lang), problem.http_status
    return render(
        request,
        "route.html",
        status_code=status,
        form=form,
        route=found,
        alternatives=alternatives,
        notes=notes,
        co2e_method=logistics.params.co2e_method,
        error=error,
        places=_place_options(corridor),
        profiles=[(name, _profile_label(name, lang)) for name in logistics.params.profiles],
        objectives=[(name, translate(OBJECTIVE_LABELS[name], lang)) for name in OBJECTIVES],
        scenarios=[s.name for s in logistics.saved_scenarios()],
        mode_label=lambda mode: leg_mode_label(mode, lang),
    )


def _profile_label(name: str, lang: str) -> str:
    return translate(PROFILE_LABELS[name], lang) if name in PROFILE_LABELS else name


def _place_options(corridor: App) -> list[tuple[str, str]]:
    """(value, label) for the place search: zones and nodes by ID, localities by name."""
    logistics = corridor.logistics()
    nodes = sorted(logistics.base.nodes.values(), key=lambda node: (node.kind != "zone", node.name))
    options = [(node.id, node.name) for node in nodes if node.located and node.kind not in {"berth", "junction"}]
    options += [(name, name) for name in logistics.params.localities]
    # Korean, Japanese and Chinese names, which the route resolves (corridor.reference.place_names).
    return options + [(place.name, place.name_vi) for place in sorted(place_names(), key=lambda p: p.name_vi)]


@router.get("/route/export.csv")
def route_csv(request: Request, corridor: Corridor, form: Annotated[RouteForm, Depends(route_form)]) -> Response:
    """The legs of the route as CSV; text cells are neutralised against spreadsheet formulas."""
    found = _route(corridor, form).as_dict(request_lang(request))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for number, leg in enumerate(found["legs"], start=1):
        row = {**leg, "leg": number, "from": leg["from"]["name"], "to": leg["to"]["name"]}
        writer.writerow([_csv_cell(row[column]) for column in CSV_COLUMNS])
    if found["attribution"]:  # the linework's licences ask for their credit wherever the network is shown
        writer.writerow([])
        writer.writerow(
            [_csv_cell("attribution"), _csv_cell(found["attribution"]), "network", found["network_version"]]
        )
    headers = {"Content-Disposition": 'attachment; filename="corridor-route.csv"'}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def _csv_cell(value: Any) -> Any:
    return neutralise_text(value) if isinstance(value, str) else ("" if value is None else value)


@router.get("/route/export.geojson")
def route_geojson(request: Request, corridor: Corridor, form: Annotated[RouteForm, Depends(route_form)]) -> Response:
    """The travelled legs as GeoJSON (along the linework where it has geometry), as the page's map draws them."""
    collection = corridor.logistics().route_geojson(_route(corridor, form), request_lang(request))
    headers = {"Content-Disposition": 'attachment; filename="corridor-route.geojson"'}
    return Response(json.dumps(collection, ensure_ascii=False), media_type="application/geo+json", headers=headers)
