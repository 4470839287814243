"""A junction-level network from line geometry: snap line ends, split lines at shared vertices (junctions),
and contract chains of degree-2 vertices into one arc that keeps its geometry and geodesic length.

Pure and deterministic (the dataset build runs it; see docs/adr/0014-junction-network.md). Coordinates are
(lon, lat) pairs rounded to 6 decimals, as in the source files.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from corridor.geo import haversine_km

__all__ = [
    "BRIDGE_KM",
    "SNAP_M",
    "Junction",
    "Line",
    "Section",
    "build_junction_network",
    "junction_names",
    "keep_through_lines",
]

Point = tuple[float, float]  # (lon, lat)

SNAP_M = 30.0  # a line end this close to another line is joined to it (the sources left such gaps unsnapped)
BRIDGE_KM = 3.0  # unnamed track kept when it joins two named rail lines within this distance (station throats)
_METRES_PER_DEGREE = 6371008.8 * math.pi / 180
_REFERENCE_LAT = 21.7  # middle of the corridor's box: a local plane is exact enough for 30 m


@dataclass(frozen=True)
class Line:
    coords: tuple[Point, ...]
    name: str
    ref: str
    kind: str  # road: national / provincial / district; rail: railway


@dataclass(frozen=True)
class Section:
    """A piece of line between two vertices: a piece of a source line, or (contracted) an arc."""

    coords: tuple[Point, ...]
    name: str
    ref: str
    kind: str

    @property
    def length_km(self) -> float:
        return sum(haversine_km(a[1], a[0], b[1], b[0]) for a, b in zip(self.coords, self.coords[1:], strict=False))

    @property
    def ends(self) -> tuple[Point, Point]:
        return self.coords[0], self.coords[-1]

    def label(self) -> tuple[str, str, str]:
        return self.name, self.ref, self.kind


@dataclass(frozen=True)
class Junction:
    point: Point
    name: str


def _plane(points: np.ndarray) -> np.ndarray:
    """(lon, lat) degrees to metres on a local plane."""
    scale = np.array([math.cos(math.radians(_REFERENCE_LAT)), 1.0]) * _METRES_PER_DEGREE
    return np.asarray(points, dtype=float) * scale


def _rounded(x: float, y: float) -> Point:
    return round(x, 6), round(y, 6)


class _Snapper:
    """Moves each line end within SNAP_M of another line onto it: onto its nearest vertex, or else onto the
    nearest point of a segment (which then becomes a vertex of that line)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.coords = [list(line.coords) for line in lines]
        self.owner = np.array([i for i, line in enumerate(lines) for _ in line.coords])
        self.position = np.array([j for line in lines for j in range(len(line.coords))])
        self.vertices = _plane(np.array([p for line in lines for p in line.coords]))
        self.tree = cKDTree(self.vertices)
        segments = [(i, j) for i, line in enumerate(lines) for j in range(len(line.coords) - 1)]
        self.segment_line = np.array([s[0] for s in segments])
        self.segment_index = np.array([s[1] for s in segments])
        starts = np.array([lines[i].coords[j] for i, j in segments])
        ends = np.array([lines[i].coords[j + 1] for i, j in segments])
        self.seg_a, self.seg_b = _plane(starts), _plane(ends)
        self.inserted: dict[int, list[tuple[int, float, Point]]] = defaultdict(list)
        self.offsets = np.cumsum([0] + [len(line.coords) for line in lines])

    def snap(self) -> list[list[Point]]:
        for line in range(len(self.coords)):
            for end in (0, len(self.coords[line]) - 1):
                self._snap_end(line, end)
        for line, points in self.inserted.items():
            for segment, _, point in sorted(points, reverse=True):
                self.coords[line].insert(segment + 1, point)
        return self.coords

    def _snap_end(self, line: int, end: int) -> None:
        index = int(self.offsets[line] + end)
        here = self.vertices[index]
        near = [k for k in self.tree.query_ball_point(here, 2 * SNAP_M) if self.owner[k] != line]
        if near:
            distances = np.hypot(*(self.vertices[near] - here).T)
            if distances.min() == 0:
                return  # already on another line's vertex: a junction as the source drew it
            if distances.min() <= SNAP_M:
                target = near[int(np.argmin(distances))]
                point = self.coords[int(self.owner[target])][int(self.position[target])]
                self._move(line, end, point, self.vertices[target])
                return
        self._snap_to_segment(line, end, here)

    def _snap_to_segment(self, line: int, end: int, here: np.ndarray) -> None:
        others = self.segment_line != line
        a, b = self.seg_a[others], self.seg_b[others]
        step = b - a
        length2 = np.maximum((step**2).sum(axis=1), 1e-9)
        t = np.clip(((here - a) * step).sum(axis=1) / length2, 0.0, 1.0)
        foot = a + step * t[:, None]
        distances = np.hypot(*(foot - here).T)
        best = int(np.argmin(distances)) if len(distances) else -1
        if best < 0 or distances[best] > SNAP_M:
            return
        target_line = int(self.segment_line[others][best])
        segment = int(self.segment_index[others][best])
        start, stop = self.coords[target_line][segment], self.coords[target_line][segment + 1]
        fraction = float(t[best])
        point = _rounded(start[0] + (stop[0] - start[0]) * fraction, start[1] + (stop[1] - start[1]) * fraction)
        self.inserted[target_line].append((segment, fraction, point))
        self._move(line, end, point, foot[best])

    def _move(self, line: int, end: int, point: Point, plane_point: np.ndarray) -> None:
        self.coords[line][end] = point
        self.vertices[int(self.offsets[line] + end)] = plane_point


