"""The multimodal routing graph of a network for one freight profile and year.

Each node gets one vertex per mode that reaches it, plus a departure and an arrival vertex. Links join
vertices of their mode; a transfer arc joins two modes at a node where containers can change mode (a
station, ICD, port, or a city standing for its station); departure and arrival arcs carry the border dwell
at border gates. Access links (a zone's first or last mile to the network) only leave a node's own "out"
vertex or reach its "in" vertex, so no route passes through a zone or chains access links. Every arc knows
its time, cost, CO2e and distance, so a path reads back as legs.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from corridor.errors import InvalidInput
from corridor.i18n import mark
from corridor.logistics.network import Link, Network
from corridor.logistics.parameters import Parameters, Profile
from corridor.logistics.shortest_paths import UNREACHABLE, ShortestPaths
from corridor.logistics.tolls import toll_in_year

__all__ = ["OBJECTIVES", "Arc", "Reached", "RoutingGraph"]

OBJECTIVES = ("time", "cost", "co2", "distance")
_SCALE = {"time": 3600.0, "cost": 1.0, "co2": 1000.0, "distance": 1000.0}  # seconds, VND, grams, metres


@dataclass(frozen=True)
class Arc:
    kind: str  # link | transfer | depart | arrive
    node: str  # for link arcs: the node it leaves
    to_node: str
    mode: str | None
    link: Link | None
    duration_h: float
    cost_vnd: float
    co2e_kg: float
    distance_km: float
    border: bool = False
    toll_known: bool | None = None  # link arcs: whether the toll for the profile's vehicle class is known
    dwell_h: float = 0.0  # link arcs crossing a border: the dwell included in duration_h
    dwell_vnd: float = 0.0  # ... and in cost_vnd

    def value(self, objective: str) -> float:
        return {"time": self.duration_h, "cost": self.cost_vnd, "co2": self.co2e_kg, "distance": self.distance_km}[
            objective
        ]


@dataclass(frozen=True)
class Reached:
    """A destination of a one-to-many search: the best value of the objective, and the path's distance."""

    value: float
    distance_km: float
    estimated: bool  # the path has a link whose length is estimated (or an access leg)


def _estimated(arc: Arc) -> bool:
    return arc.link is not None and arc.link.length_basis == "estimated"


