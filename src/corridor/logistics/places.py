"""Finding the network node a person means: a zone, a node, a locality, or coordinates 'lat,lon'."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from corridor.errors import CorridorError, NotFound
from corridor.logistics.network import Node
from corridor.reference.names import fold_name
from corridor.reference.place_names import place_target

__all__ = ["COORDINATES", "Place", "PlaceIndex"]

COORDINATES = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Place:
    node_id: str
    name: str
    kind: str  # zone | node | locality | point
    point: Node | None = None  # set for coordinates: a node to add to the network


class PlaceIndex:
    def __init__(self, nodes: Iterable[Node], localities: Mapping[str, str]) -> None:
        self.nodes = {node.id: node for node in nodes}
        self._by_name: dict[str, list[Place]] = {}
        for node in self.nodes.values():
            kind = "zone" if node.kind == "zone" else "node"
            self._add(node.id, Place(node.id, node.name, kind))
            self._add(node.name, Place(node.id, node.name, kind))
        for locality, node_id in localities.items():
            if node_id in self.nodes:
                self._add(locality, Place(node_id, locality, "locality"))

    def _add(self, key: str, place: Place) -> None:
        entries = self._by_name.setdefault(fold_name(key), [])
        if place not in entries:
            entries.append(place)

    def resolve(self, text: str) -> Place:
        """The one place `text` names; a clear error listing close matches when none or several fit."""
        match = COORDINATES.match(text)
        if match:
            return self._point(text, float(match.group(1)), float(match.group(2)))
        key = fold_name(place_target(text) or text)  # 海防, 하이퐁, ハイフォン: Hải Phòng's node
        exact = self._by_name.get(key, [])
        if len(exact) == 1 or (exact and len({p.node_id for p in exact}) == 1):
            return exact[0]
        candidates = exact or [p for k, places in self._by_name.items() if key and key in k for p in places]
        unique = {p.node_id: p for p in candidates}
        if len(unique) == 1:
            return next(iter(unique.values()))
        if unique:
            listed = "; ".join(f"{p.node_id} ({p.name})" for p in list(unique.values())[:8])
            raise NotFound("'{name}' matches several places: {matches}", name=text, matches=listed)
        close = difflib.get_close_matches(key, list(self._by_name), n=5, cutoff=0.6)
        names = ", ".join(self._by_name[c][0].name for c in close) or "-"
        raise NotFound("No place '{name}' (close matches: {close})", name=text, close=names)

    @staticmethod
    def _point(text: str, lat: float, lon: float) -> Place:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise CorridorError("'{text}' is not a coordinate pair 'lat,lon'", text=text)
        node_id = f"point:{lat:.5f},{lon:.5f}"
        return Place(
            node_id, f"{lat:.5f}, {lon:.5f}", "point", Node(node_id, f"{lat:.5f}, {lon:.5f}", "point", lat, lon)
        )