def _dedupe(coords: Iterable[Point]) -> list[Point]:
    kept: list[Point] = []
    for point in coords:
        if not kept or kept[-1] != point:
            kept.append(point)
    return kept


def split_at_shared_vertices(lines: Sequence[Line], snapped: Sequence[Sequence[Point]]) -> list[Section]:
    """Cut every line at its ends and at each vertex that another line (or itself elsewhere) also has."""
    uses: dict[Point, int] = defaultdict(int)
    cleaned = [_dedupe(coords) for coords in snapped]
    for coords in cleaned:
        for point in coords:
            uses[point] += 1
        if len(coords) > 1:
            uses[coords[0]] += 1
            uses[coords[-1]] += 1
    pieces: dict[tuple[Point, ...], Section] = {}
    for line, coords in zip(lines, cleaned, strict=True):
        start = 0
        for k in range(1, len(coords)):
            if uses[coords[k]] > 1 or k == len(coords) - 1:
                piece = tuple(coords[start : k + 1])
                key = min(piece, piece[::-1])  # the same piece twice in the source is one piece
                pieces.setdefault(key, Section(piece, line.name, line.ref, line.kind))
                start = k
    return [pieces[key] for key in sorted(pieces)]


def keep_through_lines(pieces: Sequence[Section], bridge_km: float = BRIDGE_KM) -> list[Section]:
    """Named pieces (the main lines), and the shortest unnamed track joining two named lines within
    `bridge_km` (a station throat or a gap in the naming). Other unnamed track (sidings, yards) is left out."""
    kept = {i for i, piece in enumerate(pieces) if piece.name}
    while True:
        added = _bridges(pieces, kept, bridge_km)
        if not added - kept:
            return [pieces[i] for i in sorted(kept)]
        kept |= added


def _bridges(pieces: Sequence[Section], kept: set[int], bridge_km: float) -> set[int]:
    component = _components(pieces, kept)
    adjacency: dict[Point, list[tuple[Point, int, float]]] = defaultdict(list)
    for i, piece in enumerate(pieces):
        a, b = piece.ends
        adjacency[a].append((b, i, piece.length_km))
        adjacency[b].append((a, i, piece.length_km))
    added: set[int] = set()
    for label in sorted(set(component.values())):
        starts = [p for p, c in component.items() if c == label]
        added |= _path_to_other(starts, label, component, adjacency, bridge_km)
    return added


