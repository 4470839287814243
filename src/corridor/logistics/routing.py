"""Routes as legs (mode, from, to, distance, duration, cost, CO2e) with totals and what each figure rests on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corridor.i18n import mark, translate
from corridor.logistics.graph import Arc
from corridor.logistics.network import Link, Network

__all__ = ["Leg", "Note", "Route", "route_features", "route_from_arcs"]


@dataclass(frozen=True)
class Note:
    """A remark on a route: an English message id and its parameters, rendered in the reader's language."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        return translate(self.message_id, lang).format(**self.params)


@dataclass(frozen=True)
class Leg:
    kind: str  # link | access (first or last mile, off the network) | transfer | border
    mode: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    distance_km: float
    duration_h: float
    cost_vnd: float
    co2e_kg: float
    basis: str  # sourced | estimated | assumption (transfers, dwell) | scenario
    link_id: str | None = None
    link_name: str | None = None
    source: str | None = None
    toll_known: bool | None = None
    note: Note | None = None  # the assumption an estimated figure rests on, or a correction of the data

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "kind": self.kind,
            "mode": self.mode,
            "from": {"id": self.from_id, "name": self.from_name},
            "to": {"id": self.to_id, "name": self.to_name},
            "distance_km": round(self.distance_km, 2),
            "duration_h": round(self.duration_h, 3),
            "cost_vnd": round(self.cost_vnd),
            "co2e_kg": round(self.co2e_kg, 2),
            "basis": self.basis,
            "link": self.link_id,
            "link_name": self.link_name,
            "source": self.source,
            "toll_known": self.toll_known,
            "geometry": "schematic" if self.kind in {"link", "access"} else None,
            "note": self.note.render(lang) if self.note else None,
        }


@dataclass
class Route:
    origin: dict[str, str]
    destination: dict[str, str]
    profile: str
    optimize: str
    year: int
    cargo_t: float
    scenario: str | None
    legs: list[Leg] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def total(self, attribute: str) -> float:
        return float(sum(getattr(leg, attribute) for leg in self.legs))

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """The public JSON of a route; notes in `lang` (legs hold data codes: modes, bases, names)."""
        return {
            "origin": self.origin,
            "destination": self.destination,
            "profile": self.profile,
            "optimize": self.optimize,
            "year": self.year,
            "cargo_t": self.cargo_t,
            "scenario": self.scenario,
            "legs": [leg.as_dict(lang) for leg in self.legs],
            "totals": {
                "distance_km": round(self.total("distance_km"), 2),
                "duration_h": round(self.total("duration_h"), 3),
                "cost_vnd": round(self.total("cost_vnd")),
                "co2e_kg": round(self.total("co2e_kg"), 2),
            },
            "notes": [note.render(lang) for note in self.notes],
        }


def route_from_arcs(arcs: list[Arc], network: Network, route: Route, road_detour: float) -> Route:
    """Fill `route` with one leg per link, access (first or last mile), transfer and border dwell of the path."""
    names = {node_id: node.name for node_id, node in network.nodes.items()}
    for arc in arcs:
        if arc.kind == "link" and arc.link is not None:
            route.legs.extend(_link_legs(arc, arc.link, names, road_detour))
        elif arc.kind == "transfer" or arc.border:
            kind, mode = ("transfer", arc.mode or "") if arc.kind == "transfer" else ("border", "border dwell")
            route.legs.append(_leg_at_node(kind, mode, arc, names[arc.node]))
    unknown_tolls = sum(1 for leg in route.legs if leg.toll_known is False and "expressway" in leg.mode)
    if unknown_tolls:
        route.notes.append(
            Note(mark("tolls unknown on {count} expressway leg(s): not included in cost_vnd"), {"count": unknown_tolls})
        )
    return route


def _link_legs(arc: Arc, link: Link, names: dict[str, str], road_detour: float) -> list[Leg]:
    """The link's leg and, for a link that crosses a border, the border dwell as a leg of its own."""
    legs = [
        Leg(
            "access" if link.straight_km is not None else "link",
            f"{link.mode}/{link.link_class}",
            arc.node,
            names[arc.node],
            arc.to_node,
            names[arc.to_node],
            arc.distance_km,
            arc.duration_h - arc.dwell_h,
            arc.cost_vnd - arc.dwell_vnd,
            arc.co2e_kg,
            link.length_basis,
            link.id,
            link.name,
            link.source or None,
            toll_known=arc.toll_known,
            note=_link_note(link, road_detour),
        )
    ]
    if arc.dwell_h or arc.dwell_vnd:
        name = names[arc.to_node]
        dwell = (arc.dwell_h, arc.dwell_vnd)
        legs.append(Leg("border", "border dwell", arc.to_node, name, arc.to_node, name, 0.0, *dwell, 0.0, "assumption"))
    return legs


def _link_note(link: Link, road_detour: float) -> Note | None:
    """Why a link's length is not simply its sourced figure: an access estimate, or a corrected data error."""
    if link.straight_km is not None:
        return Note(
            mark("access to the network, estimated: straight line {straight_km} km x road detour factor {factor}"),
            {"straight_km": round(link.straight_km, 1), "factor": road_detour},
        )
    if link.sourced_km is not None:
        return Note(
            mark("sourced length {sourced_km} km is shorter than the straight line; the straight line is used"),
            {"sourced_km": link.sourced_km},
        )
    return None


def _leg_at_node(kind: str, mode: str, arc: Arc, name: str) -> Leg:
    """A transfer or a border dwell: time, cost and emissions at one node, no distance."""
    return Leg(kind, mode, arc.node, name, arc.node, name, 0.0, arc.duration_h, arc.cost_vnd, arc.co2e_kg, "assumption")


def route_features(route: Route, points: dict[str, tuple[float, float]], lang: str = "en") -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the legs that travel (links and access legs) between located ends.

    `points` maps node ids to (lon, lat); lines are straight (schematic), as the data has no line geometry.
    """
    features = []
    for number, leg in enumerate(route.legs, start=1):
        ends = (points.get(leg.from_id), points.get(leg.to_id))
        if leg.kind not in {"link", "access"} or ends[0] is None or ends[1] is None:
            continue
        properties = {"leg": number, **leg.as_dict(lang)}
        properties["from"], properties["to"] = leg.from_name, leg.to_name
        properties["mode"], properties["travel_mode"] = leg.mode, leg.mode.partition("/")[0]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [list(ends[0]), list(ends[1])]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}
