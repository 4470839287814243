"""The freight network: nodes, links with their modes, lengths and status, and estimated access links.

Lengths are `sourced` (from the data), `measured` (along the road and rail linework of the junction network),
or `estimated` (straight line x the detour factor of the mode). A link of the linework keeps its coordinates
(`geometry = "linework"`); a hand-made or estimated link is drawn as a straight segment (`"schematic"`).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cached_property
from typing import Any

from corridor.errors import CorridorError
from corridor.geo import haversine_km
from corridor.logistics.parameters import MODES, Parameters
from corridor.logistics.tolls import ClassToll, class_tolls_from_text

__all__ = [
    "Link",
    "Network",
    "Node",
    "build_network",
    "links_from_rows",
    "links_shorter_than_straight_line",
    "straight_line_km",
]

ACCESS_RANGE_KM = {"road": 80.0, "rail": 120.0, "sea": 60.0, "waterway": 60.0}
NOT_ACCESSED = frozenset({"berth"})  # berths are reached through their terminal, not one by one


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str  # city, zone, airport, seaport_terminal, border_gate, rail_station, ...
    lat: float | None
    lon: float | None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Link:
    id: str
    a: str
    b: str
    mode: str
    link_class: str
    length_km: float
    length_basis: str  # sourced | derived (from km posts) | estimated
    name: str = ""
    status: str = "open"  # open | under_construction | planned
    opened_year: int | None = None
    planned_year: int | None = None
    closed_year: int | None = None
    speed_kph: float | None = None  # None: the parameter of its class
    toll_vnd: float | None = None  # a scenario's toll for every vehicle; None: the class tolls below apply
    class_tolls: tuple[ClassToll, ...] = ()  # published tolls by vehicle class; a class not listed: unknown
    source: str = ""
    serves: str | None = None  # for an access link: the mode of the node it reaches
    straight_km: float | None = None  # access link: the straight line its estimate rests on
    sourced_km: float | None = None  # set when the sourced length was shorter than the straight line (a data error)
    coordinates: tuple[tuple[float, float], ...] | None = None  # (lon, lat) from a to b, where the linework has them

    @property
    def geometry(self) -> str:
        return "linework" if self.coordinates else "schematic"

    def open_in(self, year: int) -> bool:
        if self.closed_year is not None and self.closed_year <= year:
            return False
        if self.status == "open":
            return self.opened_year is None or self.opened_year <= year
        return self.planned_year is not None and self.planned_year <= year

    def usable_by(self, modes: frozenset[str]) -> bool:
        """An access link is a truck's first or last mile: usable towards the mode it serves, and by any
        profile that trucks (a road access link to a station is still road; leaving it out made a truck's
        cheapest route dearer than the all-road route of the multimodal profile)."""
        if self.serves:
            return self.serves in modes or self.mode in modes
        return self.mode in modes


@dataclass(frozen=True)
class Network:
    nodes: Mapping[str, Node]
    links: tuple[Link, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def fingerprint(self) -> str:
        """The network version: changes whenever a node or link (with its length or geometry) changes."""
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        payload = json.dumps(
            [sorted(map(str, self.nodes.values())), [_link_fields(link) for link in self.links]],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    @cached_property
    def _by_id(self) -> dict[str, Link]:
        return {link.id: link for link in self.links}

    def link(self, link_id: str) -> Link:
        if link_id in self._by_id:
            return self._by_id[link_id]
        raise CorridorError("No link '{id}' in the network", id=link_id)

    def with_links(self, links: Iterable[Link]) -> Network:
        return replace(self, links=tuple(links))


def _link_fields(link: Link) -> dict[str, Any]:
    """What `dataclasses.asdict` gives for a link, written as the same JSON, without copying every coordinate pair
    of the linework (asdict deep-copies them: 0.6 s of each network build, measured for the report)."""
    fields_of = {f.name: getattr(link, f.name) for f in fields(link)}
    fields_of["class_tolls"] = [asdict(toll) for toll in link.class_tolls]
    return fields_of


def _number(text: str | None) -> float | None:
    return float(text) if text not in {None, ""} else None


def _year(text: str | None) -> int | None:
    return int(text) if text not in {None, ""} else None


def links_from_rows(rows: Iterable[Mapping[str, str]], nodes: Mapping[str, Node], params: Parameters) -> list[Link]:
    """Links of the bundled table; a missing length is estimated from the end points."""
    links = []
    for row in rows:
        if row.get("routing", "yes") != "yes":
            continue
        a, b = nodes.get(row["from_node"]), nodes.get(row["to_node"])
        if a is None or b is None:
            continue
        length, basis = _number(row.get("length_km")), row.get("length_basis") or "sourced"
        if length is None:
            if not (a.located and b.located):
                continue
            length, basis = _straight_km(a, b) * params.detour[row["mode"]], "estimated"
        sourced_km = None
        if basis != "estimated" and a.located and b.located and length < _straight_km(a, b):
            # A sourced length shorter than the straight line between its ends measures only part of the way
            # (e.g. the expressway section, not city to city): never route shorter than the straight line.
            sourced_km, length = length, _straight_km(a, b)
        links.append(
            Link(
                id=row["id"],
                a=a.id,
                b=b.id,
                mode=row["mode"],
                link_class=row["link_class"],
                length_km=length,
                length_basis=basis,
                name=row.get("name", ""),
                status=row.get("status", "open"),
                opened_year=_year(row.get("opened_year")),
                planned_year=_year(row.get("planned_year")),
                closed_year=_year(row.get("closed_year")),
                toll_vnd=_number(row.get("toll_vnd")),
                class_tolls=class_tolls_from_text(row.get("class_tolls"), f"link {row['id']}"),
                source=" ".join(filter(None, [row.get("source_title"), row.get("source_url")])),
                sourced_km=sourced_km,
            )
        )
    return links


def links_shorter_than_straight_line(rows: Iterable[Mapping[str, str]], nodes: Mapping[str, Node]) -> list[Link]:
    """Routed links whose sourced length is shorter than the straight line between their ends (data errors)."""
    sourced_rows = [row for row in rows if row.get("routing", "yes") == "yes" and row.get("length_km")]
    shorter = []
    for row in sourced_rows:
        a, b = nodes.get(row["from_node"]), nodes.get(row["to_node"])
        if a is None or b is None or not (a.located and b.located):
            continue
        straight = _straight_km(a, b)
        if float(row["length_km"]) < straight:
            shorter.append(
                Link(
                    row["id"],
                    a.id,
                    b.id,
                    row["mode"],
                    row["link_class"],
                    straight,
                    "sourced",
                    row.get("name", ""),
                    sourced_km=float(row["length_km"]),
                )
            )
    return shorter


def straight_line_km(a: Node, b: Node) -> float | None:
    """The great-circle distance between two nodes, or None when one has no location."""
    return _straight_km(a, b) if a.located and b.located else None


def _straight_km(a: Node, b: Node) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def build_network(nodes: Iterable[Node], links: Iterable[Link], params: Parameters) -> Network:
    """The network, with road connectors joining its separate road pieces, and access links."""
    by_id = {node.id: node for node in nodes}
    link_list = list(links)
    link_list += road_connectors(by_id, link_list, params)
    return Network(by_id, (*link_list, *access_links(by_id, link_list, params)))


def road_connectors(nodes: Mapping[str, Node], links: list[Link], params: Parameters) -> list[Link]:
    """Estimated road links joining each smaller road component to the largest by their closest nodes.

    The data has only the main roads, so some stay apart (the Nội Bài – Lào Cai expressway starts at the
    airport, which no link joins to Hà Nội). A connector is a straight line x the road detour factor.
    """
    road_nodes = _nodes_by_mode(links).get("road", set())
    main = _largest_component(road_nodes, links, "road")
    connectors: list[Link] = []
    remaining = road_nodes - main
    while remaining:
        component = _largest_component(remaining, links, "road")
        remaining -= component
        pairs = [(nodes[a], nodes[b]) for a in component for b in main if nodes[a].located and nodes[b].located]
        if not pairs:
            continue
        a, b = min(pairs, key=lambda pair: _straight_km(*pair))
        straight = _straight_km(a, b)
        connectors.append(
            Link(
                id=f"connector:{a.id}:{b.id}",
                a=a.id,
                b=b.id,
                mode="road",
                link_class="national road",
                length_km=straight * params.detour["road"],
                length_basis="estimated",
                name=f"{a.name} – {b.name}",
                source=f"no sourced road joins them: straight line {straight:.1f} km x road detour factor",
            )
        )
    return connectors


def _nodes_by_mode(links: Iterable[Link], *, open_only: bool = False) -> dict[str, set[str]]:
    by_mode: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.serves is None and (link.status == "open" or not open_only):
            by_mode[link.mode] |= {link.a, link.b}
    return by_mode


def _largest_component(node_ids: set[str], links: Iterable[Link], mode: str) -> set[str]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.mode == mode and link.serves is None:
            neighbours[link.a].add(link.b)
            neighbours[link.b].add(link.a)
    best: set[str] = set()
    seen: set[str] = set()
    for start in node_ids:
        if start in seen:
            continue
        component, stack = {start}, [start]
        while stack:
            for other in neighbours[stack.pop()] - component:
                component.add(other)
                stack.append(other)
        seen |= component
        best = max(best, component, key=len)
    return best


def access_links(
    nodes: Mapping[str, Node],
    links: list[Link],
    params: Parameters,
    only: Iterable[str] | None = None,
    joined: frozenset[str] = frozenset(),
) -> list[Link]:
    """Road links (estimated) from each node to the nearest node of each mode's network it is not on.

    The nearest node of the links open today and the nearest of all links (including planned ones) are both
    joined, so that routes work today and in later years. For road, the nearest node of the largest road
    component is joined too, so a place near an isolated stub of the network still reaches the rest of it.
    Modes in `joined` were joined on the linework already (corridor.logistics.junctions); a junction of the
    linework is never a target (freight boards a train at a station, not on open track).
    """
    by_mode = _nodes_by_mode(links)
    open_now = _nodes_by_mode(links, open_only=True)
    main_road = _largest_component(by_mode.get("road", set()), links, "road")
    wanted = [nodes[i] for i in (only or nodes) if i in nodes]
    created = []
    for node in wanted:
        if not node.located or node.kind in NOT_ACCESSED:
            continue
        for mode in MODES:
            if node.id in by_mode.get(mode, set()) or mode in joined:
                continue
            candidates = [
                nodes[i] for i in by_mode.get(mode, set()) if nodes[i].located and nodes[i].kind != "junction"
            ]
            targets = _nearest(node, candidates, mode)
            targets |= _nearest(node, [c for c in candidates if c.id in open_now.get(mode, set())], mode)
            if mode == "road":
                targets |= _nearest(node, [c for c in candidates if c.id in main_road], mode)
            created += [_access_link(node, target, mode, params) for target in sorted(targets, key=lambda n: n.id)]
    return created


def _nearest(node: Node, candidates: list[Node], mode: str) -> set[Node]:
    if not candidates:
        return set()
    best = min(candidates, key=lambda c: _straight_km(node, c))
    return {best} if _straight_km(node, best) <= ACCESS_RANGE_KM[mode] else set()


def _access_link(node: Node, target: Node, mode: str, params: Parameters) -> Link:
    straight = _straight_km(node, target)
    return Link(
        id=f"access:{node.id}:{target.id}:{mode}",
        a=node.id,
        b=target.id,
        mode="road",
        link_class="access",
        length_km=max(straight * params.detour["road"], 0.1),
        length_basis="estimated",
        name=f"{node.name} – {target.name}",
        serves=mode,
        straight_km=straight,
        source=f"straight line {straight:.1f} km x road detour factor {params.detour['road']}",
    )
