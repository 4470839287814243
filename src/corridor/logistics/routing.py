"""Routes as legs (mode, from, to, distance, duration, cost, CO2e) with totals and what each figure rests on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
    coordinates: tuple[tuple[float, float], ...] | None = None  # (lon, lat) in travel order, from the linework

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
            "geometry": self.geometry,
            "coordinates": [list(point) for point in self.coordinates] if self.coordinates else None,
            "note": self.note.render(lang) if self.note else None,
        }

    @property
    def geometry(self) -> str | None:
        """linework: drawn along the real road or railway; schematic: a straight line between its ends."""
        if self.kind not in {"link", "access"}:
            return None
        return "linework" if self.coordinates else "schematic"


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
    network_version: str = ""  # the fingerprint of the network it was found on
    attribution: str = ""  # credit of the linework's licences (empty when the network has no linework)

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
            "network_version": self.network_version,
            "attribution": self.attribution or None,
        }


def route_from_arcs(arcs: list[Arc], network: Network, route: Route, road_detour: float) -> Route:
    """Fill `route` with one leg per link, access (first or last mile), transfer and border dwell of the path."""
    names = {node_id: node.name for node_id, node in network.nodes.items()}
    for arc in arcs:
        if arc.kind == "link" and arc.link is not None:
            for leg in _link_legs(arc, arc.link, names, road_detour):
                _add_link_leg(route.legs, leg)
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
    legs = [_link_leg(arc, link, names, road_detour)]
    if arc.dwell_h or arc.dwell_vnd:
        name = names[arc.to_node]
        dwell = (arc.dwell_h, arc.dwell_vnd)
        legs.append(Leg("border", "border dwell", arc.to_node, name, arc.to_node, name, 0.0, *dwell, 0.0, "assumption"))
    return legs


def _add_link_leg(legs: list[Leg], leg: Leg) -> None:
    """Consecutive pieces of the same named line (arcs of the linework between junctions) read as one leg."""
    last = legs[-1] if legs else None
    if (
        last is None
        or last.basis != "measured"
        or leg.basis != "measured"
        or (last.mode, last.link_name, last.to_id) != (leg.mode, leg.link_name, leg.from_id)
    ):
        legs.append(leg)
        return
    legs[-1] = replace(
        last,
        to_id=leg.to_id,
        to_name=leg.to_name,
        distance_km=last.distance_km + leg.distance_km,
        duration_h=last.duration_h + leg.duration_h,
        cost_vnd=last.cost_vnd + leg.cost_vnd,
        co2e_kg=last.co2e_kg + leg.co2e_kg,
        link_id=f"{last.link_id}+{leg.link_id}",
        coordinates=(*(last.coordinates or ()), *(leg.coordinates or ())[1:]),
    )


def _link_leg(arc: Arc, link: Link, names: dict[str, str], road_detour: float) -> Leg:
    forward = arc.node == link.a
    coordinates = (link.coordinates if forward else link.coordinates[::-1]) if link.coordinates else None
    return Leg(
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
        coordinates=coordinates,
    )


def _link_note(link: Link, road_detour: float) -> Note | None:
    """Why a link's length is not simply its sourced figure: an access estimate, or a corrected data error."""
    if link.straight_km is not None and link.mode == "rail":
        return Note(
            mark("joins the railway line, estimated: straight line {straight_km} km x rail detour factor {factor}"),
            {
                "straight_km": round(link.straight_km, 1),
                "factor": round(link.length_km / max(link.straight_km, 1e-9), 2),
            },
        )
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

    `points` maps node ids to (lon, lat). A leg on the linework follows its real geometry; any other leg is a
    straight line between its ends (`geometry` says which). The attribution of the linework is a member.
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
                "geometry": {
                    "type": "LineString",
                    "coordinates": properties.pop("coordinates") or [list(ends[0]), list(ends[1])],
                },
                "properties": properties,
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "network_version": route.network_version,
        "attribution": route.attribution or None,
    }
