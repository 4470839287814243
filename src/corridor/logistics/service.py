"""Logistics use cases: routes, matrices, nearest hubs and scenario comparisons over the corridor network."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from corridor.errors import CorridorError, NoRoute, NotFound
from corridor.i18n import mark
from corridor.logistics.bundled import Linework
from corridor.logistics.graph import OBJECTIVES, Reached, RoutingGraph
from corridor.logistics.hub_matrix import HubMatrix, hub_matrix_from_graph
from corridor.logistics.junctions import network_on_linework, with_places
from corridor.logistics.labels import profile_noun
from corridor.logistics.network import Network, Node, build_network, links_from_rows
from corridor.logistics.parameters import Parameters
from corridor.logistics.places import Place, PlaceIndex
from corridor.logistics.routing import Note, Route, route_features, route_from_arcs
from corridor.logistics.scenarios import Scenario, apply_scenario

__all__ = [
    "ALTERNATIVE_OBJECTIVES",
    "HUB_CLASSES",
    "Alternatives",
    "LogisticsService",
    "MatrixResult",
    "PairDiff",
    "ScenarioStore",
]

HUB_CLASSES = ("deep_sea_port", "airport", "border_gate", "rail_terminal")
GRAPH_CACHE_SIZE = 16
METRIC_KEYS = {"time": "duration_h", "distance": "distance_km", "cost": "cost_vnd", "co2": "co2e_kg"}
METRIC_UNITS = {"time": "h", "distance": "km", "cost": "VND", "co2": "kg CO2e"}
ALTERNATIVE_OBJECTIVES = ("time", "cost", "co2")
_COMPARED = ("duration_h", "cost_vnd", "co2e_kg")


class ScenarioStore(Protocol):
    """Where scenarios are kept (implemented in corridor.storage)."""

    def save_scenario(self, scenario: Scenario, user: str) -> None: ...
    def get_scenario(self, name: str) -> Scenario | None: ...
    def list_scenarios(self) -> list[Scenario]: ...
    def delete_scenario(self, name: str) -> bool: ...


@dataclass(frozen=True)
class MatrixResult:
    metric: str
    unit: str
    origins: list[dict[str, str]]
    destinations: list[dict[str, str]]
    values: np.ndarray  # origins x destinations; NaN where there is no path

    @property
    def metric_key(self) -> str:
        return METRIC_KEYS[self.metric]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "origin": o["id"],
                "origin_name": o["name"],
                "destination": d["id"],
                "destination_name": d["name"],
                self.metric_key: None if np.isnan(self.values[i, j]) else round(float(self.values[i, j]), 3),
            }
            for i, o in enumerate(self.origins)
            for j, d in enumerate(self.destinations)
        ]


class LogisticsService:
    def __init__(
        self,
        nodes: Iterable[Node],
        link_rows: Iterable[Mapping[str, str]],
        params: Parameters,
        scenarios: ScenarioStore | None = None,
        cache_dir: Path | None = None,
        linework: Linework | None = None,
    ) -> None:
        node_list = list(nodes)
        by_id = {node.id: node for node in node_list}
        self.params = params
        self.scenarios = scenarios
        self.cache_dir = cache_dir
        hand_made = links_from_rows(link_rows, by_id, params)
        started = time.perf_counter()
        if linework is None:
            self.base = build_network(node_list, hand_made, params)
        else:
            self.base = network_on_linework(node_list, hand_made, (linework.junctions, linework.arcs), params)
        self.build_s = time.perf_counter() - started  # reported by benchmarks/routing.py
        # The credit of the linework's licences, shown wherever a route or the network is shown (empty without it).
        self.attribution = linework.attribution if linework else ""
        self.places = PlaceIndex(node_list, params.localities)
        self._graphs: OrderedDict[tuple[Any, ...], RoutingGraph] = OrderedDict()
        self.network_version = self.base.fingerprint()
        self._hub_matrices: dict[tuple[str, int], HubMatrix] = {}

    # -- networks and graphs ------------------------------------------------------------------------------

    def scenario(self, name: str) -> Scenario:
        scenario = self.scenarios.get_scenario(name) if self.scenarios else None
        if scenario is None:
            known = ", ".join(s.name for s in self.scenarios.list_scenarios()) if self.scenarios else ""
            raise NotFound("No scenario '{name}' (known: {known})", name=name, known=known or "-")
        return scenario

    def network(self, scenario: Scenario | None) -> Network:
        return apply_scenario(self.base, scenario) if scenario else self.base

    def graph(self, profile: str, year: int, scenario: Scenario | None, cargo_t: float) -> RoutingGraph:
        key = (profile, year, json.dumps(scenario.as_dict(), sort_keys=True) if scenario else None, cargo_t)
        if key in self._graphs:
            self._graphs.move_to_end(key)
            return self._graphs[key]
        graph = RoutingGraph(self.network(scenario), self.params, self.params.profile(profile), year, cargo_t)
        self._graphs[key] = graph
        if len(self._graphs) > GRAPH_CACHE_SIZE:
            self._graphs.popitem(last=False)
        return graph

    def _settings(
        self, year: int | None, scenario_name: str | None, cargo_t: float | None
    ) -> tuple[int, Scenario | None, float]:
        scenario = self.scenario(scenario_name) if scenario_name else None
        chosen_year = year or (scenario.year if scenario and scenario.year else dt.date.today().year)
        cargo = cargo_t if cargo_t is not None else self.params.default_cargo_t
        if cargo <= 0 or cargo > 100:
            raise CorridorError("Cargo must weigh more than 0 and at most 100 t, got {value}", value=cargo)
        return chosen_year, scenario, cargo

    # -- routes ---------------------------------------------------------------------------------------------

    def route(
        self,
        origin: str,
        destination: str,
        *,
        profile: str = "truck",
        optimize: str = "time",
        year: int | None = None,
        scenario: str | None = None,
        cargo_t: float | None = None,
    ) -> Route:
        self._check_choices(profile, optimize)
        chosen_year, chosen, cargo = self._settings(year, scenario, cargo_t)
        start, end = self.places.resolve(origin), self.places.resolve(destination)
        for place in (start, end):
            self._check_placed(place)
        graph = self._graph_for(start, end, profile, chosen_year, chosen, cargo)
        arcs = graph.path(start.node_id, end.node_id, optimize)
        if arcs is None:
            raise _no_route(graph, start, end)
        route = Route(
            {"id": start.node_id, "name": start.name, "kind": start.kind},
            {"id": end.node_id, "name": end.name, "kind": end.kind},
            profile,
            optimize,
            chosen_year,
            cargo,
            chosen.name if chosen else None,
            network_version=self.base.fingerprint(),
            attribution=self.attribution,
        )
        # The method is text of the parameter file, so it stays as written there (English data).
        route.notes.append(Note(mark("CO2e: {method}"), {"method": self.params.co2e_method}))
        return route_from_arcs(arcs, graph.network, route, self.params.detour["road"])

    def alternatives(
        self,
        origin: str,
        destination: str,
        *,
        profile: str = "truck",
        year: int | None = None,
        scenario: str | None = None,
        cargo_t: float | None = None,
    ) -> Alternatives:
        """The time-, cost- and CO2e-optimal routes between two places, side by side, and which one dominates."""
        routes = {
            objective: self.route(
                origin, destination, profile=profile, optimize=objective, year=year, scenario=scenario, cargo_t=cargo_t
            )
            for objective in ALTERNATIVE_OBJECTIVES
        }
        return Alternatives(routes)

    def saved_scenarios(self) -> list[Scenario]:
        return self.scenarios.list_scenarios() if self.scenarios else []

    def route_geojson(self, route: Route, lang: str = "en") -> dict[str, Any]:
        """The route's travelled legs (links and access legs) as schematic straight lines, one feature per leg."""
        return route_features(route, self._leg_points(route), lang)

    def _leg_points(self, route: Route) -> dict[str, tuple[float, float]]:
        """(lon, lat) of every located place a leg starts or ends at, coordinates given as places included."""
        points = {}
        for leg in route.legs:
            for node_id in (leg.from_id, leg.to_id):
                node = self.base.nodes.get(node_id)
                if node is None and node_id.startswith("point:"):
                    node = self.places.resolve(node_id.removeprefix("point:")).point
                if node is not None and node.lat is not None and node.lon is not None:
                    points[node_id] = (node.lon, node.lat)
        return points

    def _check_choices(self, profile: str, optimize: str) -> None:
        """Invalid input, refused before any place is looked up (so it is never taken for 'no route')."""
        if optimize not in OBJECTIVES:
            raise CorridorError(
                "Cannot optimise '{name}'; choose one of {names}", name=optimize, names=", ".join(OBJECTIVES)
            )
        self.params.profile(profile)

    def _check_placed(self, place: Place) -> None:
        node = self.base.nodes.get(place.node_id)
        linked = any(place.node_id in (link.a, link.b) for link in self.base.links)
        if node is not None and not node.located and not linked:
            raise NoRoute(mark("{name} has no known location, so it cannot be joined to the network"), name=place.name)

    def _graph_for(
        self, start: Place, end: Place, profile: str, year: int, scenario: Scenario | None, cargo: float
    ) -> RoutingGraph:
        points = [p.point for p in (start, end) if p.point is not None]
        if not points:
            return self.graph(profile, year, scenario, cargo)
        widened = with_places(self.network(scenario), points, self.params)
        return RoutingGraph(widened, self.params, self.params.profile(profile), year, cargo)

    # -- matrices and hubs ------------------------------------------------------------------------------------

    def matrix(
        self,
        origins: list[str],
        destinations: list[str],
        *,
        metric: str = "time",
        profile: str = "truck",
        year: int | None = None,
        scenario: str | None = None,
        cargo_t: float | None = None,
    ) -> MatrixResult:
        """Best values of `metric` (each pair optimised for that metric) from node IDs to node IDs."""
        if metric not in OBJECTIVES:
            raise CorridorError(
                "Unknown metric '{name}'; choose one of {names}", name=metric, names=", ".join(OBJECTIVES)
            )
        chosen_year, chosen, cargo = self._settings(year, scenario, cargo_t)
        for node_id in (*origins, *destinations):
            if node_id not in self.base.nodes:
                raise NotFound("No place '{name}' in the network", name=node_id)
        key = self._matrix_key(origins, destinations, metric, profile, chosen_year, chosen, cargo)
        values = self._cached(key)
        if values is None:
            values = self.graph(profile, chosen_year, chosen, cargo).matrix(origins, destinations, metric)
            self._store(key, values)
        named = self.base.nodes
        return MatrixResult(
            metric,
            METRIC_UNITS[metric],
            [{"id": o, "name": named[o].name} for o in origins],
            [{"id": d, "name": named[d].name} for d in destinations],
            values,
        )

    def _matrix_key(
        self,
        origins: list[str],
        destinations: list[str],
        metric: str,
        profile: str,
        year: int,
        scenario: Scenario | None,
        cargo: float,
    ) -> str:
        payload = json.dumps(
            [
                self.base.fingerprint(),
                self.params.fingerprint,
                origins,
                destinations,
                metric,
                profile,
                year,
                scenario.as_dict() if scenario else None,
                cargo,
            ],
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def _cached(self, key: str) -> np.ndarray | None:
        path = self.cache_dir / f"matrix-{key}.npy" if self.cache_dir else None
        return np.load(path) if path is not None and path.is_file() else None

    def _store(self, key: str, values: np.ndarray) -> None:
        if self.cache_dir is None:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        np.save(self.cache_dir / f"matrix-{key}.npy", values)

    def hub_ids(self, hub_class: str | None = None) -> list[str]:
        if hub_class is not None and hub_class not in HUB_CLASSES:
            raise CorridorError(
                "Unknown hub class '{name}'; choose one of {names}", name=hub_class, names=", ".join(HUB_CLASSES)
            )
        classes = [hub_class] if hub_class else list(HUB_CLASSES)
        return [h for c in classes for h in self.params.hubs.get(c, []) if h in self.base.nodes]

    def nearest_hubs(
        self, zone_ids: list[str], *, profile: str = "truck", year: int | None = None
    ) -> dict[str, dict[str, dict[str, Any] | None]]:
        """For each zone, the nearest hub of each class by travel time, with its time and distance.

        One search per zone reaches every hub at once (not one route per zone and hub class)."""
        hubs = self.hub_ids()
        chosen_year, _, cargo = self._settings(year, None, None)
        graph = self.graph(profile, chosen_year, None, cargo)
        result: dict[str, dict[str, dict[str, Any] | None]] = {}
        for zone in (z for z in zone_ids if z in self.base.nodes):
            reached = graph.reach(zone, hubs, "time")
            result[zone] = {hub_class: self._nearest_of(hub_class, reached) for hub_class in HUB_CLASSES}
        return result

    def _nearest_of(self, hub_class: str, reached: Mapping[str, Reached]) -> dict[str, Any] | None:
        candidates = [h for h in self.params.hubs.get(hub_class, []) if h in reached]
        if not candidates:
            return None
        best = min(candidates, key=lambda h: reached[h].value)
        return {
            "id": best,
            "name": self.base.nodes[best].name,
            "duration_h": round(reached[best].value, 2),
            "distance_km": round(reached[best].distance_km, 1),
            "estimated": reached[best].estimated,
        }

    def hub_matrix(self, *, profile: str = "truck", year: int | None = None) -> HubMatrix:
        """Every located zone x every hub (time-optimal): computed once per network version, parameters,
        profile and year, and kept. Siting and reports read it through this function."""
        self.params.profile(profile)
        chosen_year, _, cargo = self._settings(year, None, None)
        key = (profile, chosen_year)
        if key not in self._hub_matrices:
            nodes = self.base.nodes
            zones = {n.id: n.name for n in nodes.values() if n.kind == "zone" and n.located}
            hubs = {h: (nodes[h].name, c) for c in HUB_CLASSES for h in self.params.hubs.get(c, []) if h in nodes}
            graph = self.graph(profile, chosen_year, None, cargo)
            versions = (self.network_version, f"{self.params.version}-{self.params.fingerprint[:8]}")
            self._hub_matrices[key] = hub_matrix_from_graph(graph, zones, hubs, versions)
        return self._hub_matrices[key]

    # -- scenarios ------------------------------------------------------------------------------------------

    def save_scenario(self, scenario: Scenario, user: str) -> Scenario:
        if self.scenarios is None:
            raise CorridorError("Scenarios cannot be saved without a database")
        apply_scenario(self.base, scenario)  # checks that every link and node it names exists
        self.scenarios.save_scenario(scenario, user)
        return scenario

    def diff(
        self,
        scenario_name: str,
        pairs: list[tuple[str, str]],
        *,
        profile: str = "truck",
        optimize: str = "time",
        cargo_t: float | None = None,
    ) -> list[PairDiff]:
        """Each pair's route in the baseline (this year) and in the scenario, and the change.

        Only "no route" is an answer for a pair (with its reason); invalid choices and unknown places raise.
        """
        self._check_choices(profile, optimize)
        scenario = self.scenario(scenario_name)
        rows = []
        for origin, destination in pairs:
            base = self._try_route(origin, destination, profile, optimize, None, None, cargo_t)
            changed = self._try_route(origin, destination, profile, optimize, scenario.year, scenario.name, cargo_t)
            rows.append(PairDiff(origin, destination, base, changed))
        return rows

    def _try_route(
        self,
        origin: str,
        destination: str,
        profile: str,
        optimize: str,
        year: int | None,
        scenario: str | None,
        cargo_t: float | None,
    ) -> dict[str, Any] | NoRoute:
        """A route's totals, or why there is none; every other error (bad input, unknown place) is raised."""
        try:
            route = self.route(
                origin, destination, profile=profile, optimize=optimize, year=year, scenario=scenario, cargo_t=cargo_t
            )
        except NoRoute as error:
            return error
        totals: dict[str, Any] = route.as_dict()["totals"]
        return totals


@dataclass(frozen=True)
class Alternatives:
    """The time-, cost- and CO2e-optimal routes of one origin, destination, profile, year and scenario.

    One dominates when it is no worse than each other on time, cost and CO2e and better on at least one
    figure of one of them: then there is no trade-off to weigh. When all three are the same route, none does.
    """

    routes: dict[str, Route]  # objective -> its optimal route

    def dominant(self) -> str | None:
        """The objective whose route is no worse than every other on time, cost and CO2e, and better on one."""
        for objective, route in self.routes.items():
            others = [_figures(r) for o, r in self.routes.items() if o != objective]
            mine = _figures(route)
            no_worse = all(a <= b for other in others for a, b in zip(mine, other, strict=True))
            if no_worse and any(mine != other for other in others):
                return objective
        return None

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        first = next(iter(self.routes.values()))
        dominant = self.dominant()
        return {
            "origin": first.origin,
            "destination": first.destination,
            "profile": first.profile,
            "year": first.year,
            "cargo_t": first.cargo_t,
            "scenario": first.scenario,
            "dominant": dominant,
            "same_route": len({tuple(leg.link_id for leg in r.legs) for r in self.routes.values()}) == 1,
            "alternatives": [
                {"optimize": objective, "dominates": objective == dominant, "route": route.as_dict(lang)}
                for objective, route in self.routes.items()
            ],
        }


def _figures(route: Route) -> list[float]:
    """Time, cost and CO2e as shown (rounded), so that rounding noise never makes a route dominate."""
    return [round(route.total(key), 3) for key in _COMPARED]


@dataclass(frozen=True)
class PairDiff:
    """One pair of a scenario comparison: totals in the baseline and in the scenario, or why there is no route."""

    origin: str
    destination: str
    baseline: dict[str, Any] | NoRoute
    scenario: dict[str, Any] | NoRoute

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        base, changed = _totals(self.baseline), _totals(self.scenario)
        return {
            "origin": self.origin,
            "destination": self.destination,
            "baseline": base,
            "scenario": changed,
            "change": _change(base, changed),
            "no_route": {"baseline": _reason(self.baseline, lang), "scenario": _reason(self.scenario, lang)},
        }


def _totals(found: dict[str, Any] | NoRoute) -> dict[str, Any] | None:
    return None if isinstance(found, NoRoute) else found


def _reason(found: dict[str, Any] | NoRoute, lang: str) -> str | None:
    return found.render(lang) if isinstance(found, NoRoute) else None


def _change(base: dict[str, Any] | None, changed: dict[str, Any] | None) -> dict[str, Any] | None:
    if base is None or changed is None:
        return None
    return {key: round(changed[key] - base[key], 3) for key in base}


def _no_route(graph: RoutingGraph, start: Place, end: Place) -> NoRoute:
    """Why two known places have no route: the profile has no usable link that year, or none joins them."""
    profile, year = graph.profile, graph.year
    if not graph.links:
        return NoRoute(
            mark("No {profile} route in {year}: the network has no open link for its modes ({modes})"),
            profile=profile_noun(profile.name),
            year=year,
            modes=", ".join(sorted(profile.modes)),
        )
    return NoRoute(
        mark("No {profile} route from {origin} to {destination} in {year}; the network does not join them"),
        profile=profile_noun(profile.name),
        origin=start.name,
        destination=end.name,
        year=year,
    )
