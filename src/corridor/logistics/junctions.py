"""Places on the junction network: each node meets the road linework (stations and cities also the rail
linework) at its nearest junction, or at the nearest point of an arc, which is split there.

The leg from a node to that point is estimated (straight line x the mode's detour factor) and counted in
the route. A node that hand-made links start or end at (a city, an interchange, a gate), or where freight
changes mode, joins through a connector that routes may pass; other places (zones, airports) join by an
access link that only starts or ends a route. See docs/adr/0014-junction-network.md.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from corridor.geo import haversine_km
from corridor.logistics.network import ACCESS_RANGE_KM, NOT_ACCESSED, Link, Network, Node, access_links
from corridor.logistics.parameters import Parameters

__all__ = [
    "JUNCTION_KIND",
    "LINEWORK_MODES",
    "RAIL_JOIN_KM",
    "join_linework",
    "linework_gap_connectors",
    "network_on_linework",
    "with_places",
]

JUNCTION_KIND = "junction"
LINEWORK_MODES = ("road", "rail")
# Who boards a train where the rail linework passes: a station on its line; a city (standing for its station)
# or a port, ICD or logistics centre only when the track is that close (else it reaches a station by road).
RAIL_JOIN_KM = {
    "rail_station": 5.0,
    "city": 3.0,
    "icd": 1.0,
    "seaport": 1.0,
    "seaport_terminal": 1.0,
    "logistics_center": 1.0,
}
RAIL_END_KM = 5.0  # the end of a hand-made rail link (a city, a port) meets the linework within this distance
END_KM = 0.05  # a foot this close to an arc's end joins its junction instead of splitting the arc
RAIL_GAP_KM = 10.0  # the OSM railway export has gaps (station throats, unexported ways): joined up to this
_KM_PER_DEGREE = 6371.0088 * math.pi / 180


@dataclass(frozen=True)
class _Foot:
    arc: str
    segment: int
    fraction: float
    lon: float
    lat: float


class _Segments:
    """Every segment of the arcs of one mode, for nearest-point queries on a local plane."""

    def __init__(self, arcs: list[Link]) -> None:
        rows = [(arc.id, k, a, b) for arc in arcs for k, (a, b) in enumerate(_pairs(arc.coordinates or ()))]
        self.arc = [r[0] for r in rows]
        self.index = np.array([r[1] for r in rows], dtype=int)
        self.start = np.array([r[2] for r in rows], dtype=float).reshape(-1, 2)
        self.stop = np.array([r[3] for r in rows], dtype=float).reshape(-1, 2)

    def nearest(self, lon: float, lat: float) -> _Foot | None:
        if not len(self.arc):
            return None
        scale = np.array([math.cos(math.radians(lat)), 1.0])
        a, step, here = self.start * scale, (self.stop - self.start) * scale, np.array([lon, lat]) * scale
        t = np.clip(((here - a) * step).sum(axis=1) / np.maximum((step**2).sum(axis=1), 1e-18), 0.0, 1.0)
        best = int(np.argmin(np.hypot(*(a + step * t[:, None] - here).T)))
        point = self.start[best] + (self.stop[best] - self.start[best]) * t[best]
        return _Foot(self.arc[best], int(self.index[best]), float(t[best]), float(point[0]), float(point[1]))


def _pairs(coords: tuple[tuple[float, float], ...]) -> Iterable[tuple[tuple[float, float], tuple[float, float]]]:
    return pairwise(coords)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[1], a[0], b[1], b[0])


def _joins(node: Node, mode: str, through: set[str]) -> bool:
    """Whether `node` meets the `mode` linework (every place meets the road; rail: see RAIL_JOIN_KM)."""
    if not node.located or node.kind in NOT_ACCESSED or node.kind == JUNCTION_KIND:
        return False
    return mode == "road" or node.id in through or node.kind in RAIL_JOIN_KM


def _in_range(node: Node, mode: str, straight: float) -> bool:
    """Any place reaches the road; a node meets the railway only where its track passes close by (a planned
    line's end far from any track stays apart: no track is implied)."""
    if mode == "road":
        return straight <= ACCESS_RANGE_KM[mode]
    return straight <= RAIL_JOIN_KM.get(node.kind, RAIL_END_KM)


def join_linework(
    nodes: Mapping[str, Node],
    hand_links: list[Link],
    arcs: list[Link],
    params: Parameters,
    only: Iterable[str] | None = None,
) -> tuple[dict[str, Node], list[Link]]:
    """The split points (new nodes) and the links: the arcs (split where places meet them) and the joins."""
    through = {m: _hand_made_ends(hand_links, m) for m in LINEWORK_MODES}
    feet: dict[str, list[tuple[_Foot, str]]] = defaultdict(list)
    wanted = [nodes[i] for i in (only if only is not None else sorted(nodes)) if i in nodes]
    for mode in LINEWORK_MODES:
        segments = _Segments([arc for arc in arcs if arc.mode == mode])
        for node in (n for n in wanted if _joins(n, mode, through[mode])):
            assert node.lat is not None and node.lon is not None
            foot = segments.nearest(node.lon, node.lat)
            if foot is not None and _in_range(node, mode, haversine_km(node.lat, node.lon, foot.lat, foot.lon)):
                feet[foot.arc].append((foot, node.id))
    split_nodes, pieces, met = _split_arcs(arcs, feet, nodes)
    everything = {**nodes, **split_nodes}
    joins = [
        _join_link(
            everything[node_id], everything[target], mode, _passes(everything[node_id], mode, through, params), params
        )
        for (node_id, mode), target in sorted(met.items())
    ]
    return split_nodes, [*pieces, *joins]


def _hand_made_ends(links: list[Link], mode: str) -> set[str]:
    return {end for link in links if link.mode == mode and not link.serves for end in (link.a, link.b)}


def _passes(node: Node, mode: str, through: Mapping[str, set[str]], params: Parameters) -> bool:
    """A route may pass a node joined by a connector: where hand-made links end, where freight changes mode,
    and on rail (a station is on its line). A zone or airport is joined by an access link instead."""
    return mode == "rail" or node.id in through[mode] or node.kind in params.transfer_allowed_at


def network_on_linework(
    nodes: Iterable[Node], links: Iterable[Link], linework: tuple[Iterable[Node], Iterable[Link]], params: Parameters
) -> Network:
    """The network of hand-made links on the junction network: places joined, gaps bridged, access links."""
    by_id = {node.id: node for node in nodes}
    junctions, arcs = linework
    by_id.update({junction.id: junction for junction in junctions})
    hand = list(links)
    split, joined = join_linework(by_id, hand, list(arcs), params)
    by_id.update(split)
    link_list = [*hand, *joined]
    for mode in LINEWORK_MODES:
        link_list += linework_gap_connectors(by_id, link_list, mode, params)
    return Network(by_id, (*link_list, *access_links(by_id, link_list, params, joined=frozenset({"road"}))))


def with_places(network: Network, places: list[Node], params: Parameters) -> Network:
    """The network with places (coordinates someone typed) joined like the nodes: arcs split where they meet."""
    nodes = {**network.nodes, **{p.id: p for p in places}}
    arcs = [link for link in network.links if link.coordinates]
    others = [link for link in network.links if not link.coordinates]
    split, joined = join_linework(nodes, others, arcs, params, only=[p.id for p in places])
    nodes.update(split)
    links = [*others, *joined]
    on_linework = frozenset({"road"}) if any(arc.mode == "road" for arc in arcs) else frozenset()
    extra = access_links(nodes, links, params, only=[p.id for p in places], joined=on_linework)
    return Network(nodes, (*links, *extra), network.notes)


def _split_arcs(
    arcs: list[Link], feet: Mapping[str, list[tuple[_Foot, str]]], nodes: Mapping[str, Node]
) -> tuple[dict[str, Node], list[Link], dict[tuple[str, str], str]]:
    split_nodes: dict[str, Node] = {}
    pieces: list[Link] = []
    met: dict[tuple[str, str], str] = {}
    for arc in arcs:
        cuts = []
        for foot, node_id in sorted(feet.get(arc.id, []), key=lambda f: (f[0].segment, f[0].fraction, f[1])):
            end = _near_end(arc, foot, nodes)
            if end is not None:
                met[(node_id, arc.mode)] = end
                continue
            point = Node(
                f"{arc.id}@{node_id}", f"{arc.name} ({nodes[node_id].name})", JUNCTION_KIND, foot.lat, foot.lon
            )
            split_nodes[point.id] = point
            met[(node_id, arc.mode)] = point.id
            cuts.append((foot, point))
        pieces += _cut(arc, cuts, nodes) if cuts else [arc]
    return split_nodes, pieces, met


def _near_end(arc: Link, foot: _Foot, nodes: Mapping[str, Node]) -> str | None:
    for end in (arc.a, arc.b):
        node = nodes[end]
        if (
            node.lat is not None
            and node.lon is not None
            and haversine_km(node.lat, node.lon, foot.lat, foot.lon) < END_KM
        ):
            return end
    return None


def _cut(arc: Link, cuts: list[tuple[_Foot, Node]], nodes: Mapping[str, Node]) -> list[Link]:
    """The arc in pieces between its ends and the split points; each piece's length is measured along it, from
    its nodes' exact points, so it is never shorter than the straight line between them."""
    coords = list(arc.coordinates or ())
    coords[0], coords[-1] = _point(nodes[arc.a]), _point(nodes[arc.b])
    stops = [(foot.segment, (foot.lon, foot.lat), point.id) for foot, point in cuts]
    stops.append((len(coords) - 1, coords[-1], arc.b))
    pieces, start_node, start_at, head = [], arc.a, 0, [coords[0]]
    for number, (segment, at, end_node) in enumerate(stops, start=1):
        if end_node == arc.b and number == len(stops):
            line = [*head, *coords[start_at + 1 :]]
        else:
            line = [*head, *coords[start_at + 1 : segment + 1], at]
        pieces.append(
            replace(
                arc,
                id=f"{arc.id}.{number}",
                a=start_node,
                b=end_node,
                length_km=sum(_km(p, q) for p, q in _pairs(tuple(line))),
                coordinates=tuple(line),
            )
        )
        start_node, start_at, head = end_node, segment, [at]
    return pieces


def _point(node: Node) -> tuple[float, float]:
    assert node.lon is not None and node.lat is not None
    return node.lon, node.lat


def _join_link(node: Node, target: Node, mode: str, through: bool, params: Parameters) -> Link:
    assert node.lat is not None and node.lon is not None and target.lat is not None and target.lon is not None
    straight = haversine_km(node.lat, node.lon, target.lat, target.lon)
    factor = params.detour[mode]
    return Link(
        id=f"{'join' if through else 'access'}:{node.id}:{target.id}:{mode}",
        a=node.id,
        b=target.id,
        mode=mode,
        link_class="access",
        length_km=max(straight * factor, 0.1),
        length_basis="estimated",
        name=f"{node.name} – {target.name}",
        serves=None if through else mode,
        straight_km=straight,
        source=f"straight line {straight:.1f} km x {mode} detour factor {factor}",
    )


def linework_gap_connectors(nodes: Mapping[str, Node], links: list[Link], mode: str, params: Parameters) -> list[Link]:
    """Estimated links joining the pieces of a mode's network, closest pieces first, by their closest junctions
    (or ends of hand-made links; a station or port joined to the line is never a bridge).

    The linework has gaps (the QL5 gap at Tân Vũ, islands, unexported railway ways); a connector is a straight
    line x the mode's detour factor. Rail gaps longer than RAIL_GAP_KM are not bridged (no track is implied).
    """
    own = [link for link in links if link.mode == mode and not link.serves]
    eligible = {n for n, node in nodes.items() if node.kind == JUNCTION_KIND and node.located}
    eligible |= {end for link in own if not link.id.startswith(("join:", "gap:")) for end in (link.a, link.b)}
    pieces = [_located(nodes, component & eligible) for component in _components(own)]
    pieces = [piece for piece in pieces if piece[0]]
    connectors: list[Link] = []
    while len(pieces) > 1:
        main = pieces[0]
        found = [(_closest_pair(piece, main), k) for k, piece in enumerate(pieces[1:], start=1)]
        (a, b, straight), k = min(found, key=lambda item: (item[0][2], item[1]))
        if mode != "road" and straight > RAIL_GAP_KM:
            break
        connectors.append(_gap_link(nodes[a], nodes[b], straight, mode, params))
        joined = pieces.pop(k)
        pieces[0] = (main[0] + joined[0], np.vstack([main[1], joined[1]]))
    return connectors


def _gap_link(a: Node, b: Node, straight: float, mode: str, params: Parameters) -> Link:
    return Link(
        id=f"gap:{a.id}:{b.id}",
        a=a.id,
        b=b.id,
        mode=mode,
        link_class="national road" if mode == "road" else "gauge unknown",
        length_km=max(straight * params.detour[mode], 0.1),
        length_basis="estimated",
        name=f"{a.name} – {b.name}",
        source=f"gap in the {mode} linework: straight line {straight:.1f} km x {mode} detour factor "
        f"{params.detour[mode]}",
    )


def _located(nodes: Mapping[str, Node], ids: set[str]) -> tuple[list[str], np.ndarray]:
    kept = sorted(i for i in ids if nodes[i].located)
    return kept, np.array([(nodes[i].lon, nodes[i].lat) for i in kept], dtype=float).reshape(-1, 2)


def _closest_pair(mine: tuple[list[str], np.ndarray], main: tuple[list[str], np.ndarray]) -> tuple[str, str, float]:
    scale = np.array([math.cos(math.radians(21.7)), 1.0])
    gaps = np.hypot(*((mine[1][:, None, :] - main[1][None, :, :]) * scale).transpose(2, 0, 1))
    i, j = np.unravel_index(int(np.argmin(gaps)), gaps.shape)
    a, b = mine[0][int(i)], main[0][int(j)]
    return a, b, _km((mine[1][int(i)][0], mine[1][int(i)][1]), (main[1][int(j)][0], main[1][int(j)][1]))


def _components(links: list[Link]) -> list[set[str]]:
    """Connected groups of link ends, largest first (ties: by their smallest id, so the order is stable)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = root(link.a), root(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[root(x)].add(x)
    return sorted(groups.values(), key=lambda g: (-len(g), min(g)))