def _path_to_other(
    starts: list[Point],
    label: int,
    component: dict[Point, int],
    adjacency: dict[Point, list[tuple[Point, int, float]]],
    bridge_km: float,
) -> set[int]:
    """The pieces of the shortest path from one component to any other, if it is short enough."""
    best: dict[Point, float] = dict.fromkeys(starts, 0.0)
    came: dict[Point, tuple[Point, int]] = {}
    queue = [(0.0, p) for p in sorted(starts)]
    heapq.heapify(queue)
    while queue:
        dist, point = heapq.heappop(queue)
        if dist > best[point] or dist > bridge_km:
            continue
        if component.get(point, label) != label:
            path: set[int] = set()
            while point in came:
                point, piece = came[point]
                path.add(piece)
            return path
        for other, piece, length in adjacency[point]:
            if dist + length < best.get(other, math.inf):
                best[other], came[other] = dist + length, (point, piece)
                heapq.heappush(queue, (dist + length, other))
    return set()


def _components(pieces: Sequence[Section], chosen: set[int]) -> dict[Point, int]:
    parent: dict[Point, Point] = {}

    def root(p: Point) -> Point:
        while parent.setdefault(p, p) != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for i in sorted(chosen):
        a, b = pieces[i].ends
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = sorted({root(p) for p in parent})
    number = {r: n for n, r in enumerate(roots)}
    return {p: number[root(p)] for p in parent}


def contract(pieces: Sequence[Section]) -> tuple[list[Section], list[Point]]:
    """Arcs between junctions: chains of pieces through degree-2 vertices, where the line's name, ref and
    class stay the same, become one arc. A vertex where the name changes stays a junction."""
    incident: dict[Point, list[int]] = defaultdict(list)
    for i, piece in enumerate(pieces):
        incident[piece.ends[0]].append(i)
        incident[piece.ends[1]].append(i)
    junctions = {p for p, found in incident.items() if not _passes_through(p, found, pieces)}
    used: set[int] = set()
    arcs = []
    for start in sorted(junctions):
        for first in incident[start]:
            if first not in used:
                arcs.append(_walk(start, first, pieces, incident, junctions, used))
    for i in range(len(pieces)):  # closed rings with no junction: start at their smallest vertex
        if i not in used:
            ring_start = min(pieces[i].ends)
            junctions.add(ring_start)
            arcs.append(_walk(ring_start, i, pieces, incident, junctions, used))
    return arcs, sorted(junctions)


def _passes_through(point: Point, found: list[int], pieces: Sequence[Section]) -> bool:
    if len(found) != 2 or found[0] == found[1]:
        return False
    return pieces[found[0]].label() == pieces[found[1]].label()


def _walk(
    start: Point,
    first: int,
    pieces: Sequence[Section],
    incident: dict[Point, list[int]],
    junctions: set[Point],
    used: set[int],
) -> Section:
    coords, point, piece = [start], start, first
    while True:
        used.add(piece)
        chain = pieces[piece].coords if pieces[piece].coords[0] == point else pieces[piece].coords[::-1]
        coords += chain[1:]
        point = chain[-1]
        if point in junctions:
            break
        piece = next(i for i in incident[point] if i != piece)
        if piece in used:
            break
    return Section(tuple(coords), pieces[first].name, pieces[first].ref, pieces[first].kind)


def build_junction_network(lines: Sequence[Line], *, through_only: bool = False) -> tuple[list[Section], list[Point]]:
    """Arcs (with geometry) and junction points of the lines; `through_only` drops unnamed side track."""
    lines = [line for line in lines if len(line.coords) > 1]
    pieces = split_at_shared_vertices(lines, _Snapper(lines).snap())
    if through_only:
        pieces = keep_through_lines(pieces)
    return contract(pieces)


def junction_names(arcs: Sequence[Section], points: Sequence[Point]) -> list[Junction]:
    """Each junction named by the refs (or names) of the lines meeting there, e.g. 'QL5 / QL10'."""
    meeting: dict[Point, set[str]] = defaultdict(set)
    for arc in arcs:
        for end in arc.ends:
            meeting[end].add(arc.ref or arc.name)
    return [Junction(p, " / ".join(sorted(n for n in meeting[p] if n))) for p in points]