class RoutingGraph:
    def __init__(self, network: Network, params: Parameters, profile: Profile, year: int, cargo_t: float) -> None:
        self.network, self.params, self.profile, self.year, self.cargo_t = network, params, profile, year, cargo_t
        self.links = [link for link in network.links if link.open_in(year) and link.usable_by(profile.modes)]
        self._vertices: dict[tuple[str, str], int] = {}
        self.arcs: list[tuple[int, int, Arc]] = []
        self._arcs_from: dict[int, list[tuple[int, Arc]]] | None = None
        self._steps_by_objective: dict[str, dict[int, list[tuple[int, float, float, bool]]]] = {}
        self._build()
        tail = np.array([a[0] for a in self.arcs], dtype=np.int64)
        head = np.array([a[1] for a in self.arcs], dtype=np.int64)
        self.paths = ShortestPaths(len(self._vertices), tail, head)
        for objective in OBJECTIVES:
            self.paths.set_weights(objective, self._weights(objective))

    def _weights(self, objective: str) -> np.ndarray:
        """Whole units of the objective per arc; a value that is not a finite number >= 0 names its arc."""
        values = np.array([arc.value(objective) for _, _, arc in self.arcs], dtype=float)
        bad = np.flatnonzero(~np.isfinite(values) | (values < 0))
        if len(bad):
            arc = self.arcs[int(bad[0])][2]
            raise InvalidInput(
                mark("The {objective} from {start} to {end} is {value}, not a finite number of at least 0"),
                objective=objective,
                start=arc.node,
                end=arc.to_node,
                value=values[bad[0]],
            )
        return np.round(values * _SCALE[objective])

    def _vertex(self, node: str, layer: str) -> int:
        return self._vertices.setdefault((node, layer), len(self._vertices))

    def _add(self, tail: int, head: int, arc: Arc) -> None:
        self.arcs.append((tail, head, arc))

    def _build(self) -> None:
        modes_at: dict[str, set[str]] = {}
        accessed: set[str] = set()
        for link in self.links:
            forward, backward = self._link_arc(link, link.a, link.b), self._link_arc(link, link.b, link.a)
            if link.serves is not None:  # first or last mile of `a`, joining `b` by road
                modes_at.setdefault(link.b, set()).add("road")
                accessed.add(link.a)
                self._add(self._vertex(link.a, "out"), self._vertex(link.b, "road"), forward)
                self._add(self._vertex(link.b, "road"), self._vertex(link.a, "in"), backward)
                continue
            for end in (link.a, link.b):
                modes_at.setdefault(end, set()).add(link.mode)
            self._add(self._vertex(link.a, link.mode), self._vertex(link.b, link.mode), forward)
            self._add(self._vertex(link.b, link.mode), self._vertex(link.a, link.mode), backward)
        for node_id in accessed:
            self._add_anchors(node_id, {"out"}, {"in"})
        for node_id, modes in modes_at.items():
            self._add_anchors(node_id, modes, modes)
            self._add_transfers(node_id, modes)

    def _link_arc(self, link: Link, start: str, end: str) -> Arc:
        speed = link.speed_kph or self.params.speed(link.mode, link.link_class)
        tonne_km = link.length_km * self.cargo_t
        toll_vnd = self._toll_vnd(link)
        dwell_h, dwell_vnd = self._crossing_dwell(link)
        return Arc(
            "link",
            start,
            end,
            link.mode,
            link,
            link.length_km / speed + dwell_h,
            tonne_km * self.params.cost_vnd_per_tkm[link.mode] + (toll_vnd or 0.0) + dwell_vnd,
            tonne_km * self.params.co2e_g_per_tkm[link.mode] / 1000.0,
            link.length_km,
            toll_known=toll_vnd is not None,
            dwell_h=dwell_h,
            dwell_vnd=dwell_vnd,
        )

    def _toll_vnd(self, link: Link) -> float | None:
        """A scenario's toll, else the published toll of the profile's vehicle class that year; None: unknown."""
        if link.toll_vnd is not None:
            return link.toll_vnd
        toll = toll_in_year(link.class_tolls, self.profile.toll_class, self.year)
        return toll.vnd if toll else None

    def _crossing_dwell(self, link: Link) -> tuple[float, float]:
        """A cross-border link holds the container for the border dwell (a stated assumption of the parameters)."""
        if link.serves is None and link.link_class.startswith("cross-border"):
            return self.params.border_dwell_h, self.params.border_cost_vnd
        return 0.0, 0.0

    def _add_anchors(self, node_id: str, leaving: set[str], arriving: set[str]) -> None:
        node = self.network.nodes[node_id]
        border = node.kind == "border_gate"
        dwell_h = self.params.border_dwell_h if border else 0.0
        dwell_vnd = self.params.border_cost_vnd if border else 0.0
        for layer in leaving:
            arc = Arc("depart", node_id, node_id, layer, None, dwell_h, dwell_vnd, 0.0, 0.0, border)
            self._add(self._vertex(node_id, "depart"), self._vertex(node_id, layer), arc)
        for layer in arriving:
            arc = Arc("arrive", node_id, node_id, layer, None, dwell_h, dwell_vnd, 0.0, 0.0, border)
            self._add(self._vertex(node_id, layer), self._vertex(node_id, "arrive"), arc)

    def _add_transfers(self, node_id: str, modes: set[str]) -> None:
        if len(modes) < 2 or self.network.nodes[node_id].kind not in self.params.transfer_allowed_at:
            return
        for first in modes:
            for second in modes - {first}:
                arc = Arc(
                    "transfer",
                    node_id,
                    node_id,
                    f"{first}->{second}",
                    None,
                    self.params.transfer_time_h,
                    self.params.transfer_cost_vnd,
                    self.params.transfer_co2e_kg_per_t * self.cargo_t,
                    0.0,
                )
                self._add(self._vertex(node_id, first), self._vertex(node_id, second), arc)

    # -- queries ------------------------------------------------------------------------------------------

    def reaches(self, node_id: str) -> bool:
        return (node_id, "depart") in self._vertices

    def path(self, origin: str, destination: str, objective: str) -> list[Arc] | None:
        if not (self.reaches(origin) and self.reaches(destination)):
            return None
        found = self.paths.path(objective, self._vertices[(origin, "depart")], self._vertices[(destination, "arrive")])
        if found is None:
            return None
        return [self.arcs[index][2] for index in found[1]]

    def matrix(self, origins: list[str], destinations: list[str], objective: str) -> np.ndarray:
        """Values of the objective (hours, VND, kg, km) from each origin to each destination; NaN: no path."""
        result = np.full((len(origins), len(destinations)), np.nan)
        rows = [i for i, o in enumerate(origins) if self.reaches(o)]
        cols = [j for j, d in enumerate(destinations) if self.reaches(d)]
        sources = [self._vertices[(origins[i], "depart")] for i in rows]
        targets = [self._vertices[(destinations[j], "arrive")] for j in cols]
        found = self.paths.distances(objective, sources, targets).astype(float)
        found[found == UNREACHABLE] = np.nan
        result[np.ix_(rows, cols)] = found / _SCALE[objective]
        return result

    def _adjacency(self) -> dict[int, list[tuple[int, Arc]]]:
        """Arcs by the vertex they leave, built on the first search and kept (a graph does not change)."""
        if self._arcs_from is None:
            self._arcs_from = {}
            for tail, head, arc in self.arcs:
                self._arcs_from.setdefault(tail, []).append((head, arc))
        return self._arcs_from

    def _steps(self, objective: str) -> dict[int, list[tuple[int, float, float, bool]]]:
        """`_adjacency` as plain tuples for one objective: (head, value, distance, estimated), kept per objective.

        The one-to-many search relaxes some 4,000 arcs per zone; reading a tuple instead of calling Arc.value and
        building a Reached for every relaxation made the report's nearest hubs about four times faster."""
        if objective not in self._steps_by_objective:
            self._steps_by_objective[objective] = {
                tail: [(head, arc.value(objective), arc.distance_km, _estimated(arc)) for head, arc in arcs]
                for tail, arcs in self._adjacency().items()
            }
        return self._steps_by_objective[objective]

    def reach(self, origin: str, destinations: list[str], objective: str) -> dict[str, Reached]:
        """One search from `origin`: the best value of `objective` to each reachable destination, with the
        distance and basis of that same path (Dijkstra over the arcs, so no route is built per destination).

        The search stops once every destination is settled: a settled vertex keeps its value and path (a later
        path replaces a found one only when strictly better, which it cannot be), so the answer is the same."""
        if not self.reaches(origin):
            return {}
        steps = self._steps(objective)
        start = self._vertices[(origin, "depart")]
        best: dict[int, tuple[float, float, bool]] = {start: (0.0, 0.0, False)}
        ends = {d: self._vertices.get((d, "arrive")) for d in destinations}
        unsettled = {v for v in ends.values() if v is not None}
        queue: list[tuple[float, int]] = [(0.0, start)]
        while queue and unsettled:
            value, vertex = heapq.heappop(queue)
            known_value, known_km, known_estimated = best[vertex]
            if value > known_value:
                continue
            unsettled.discard(vertex)
            for head, arc_value, arc_km, arc_estimated in steps.get(vertex, ()):
                found = value + arc_value
                if head not in best or found < best[head][0]:
                    best[head] = (found, known_km + arc_km, known_estimated or arc_estimated)
                    heapq.heappush(queue, (found, head))
        return {d: Reached(*best[v]) for d, v in ends.items() if v is not None and v in best}
