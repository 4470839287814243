"""Scenarios: a named set of changes to the network (close, open or add a link, change a speed or toll, a year)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from corridor.errors import CorridorError
from corridor.logistics.network import Link, Network, straight_line_km
from corridor.logistics.parameters import MODES

__all__ = ["Scenario", "apply_scenario", "scenario_from_dict"]

CHANGE_KINDS = ("close", "open", "add", "speed", "toll")


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    year: int | None  # the network as of this year (None: the year asked for)
    changes: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "year": self.year,
            "changes": [dict(c) for c in self.changes],
        }


def scenario_from_dict(data: Mapping[str, Any], where: str) -> Scenario:
    """A checked scenario; errors name the file (or record) and the change at fault."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        raise CorridorError("{where}: 'name' must be text of 1 to 100 characters", where=where)
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or not 1900 <= year <= 2100):
        raise CorridorError("{where}: 'year' must be a year such as 2031, got {value!r}", where=where, value=year)
    changes = data.get("changes", [])
    if not isinstance(changes, list):
        raise CorridorError("{where}: 'changes' must be a list", where=where)
    for number, change in enumerate(changes, start=1):
        _check_change(change, f"{where}, change {number}")
    return Scenario(name.strip(), str(data.get("description", "")), year, tuple(dict(c) for c in changes))


def _check_change(change: object, where: str) -> None:
    if not isinstance(change, dict) or change.get("kind") not in CHANGE_KINDS:
        raise CorridorError("{where}: 'kind' must be one of {kinds}", where=where, kinds=", ".join(CHANGE_KINDS))
    kind = change["kind"]
    named = isinstance(change.get("link"), str) or isinstance(change.get("name"), str)
    if kind in {"close", "open", "toll"} and not named:
        raise CorridorError(
            "{where}: '{kind}' needs the 'link' ID or the 'name' of the road it applies to", where=where, kind=kind
        )
    if kind == "speed" and not (named or isinstance(change.get("class"), str)):
        raise CorridorError(
            "{where}: 'speed' needs a 'link' ID, a road 'name' or a 'class' such as 'road/expressway'", where=where
        )
    for key in ("kph", "vnd", "length_km"):
        if key in change and not _positive_number(change[key]):
            raise CorridorError(
                "{where}: '{key}' must be a positive number, got {value!r}", where=where, key=key, value=change[key]
            )
    if kind == "add":
        missing = [k for k in ("id", "from", "to", "mode", "class", "length_km") if k not in change]
        if missing or change.get("mode") not in MODES:
            raise CorridorError(
                "{where}: 'add' needs id, from, to, mode ({modes}), class and length_km",
                where=where,
                modes=", ".join(MODES),
            )


def _positive_number(value: object) -> bool:
    """A finite number above 0 (TOML and JSON files can hold nan and inf, which make no speed or toll)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def apply_scenario(network: Network, scenario: Scenario) -> Network:
    links = {link.id: link for link in network.links}
    for change in scenario.changes:
        kind = change["kind"]
        if kind == "add":
            links[change["id"]] = _added_link(network, change)
            continue
        targets = _targets(links, change)
        if (change.get("link") or change.get("name")) and not targets:
            raise CorridorError(
                "Scenario '{name}': no link '{id}' in the network",
                name=scenario.name,
                id=change.get("link") or change["name"],
            )
        for link in targets:
            links[link.id] = _changed(link, change)
    return network.with_links(links.values())


def _targets(links: Mapping[str, Link], change: Mapping[str, Any]) -> list[Link]:
    """The links a change applies to: by ID, by name (every arc of a road, e.g. 'Quốc lộ 5'), or by class."""
    if change.get("link"):
        return _named(links, change["link"])
    if change.get("name"):
        return [link for link in links.values() if link.name == change["name"] and not link.serves]
    return [link for link in links.values() if f"{link.mode}/{link.link_class}" == change.get("class")]


def _named(links: Mapping[str, Link], link_id: str) -> list[Link]:
    """The link of that id, or the pieces of a linework arc split where places join it ('RA0042' -> 'RA0042.1')."""
    if link_id in links:
        return [links[link_id]]
    return [link for found, link in links.items() if found.startswith(f"{link_id}.") and link.coordinates]


def _changed(link: Link, change: Mapping[str, Any]) -> Link:
    kind = change["kind"]
    if kind == "close":
        return replace(link, status="closed", closed_year=1900)
    if kind == "open":
        return replace(link, status="open", opened_year=None, closed_year=None)
    if kind == "speed":
        return replace(link, speed_kph=float(change["kph"]))
    return replace(link, toll_vnd=float(change["vnd"]))


def _added_link(network: Network, change: Mapping[str, Any]) -> Link:
    for end in ("from", "to"):
        if change[end] not in network.nodes:
            raise CorridorError("Scenario link '{id}': no node '{node}'", id=change["id"], node=change[end])
    length_km, given_km = float(change["length_km"]), None
    straight_km = straight_line_km(network.nodes[change["from"]], network.nodes[change["to"]])
    if straight_km is not None and length_km < straight_km:  # as for the data: never shorter than the straight line
        length_km, given_km = straight_km, length_km
    return Link(
        id=str(change["id"]),
        a=str(change["from"]),
        b=str(change["to"]),
        mode=str(change["mode"]),
        link_class=str(change["class"]),
        length_km=length_km,
        sourced_km=given_km,
        length_basis=str(change.get("length_basis", "scenario")),
        name=str(change.get("name", change["id"])),
        speed_kph=float(change["kph"]) if "kph" in change else None,
        toll_vnd=float(change["vnd"]) if "vnd" in change else None,
        source=str(change.get("source", "scenario")),
    )
